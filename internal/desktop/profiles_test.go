package desktop

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/client"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/platform/profiles"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
)

// TestRemoteProfileFromSettings: a remote profile saved while the app is
// unlocked is used at once by the outbox (here pointing to the embedded
// sandbox over loopback HTTP), the login through it keeps the password in
// the keyring, Settings lists the login with its presence (never the
// password), "forget" removes it, a keyring that does not answer gives
// "unknown", and a profile in use cannot be deleted.
func TestRemoteProfileFromSettings(t *testing.T) {
	e := newEnv(t)
	if _, err := e.core.Create(testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	prod := domain.RemoteProfile("prod")
	e.session(t, func(s *Session) {
		// Before it is saved, the profile has no address.
		if _, err := s.Outbox.Client(prod); i18n.Code(err) != outbox.CodeNoEndpoint {
			t.Fatalf("unsaved profile dialed: %v", err)
		}
		if _, err := profiles.Add(e.dir, profiles.Remote{Name: "prod", BaseURL: s.SandboxURL + "/"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Store.Employers().Create(domain.Employer{Affiliation: "1234567", Name: "Atlas Démo SARL", PlatformProfile: prod}); err != nil {
			t.Fatal(err)
		}
		c, err := s.Outbox.Client(prod)
		if err != nil || c.(*client.Client).BaseURL() != s.SandboxURL {
			t.Fatalf("outbox client of remote:prod: %v", err)
		}
		var found bool
		for _, p := range s.Profiles(false) {
			if p.ID == prod {
				found = p.Available && p.BaseURL == s.SandboxURL
			}
		}
		if !found {
			t.Fatalf("submit screen does not offer remote:prod: %+v", s.Profiles(false))
		}
		if reach, err := s.TestPlatform(ctx, s.SandboxURL); err != nil || reach != client.Reachable {
			t.Fatalf("connection test: %q %v", reach, err)
		}
		ch, err := s.Login(ctx, prod, sandbox.DemoLogin, sandbox.DemoPassword, true)
		if err != nil {
			t.Fatal(err)
		}
		// The remembered password is saved once the one-time code opened the session.
		inbox, err := s.SandboxInbox(sandbox.DemoLogin)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range inbox {
			if m.ChallengeID == ch.ChallengeID {
				if err := s.VerifyOTP(ctx, prod, m.Code); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := s.Creds.AddLogin(prod, "typed-each-time"); err != nil {
			t.Fatal(err)
		}
		const pw = "Zq9-unique-Secret"
		if err := s.Creds.Save(ctx, prod, "sara", pw); err != nil {
			t.Fatal(err)
		}
		list, err := s.PlatformProfiles(ctx)
		if err != nil {
			t.Fatal(err)
		}
		js := toJSON(t, list)
		if strings.Contains(js, pw) {
			t.Fatalf("the password reached the list: %s", js)
		}
		if len(list) != 2 || !list[0].Builtin || list[0].BaseURL != s.SandboxURL || list[1].Name != "prod" || list[1].Employers != 1 {
			t.Fatalf("list %s", js)
		}
		saved := map[string]PasswordPresence{}
		for _, l := range list[1].Logins {
			saved[l.Login] = l.Saved
		}
		if saved[sandbox.DemoLogin] != PasswordSaved || saved["sara"] != PasswordSaved || saved["typed-each-time"] != PasswordNotSaved {
			t.Fatalf("presence %v", saved)
		}
		// Forget the saved password: the login stays, the keyring is empty.
		for _, l := range []string{sandbox.DemoLogin, "sara"} {
			if err := s.Creds.Forget(ctx, prod, l); err != nil {
				t.Fatal(err)
			}
		}
		if e.kr.Len() != 0 {
			t.Fatalf("keyring keeps %d entries", e.kr.Len())
		}
		list, _ = s.PlatformProfiles(ctx)
		for _, l := range list[1].Logins {
			if l.Saved != PasswordNotSaved {
				t.Fatalf("after forget: %+v", list[1].Logins)
			}
		}
		// A keyring that does not answer: presence unknown, never "no".
		e.kr.FailWith(errors.New("no secret service"))
		list, err = s.PlatformProfiles(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range list[1].Logins {
			if l.Saved != PasswordUnknown {
				t.Fatalf("keyring down: %+v", list[1].Logins)
			}
		}
		e.kr.FailWith(nil)
		// In use: refused, the profile stays.
		if err := s.DeletePlatformProfile(ctx, "prod"); i18n.Code(err) != CodeProfileInUse {
			t.Fatalf("delete in use: %v", err)
		}
		if u := profiles.URLs(e.dir); u["prod"] == "" {
			t.Fatal("profile deleted although in use")
		}
		// Unused: deleted with its logins and saved passwords.
		if _, err := profiles.Add(e.dir, profiles.Remote{Name: "old", BaseURL: "https://old.example.ma"}); err != nil {
			t.Fatal(err)
		}
		if err := s.Creds.Save(ctx, domain.RemoteProfile("old"), "ali", "pw-old"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeletePlatformProfile(ctx, "old"); err != nil {
			t.Fatal(err)
		}
		if l, _ := s.Creds.Logins(domain.RemoteProfile("old")); len(l) != 0 || e.kr.Len() != 0 {
			t.Fatalf("deleted profile keeps logins %v / %d keyring entries", l, e.kr.Len())
		}
	})
}
