package sandbox

import (
	"mime"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tasrih/tasrih/internal/platform/api"
)

// Bounds of the HTTP server (the sandbox must not be a door: see the package
// doc, "Local attack surface").
const (
	// MaxConnections bounds the connections served at once; further ones
	// wait in the kernel's backlog.
	MaxConnections = 32
	// MaxBodyReaders bounds the deposits whose body is being read at once:
	// with the 20 MiB limit, at most 80 MiB of bodies in memory.
	MaxBodyReaders = 4
	// HeaderTimeout bounds the reading of a request's headers, BodyTimeout
	// the reading of the whole request (a 20 MiB body on loopback takes
	// milliseconds).
	HeaderTimeout = 5 * time.Second
	BodyTimeout   = 30 * time.Second
	// maxHeaderBytes bounds a request's headers.
	maxHeaderBytes = 16 << 10
	// bodyWait: how long a deposit waits for a body-reading slot before 503.
	bodyWait = 10 * time.Second
)

// guard refuses (400 bad_request, or 413 too_large) what a web page or another local program could send to a
// loopback server:
//
//   - a Host that is not the loopback address and port the connection came
//     in on (127.0.0.1:P, [::1]:P or localhost:P): a DNS-rebinding page
//     reaches 127.0.0.1 under its own host name;
//   - an Origin header other than the sandbox's own (a cross-site fetch),
//     and Sec-Fetch-Site: cross-site;
//   - a POST to a JSON call without Content-Type application/json (a
//     cross-site form or text/plain POST needs no preflight);
//   - a body announced larger than the call accepts, before reading it.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hostAllowed(r) {
			writeError(w, badRequest("Host refused: call the sandbox at the loopback address it listens on"))
			return
		}
		if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
			writeError(w, badRequest("Origin refused: the sandbox answers no web page"))
			return
		}
		if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
			writeError(w, badRequest("cross-site request refused"))
			return
		}
		if r.Method == http.MethodPost && jsonCall(r.URL.Path) {
			if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
				writeError(w, badRequest("Content-Type: application/json is required"))
				return
			}
			if r.ContentLength > maxJSONBody {
				writeError(w, badRequest("JSON body larger than 64 KiB"))
				return
			}
		}
		if r.ContentLength > api.MaxDepositSize {
			writeError(w, api.New(api.CodeTooLarge, "body larger than 20 MiB"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// jsonCall reports whether path is a call whose body is JSON.
func jsonCall(path string) bool {
	return strings.HasPrefix(path, "/v1/auth/")
}

// hostAllowed reports whether the Host of r names the loopback address and
// port the request came in on. Without a local address (a handler mounted
// outside an http.Server), only loopback hosts are accepted.
func hostAllowed(r *http.Request) bool {
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil {
		return false
	}
	var local netip.AddrPort
	if a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if ap, err := netip.ParseAddrPort(a.String()); err == nil {
			local = ap
		}
	}
	if local.IsValid() && port != strconv.Itoa(int(local.Port())) {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !ip.IsLoopback() {
		return false
	}
	return !local.IsValid() || ip.Unmap() == local.Addr().Unmap()
}

// limitListener accepts at most n connections at once.
type limitListener struct {
	net.Listener
	sem chan struct{}
}

func newLimitListener(l net.Listener, n int) net.Listener {
	return &limitListener{Listener: l, sem: make(chan struct{}, n)}
}

func (l *limitListener) Accept() (net.Conn, error) {
	l.sem <- struct{}{}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.sem
		return nil, err
	}
	return &limitConn{Conn: c, release: func() { <-l.sem }}, nil
}

type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
