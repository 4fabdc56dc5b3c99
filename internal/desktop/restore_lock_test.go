package desktop

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
)

// lockAsOtherProcess takes the instance lock of dir through a descriptor of
// its own, as another process would (an OS file lock taken through another
// open file conflicts even within one process).
func lockAsOtherProcess(t *testing.T, dir string) (release func()) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(dir, InstanceLockFile), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		t.Fatalf("lock: %v", err)
	}
	return func() { f.Close() }
}

// probeHeld reports whether another process would find the instance lock taken.
func probeHeld(t *testing.T, dir string) bool {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(dir, InstanceLockFile), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	err = lockFile(f)
	if err == nil {
		return false
	}
	if !errors.Is(err, errHeld) {
		t.Fatal(err)
	}
	return true
}

// TestRestoreHoldsInstanceLock: a desktop restore refuses to run while
// another Tasrih holds the data folder's instance lock (nothing changes),
// and holds that lock itself from start to end of the restore.
func TestRestoreHoldsInstanceLock(t *testing.T) {
	var mu sync.Mutex
	var heldDuring []bool
	var dir string
	e := newEnv(t, func(o *Options) {
		o.NoSandbox = true
		emit := o.Emit
		o.Emit = func(name string, data any) {
			if name == EventRestoreProgress {
				h := probeHeld(t, dir)
				mu.Lock()
				heldDuring = append(heldDuring, h)
				mu.Unlock()
			}
			emit(name, data)
		}
	})
	dir = e.dir
	c := e.core
	if _, err := c.Create(testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	e.session(t, func(s *Session) {
		if _, err := s.Store.Employers().Create(domain.Employer{Affiliation: "1234567", Name: "Avant"}); err != nil {
			t.Fatal(err)
		}
	})
	path, err := c.Snapshot("manual")
	if err != nil {
		t.Fatal(err)
	}
	e.session(t, func(s *Session) {
		if _, err := s.Store.Employers().Create(domain.Employer{Affiliation: "2000016", Name: "Après"}); err != nil {
			t.Fatal(err)
		}
	})
	vj, _ := os.ReadFile(filepath.Join(dir, "vault.json"))

	other := lockAsOtherProcess(t, dir)
	_, err = c.Restore(path, testPassphrase, false)
	wantCode(t, err, CodeOtherApp)
	if after, _ := os.ReadFile(filepath.Join(dir, "vault.json")); string(after) != string(vj) {
		t.Fatal("vault.json changed by a refused restore")
	}
	if prev, _ := filepath.Glob(filepath.Join(dir, "previous-*")); len(prev) != 0 {
		t.Fatalf("a refused restore made %v", prev)
	}
	other()

	if _, err := c.Restore(path, testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	during := append([]bool(nil), heldDuring...)
	mu.Unlock()
	if len(during) == 0 {
		t.Fatal("no progress event: the test proves nothing")
	}
	for i, h := range during {
		if !h {
			t.Fatalf("instance lock free at progress event %d of the restore", i)
		}
	}
	if probeHeld(t, dir) {
		t.Fatal("instance lock still held after the restore")
	}
	// A process that holds the lock itself (the app) restores without
	// tripping over its own lock.
	own, err := AcquireInstance(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer own.Release()
	if err := c.UnlockPassphrase(testPassphrase); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Restore(path, testPassphrase, false); err != nil {
		t.Fatalf("restore while this process holds the lock: %v", err)
	}
}
