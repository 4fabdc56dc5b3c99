package desktop

import (
	"context"
	"net/http"
	"regexp"
	"testing"

	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/client"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
)

// The embedded sandbox (no seed given, as in the app): per-install
// credentials, not demo/demo; no HTTP inbox; the app reads its codes
// in-process; the same credentials after lock and unlock.
func TestEmbeddedSandboxCredentials(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.SandboxSeed = nil })
	if _, err := e.core.Create(testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	var login, password string
	e.session(t, func(s *Session) {
		if s.Sandbox == nil {
			t.Fatal("embedded sandbox not running")
		}
		login, password = s.SandboxLogin, s.SandboxPassword
		if login != sandbox.DemoLogin || password == sandbox.DemoPassword ||
			!regexp.MustCompile(`^[a-z2-7]{4}(-[a-z2-7]{4}){3}$`).MatchString(password) {
			t.Fatalf("credentials %q / (%d characters)", login, len(password))
		}
		var prof *Profile
		for _, p := range s.Profiles(true) {
			if p.Kind == "sandbox" {
				prof = &p
			}
		}
		if prof == nil || prof.DemoLogin != login || prof.DemoPassword != password {
			t.Fatalf("the login dialog is not given the credentials: %+v", prof)
		}
		ctx := context.Background()
		cl, err := client.New(s.SandboxURL, client.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cl.Login(ctx, sandbox.DemoLogin, sandbox.DemoPassword); api.CodeOf(err) != api.CodeInvalidCredentials {
			t.Fatalf("demo/demo: %v", err)
		}
		ch, err := cl.Login(ctx, login, password)
		if err != nil {
			t.Fatal(err)
		}
		// The HTTP inbox is off, whatever the Authorization.
		for _, authz := range []string{"", "Bearer x"} {
			req, _ := http.NewRequest("GET", s.SandboxURL+"/sandbox/v1/inbox?login="+login, nil)
			if authz != "" {
				req.Header.Set("Authorization", authz)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotFound {
				t.Fatalf("HTTP inbox: %d", resp.StatusCode)
			}
		}
		// In-process, the live code is there.
		msgs, err := s.SandboxInbox(login)
		if err != nil || len(msgs) != 1 || msgs[0].ChallengeID != ch.ChallengeID {
			t.Fatalf("inbox %d messages, %v", len(msgs), err)
		}
		// The préétabli helper of the e2e logs in with the same account.
		if _, err := s.SandboxPreetabli(ctx, "1234567", testPeriod()); err != nil {
			t.Fatal(err)
		}
	})
	if err := e.core.Lock(ReasonUser); err != nil {
		t.Fatal(err)
	}
	if err := e.core.UnlockPassphrase(testPassphrase); err != nil {
		t.Fatal(err)
	}
	e.session(t, func(s *Session) {
		if s.SandboxLogin != login || s.SandboxPassword != password {
			t.Fatal("the credentials changed after lock and unlock")
		}
	})
}
