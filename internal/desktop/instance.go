package desktop

import (
	"errors"
	"os"
	"path/filepath"
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
	f *os.File
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
	return &Instance{f: f}, nil
}

// Release lets the lock go. It is safe to call more than once.
func (i *Instance) Release() error {
	if i == nil || i.f == nil {
		return nil
	}
	err := i.f.Close() // closing the descriptor releases the lock
	i.f = nil
	return err
}
