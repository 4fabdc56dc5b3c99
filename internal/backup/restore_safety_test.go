package backup_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/backup"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/vault"
	"github.com/tasrih/tasrih/internal/workspace"
)

// TestTwoRestoresKeepEveryPreviousCopy: each restore keeps the data it
// replaced in its own previous-… folder, which stays a usable data folder;
// a second restore never deletes the first one's copy.
func TestTwoRestoresKeepEveryPreviousCopy(t *testing.T) {
	w, _ := newWorkspace(t, 2, 3)
	path := writeBackup(t, w)
	if _, err := w.Store.Employers().Create(domain.Employer{Affiliation: "7654321", Name: "Après la sauvegarde"}); err != nil {
		t.Fatal(err)
	}
	dir := w.Dir
	w.Close()
	before := snapshotOf(t, dir)

	r1, err := backup.Restore(path, dir, 0, byPassphrase(pass))
	if err != nil {
		t.Fatal(err)
	}
	if r1.Previous == "" {
		t.Fatal("no previous copy named")
	}
	// Written after the first restore: the second one must keep it too.
	ws, err := unlockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	ws.Store.Employers().Create(domain.Employer{Affiliation: "1111111", Name: "Entre deux restaurations"})
	between := snapshotOfOpen(t, ws)
	ws.Close()
	r2, err := backup.Restore(path, dir, 0, byPassphrase(pass))
	if err != nil {
		t.Fatal(err)
	}
	if r2.Previous == "" || r2.Previous == r1.Previous {
		t.Fatalf("previous copies %q then %q", r1.Previous, r2.Previous)
	}
	prevs, err := backup.ListPrevious(dir)
	if err != nil || len(prevs) != 2 || prevs[0].Name != r1.Previous || prevs[1].Name != r2.Previous || prevs[0].Size == 0 || prevs[0].Time.IsZero() {
		t.Fatalf("ListPrevious: %+v %v", prevs, err)
	}
	if got := snapshotOf(t, filepath.Join(dir, r1.Previous)); got != before {
		t.Fatalf("first previous copy:\n%s\nwant\n%s", got, before)
	}
	if got := snapshotOf(t, filepath.Join(dir, r2.Previous)); got != between {
		t.Fatalf("second previous copy:\n%s\nwant\n%s", got, between)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".re*")); len(left) != 0 {
		for _, l := range left {
			if !strings.HasSuffix(l, ".rekey.lock") {
				t.Fatalf("leftover %s", l)
			}
		}
	}
}

func unlockDir(dir string) (*workspace.Workspace, error) {
	v, err := vault.Open(dir, vault.Options{})
	if err != nil {
		return nil, err
	}
	u, err := v.UnlockPassphrase(pass)
	if err != nil {
		return nil, err
	}
	return workspace.Open(dir, u, quiet)
}

func snapshotOfOpen(t *testing.T, w *workspace.Workspace) string {
	t.Helper()
	w.Close()
	s := snapshotOf(t, w.Dir)
	return s
}

// TestRestoreWhileOpen: a restore is refused while the data is open (here
// in this process; another process holds Badger's lock the same way), and
// nothing changes.
func TestRestoreWhileOpen(t *testing.T) {
	w, _ := newWorkspace(t, 1, 1)
	path := writeBackup(t, w)
	vj, _ := os.ReadFile(vault.FilePath(w.Dir))
	_, err := backup.Restore(path, w.Dir, 0, byPassphrase(pass))
	if i18n.Code(err) != backup.CodeInUse {
		t.Fatalf("restore over an open store: %v", err)
	}
	if after, _ := os.ReadFile(vault.FilePath(w.Dir)); string(after) != string(vj) {
		t.Fatal("vault.json changed")
	}
	if _, err := w.Store.Employers().Create(domain.Employer{Affiliation: "7654321", Name: "Toujours là"}); err != nil {
		t.Fatalf("the open store was disturbed: %v", err)
	}
	if prev, _ := filepath.Glob(filepath.Join(w.Dir, "previous-*")); len(prev) != 0 {
		t.Fatalf("previous copies made: %v", prev)
	}
}

// TestSnapshotsSpareManualBackups: rotation deletes only the files Snapshot
// made; manual backups of the same vault in the folder stay, and every file
// is listed with a readable time.
func TestSnapshotsSpareManualBackups(t *testing.T) {
	w, _ := newWorkspace(t, 1, 1)
	folder := t.TempDir()
	src, err := w.BackupSource("manual")
	if err != nil {
		t.Fatal(err)
	}
	id := w.Vault.Info().ID[:8]
	manual := []string{
		filepath.Join(folder, "tasrih-"+id+"-20260101T100000Z"+backup.SnapshotExt), // backup create's name
		filepath.Join(folder, "tasrih-"+id+"-avant-clôture"+backup.SnapshotExt),
	}
	for _, m := range manual {
		if err := backup.WriteFile(m, src); err != nil {
			t.Fatal(err)
		}
	}
	for range 4 {
		if _, err := w.Snapshot(folder, 2, "exit"); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond)
	}
	for _, m := range manual {
		if _, err := os.Stat(m); err != nil {
			t.Fatalf("manual backup deleted by rotation: %v", err)
		}
	}
	list, err := backup.ListSnapshots(folder, w.Vault.Info().ID)
	if err != nil {
		t.Fatal(err)
	}
	auto := 0
	for _, sn := range list {
		if sn.Auto {
			auto++
		}
		if sn.Time.IsZero() {
			t.Errorf("%s: no time", sn.Name)
		}
	}
	if auto != 2 || len(list) != 4 {
		t.Fatalf("%d files, %d snapshots: %+v", len(list), auto, list)
	}
}

// TestRestoreProgressAndCancel: progress goes from 0 to the total, and a
// cancelled restore changes nothing and leaves no stage.
func TestRestoreProgressAndCancel(t *testing.T) {
	w, _ := newWorkspace(t, 3, 400)
	path := writeBackup(t, w)
	dir := w.Dir
	w.Close()
	vj, _ := os.ReadFile(vault.FilePath(dir))

	ctx, cancel := context.WithCancel(context.Background())
	_, err := backup.RestoreContext(ctx, path, dir, 0, byPassphrase(pass), func(done, total int64) {
		if done > total/3 {
			cancel()
		}
	})
	if i18n.Code(err) != backup.CodeCancelled || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled restore: %v", err)
	}
	if after, _ := os.ReadFile(vault.FilePath(dir)); string(after) != string(vj) {
		t.Fatal("vault.json changed by a cancelled restore")
	}
	if prev, _ := filepath.Glob(filepath.Join(dir, "previous-*")); len(prev) != 0 || vault.Pending(dir) {
		t.Fatalf("cancelled restore left %v (pending %v)", prev, vault.Pending(dir))
	}

	var last, total int64
	calls := 0
	if _, err := backup.RestoreContext(context.Background(), path, dir, 0, byPassphrase(pass), func(d, tot int64) {
		if d < last || d > tot {
			t.Errorf("progress %d/%d after %d", d, tot, last)
		}
		last, total = d, tot
		calls++
	}); err != nil {
		t.Fatal(err)
	}
	if calls < 2 || last != total || total <= 0 {
		t.Fatalf("progress: %d calls, last %d of %d", calls, last, total)
	}
}
