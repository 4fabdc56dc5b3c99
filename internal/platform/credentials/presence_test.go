package credentials_test

import (
	"errors"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/keyring/keyringtest"
	"github.com/tasrih/tasrih/internal/platform/credentials"
)

// TestSavedAndForget: presence says yes/no without handing out the
// password; Forget removes the password only, the login stays; a keyring
// that does not answer is an error, never "no".
func TestSavedAndForget(t *testing.T) {
	st := openStore(t)
	kr := keyringtest.New()
	c := credentials.New(st, credentials.Options{Keyring: kr, Timeout: time.Second})
	p := domain.RemoteProfile("prod")
	if err := c.Save(bg, p, "ali", secret); err != nil {
		t.Fatal(err)
	}
	if err := c.AddLogin(p, "sara"); err != nil {
		t.Fatal(err)
	}
	for login, want := range map[string]bool{"ali": true, "sara": false} {
		if ok, err := c.Saved(bg, p, login); err != nil || ok != want {
			t.Errorf("Saved(%s) = %v, %v; want %v", login, ok, err, want)
		}
	}
	if ok, _ := c.Saved(bg, domain.RemoteProfile("other"), "ali"); ok {
		t.Error("a password of profile prod is reported saved for profile other")
	}
	if err := c.Forget(bg, p, " ali "); err != nil {
		t.Fatal(err)
	}
	if kr.Len() != 0 {
		t.Fatalf("keyring still holds %d entries", kr.Len())
	}
	if ok, err := c.Saved(bg, p, "ali"); ok || err != nil {
		t.Errorf("after Forget: %v %v", ok, err)
	}
	if l, _ := c.Logins(p); len(l) != 2 {
		t.Errorf("Forget removed the login: %v", l)
	}
	if err := c.Forget(bg, p, "ali"); err != nil {
		t.Errorf("forgetting twice: %v", err)
	}
	_, err := c.Saved(bg, domain.ProfileManual, "ali")
	wantCode(t, err, credentials.CodeInvalid, credentials.ErrInvalid)

	kr.FailWith(errors.New("dbus down"))
	_, err = c.Saved(bg, p, "sara")
	wantCode(t, err, credentials.CodeUnavailable, credentials.ErrUnavailable)
	err = c.Forget(bg, p, "sara")
	wantCode(t, err, credentials.CodeUnavailable, credentials.ErrUnavailable)

	blocked := credentials.New(st, credentials.Options{Keyring: keyringtest.Blocking(t), Timeout: 50 * time.Millisecond})
	_, err = blocked.Saved(bg, p, "sara")
	wantCode(t, err, credentials.CodeUnavailable, credentials.ErrUnavailable)
	noSecretInStore(t, st)
}
