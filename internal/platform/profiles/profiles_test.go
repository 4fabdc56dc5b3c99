package profiles

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/client"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
)

func TestCheck(t *testing.T) {
	cases := []struct {
		name, url string
		code      string // "" = accepted
		field     string
		wantURL   string
	}{
		{"gw", "https://api.example.ma/", "", "", "https://api.example.ma"},
		{" gw.prod_1 ", "https://api.example.ma/cnss/v", "", "", "https://api.example.ma/cnss/v"},
		{"local", "http://127.0.0.1:8787", "", "", "http://127.0.0.1:8787"},
		{"local6", "http://[::1]:8787", "", "", "http://[::1]:8787"},
		{"localhost", "http://localhost:8787", "", "", "http://localhost:8787"},
		// attacks
		{"lan", "http://192.168.1.10", client.CodeInsecureURL, "base_url", ""},
		{"lan-name", "http://gateway.local", client.CodeInsecureURL, "base_url", ""},
		{"userinfo", "https://user:pass@api.example.ma", client.CodeBadURL, "base_url", ""},
		{"userinfo-http-loop", "http://user:pass@127.0.0.1:1", client.CodeBadURL, "base_url", ""},
		{"js", "javascript:alert(1)", client.CodeBadURL, "base_url", ""},
		{"data", "data:text/html,x", client.CodeBadURL, "base_url", ""},
		{"query", "https://api.example.ma/?token=abc", client.CodeBadURL, "base_url", ""},
		{"fragment", "https://api.example.ma/#x", client.CodeBadURL, "base_url", ""},
		{"nohost", "https:///v1", client.CodeBadURL, "base_url", ""},
		{"empty", "", client.CodeBadURL, "base_url", ""},
		{"huge", "https://a.ma/" + strings.Repeat("a", MaxURL), client.CodeBadURL, "base_url", ""},
		{strings.Repeat("n", 41), "https://api.example.ma", CodeInvalidName, "name", ""},
		{strings.Repeat("n", 40), "https://api.example.ma", "", "", "https://api.example.ma"},
		{"", "https://api.example.ma", CodeInvalidName, "name", ""},
		{"a/b", "https://api.example.ma", CodeInvalidName, "name", ""},
		{"a b", "https://api.example.ma", CodeInvalidName, "name", ""},
		{"prod:x", "https://api.example.ma", CodeInvalidName, "name", ""},
		{"é", "https://api.example.ma", CodeInvalidName, "name", ""},
	}
	for _, tc := range cases {
		got, err := Check(Remote{Name: tc.name, BaseURL: tc.url})
		if tc.code == "" {
			if err != nil || got.BaseURL != tc.wantURL || got.Name != strings.TrimSpace(tc.name) {
				t.Errorf("Check(%q, %q) = %+v, %v; want URL %q", tc.name, tc.url, got, err, tc.wantURL)
			}
			continue
		}
		if i18n.Code(err) != tc.code {
			t.Errorf("Check(%q, %q) error %v (code %q); want %q", tc.name, tc.url, err, i18n.Code(err), tc.code)
			continue
		}
		ie, ok := err.(*i18n.Error)
		if !ok || ie.Field != tc.field {
			t.Errorf("Check(%q, %q): field %v; want %q", tc.name, tc.url, err, tc.field)
		}
		for _, l := range []i18n.Lang{i18n.FR, i18n.AR, i18n.EN} {
			if m := i18n.Message(err, l); m == "" || strings.Contains(m, "%!") {
				t.Errorf("Check(%q, %q): message in %s %q", tc.name, tc.url, l, m)
			}
		}
	}
}

func TestAddUpdateDeleteRoundTrip(t *testing.T) {
	dir := t.TempDir()
	if l, err := Load(dir); err != nil || len(l) != 0 {
		t.Fatalf("empty folder: %v %v", l, err)
	}
	if _, err := Add(dir, Remote{Name: "Prod", BaseURL: "https://api.example.ma/"}); err != nil {
		t.Fatal(err)
	}
	if _, err := Add(dir, Remote{Name: "alpha", BaseURL: "http://127.0.0.1:9"}); err != nil {
		t.Fatal(err)
	}
	// name clash, whatever the case
	for _, n := range []string{"Prod", "prod", "PROD", " prod "} {
		if _, err := Add(dir, Remote{Name: n, BaseURL: "https://other.example.ma"}); i18n.Code(err) != CodeDuplicate {
			t.Errorf("Add(%q) clash: %v", n, err)
		}
	}
	// a refused profile leaves the file as it was
	before, _ := os.ReadFile(filepath.Join(dir, FileName))
	if _, err := Add(dir, Remote{Name: "lan", BaseURL: "http://10.0.0.2"}); i18n.Code(err) != client.CodeInsecureURL {
		t.Errorf("lan: %v", err)
	}
	if _, err := Update(dir, Remote{Name: "Prod", BaseURL: "https://u:p@api.example.ma"}); i18n.Code(err) != client.CodeBadURL {
		t.Errorf("update with credentials: %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, FileName))
	if !bytes.Equal(before, after) {
		t.Errorf("a refused change rewrote the file")
	}
	if _, err := Update(dir, Remote{Name: "Prod", BaseURL: "https://api2.example.ma"}); err != nil {
		t.Fatal(err)
	}
	if _, err := Update(dir, Remote{Name: "missing", BaseURL: "https://api2.example.ma"}); i18n.Code(err) != CodeNotFound {
		t.Errorf("update missing: %v", err)
	}
	l, err := Load(dir)
	if err != nil || len(l) != 2 || l[0] != (Remote{"alpha", "http://127.0.0.1:9"}) || l[1] != (Remote{"Prod", "https://api2.example.ma"}) {
		t.Fatalf("Load = %+v, %v", l, err)
	}
	if u := URLs(dir); u["Prod"] != "https://api2.example.ma" || len(u) != 2 {
		t.Errorf("URLs = %v", u)
	}
	if err := Delete(dir, "Prod"); err != nil {
		t.Fatal(err)
	}
	if err := Delete(dir, "Prod"); i18n.Code(err) != CodeNotFound {
		t.Errorf("second delete: %v", err)
	}
	if l, _ := Load(dir); len(l) != 1 || l[0].Name != "alpha" {
		t.Errorf("after delete: %+v", l)
	}
	if fi, err := os.Stat(filepath.Join(dir, FileName)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode: %v %v", fi, err)
	}
}

func TestLoadRefusesTamperedFile(t *testing.T) {
	for name, content := range map[string]string{
		"insecure":  `{"remotes":[{"name":"x","base_url":"http://192.168.0.1"}]}`,
		"dup":       `{"remotes":[{"name":"x","base_url":"https://a.ma"},{"name":"X","base_url":"https://b.ma"}]}`,
		"unknown":   `{"remotes":[],"password":"secret"}`,
		"userinfo":  `{"remotes":[{"name":"x","base_url":"https://u:p@a.ma"}]}`,
		"garbage":   `{"remotes":`,
		"too large": `{"remotes":[` + strings.Repeat(" ", maxFileSize) + `]}`,
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, FileName), []byte(content), 0o600)
		if _, err := Load(dir); i18n.Code(err) != CodeDamaged {
			t.Errorf("%s: Load error %v", name, err)
		}
		if u := URLs(dir); len(u) != 0 {
			t.Errorf("%s: URLs = %v", name, u)
		}
		if _, err := Add(dir, Remote{Name: "y", BaseURL: "https://y.ma"}); i18n.Code(err) != CodeDamaged {
			t.Errorf("%s: Add over a damaged file: %v", name, err)
		}
	}
}

func TestTooMany(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < MaxRemotes; i++ {
		if _, err := Add(dir, Remote{Name: "gw" + strings.Repeat("x", i%30) + string(rune('a'+i%26)) + string(rune('a'+i/26)), BaseURL: "https://a.ma"}); err != nil {
			t.Fatal(i, err)
		}
	}
	if _, err := Add(dir, Remote{Name: "onemore", BaseURL: "https://a.ma"}); i18n.Code(err) != CodeTooMany {
		t.Errorf("over the limit: %v", err)
	}
}

// TestConnection runs the connection test against the real sandbox over
// HTTP, a closed port, HTTP servers that are not the platform, a server
// that never answers and a TLS server whose certificate is not trusted.
func TestConnection(t *testing.T) {
	srv, err := sandbox.New(sandbox.Options{Dir: t.TempDir(), Key: bytes.Repeat([]byte{7}, sandbox.KeySize), RNGSeed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	sbURL, err := srv.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()

	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte("<html>login</html>"))
	}))
	t.Cleanup(html.Close)
	otherJSON := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"status":"ok"}`))
	}))
	t.Cleanup(otherJSON.Close)
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://example.com/login", http.StatusFound)
	}))
	t.Cleanup(redirect.Close)
	hang := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(hang); slow.Close() })
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(`{"error":{"code":"token_expired","message":"x","retryable":false}}`))
	}))
	t.Cleanup(tlsSrv.Close)

	cases := []struct {
		name, url string
		want      client.Reach
	}{
		{"sandbox", sbURL, client.Reachable},
		{"sandbox trailing slash", sbURL + "/", client.Reachable},
		{"closed port", closed, client.Unreachable},
		{"html page", html.URL, client.NotPlatform},
		{"other json", otherJSON.URL, client.NotPlatform},
		{"redirect", redirect.URL, client.NotPlatform},
		{"no answer", slow.URL, client.Timeout},
		{"untrusted certificate", tlsSrv.URL, client.TLSError},
	}
	for _, tc := range cases {
		start := time.Now()
		got, err := Test(context.Background(), tc.url, 500*time.Millisecond)
		if err != nil || got != tc.want {
			t.Errorf("%s: Test(%s) = %q, %v; want %q", tc.name, tc.url, got, err, tc.want)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%s: took %v with a 500 ms timeout", tc.name, d)
		}
	}
	if _, err := Test(context.Background(), "http://10.1.2.3", time.Second); i18n.Code(err) != client.CodeInsecureURL {
		t.Errorf("LAN http: %v", err)
	}
}
