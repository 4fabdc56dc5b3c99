package sandbox

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/platform/api"
)

// TestGarbageRequests sends malformed calls over real HTTP: each gets a
// strict JSON error with the right code, none panics or changes anything.
func TestGarbageRequests(t *testing.T) {
	e := start(t, Options{})
	e.login(t, DemoLogin, DemoPassword)
	tok := e.c.Token()
	auth := http.Header{"Authorization": {"Bearer " + tok}}
	body := []byte("B00 not a declaration\n")
	sum := sha256.Sum256(body)
	digest := hex.EncodeToString(sum[:])
	dep := func(q string, h map[string]string) (http.Header, string) {
		hh := http.Header{}
		hh.Set("Authorization", "Bearer "+tok)
		hh.Set(api.HeaderIdempotencyKey, newKey())
		hh.Set(api.HeaderContentSHA256, digest)
		for k, v := range h {
			if v == "" {
				hh.Del(k)
			} else {
				hh.Set(k, v)
			}
		}
		return hh, e.base + "/v1/affiliations/" + affDemo + "/periods/202602/declarations" + q
	}
	big := bytes.Repeat([]byte("x"), api.MaxDepositSize+1)
	bigSum := sha256.Sum256(big)
	for _, tc := range []struct {
		name, method, url string
		h                 http.Header
		body              []byte
		code              api.Code
	}{
		{"login not JSON", "POST", "/v1/auth/login", nil, []byte("login=demo"), api.CodeBadRequest},
		{"login unknown field", "POST", "/v1/auth/login", nil, []byte(`{"login":"demo","password":"demo","otp":"1"}`), api.CodeBadRequest},
		{"login trailing", "POST", "/v1/auth/login", nil, []byte(`{"login":"demo","password":"demo"}{}`), api.CodeBadRequest},
		{"login wrong types", "POST", "/v1/auth/login", nil, []byte(`{"login":1,"password":true}`), api.CodeBadRequest},
		{"login empty", "POST", "/v1/auth/login", nil, []byte(`{}`), api.CodeBadRequest},
		{"login huge", "POST", "/v1/auth/login", nil, []byte(`{"login":"` + strings.Repeat("a", 70<<10) + `"}`), api.CodeBadRequest},
		{"login null", "POST", "/v1/auth/login", nil, []byte(`null`), api.CodeBadRequest},
		{"otp empty", "POST", "/v1/auth/otp", nil, []byte(`{"challenge_id":"","code":""}`), api.CodeBadRequest},
		{"otp unknown challenge", "POST", "/v1/auth/otp", nil, []byte(`{"challenge_id":"x","code":"123456"}`), api.CodeChallengeExpired},
		{"wrong method", "GET", "/v1/auth/login", nil, nil, api.CodeNotFound},
		{"unknown path", "GET", "/v2/affiliations", nil, nil, api.CodeNotFound},
		{"bad bearer", "GET", "/v1/affiliations", http.Header{"Authorization": {"Basic xxx"}}, nil, api.CodeTokenExpired},
		{"bad period", "GET", "/v1/affiliations/" + affDemo + "/periods/2026-2/preetabli", auth, nil, api.CodeBadRequest},
		{"month 13", "GET", "/v1/affiliations/" + affDemo + "/periods/202613/preetabli", auth, nil, api.CodeBadRequest},
		{"list bad period", "GET", "/v1/affiliations/" + affDemo + "/deposits?period=x", auth, nil, api.CodeBadRequest},
		{"inbox without login", "GET", "/sandbox/v1/inbox", http.Header{"Authorization": {"Bearer " + testInboxToken}}, nil, api.CodeBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if st, code, _ := rawCall(t, tc.method, e.base+tc.url, tc.h, tc.body); code != tc.code {
				t.Fatalf("HTTP %d %s, want %s", st, code, tc.code)
			}
		})
	}
	for _, tc := range []struct {
		name, q string
		h       map[string]string
		body    []byte
		code    api.Code
	}{
		{"no kind", "", nil, body, api.CodeBadRequest},
		{"bad kind", "?kind=final", nil, body, api.CodeBadRequest},
		{"principal with sequence", "?kind=principal&sequence=1", nil, body, api.CodeBadRequest},
		{"complementary 0", "?kind=complementary&sequence=0", nil, body, api.CodeBadRequest},
		{"complementary 10", "?kind=complementary&sequence=10", nil, body, api.CodeBadRequest},
		{"sequence text", "?kind=complementary&sequence=x", nil, body, api.CodeBadRequest},
		{"no key", "?kind=principal", map[string]string{api.HeaderIdempotencyKey: ""}, body, api.CodeBadRequest},
		{"key not a UUID", "?kind=principal", map[string]string{api.HeaderIdempotencyKey: "12345"}, body, api.CodeBadRequest},
		{"no digest", "?kind=principal", map[string]string{api.HeaderContentSHA256: ""}, body, api.CodeBadRequest},
		{"digest not hex", "?kind=principal", map[string]string{api.HeaderContentSHA256: strings.Repeat("z", 64)}, body, api.CodeBadRequest},
		{"digest mismatch", "?kind=principal", map[string]string{api.HeaderContentSHA256: strings.Repeat("0", 64)}, body, api.CodeDigestMismatch},
		{"empty body", "?kind=principal", map[string]string{api.HeaderContentSHA256: hex.EncodeToString(func() []byte { s := sha256.Sum256(nil); return s[:] }())}, nil, api.CodeBadRequest},
		{"too large", "?kind=principal", map[string]string{api.HeaderContentSHA256: hex.EncodeToString(bigSum[:])}, big, api.CodeTooLarge},
	} {
		t.Run("deposit "+tc.name, func(t *testing.T) {
			h, u := dep(tc.q, tc.h)
			if st, code, _ := rawCall(t, "POST", u, h, tc.body); code != tc.code {
				t.Fatalf("HTTP %d %s, want %s", st, code, tc.code)
			}
		})
	}
	// too_large through the client, chunked (no Content-Length) too.
	if _, err := e.c.Deposit(context.Background(), affDemo, testPeriod, api.KindPrincipal, 0, newKey(), big); api.CodeOf(err) != api.CodeTooLarge {
		t.Fatalf("client too large: %v", err)
	}
	h, u := dep("?kind=principal", map[string]string{api.HeaderContentSHA256: hex.EncodeToString(bigSum[:])})
	req, _ := http.NewRequest("POST", u, struct{ *bytes.Reader }{bytes.NewReader(big)}) // hides the length
	req.Header = h
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("chunked too large: %d", resp.StatusCode)
	}
	if list, _ := e.c.ListDeposits(context.Background(), affDemo, testPeriod); len(list) != 0 {
		t.Fatalf("garbage made %d deposits", len(list))
	}
}

// FuzzHandler throws arbitrary calls at the handler: it never panics, and
// every non-2xx answer is a strict error body with a code of the contract.
func FuzzHandler(f *testing.F) {
	f.Add("POST", "/v1/auth/login", "", []byte(`{"login":"demo","password":"demo"}`))
	f.Add("POST", "/v1/auth/otp", "", []byte(`{"challenge_id":"00000000-0000-0000-0000-000000000000","code":"123456"}`))
	f.Add("GET", "/v1/affiliations/1234567/periods/202602/preetabli", "Bearer x", []byte(nil))
	f.Add("POST", "/v1/affiliations/1234567/periods/202602/declarations?kind=principal&sequence=0", "Bearer x", []byte("B00"))
	f.Add("GET", "/v1/deposits/../../etc/passwd", "", []byte(nil))
	f.Add("GET", "/sandbox/v1/inbox?login=demo", "", []byte(nil))
	f.Add("POST", "/v1/auth/login", "", []byte(`{"login":"\u0000","password":"\ud800"}`))
	srv, err := New(Options{Dir: f.TempDir(), Key: testKey, RNGSeed: 1})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { srv.Close() })
	h := srv.Handler()
	f.Fuzz(func(t *testing.T, method, target, authz string, body []byte) {
		if len(body) > 1<<16 {
			return
		}
		req, err := http.NewRequest(method, "http://127.0.0.1:8787"+target, bytes.NewReader(body))
		if err != nil {
			return
		}
		req.Header.Set("Content-Type", "application/json")
		if authz != "" {
			req.Header.Set("Authorization", authz)
		}
		rr := httptest.NewRecorder()
		h.ServeHTTP(rr, req)
		if rr.Code >= 200 && rr.Code < 300 {
			return
		}
		var eb api.ErrorBody
		dec := json.NewDecoder(rr.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&eb); err != nil {
			t.Fatalf("%s %q: HTTP %d without a JSON error body", method, target, rr.Code)
		}
		if eb.Error.Code.HTTPStatus() != rr.Code {
			t.Fatalf("%s %q: code %q with HTTP %d", method, target, eb.Error.Code, rr.Code)
		}
	})
}

// FuzzParseSeed: the seed parser never panics, and a seed it accepts is
// consistent (every mandate names a known employer).
func FuzzParseSeed(f *testing.F) {
	for _, s := range []string{
		`{"version":1,"employers":[{"affiliation":"1234567","name":"X"}],"accounts":[{"login":"a","password":"p","otp_channel":"sms","otp_destination":"0600","mandates":[{"affiliation":"1234567","role":"employer"}]}]}`,
		`{"version":1,"processing_delay":"1s","token_ttl":"1m","employers":[],"accounts":[]}`,
		`{"version":1,"employers":[{"affiliation":"1234567","name":"X","employees":50001}]}`,
		`{"version":1,"employers":[{"affiliation":"1234567","name":"X"}],"accounts":[{"login":"a","password":"p","otp_channel":"email","otp_destination":"a@b"}],"preetablis":[{"affiliation":"1234567","period":"202601","text":"A00"}]}`,
		`{`, `null`, `{"version":1e400}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSeed(data, "")
		if err != nil {
			return
		}
		emps := map[string]bool{}
		for _, e := range s.Employers {
			emps[e.Affiliation] = true
		}
		for _, a := range s.Accounts {
			for _, m := range a.Mandates {
				if !emps[m.Affiliation] || !m.Role.Valid() {
					t.Fatalf("inconsistent seed accepted: %+v", a)
				}
			}
		}
	})
}
