// Package keyringtest has an in-memory keyring for tests that can fail,
// block or count its calls, so that the keyring's "unavailable" paths are
// tested without a Secret Service.
package keyringtest

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/keyring"
)

// Fake is an in-memory keyring. Its zero value is not ready: use New.
type Fake struct {
	mu    sync.Mutex
	m     map[string]string
	err   error         // returned by every call when set
	block chan struct{} // calls wait on it (at most MaxBlock) when set
	calls int
}

var _ keyring.Keyring = (*Fake)(nil)

// MaxBlock is how long a blocked call waits at most.
const MaxBlock = 10 * time.Second

// New returns an empty fake keyring.
func New() *Fake { return &Fake{m: map[string]string{}} }

// Blocking returns a fake whose calls block (up to MaxBlock) until the test
// ends.
func Blocking(t testing.TB) *Fake {
	f := New()
	f.block = make(chan struct{})
	t.Cleanup(func() { close(f.block) })
	return f
}

// FailWith makes every later call fail with err (nil: work again).
func (f *Fake) FailWith(err error) {
	f.mu.Lock()
	f.err = err
	f.mu.Unlock()
}

// Calls returns the number of calls so far.
func (f *Fake) Calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// Len returns the number of secrets held.
func (f *Fake) Len() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.m)
}

// Secrets returns a copy of every secret, keyed "service/user".
func (f *Fake) Secrets() map[string]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make(map[string]string, len(f.m))
	for k, v := range f.m {
		out[k] = v
	}
	return out
}

// Clear removes every secret.
func (f *Fake) Clear() {
	f.mu.Lock()
	clear(f.m)
	f.mu.Unlock()
}

// ShareWith makes g read and write f's secrets (e.g. a blocking view of a
// filled keyring).
func (f *Fake) ShareWith(g *Fake) {
	f.mu.Lock()
	m := f.m
	f.mu.Unlock()
	g.mu.Lock()
	g.m = m
	g.mu.Unlock()
}

func (f *Fake) wait() error {
	f.mu.Lock()
	f.calls++
	block, err := f.block, f.err
	f.mu.Unlock()
	if block != nil {
		select {
		case <-block:
		case <-time.After(MaxBlock):
		}
	}
	return err
}

// ErrFake is a generic failure for tests ("no Secret Service").
var ErrFake = errors.New("fake keyring: org.freedesktop.secrets was not provided by any .service files")

// Get implements keyring.Keyring; a missing entry is keyring.ErrNotFound.
func (f *Fake) Get(service, user string) (string, error) {
	if err := f.wait(); err != nil {
		return "", err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	s, ok := f.m[service+"/"+user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return s, nil
}

// Set implements keyring.Keyring.
func (f *Fake) Set(service, user, secret string) error {
	if err := f.wait(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.m[service+"/"+user] = secret
	return nil
}

// Delete implements keyring.Keyring; a missing entry is keyring.ErrNotFound.
func (f *Fake) Delete(service, user string) error {
	if err := f.wait(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.m[service+"/"+user]; !ok {
		return keyring.ErrNotFound
	}
	delete(f.m, service+"/"+user)
	return nil
}
