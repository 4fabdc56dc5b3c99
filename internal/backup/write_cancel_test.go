package backup_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/tasrih/tasrih/internal/backup"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// listing is every name under dir (files and folders, hidden ones included)
// with its size.
func listing(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, fmt.Sprintf("%s|%s|%d", rel, info.Mode(), info.Size()))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// TestSnapshotProgress: the progress of a snapshot only grows, never passes
// its total (twice the records) and reaches it.
func TestSnapshotProgress(t *testing.T) {
	w, _ := newWorkspace(t, 2, 300)
	folder := t.TempDir()
	var last, total int64 = -1, -1
	calls := 0
	p, err := w.SnapshotContext(context.Background(), folder, 0, "manual", func(d, tot int64) {
		if d < last || d > tot || (total >= 0 && tot != total) || tot <= 0 {
			t.Errorf("progress %d/%d after %d/%d", d, tot, last, total)
		}
		last, total = d, tot
		calls++
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := backup.Open(p, 0)
	if err != nil {
		t.Fatal(err)
	}
	src, _ := w.BackupSource("manual")
	m, err := b.Verify(src.BackupKey)
	if err != nil {
		t.Fatal(err)
	}
	if calls < 10 || last != total || total != 2*m.Records {
		t.Fatalf("progress: %d calls, last %d of %d, %d records", calls, last, total, m.Records)
	}
}

// TestSnapshotCancel: a snapshot cancelled at any point — before it starts,
// during the count pass, between the passes, during the encryption, after
// the last record — fails with backup.cancelled, leaves the folder exactly
// as it was (no file, no temporary file, no rotation of older snapshots, no
// folder it created) and the store usable; the next snapshot works.
func TestSnapshotCancel(t *testing.T) {
	w, _ := newWorkspace(t, 2, 300)
	folder := t.TempDir()
	// The folder already holds two snapshots (keep 2: any rotation would
	// delete one) and a manual backup.
	for i := 0; i < 2; i++ {
		if _, err := w.Snapshot(folder, 2, "exit"); err != nil {
			t.Fatal(err)
		}
	}
	src, _ := w.BackupSource("manual")
	if err := backup.WriteFile(filepath.Join(folder, "tasrih-manual"+backup.SnapshotExt), src); err != nil {
		t.Fatal(err)
	}
	before := listing(t, folder)
	beforeFiles := tree(t, folder)

	for i, at := range []float64{-1, 0, 0.2, 0.5, 0.7, 0.99, 1} {
		ctx, cancel := context.WithCancel(context.Background())
		if at < 0 {
			cancel()
		}
		reached, after := false, 0
		_, err := w.SnapshotContext(ctx, folder, 2, "manual", func(d, tot int64) {
			if reached {
				after++ // the work went on after the cancel
			}
			if float64(d) >= at*float64(tot) {
				reached = true
				cancel()
			}
		})
		cancel()
		if i18n.Code(err) != backup.CodeCancelled || !errors.Is(err, context.Canceled) {
			t.Fatalf("cancel at %.2f: %v", at, err)
		}
		if at >= 0 && !reached {
			t.Fatalf("cancel at %.2f: never reached", at)
		}
		if after > 0 {
			t.Fatalf("cancel at %.2f: %d progress reports after the cancel", at, after)
		}
		if got := listing(t, folder); !equal(got, before) || !sameTree(beforeFiles, tree(t, folder)) {
			t.Fatalf("cancel at %.2f: folder changed:\n%v\nwas\n%v", at, got, before)
		}
		// The store is usable: a write, then a complete snapshot.
		if _, err := w.Store.Employers().Create(domain.Employer{Affiliation: decltest.Affiliation(300000 + i), Name: "Après annulation"}); err != nil {
			t.Fatalf("cancel at %.2f: store unusable: %v", at, err)
		}
	}
	p, err := w.SnapshotContext(context.Background(), folder, 0, "manual", nil)
	if err != nil {
		t.Fatalf("snapshot after the cancelled ones: %v", err)
	}
	if _, err := backup.Open(p, 0); err != nil {
		t.Fatal(err)
	}

	// A folder the cancelled snapshot had to create is removed again.
	fresh := filepath.Join(t.TempDir(), "a", "b")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := w.SnapshotContext(ctx, fresh, 2, "manual", nil); i18n.Code(err) != backup.CodeCancelled {
		t.Fatalf("cancelled into a new folder: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(fresh)); !os.IsNotExist(err) {
		t.Fatalf("the cancelled snapshot left the folder it created: %v", err)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
