package vault

import (
	"context"
	"errors"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

// rememberedWith creates a vault remembered in kr and returns its folder.
func rememberedWith(t *testing.T, kr Keyring) (string, *Unlocked) {
	t.Helper()
	dir, u, _ := newTestVault(t, Options{Keyring: kr})
	if err := u.Remember(bg); err != nil {
		t.Fatal(err)
	}
	return dir, u
}

func TestKeyringTimeout(t *testing.T) {
	fast := newFakeKeyring()
	dir, _ := rememberedWith(t, fast)
	slow := slowKeyring(t)
	slow.m = fast.m // same secrets, but every call blocks 10 s

	const timeout = 100 * time.Millisecond
	v := mustOpen(t, dir, Options{Keyring: slow, KeyringTimeout: timeout})
	start := time.Now()
	u, err := v.UnlockKeyring(bg)
	elapsed := time.Since(start)
	wantCode(t, err, CodeKeyringUnavailable)
	if u != nil || !errors.Is(err, ErrKeyringUnavailable) || !errors.Is(err, errKeyringTimeout) {
		t.Fatalf("want a timeout, got %v", err)
	}
	if elapsed > 5*time.Second { // the keyring blocks for 10 s
		t.Fatalf("UnlockKeyring waited %v for a keyring that does not answer", elapsed)
	}
	if n := slow.callCount(); n != 1 {
		t.Fatalf("%d keyring calls", n)
	}
}

func TestKeyringDefaultTimeout(t *testing.T) {
	if DefaultKeyringTimeout != 3*time.Second {
		t.Fatalf("DefaultKeyringTimeout = %v, security.md says ~3 s", DefaultKeyringTimeout)
	}
	// A zero timeout means the default, not "no timeout" nor "fail at once".
	got, err := keyringCall(bg, 0, func() (int, error) { return 7, nil })
	if err != nil || got != 7 {
		t.Fatal(got, err)
	}
}

func TestKeyringContextCancelled(t *testing.T) {
	fast := newFakeKeyring()
	dir, _ := rememberedWith(t, fast)
	slow := slowKeyring(t)
	slow.m = fast.m
	v := mustOpen(t, dir, Options{Keyring: slow, KeyringTimeout: time.Hour})
	ctx, cancel := context.WithCancel(bg)
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	_, err := v.UnlockKeyring(ctx)
	wantCode(t, err, CodeKeyringUnavailable)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled in the chain: %v", err)
	}
}

func TestKeyringFailures(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T) (dir string, opts Options)
	}{
		{"not found (fake)", func(t *testing.T) (string, Options) {
			kr := newFakeKeyring()
			dir, _ := rememberedWith(t, kr)
			clear(kr.m)
			return dir, Options{Keyring: kr}
		}},
		{"not found (go-keyring mock)", func(t *testing.T) (string, Options) {
			gokeyring.MockInit()
			dir, u := rememberedWith(t, nil)
			if err := gokeyring.Delete(KeyringService, u.Info().ID); err != nil {
				t.Fatal(err)
			}
			return dir, Options{}
		}},
		{"no Secret Service", func(t *testing.T) (string, Options) {
			gokeyring.MockInit()
			dir, _ := rememberedWith(t, nil)
			gokeyring.MockInitWithError(errors.New("org.freedesktop.secrets was not provided by any .service files"))
			t.Cleanup(gokeyring.MockInit)
			return dir, Options{}
		}},
		{"keyring panics", func(t *testing.T) (string, Options) {
			dir, _ := rememberedWith(t, newFakeKeyring())
			return dir, Options{Keyring: panicKeyring{}}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, opts := tc.setup(t)
			before := readVaultFile(t, dir)
			u, err := mustOpen(t, dir, opts).UnlockKeyring(bg)
			wantCode(t, err, CodeKeyringUnavailable)
			if u != nil || !errors.Is(err, ErrKeyringUnavailable) {
				t.Fatal(err)
			}
			unchanged(t, dir, before)
		})
	}
}

type panicKeyring struct{}

func (panicKeyring) Get(string, string) (string, error) { panic("boom") }
func (panicKeyring) Set(string, string, string) error   { panic("boom") }
func (panicKeyring) Delete(string, string) error        { panic("boom") }

func TestRememberForgetUnavailable(t *testing.T) {
	t.Run("remember with a blocked keyring changes nothing", func(t *testing.T) {
		dir, u, _ := newTestVault(t, Options{Keyring: slowKeyring(t), KeyringTimeout: 50 * time.Millisecond})
		before := readVaultFile(t, dir)
		wantCode(t, u.Remember(bg), CodeKeyringUnavailable)
		unchanged(t, dir, before)
		if u.Info().Remembered {
			t.Fatal("remembered")
		}
	})
	t.Run("forget with a blocked keyring still drops the wrap", func(t *testing.T) {
		fast := newFakeKeyring()
		dir, u := rememberedWith(t, fast)
		u.opts.Keyring, u.opts.KeyringTimeout = slowKeyring(t), 50*time.Millisecond
		wantCode(t, u.Forget(bg), CodeKeyringUnavailable)
		if mustOpen(t, dir, Options{}).Info().Remembered {
			t.Fatal("the keyring wrap is still in vault.json")
		}
		_, err := mustOpen(t, dir, Options{Keyring: fast}).UnlockKeyring(bg)
		wantCode(t, err, CodeNotRemembered)
	})
	t.Run("forget with a broken keyring", func(t *testing.T) {
		fast := newFakeKeyring()
		_, u := rememberedWith(t, fast)
		fast.err = errors.New("dbus: connection closed")
		wantCode(t, u.Forget(bg), CodeKeyringUnavailable)
	})
	t.Run("remember when the write fails removes the new entry", func(t *testing.T) {
		kr := newFakeKeyring()
		dir, u, _ := newTestVault(t, Options{Keyring: kr})
		// Another program rewrites vault.json: the commit is refused.
		b := readVaultFile(t, dir)
		if err := writeFileAtomic(dir, append(b, ' ')); err != nil {
			t.Fatal(err)
		}
		wantCode(t, u.Remember(bg), CodeChanged)
		if len(kr.m) != 0 {
			t.Fatal("orphan entry left in the keyring")
		}
	})
}

func TestKEKEncoding(t *testing.T) {
	kek := randomBytes(keySize)
	got, err := decodeKEK(encodeKEK(kek))
	if err != nil || string(got) != string(kek) {
		t.Fatal(err)
	}
	for _, s := range []string{"", kekPrefix, encodeKEK(kek)[1:], encodeKEK(kek) + "A", encodeKEK(kek[:31])} {
		if _, err := decodeKEK(s); err == nil {
			t.Errorf("decodeKEK(%q) accepted", s)
		}
	}
}
