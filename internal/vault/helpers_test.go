package vault

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden files and the fuzz seed corpus under testdata/")

const (
	testPass  = "Sept chameaux traversent le désert à midi"
	testPass2 = "Quatre hiboux lisent des romans policiers"
)

// newTestVault creates a vault with cheap Argon2id parameters in a fresh
// temporary folder.
func newTestVault(t testing.TB, opts Options) (dir string, u *Unlocked, code string) {
	t.Helper()
	UseCheapKDFForTests(t)
	dir = t.TempDir()
	u, code, err := Create(dir, testPass, opts)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	return dir, u, code
}

func mustOpen(t testing.TB, dir string, opts Options) *Vault {
	t.Helper()
	v, err := Open(dir, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return v
}

func readVaultFile(t testing.TB, dir string) []byte {
	t.Helper()
	b, err := os.ReadFile(FilePath(dir))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wantCode fails unless err is an *i18n.Error with one of the codes and
// real French, Arabic and English texts.
func wantCode(t testing.TB, err error, codes ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %v", codes)
	}
	var ue *i18n.Error
	if !errors.As(err, &ue) {
		t.Fatalf("error %q (%T) is not an *i18n.Error", err, err)
	}
	if !slices.Contains(codes, ue.Code) {
		t.Fatalf("code %q (%v), want one of %v", ue.Code, err, codes)
	}
	fr, ar, en := ue.In(i18n.FR), ue.In(i18n.AR), ue.In(i18n.EN)
	if fr == "" || ar == fr || en == fr || ue.Msg.AR == "" || ue.Msg.EN == "" {
		t.Fatalf("code %q: missing translations: fr=%q ar=%q en=%q", ue.Code, fr, ar, en)
	}
}

func unchanged(t testing.TB, dir string, before []byte) {
	t.Helper()
	if after := readVaultFile(t, dir); !bytes.Equal(before, after) {
		t.Fatalf("vault.json changed")
	}
}

// fakeKeyring is an in-memory keyring that can fail or block.
type fakeKeyring struct {
	mu    sync.Mutex
	m     map[string]string
	err   error         // returned by every call when set
	block chan struct{} // calls wait on it (and at most 10 s) when set
	calls int
}

var _ Keyring = (*fakeKeyring)(nil)

func newFakeKeyring() *fakeKeyring { return &fakeKeyring{m: map[string]string{}} }

var errFakeNotFound = errors.New("fake keyring: secret not found")

func (f *fakeKeyring) wait() error {
	f.mu.Lock()
	f.calls++
	block, err := f.block, f.err
	f.mu.Unlock()
	if block != nil {
		select {
		case <-block:
		case <-time.After(10 * time.Second):
		}
	}
	return err
}

func (f *fakeKeyring) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

func (f *fakeKeyring) Get(service, user string) (string, error) {
	if err := f.wait(); err != nil {
		return "", err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	s, ok := f.m[service+"/"+user]
	if !ok {
		return "", errFakeNotFound
	}
	return s, nil
}

func (f *fakeKeyring) Set(service, user, secret string) error {
	if err := f.wait(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.m[service+"/"+user] = secret
	return nil
}

func (f *fakeKeyring) Delete(service, user string) error {
	if err := f.wait(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.m[service+"/"+user]; !ok {
		return errFakeNotFound
	}
	delete(f.m, service+"/"+user)
	return nil
}

// slowKeyring returns a keyring whose calls block for 10 s, released when
// the test ends (abandoned calls then return at once).
func slowKeyring(t testing.TB) *fakeKeyring {
	f := newFakeKeyring()
	f.block = make(chan struct{})
	t.Cleanup(func() { close(f.block) })
	return f
}

var bg = context.Background()
