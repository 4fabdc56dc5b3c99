//go:build keyring

package credentials_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/keyring"
	"github.com/tasrih/tasrih/internal/platform/credentials"
)

// TestSecretServiceIntegration talks to a real Secret Service (no mock):
//
//	dbus-run-session -- sh -c 'printf %s pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; go test -tags keyring ./internal/platform/credentials/'
//
// Other tests of the package install go-keyring's process-wide mock, which
// cannot be undone: the test runs in a child process where none was installed.
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
	st := openStore(t)
	c := credentials.New(st, credentials.Options{})
	profile := domain.RemoteProfile("integration")
	login := "it-" + strings.ReplaceAll(t.Name(), "/", "-")
	t.Cleanup(func() { keyring.OS{}.Delete(credentials.Service, credentials.User(profile, login)) })

	if err := c.Save(bg, profile, login, secret); err != nil {
		t.Fatalf("Save with a real Secret Service: %v", err)
	}
	// Read it back directly from the Secret Service, then through a fresh
	// Credentials.
	if got, err := (keyring.OS{}).Get(credentials.Service, credentials.User(profile, login)); err != nil || got != secret {
		t.Fatalf("Secret Service entry: %v", err)
	}
	if got, err := credentials.New(st, credentials.Options{}).Load(bg, profile, login); err != nil || got != secret {
		t.Fatalf("Load: %v", err)
	}
	noSecretInStore(t, st)
	if err := c.Delete(bg, profile, login); err != nil {
		t.Fatal(err)
	}
	if _, err := (keyring.OS{}).Get(credentials.Service, credentials.User(profile, login)); err == nil {
		t.Fatal("the password is still in the Secret Service after Delete")
	}
	_, err := c.Load(bg, profile, login)
	wantCode(t, err, credentials.CodeNotSaved, credentials.ErrNotSaved)
}
