package sandbox

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/platform/api"
)

// The attacks of issue 12 on the local sandbox, each repeated here.

// A DNS-rebinding page reaches 127.0.0.1 under its own host name: refused,
// and nothing happens (no challenge, no code in the inbox).
func TestAttackDNSRebinding(t *testing.T) {
	e := start(t, Options{})
	port := e.base[strings.LastIndexByte(e.base, ':')+1:]
	for _, host := range []string{"evil.example:" + port, "evil.example", "127.0.0.1:1", "10.0.0.1:" + port, "127.0.0.1.evil.example:" + port} {
		req, _ := http.NewRequest("POST", e.base+"/v1/auth/login", strings.NewReader(`{"login":"demo","password":"demo"}`))
		req.Host = host
		req.Header.Set("Content-Type", "application/json")
		st, code := doRaw(t, req)
		if st != http.StatusBadRequest || code != api.CodeBadRequest {
			t.Errorf("Host %q: HTTP %d %s", host, st, code)
		}
	}
	if msgs := e.inbox(t, DemoLogin); len(msgs) != 0 {
		t.Fatalf("a refused login made a code: %+v", msgs)
	}
	// The sandbox's own names are served.
	for _, host := range []string{"127.0.0.1:" + port, "localhost:" + port} {
		req, _ := http.NewRequest("POST", e.base+"/v1/auth/login", strings.NewReader(`{"login":"demo","password":"demo"}`))
		req.Host = host
		req.Header.Set("Content-Type", "application/json")
		if st, code := doRaw(t, req); st != http.StatusOK {
			t.Errorf("Host %q: HTTP %d %s", host, st, code)
		}
	}
}

// A web page POSTs the demo login as text/plain (no CORS preflight), or
// with its own Origin: refused.
func TestAttackCrossSitePOST(t *testing.T) {
	e := start(t, Options{})
	body := `{"login":"demo","password":"demo"}`
	for _, tc := range []struct {
		name string
		h    map[string]string
	}{
		{"text/plain", map[string]string{"Content-Type": "text/plain;charset=UTF-8"}},
		{"form", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}},
		{"no content type", map[string]string{}},
		{"foreign Origin", map[string]string{"Content-Type": "application/json", "Origin": "https://evil.example"}},
		{"null Origin", map[string]string{"Content-Type": "application/json", "Origin": "null"}},
		{"cross-site fetch", map[string]string{"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"}},
	} {
		req, _ := http.NewRequest("POST", e.base+"/v1/auth/login", strings.NewReader(body))
		req.Header.Del("Content-Type")
		for k, v := range tc.h {
			req.Header.Set(k, v)
		}
		if st, code := doRaw(t, req); st != http.StatusBadRequest || code != api.CodeBadRequest {
			t.Errorf("%s: HTTP %d %s", tc.name, st, code)
		}
	}
	if msgs := e.inbox(t, DemoLogin); len(msgs) != 0 {
		t.Fatalf("a refused login made a code: %+v", msgs)
	}
	// A GET from a page (an <img>, a fetch) carrying its Origin: refused too.
	req, _ := http.NewRequest("GET", e.base+"/v1/affiliations", nil)
	req.Header.Set("Origin", "https://evil.example")
	if st, _ := doRaw(t, req); st != http.StatusBadRequest {
		t.Errorf("GET with a foreign Origin: HTTP %d", st)
	}
	// The sandbox's own origin is fine (same-origin requests carry it).
	req, _ = http.NewRequest("POST", e.base+"/v1/auth/login", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("Origin", e.base)
	if st, code := doRaw(t, req); st != http.StatusOK {
		t.Errorf("same origin: HTTP %d %s", st, code)
	}
}

// The inbox is not readable without the token given at start, and not at
// all over HTTP when no token is set (the embedded sandbox).
func TestAttackInboxUnauthenticated(t *testing.T) {
	e := start(t, Options{})
	if _, err := e.c.Login(context.Background(), DemoLogin, DemoPassword); err != nil {
		t.Fatal(err)
	}
	u := e.base + "/sandbox/v1/inbox?login=" + url.QueryEscape(DemoLogin)
	for _, authz := range []string{"", "Bearer ", "Bearer wrong", "Basic " + testInboxToken, "Bearer " + testInboxToken + "x"} {
		req, _ := http.NewRequest("GET", u, nil)
		if authz != "" {
			req.Header.Set("Authorization", authz)
		}
		if st, code := doRaw(t, req); st != http.StatusUnauthorized || code != api.CodeTokenExpired {
			t.Errorf("Authorization %q: HTTP %d %s", authz, st, code)
		}
	}
	if len(e.inbox(t, DemoLogin)) != 1 {
		t.Fatal("the token does not open the inbox")
	}

	srv, err := New(Options{Dir: t.TempDir(), Key: testKey, RNGSeed: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	base, err := srv.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	for _, authz := range []string{"", "Bearer ", "Bearer " + testInboxToken} {
		req, _ := http.NewRequest("GET", base+"/sandbox/v1/inbox?login=demo", nil)
		if authz != "" {
			req.Header.Set("Authorization", authz)
		}
		if st, code := doRaw(t, req); st != http.StatusNotFound || code != api.CodeNotFound {
			t.Errorf("embedded, Authorization %q: HTTP %d %s", authz, st, code)
		}
	}
}

// 100 sockets announce 20 MiB deposits (with a valid session: the worst
// case) and send nothing: the process's live memory must not grow with the
// lengths announced (it grew by 2 GB).
func TestAttackSlowBodyFlood(t *testing.T) {
	e := start(t, Options{})
	e.login(t, DemoLogin, DemoPassword)
	tok := e.c.Token()
	addr := strings.TrimPrefix(e.base, "http://")
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	before := heap()
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for i := 0; i < 100; i++ {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		fmt.Fprintf(c, "POST /v1/affiliations/%s/periods/%s/declarations?kind=principal HTTP/1.1\r\nHost: %s\r\n"+
			"Authorization: Bearer %s\r\nIdempotency-Key: %s\r\nContent-SHA256: %064x\r\nContent-Type: text/plain\r\n"+
			"Content-Length: %d\r\n\r\nB", affDemo, testPeriod, addr, tok, newKey(), i, api.MaxDepositSize)
	}
	// Let the server take in every connection it will.
	time.Sleep(500 * time.Millisecond)
	grown := int64(heap()) - int64(before)
	t.Logf("live heap growth with 100 slow 20 MiB bodies: %.1f MiB", float64(grown)/(1<<20))
	if grown > 40<<20 {
		t.Fatalf("live heap grew by %d MiB", grown>>20)
	}
	// A body announced larger than the limit is refused before reading.
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, old := range conns {
		old.Close()
	}
	conns = nil
	fmt.Fprintf(c, "POST /v1/affiliations/%s/periods/%s/declarations?kind=principal HTTP/1.1\r\nHost: %s\r\n"+
		"Authorization: Bearer %s\r\nIdempotency-Key: %s\r\nContent-SHA256: %064x\r\n"+
		"Content-Length: %d\r\n\r\n", affDemo, testPeriod, addr, tok, newKey(), 1, 1<<40)
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("1 TiB announced: HTTP %d", resp.StatusCode)
	}
}

func doRaw(t testing.TB, req *http.Request) (int, api.Code) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 300 {
		return resp.StatusCode, ""
	}
	var eb api.ErrorBody
	_ = json.NewDecoder(resp.Body).Decode(&eb)
	return resp.StatusCode, eb.Error.Code
}
