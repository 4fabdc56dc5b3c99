package backup

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// SnapshotExt is the extension of backup files written by Snapshot and by
// the "backup create" command by default.
const SnapshotExt = ".tasrih-backup"

// SnapshotInfo is one snapshot file of a folder.
type SnapshotInfo struct {
	Path string `json:"path"`
	Name string `json:"name"`
	Size int64  `json:"size"`
}

func snapshotPrefix(vaultID string) string {
	id := vaultID
	if len(id) > 8 {
		id = id[:8]
	}
	return "tasrih-" + id + "-"
}

// Snapshot writes a backup of src into folder (created if needed) under a
// name made of the vault id, the time and the reason, through a temporary
// file renamed when complete, then deletes the oldest snapshots of the same
// vault beyond keep (keep ≤ 0 keeps them all).
func Snapshot(folder string, src Source, keep int) (string, error) {
	if err := os.MkdirAll(folder, 0o700); err != nil {
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
	name := fmt.Sprintf("%s%s-%s%s", snapshotPrefix(src.VaultID), now.UTC().Format("20060102T150405.000Z"), reason, SnapshotExt)
	path := filepath.Join(folder, name)
	if err := WriteFile(path, src); err != nil {
		return "", err
	}
	if keep > 0 {
		list, err := ListSnapshots(folder, src.VaultID)
		if err != nil {
			return path, err
		}
		for i := 0; i < len(list)-keep; i++ {
			os.Remove(list[i].Path)
		}
	}
	return path, nil
}

// WriteFile writes a backup of src to path atomically (temporary file in the
// same folder, fsync, rename).
func WriteFile(path string, src Source) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return ioErr(err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = Write(tmp, src); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return ioErr(err)
	}
	if err = tmp.Close(); err != nil {
		return ioErr(err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return ioErr(err)
	}
	return nil
}

// ListSnapshots lists the snapshots of a vault in folder, oldest first.
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
		out = append(out, SnapshotInfo{Path: filepath.Join(folder, n), Name: n, Size: info.Size()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// timeNow is time.Now, replaced in tests.
var timeNow = time.Now
