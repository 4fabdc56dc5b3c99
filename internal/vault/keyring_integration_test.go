//go:build keyring

package vault

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestSecretServiceIntegration talks to a real Secret Service (no mock):
//
//	dbus-run-session -- sh -c 'printf %s pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; go test -tags keyring ./internal/vault/'
//
// Remember, then a fresh Open + UnlockKeyring works; Forget, then
// UnlockKeyring fails with keyring.unavailable (vault.not_remembered for a
// fresh Open, which is errors.Is ErrKeyringUnavailable too).
//
// Other tests of the package call go-keyring's MockInit, which replaces the
// real provider for the whole process and cannot be undone: so the test runs
// in a child process where no mock was ever installed.
func TestSecretServiceIntegration(t *testing.T) {
	if os.Getenv("TASRIH_KEYRING_CHILD") != "1" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSecretServiceIntegration$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), "TASRIH_KEYRING_CHILD=1")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS: TestSecretServiceIntegration") {
			t.Fatalf("child process (real Secret Service): %v\n%s", err, out)
		}
		return
	}
	UseCheapKDFForTests(t)
	dir := t.TempDir()
	u, _, err := Create(dir, testPass, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := u.Keys()
	if err := u.Remember(bg); err != nil {
		t.Fatalf("Remember with a real Secret Service: %v", err)
	}
	t.Cleanup(func() { OSKeyring{}.Delete(KeyringService, u.Info().ID) })

	v := mustOpen(t, dir, Options{})
	u2, err := v.UnlockKeyring(bg)
	if err != nil {
		t.Fatalf("UnlockKeyring after Remember: %v", err)
	}
	if got, _ := u2.Keys(); *got != *want {
		t.Fatal("keys differ")
	}
	if u2.Method() != MethodKeyring {
		t.Fatal(u2.Method())
	}

	if err := u.Forget(bg); err != nil {
		t.Fatalf("Forget: %v", err)
	}
	if _, err := (OSKeyring{}).Get(KeyringService, u.Info().ID); err == nil {
		t.Fatal("the key is still in the Secret Service after Forget")
	}
	// v was opened before Forget: its vault.json still had the wrap, the
	// keyring no longer has the key.
	_, err = v.UnlockKeyring(bg)
	wantCode(t, err, CodeKeyringUnavailable)
	// A fresh Open: the wrap is gone too.
	_, err = mustOpen(t, dir, Options{}).UnlockKeyring(bg)
	wantCode(t, err, CodeNotRemembered)
	if !errors.Is(err, ErrKeyringUnavailable) {
		t.Fatal("not errors.Is ErrKeyringUnavailable")
	}
	// The passphrase still works.
	if _, err := mustOpen(t, dir, Options{}).UnlockPassphrase(testPass); err != nil {
		t.Fatal(err)
	}
}
