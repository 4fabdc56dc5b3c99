package desktop

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
)

// InstanceLockFile is the file a running app locks in its data folder.
const InstanceLockFile = "app.lock"

// errHeld is returned by the OS lock when another process holds it.
var errHeld = errors.New("desktop: lock held")

// Instance is the lock a running app holds on its data folder, so that a
// second app on the same folder is told at once (store.locked), before its
// window asks for a passphrase that could not open the store anyway. The
// lock is an OS file lock (flock / LockFileEx): it goes away with the
// process, even after a crash.
type Instance struct {
	f   *os.File
	key string // absolute folder, in held
}

// held lists the data folders whose instance lock this process holds (an
// OS file lock taken twice in one process, through two descriptors, would
// refuse itself).
var (
	heldMu sync.Mutex
	held   = map[string]int{}
)

func heldKey(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}

// HoldInstance makes sure the instance lock of dir is held until release is
// called: it takes it if this process does not hold it already (release
// then lets it go), and does nothing if it does (the app's own lock).
// Another process holding it gives store.locked (errors.Is ErrOtherApp).
// Restore holds it for its whole run, so that no other Tasrih opens the
// folder in the middle of the swap.
func HoldInstance(dir string) (release func(), err error) {
	heldMu.Lock()
	n := held[heldKey(dir)]
	heldMu.Unlock()
	if n > 0 {
		return func() {}, nil
	}
	in, err := AcquireInstance(dir)
	if err != nil {
		return nil, err
	}
	return func() { _ = in.Release() }, nil
}

// AcquireInstance takes the data folder's lock (creating the folder 0700 if
// needed). Another process holding it gives store.locked (errors.Is
// ErrOtherApp).
func AcquireInstance(dir string) (*Instance, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, InstanceLockFile), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errHeld) {
			return nil, OtherAppError(dir)
		}
		return nil, err
	}
	key := heldKey(dir)
	heldMu.Lock()
	held[key]++
	heldMu.Unlock()
	return &Instance{f: f, key: key}, nil
}

// Release lets the lock go. It is safe to call more than once.
func (i *Instance) Release() error {
	if i == nil || i.f == nil {
		return nil
	}
	err := i.f.Close() // closing the descriptor releases the lock
	i.f = nil
	heldMu.Lock()
	if held[i.key]--; held[i.key] <= 0 {
		delete(held, i.key)
	}
	heldMu.Unlock()
	return err
}
