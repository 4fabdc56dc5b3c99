package credentials_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/keyring"
	"github.com/tasrih/tasrih/internal/keyring/keyringtest"
	"github.com/tasrih/tasrih/internal/platform/credentials"
	"github.com/tasrih/tasrih/internal/store"
)

var bg = context.Background()

const secret = "s3cret-Pa55word!"

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(t.TempDir(), bytes.Repeat([]byte{7}, store.KeySize),
		store.Options{Actor: "test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func wantCode(t *testing.T, err error, code string, sentinel error) {
	t.Helper()
	if i18n.Code(err) != code || !errors.Is(err, sentinel) {
		t.Fatalf("want %s, got %q: %v", code, i18n.Code(err), err)
	}
	var ue *i18n.Error
	errors.As(err, &ue)
	for _, l := range i18n.Langs {
		if m := ue.In(l); m == "" || (l != i18n.FR && m == ue.In(i18n.FR)) {
			t.Fatalf("%s: no message in %s", code, l)
		}
	}
}

// noSecretInStore checks that the password appears in no record the store
// can show: the login list and the whole audit log.
func noSecretInStore(t *testing.T, st *store.Store) {
	t.Helper()
	entries, err := st.AuditEntries(1, 100000)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if bytes.Contains(e.Before, []byte(secret)) || bytes.Contains(e.After, []byte(secret)) || strings.Contains(e.EntityID, secret) {
			t.Fatalf("password in audit entry %d (%s)", e.Seq, e.Action)
		}
	}
}

func TestSaveLoadDelete(t *testing.T) {
	st := openStore(t)
	kr := keyringtest.New()
	c := credentials.New(st, credentials.Options{Keyring: kr, Timeout: time.Second})
	remote := domain.RemoteProfile("cabinet")

	if err := c.Save(bg, domain.ProfileSandbox, " demo ", secret); err != nil {
		t.Fatal(err)
	}
	if err := c.Save(bg, remote, "demo", "other"); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"tasrih-platform/sandbox/demo": secret, "tasrih-platform/remote:cabinet/demo": "other"}
	got := kr.Secrets()
	if len(got) != len(want) {
		t.Fatalf("keyring entries %v", len(got))
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("keyring entry %q missing or wrong", k)
		}
	}
	if pw, err := c.Load(bg, domain.ProfileSandbox, "demo"); err != nil || pw != secret {
		t.Fatalf("Load: %v", err)
	}
	if l, err := c.Logins(domain.ProfileSandbox); err != nil || len(l) != 1 || l[0] != "demo" {
		t.Fatalf("Logins: %v %v", l, err)
	}
	noSecretInStore(t, st)

	if err := c.Delete(bg, domain.ProfileSandbox, "demo"); err != nil {
		t.Fatal(err)
	}
	_, err := c.Load(bg, domain.ProfileSandbox, "demo")
	wantCode(t, err, credentials.CodeNotSaved, credentials.ErrNotSaved)
	if l, _ := c.Logins(domain.ProfileSandbox); len(l) != 0 {
		t.Fatalf("login still listed: %v", l)
	}
	if pw, err := c.Load(bg, remote, "demo"); err != nil || pw != "other" {
		t.Fatal("the other profile's entry was touched")
	}
	// Deleting again is not an error.
	if err := c.Delete(bg, domain.ProfileSandbox, "demo"); err != nil {
		t.Fatal(err)
	}
}

func TestInvalid(t *testing.T) {
	c := credentials.New(openStore(t), credentials.Options{Keyring: keyringtest.New()})
	for name, err := range map[string]error{
		"manual":         c.Save(bg, domain.ProfileManual, "demo", secret),
		"bad profile":    c.Save(bg, "remote:", "demo", secret),
		"empty login":    c.Save(bg, domain.ProfileSandbox, "  ", secret),
		"newline login":  c.Save(bg, domain.ProfileSandbox, "a\nb", secret),
		"long login":     c.Save(bg, domain.ProfileSandbox, strings.Repeat("x", credentials.MaxLogin+1), secret),
		"empty password": c.Save(bg, domain.ProfileSandbox, "demo", ""),
		"long password":  c.Save(bg, domain.ProfileSandbox, "demo", strings.Repeat("x", credentials.MaxPassword+1)),
		"load manual":    func() error { _, err := c.Load(bg, domain.ProfileManual, "demo"); return err }(),
		"delete manual":  c.Delete(bg, domain.ProfileManual, "demo"),
		"add manual":     c.AddLogin(domain.ProfileManual, "demo"),
	} {
		t.Run(name, func(t *testing.T) { wantCode(t, err, credentials.CodeInvalid, credentials.ErrInvalid) })
	}
}

func TestKeyringUnavailable(t *testing.T) {
	for _, tc := range []struct {
		name string
		kr   func(t *testing.T) keyring.Keyring
	}{
		{"blocked", func(t *testing.T) keyring.Keyring { return keyringtest.Blocking(t) }},
		{"no Secret Service", func(t *testing.T) keyring.Keyring {
			f := keyringtest.New()
			f.FailWith(keyringtest.ErrFake)
			return f
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := openStore(t)
			c := credentials.New(st, credentials.Options{Keyring: tc.kr(t), Timeout: 50 * time.Millisecond})
			start := time.Now()
			wantCode(t, c.Save(bg, domain.ProfileSandbox, "demo", secret), credentials.CodeUnavailable, credentials.ErrUnavailable)
			_, err := c.Load(bg, domain.ProfileSandbox, "demo")
			wantCode(t, err, credentials.CodeUnavailable, keyring.ErrUnavailable)
			if time.Since(start) > 5*time.Second {
				t.Fatalf("waited %v for a keyring that does not answer", time.Since(start))
			}
			if l, _ := c.Logins(domain.ProfileSandbox); len(l) != 0 {
				t.Fatal("Save kept the login although the password was not saved")
			}
			// The login can still be remembered alone, and Delete forgets it
			// even when the keyring does not answer.
			if err := c.AddLogin(domain.ProfileSandbox, "demo"); err != nil {
				t.Fatal(err)
			}
			wantCode(t, c.Delete(bg, domain.ProfileSandbox, "demo"), credentials.CodeUnavailable, credentials.ErrUnavailable)
			if l, _ := c.Logins(domain.ProfileSandbox); len(l) != 0 {
				t.Fatal("login still listed")
			}
			noSecretInStore(t, st)
		})
	}
}

func TestCancelled(t *testing.T) {
	c := credentials.New(openStore(t), credentials.Options{Keyring: keyringtest.Blocking(t), Timeout: time.Hour})
	ctx, cancel := context.WithCancel(bg)
	cancel()
	_, err := c.Load(ctx, domain.ProfileSandbox, "demo")
	wantCode(t, err, credentials.CodeUnavailable, context.Canceled)
}

// With no injected keyring the OS keyring is used (here go-keyring's mock).
func TestOSKeyringMock(t *testing.T) {
	keyring.MockInit()
	c := credentials.New(openStore(t), credentials.Options{})
	if err := c.Save(bg, domain.ProfileSandbox, "demo", secret); err != nil {
		t.Fatal(err)
	}
	if pw, err := c.Load(bg, domain.ProfileSandbox, "demo"); err != nil || pw != secret {
		t.Fatal(err)
	}
	if err := c.Delete(bg, domain.ProfileSandbox, "demo"); err != nil {
		t.Fatal(err)
	}
	_, err := c.Load(bg, domain.ProfileSandbox, "demo")
	wantCode(t, err, credentials.CodeNotSaved, credentials.ErrNotSaved)
}
