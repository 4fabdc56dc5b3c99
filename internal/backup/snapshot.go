package backup

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tasrih/tasrih/internal/atomicfile"
	"github.com/tasrih/tasrih/internal/vault"
)

// SnapshotExt is the extension of backup files written by Snapshot and by
// the "backup create" command by default.
const SnapshotExt = ".tasrih-backup"

// SnapshotInfo is one backup file of a vault in a folder.
type SnapshotInfo struct {
	Path string `json:"path"`
	Name string `json:"name"`
	Size int64  `json:"size"`
	// Time is when the backup was made (from the name of a snapshot, else
	// the file's modification time).
	Time time.Time `json:"time" ts_type:"string"`
	// Auto: written by Snapshot (its exact name pattern), so rotation may
	// delete it; other backups in the folder (backup create, copies made by
	// hand) are never deleted.
	Auto bool `json:"auto"`
}

// snapshotTimeLayout is the time in the name of a snapshot.
const snapshotTimeLayout = "20060102T150405.000Z"

// snapshotRE is the exact name Snapshot gives (after the vault prefix),
// compiled on first use: its {1,40} makes it costly to compile (~0.2 ms,
// 600 allocations), which every command paid at start.
var snapshotRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\d{8}T\d{6}\.\d{3}Z)-[a-z0-9_-]{1,40}` + regexp.QuoteMeta(SnapshotExt) + `$`)
})

func snapshotPrefix(vaultID string) string {
	id := vaultID
	if len(id) > 8 {
		id = id[:8]
	}
	return "tasrih-" + id + "-"
}

// Snapshot writes a backup of src into folder (SnapshotContext without
// progress or cancellation).
func Snapshot(folder string, src Source, keep int) (string, error) {
	return SnapshotContext(context.Background(), folder, src, keep, nil)
}

// SnapshotContext writes a backup of src into folder (created if needed)
// under a name made of the vault id, the time and the reason, through a
// temporary file renamed when complete, then deletes the oldest snapshots
// of the same vault beyond keep (keep ≤ 0 keeps them all). Only files with
// the exact name pattern of a snapshot are counted and deleted: manual
// backups in the same folder are never touched. progress and ctx are those
// of WriteContext: a cancelled snapshot (backup.cancelled) leaves the folder
// as it was — no file, no temporary file, no rotation, and the folder
// removed again if this call created it.
func SnapshotContext(ctx context.Context, folder string, src Source, keep int, progress func(done, total int64)) (string, error) {
	created, err := mkdirAll(folder)
	if err != nil {
		return "", ioErr(err)
	}
	now := src.Now
	if now.IsZero() {
		now = timeNow()
		src.Now = now
	}
	reason := src.Reason
	if reason == "" {
		reason = "manual"
	}
	name := fmt.Sprintf("%s%s-%s%s", snapshotPrefix(src.VaultID), now.UTC().Format(snapshotTimeLayout), reason, SnapshotExt)
	path := filepath.Join(folder, name)
	if err := WriteFileContext(ctx, path, src, progress); err != nil {
		// The folders this call created, deepest first, each only if empty.
		for p := filepath.Clean(folder); created != ""; p = filepath.Dir(p) {
			if os.Remove(p) != nil || p == created {
				break
			}
		}
		return "", err
	}
	if keep > 0 {
		list, err := ListSnapshots(folder, src.VaultID)
		if err != nil {
			return path, err
		}
		var auto []SnapshotInfo
		for _, sn := range list {
			if sn.Auto {
				auto = append(auto, sn)
			}
		}
		for i := 0; i < len(auto)-keep; i++ {
			os.Remove(auto[i].Path)
		}
	}
	return path, nil
}

// mkdirAll is os.MkdirAll(dir, 0o700) that also returns the topmost folder
// it created ("" when dir existed).
func mkdirAll(dir string) (string, error) {
	dir = filepath.Clean(dir)
	top := ""
	for p := dir; ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil {
			break
		} else if !os.IsNotExist(err) {
			return "", err
		}
		top = p
		if filepath.Dir(p) == p {
			break
		}
	}
	if top == "" {
		return "", nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return top, nil
}

// WriteFile writes a backup of src to path atomically (WriteFileContext
// without progress or cancellation).
func WriteFile(path string, src Source) error {
	return WriteFileContext(context.Background(), path, src, nil)
}

// WriteFileContext writes a backup of src to path atomically (temporary file
// in the same folder, fsync, rename) with the progress and cancellation of
// WriteContext: when it fails or is cancelled, path is as it was and the
// temporary file is gone.
func WriteFileContext(ctx context.Context, path string, src Source, progress func(done, total int64)) error {
	var werr error
	err := atomicfile.Write(path, 0o600, func(w io.Writer) error {
		_, werr = WriteContext(ctx, w, src, progress)
		return werr
	})
	if err != nil && err == werr {
		return err // already the backup's own error
	}
	if err != nil {
		return ioErr(err)
	}
	return nil
}

// ListSnapshots lists the backups of a vault in folder (snapshots and
// manual backups named after the vault), oldest first.
func ListSnapshots(folder, vaultID string) ([]SnapshotInfo, error) {
	entries, err := os.ReadDir(folder)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil
		}
		return nil, ioErr(err)
	}
	prefix := snapshotPrefix(vaultID)
	var out []SnapshotInfo
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasPrefix(n, prefix) || !strings.HasSuffix(n, SnapshotExt) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		sn := SnapshotInfo{Path: filepath.Join(folder, n), Name: n, Size: info.Size(), Time: info.ModTime().UTC()}
		if m := snapshotRE().FindStringSubmatch(strings.TrimPrefix(n, prefix)); m != nil {
			if t, err := time.Parse(snapshotTimeLayout, m[1]); err == nil {
				sn.Time, sn.Auto = t, true
			}
		}
		out = append(out, sn)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Time.Equal(out[j].Time) {
			return out[i].Time.Before(out[j].Time)
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// timeNow is time.Now, replaced in tests.
var timeNow = time.Now

// PreviousInfo is a previous-… folder of a data folder: the data a restore
// replaced, kept until the user removes it (a data folder of its own).
type PreviousInfo struct {
	Name string    `json:"name"`
	Path string    `json:"path"`
	Size int64     `json:"size"`                  // bytes, all files
	Time time.Time `json:"time" ts_type:"string"` // when the restore replaced it
}

// ListPrevious lists the previous-… folders of dataDir, oldest first.
func ListPrevious(dataDir string) ([]PreviousInfo, error) {
	m, err := filepath.Glob(filepath.Join(dataDir, vault.PreviousPrefix+"*"))
	if err != nil {
		return nil, ioErr(err)
	}
	out := []PreviousInfo{}
	for _, p := range m {
		fi, err := os.Lstat(p)
		if err != nil || !fi.IsDir() {
			continue
		}
		pi := PreviousInfo{Name: filepath.Base(p), Path: p, Time: fi.ModTime().UTC()}
		stamp := strings.TrimPrefix(pi.Name, vault.PreviousPrefix)
		if i := strings.IndexByte(stamp, '-'); i > 0 {
			stamp = stamp[:i]
		}
		if t, err := time.Parse("20060102T150405", stamp); err == nil {
			pi.Time = t
		}
		filepath.WalkDir(p, func(_ string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				if i, err := d.Info(); err == nil {
					pi.Size += i.Size()
				}
			}
			return nil
		})
		out = append(out, pi)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Time.Before(out[j].Time) })
	return out, nil
}
