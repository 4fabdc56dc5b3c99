package objstore_test

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/firm/objstore"
	"github.com/tasrih/tasrih/internal/firm/s3test"
)

// lax is a tiny S3 server over HTTP that stores objects but ignores
// If-None-Match and If-Match, as some NAS S3 servers do.
type lax struct {
	mu          sync.Mutex
	objs        map[string][]byte
	conditional bool // seen a conditional header
}

func (l *lax) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Match") != "" {
		l.conditional = true
	}
	switch r.Method {
	case http.MethodPut:
		b, _ := io.ReadAll(r.Body)
		if strings.HasPrefix(r.Header.Get("X-Amz-Content-Sha256"), "STREAMING-") {
			b = unchunk(b)
		}
		l.objs[r.URL.Path] = b
		h := md5.Sum(b)
		w.Header().Set("ETag", `"`+hex.EncodeToString(h[:])+`"`)
	case http.MethodGet, http.MethodHead:
		b, ok := l.objs[r.URL.Path]
		if !ok {
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>no</Message></Error>`)
			return
		}
		h := md5.Sum(b)
		w.Header().Set("ETag", `"`+hex.EncodeToString(h[:])+`"`)
		w.Header().Set("Last-Modified", time.Now().UTC().Format(http.TimeFormat))
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", strings.TrimSpace(itoa(len(b))))
		if r.Method == http.MethodGet {
			w.Write(b)
		}
	case http.MethodDelete:
		delete(l.objs, r.URL.Path)
		w.WriteHeader(http.StatusNoContent)
	default:
		w.WriteHeader(http.StatusNotImplemented)
	}
}

// unchunk decodes an aws-chunked body (size;chunk-signature=…\r\ndata\r\n…).
func unchunk(b []byte) []byte {
	var out []byte
	for len(b) > 0 {
		line, rest, ok := strings.Cut(string(b), "\r\n")
		if !ok {
			break
		}
		size, _, _ := strings.Cut(line, ";")
		n, err := strconv.ParseInt(size, 16, 64)
		if err != nil || n == 0 || int(n) > len(rest) {
			break
		}
		out = append(out, rest[:n]...)
		b = []byte(strings.TrimPrefix(rest[n:], "\r\n"))
	}
	return out
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

func TestCheckConditionalRefusesALaxServer(t *testing.T) {
	srv := &lax{objs: map[string][]byte{}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	st, err := objstore.Open(objstore.Config{Endpoint: ts.URL, Bucket: "firm-bucket", AccessKey: "a", SecretKey: "s"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	// The fake works as a plain store...
	if _, err := st.Put(ctx, "k", []byte("v"), objstore.Cond{}); err != nil {
		t.Fatalf("put: %v", err)
	}
	if b, _, err := st.Get(ctx, "k"); err != nil || string(b) != "v" {
		t.Fatalf("get: %q %v", b, err)
	}
	// ...but ignores the conditions: refused.
	err = objstore.CheckConditional(ctx, st, "f/")
	if !errors.Is(err, objstore.ErrNoConditionalWrites) {
		t.Fatalf("CheckConditional on a lax server = %v, want ErrNoConditionalWrites", err)
	}
	if !srv.conditional {
		t.Fatal("the client never sent a conditional header")
	}
}

func TestCheckConditionalMem(t *testing.T) {
	ctx := context.Background()
	if err := objstore.CheckConditional(ctx, objstore.NewMem(), "f/"); err != nil {
		t.Fatalf("honouring store refused: %v", err)
	}
	m := objstore.NewMem()
	m.IgnoreConditions = true
	if err := objstore.CheckConditional(ctx, m, "f/"); !errors.Is(err, objstore.ErrNoConditionalWrites) {
		t.Fatalf("lax store: %v", err)
	}
}

// The real server: conditional writes, listing after a key, not found.
func TestS3Real(t *testing.T) {
	srv := s3test.Require(t)
	st, _ := srv.NewBucket(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := objstore.CheckConditional(ctx, st, "f/"); err != nil {
		t.Fatalf("SeaweedFS refused: %v", err)
	}
	if _, _, err := st.Get(ctx, "nope"); !errors.Is(err, objstore.ErrNotFound) {
		t.Fatalf("get missing: %v", err)
	}
	e1, err := st.Put(ctx, "p/a", []byte("1"), objstore.Cond{IfAbsent: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Put(ctx, "p/a", []byte("2"), objstore.Cond{IfAbsent: true}); !errors.Is(err, objstore.ErrPrecondition) {
		t.Fatalf("second create: %v", err)
	}
	e2, err := st.Put(ctx, "p/a", []byte("3"), objstore.Cond{IfMatch: e1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Put(ctx, "p/a", []byte("4"), objstore.Cond{IfMatch: e1}); !errors.Is(err, objstore.ErrPrecondition) {
		t.Fatalf("stale If-Match: %v", err)
	}
	b, etag, err := st.Get(ctx, "p/a")
	if err != nil || string(b) != "3" || strings.Trim(etag, `"`) != strings.Trim(e2, `"`) {
		t.Fatalf("get = %q %q %v, want 3 %q", b, etag, err, e2)
	}
	for _, k := range []string{"p/b", "p/c", "q/a"} {
		if _, err := st.Put(ctx, k, []byte(k), objstore.Cond{}); err != nil {
			t.Fatal(err)
		}
	}
	keys, err := st.List(ctx, "p/", "p/a")
	if err != nil || strings.Join(keys, ",") != "p/b,p/c" {
		t.Fatalf("list after p/a = %v %v", keys, err)
	}
}
