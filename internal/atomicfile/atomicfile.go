// Package atomicfile replaces a file so that a crash or an error never leaves
// a partial one: the new content goes to a temporary file in the same folder,
// which is synced, closed, renamed over the target, and then the folder itself
// is synced so that the rename survives a power cut. It is the one atomic
// writer of the project (vault.json, settings.json, backups and snapshots,
// exported declarations and receipts…).
//
// Errors are returned as the os package gives them (*os.PathError,
// *os.LinkError…) so that each caller wraps them with its own stable code and
// message. Every step's error is reported, the folder sync included.
package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// The steps that make the write durable, as variables so that the package's
// own tests can observe them (and fail when one is removed). Nothing else
// may change them.
var (
	syncFile = func(f *os.File) error { return f.Sync() }
	syncDir  = syncFolder
	rename   = os.Rename
)

// tempSuffix ends every temporary file this package creates; Leftovers finds
// them after a crash.
const tempSuffix = ".tmp"

// tempPattern is the os.CreateTemp pattern of the temporary file for target:
// hidden, named after it, recognisable by Leftovers.
func tempPattern(target string) string {
	return "." + filepath.Base(target) + ".*" + tempSuffix
}

// Write replaces path with what fn writes. The file gets mode perm (on
// Unix; Windows has no mode bits). The folder must exist. When fn or any
// step fails, the target is left as it was and the temporary file removed.
func Write(path string, perm os.FileMode, fn func(w io.Writer) error) error {
	s, err := Stage(path, perm, fn)
	if err != nil {
		return err
	}
	return s.Commit()
}

// Staged is new content for a file, written and synced under a temporary
// name beside it: durable but not yet visible under the file's name.
// Exactly one of Commit and Discard must follow.
type Staged struct {
	path, tmp string
}

// Stage does the first half of Write: fn's content goes to a temporary file
// beside path, which is synced and closed. The target is not touched until
// Commit; a caller that decides against the content (it turned out wrong)
// calls Discard, and nothing was ever visible. A caller may stage while it
// still checks the content, so that the write and its sync wait for the
// disk while the CPU works. On error nothing is left.
func Stage(path string, perm os.FileMode, fn func(w io.Writer) error) (_ *Staged, err error) {
	f, err := os.CreateTemp(filepath.Dir(path), tempPattern(path))
	if err != nil {
		return nil, err
	}
	tmp := f.Name()
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				f.Close()
			}
			os.Remove(tmp)
		}
	}()
	if runtime.GOOS != "windows" {
		if err = f.Chmod(perm); err != nil {
			return nil, err
		}
	}
	if err = fn(f); err != nil {
		return nil, err
	}
	if err = syncFile(f); err != nil {
		return nil, err
	}
	closed = true
	if err = f.Close(); err != nil {
		return nil, err
	}
	return &Staged{path: path, tmp: tmp}, nil
}

// Commit renames the staged content over the target and syncs the folder.
// If the rename fails, the temporary file is removed and the target is left
// as it was.
func (s *Staged) Commit() error {
	if err := rename(s.tmp, s.path); err != nil {
		os.Remove(s.tmp)
		return err
	}
	// The target now holds the new content: a failure to sync the folder is
	// still reported (the rename may not survive a power cut), but the
	// temporary file is gone and must not be removed again.
	return syncDir(filepath.Dir(s.path))
}

// Discard removes the staged content; the target was never touched.
func (s *Staged) Discard() error {
	return os.Remove(s.tmp)
}

// WriteFile replaces path with data (see Write).
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Leftovers lists the temporary files that an interrupted Write of a file
// named base left in dir (full paths). A caller that knows what they hold
// finishes or removes them at its next start.
func Leftovers(dir, base string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	prefix := "." + base + "."
	var out []string
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && strings.HasPrefix(n, prefix) && strings.HasSuffix(n, tempSuffix) {
			out = append(out, filepath.Join(dir, n))
		}
	}
	return out, nil
}

// SyncDir makes the renames done in dir durable (a no-op on Windows): for
// callers that move whole folders (a re-key's or a restore's swap).
func SyncDir(dir string) error { return syncDir(dir) }

// syncFolder makes a rename in dir durable. Windows cannot fsync a folder
// (its renames are durable once MoveFileEx returns).
func syncFolder(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	serr := d.Sync()
	cerr := d.Close()
	if serr != nil {
		return serr
	}
	return cerr
}
