package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/api"
)

func TestNewURLPolicy(t *testing.T) {
	for _, tc := range []struct {
		url  string
		code string
	}{
		{"https://api.example.ma", ""},
		{"https://api.example.ma/gateway/", ""},
		{"http://127.0.0.1:8787", ""},
		{"http://127.9.9.9:1", ""},
		{"http://[::1]:8787", ""},
		{"http://localhost:8787", ""},
		{"http://LOCALHOST", ""},
		{"http://api.example.ma", CodeInsecureURL},
		{"http://192.168.1.10:8787", CodeInsecureURL},
		{"http://localhost.example.ma", CodeInsecureURL},
		{"http://[::2]:80", CodeInsecureURL},
		{"ftp://api.example.ma", CodeBadURL},
		{"api.example.ma", CodeBadURL},
		{"https://", CodeBadURL},
		{"https://user:pw@api.example.ma", CodeBadURL},
		{"https://api.example.ma/?x=1", CodeBadURL},
		{"https://api.example.ma/#x", CodeBadURL},
		{"://", CodeBadURL},
	} {
		_, err := New(tc.url, Options{})
		if got := i18n.Code(err); got != tc.code {
			t.Errorf("New(%q): code %q, want %q (%v)", tc.url, got, tc.code, err)
		}
		if err != nil {
			for _, l := range i18n.Langs {
				if m := i18n.Message(err, l); m == "" || strings.Contains(m, "%!") {
					t.Errorf("New(%q) message in %s: %q", tc.url, l, m)
				}
			}
		}
	}
}

func newTest(t *testing.T, h http.HandlerFunc) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := New(srv.URL, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestErrorAnswers(t *testing.T) {
	for _, tc := range []struct {
		name       string
		status     int
		retryAfter string
		body       string
		code       api.Code
		retryable  bool
		after      time.Duration
	}{
		{"json 401", 401, "", `{"error":{"code":"invalid_credentials","message":"bad","retryable":false}}`, api.CodeInvalidCredentials, false, 0},
		{"json 429", 429, "30", `{"error":{"code":"too_many_attempts","message":"slow down","retryable":true}}`, api.CodeTooManyAttempts, true, 30 * time.Second},
		{"json 503", 503, "12", `{"error":{"code":"maintenance","message":"m","retryable":true}}`, api.CodeMaintenance, true, 12 * time.Second},
		{"garbage 500", 500, "", `<html>oops</html>`, api.CodeInternal, true, 0},
		{"garbage 502", 502, "", ``, api.CodeInternal, true, 0},
		{"garbage 503 retry-after", 503, "5", `down`, api.CodeMaintenance, true, 5 * time.Second},
		{"garbage 401", 401, "", `nope`, api.CodeTokenExpired, false, 0},
		{"garbage 404", 404, "", `{}`, api.CodeNotFound, false, 0},
		{"unknown field", 409, "", `{"error":{"code":"already_declared","message":"x","retryable":false,"extra":1}}`, api.CodeBadRequest, false, 0},
		{"trailing data", 409, "", `{"error":{"code":"already_declared"}} {}`, api.CodeBadRequest, false, 0},
		{"bad code chars", 400, "", `{"error":{"code":"<script>"}}`, api.CodeBadRequest, false, 0},
		{"5xx body says not retryable", 500, "", `{"error":{"code":"internal","retryable":false}}`, api.CodeInternal, true, 0},
		{"huge body", 500, "", `{"error":{"code":"internal","message":"` + strings.Repeat("x", 100<<10) + `"}}`, api.CodeInternal, true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newTest(t, func(w http.ResponseWriter, r *http.Request) {
				if tc.retryAfter != "" {
					w.Header().Set("Retry-After", tc.retryAfter)
				}
				w.WriteHeader(tc.status)
				io.WriteString(w, tc.body)
			})
			_, err := c.Affiliations(context.Background())
			var e *api.Error
			if !errors.As(err, &e) {
				t.Fatalf("err %T %v", err, err)
			}
			if e.Code != tc.code || e.Status != tc.status || e.Retryable != tc.retryable || e.RetryAfter != tc.after {
				t.Fatalf("got %+v", e)
			}
			if api.IsRetryable(err) != tc.retryable || api.RetryAfter(err) != tc.after {
				t.Fatal("helpers disagree")
			}
		})
	}
}

func TestNetworkAndCancel(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there any more: connection refused
	c, _ := New("http://"+addr, Options{})
	_, err = c.Affiliations(context.Background())
	if api.CodeOf(err) != api.CodeNetwork || !api.IsRetryable(err) {
		t.Fatalf("refused: %v", err)
	}

	block := make(chan struct{})
	defer close(block)
	slow := newTest(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	_, err = slow.Affiliations(ctx)
	if api.CodeOf(err) != api.CodeCanceled || api.IsRetryable(err) || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancel: %v", err)
	}
	slow.opt.CallTimeout = 30 * time.Millisecond
	_, err = slow.Affiliations(context.Background())
	if api.CodeOf(err) != api.CodeNetwork || !api.IsRetryable(err) {
		t.Fatalf("call timeout: %v", err)
	}
}

func TestDropAfterHeaders(t *testing.T) {
	// The server commits and then dies mid-answer: a network error, retryable.
	c := newTest(t, func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		io.WriteString(conn, "HTTP/1.1 202 Accepted\r\nContent-Length: 100\r\n\r\n{\"depo")
		conn.Close()
	})
	_, err := c.Deposit(context.Background(), "1234567", domain.NewPeriod(2026, 1), api.KindPrincipal, 0, "k", []byte("x"))
	if api.CodeOf(err) != api.CodeNetwork || !api.IsRetryable(err) {
		t.Fatalf("%v", err)
	}
}

func TestDepositRequestAndToken(t *testing.T) {
	body := []byte("B00...\n")
	sum := sha256.Sum256(body)
	digest := hex.EncodeToString(sum[:])
	var calls atomic.Int32
	var lie atomic.Bool
	c := newTest(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		switch r.URL.Path {
		case "/v1/auth/otp":
			io.WriteString(w, `{"access_token":"tok-123","expires_in":900,"affiliations":[]}`)
		case "/v1/affiliations/1234567/periods/202601/declarations":
			got, _ := io.ReadAll(r.Body)
			if r.Method != http.MethodPost || string(got) != string(body) ||
				r.Header.Get(api.HeaderContentSHA256) != digest || r.Header.Get(api.HeaderIdempotencyKey) != "key-1" ||
				r.Header.Get("Authorization") != "Bearer tok-123" ||
				r.URL.Query().Get("kind") != "complementary" || r.URL.Query().Get("sequence") != "2" {
				w.WriteHeader(400)
				return
			}
			d := digest
			if lie.Load() {
				d = strings.Repeat("0", 64)
			}
			w.WriteHeader(202)
			io.WriteString(w, `{"deposit_id":"d1","status":"received","received_at":"2026-02-03T09:30:00Z","sha256":"`+d+`","future_field":1}`)
		case "/v1/affiliations/1234567/periods/202601/preetabli":
			io.WriteString(w, strings.Repeat("A", 300))
		default:
			w.WriteHeader(404)
		}
	})
	if _, err := c.VerifyOTP(context.Background(), "ch", "123456"); err != nil || c.Token() != "tok-123" {
		t.Fatalf("otp: %v %q", err, c.Token())
	}
	per := domain.NewPeriod(2026, 1)
	rec, err := c.Deposit(context.Background(), "1234567", per, api.KindComplementary, 2, "key-1", body)
	if err != nil || rec.DepositID != "d1" || rec.Status != api.StatusReceived {
		t.Fatalf("deposit: %+v %v", rec, err)
	}
	lie.Store(true)
	if _, err := c.Deposit(context.Background(), "1234567", per, api.KindComplementary, 2, "key-1", body); api.CodeOf(err) != api.CodeBadResponse {
		t.Fatalf("acknowledged digest not checked: %v", err)
	}
	n := calls.Load()
	for _, bad := range []func() error{
		func() error {
			_, err := c.Deposit(context.Background(), "1234567", per, "final", 0, "k", body)
			return err
		},
		func() error {
			_, err := c.Deposit(context.Background(), "1234567", per, api.KindPrincipal, 10, "k", body)
			return err
		},
		func() error {
			_, err := c.Deposit(context.Background(), "1234567", per, api.KindPrincipal, 0, "", body)
			return err
		},
		func() error {
			_, err := c.Deposit(context.Background(), "12/34567", per, api.KindPrincipal, 0, "k", body)
			return err
		},
		func() error { _, err := c.GetDeposit(context.Background(), ""); return err },
	} {
		if err := bad(); i18n.Code(err) != CodeBadArgument {
			t.Errorf("bad argument: %v", err)
		}
	}
	if calls.Load() != n {
		t.Fatal("a bad argument reached the network")
	}
	c.opt.MaxPreetabli = 100
	if _, err := c.Preetabli(context.Background(), "1234567", per); api.CodeOf(err) != api.CodeBadResponse {
		t.Fatalf("size limit: %v", err)
	}
	c.SetToken("")
	if c.Token() != "" {
		t.Fatal("SetToken")
	}
}

func TestNoRedirect(t *testing.T) {
	var leaked atomic.Bool
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { leaked.Store(true) }))
	defer other.Close()
	c := newTest(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/steal", http.StatusTemporaryRedirect)
	})
	c.SetToken("secret")
	if _, err := c.Affiliations(context.Background()); err == nil || leaked.Load() {
		t.Fatalf("redirect followed: %v", err)
	}
}
