package atomicfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// trace replaces the durable steps with recorders for one test and returns
// the list of what happened, in order.
func trace(t *testing.T, failAt string) *[]string {
	t.Helper()
	var steps []string
	oldSync, oldDir, oldRename := syncFile, syncDir, rename
	t.Cleanup(func() { syncFile, syncDir, rename = oldSync, oldDir, oldRename })
	fail := func(step string) error {
		steps = append(steps, step)
		if step == failAt {
			return errors.New("injected failure at " + step)
		}
		return nil
	}
	syncFile = func(f *os.File) error {
		if err := fail("sync file"); err != nil {
			return err
		}
		return oldSync(f)
	}
	rename = func(from, to string) error {
		if err := fail("rename"); err != nil {
			return err
		}
		return oldRename(from, to)
	}
	syncDir = func(dir string) error {
		if err := fail("sync dir"); err != nil {
			return err
		}
		return oldDir(dir)
	}
	return &steps
}

// The order that makes a replacement durable: the data is on disk before
// the rename publishes it, and the rename is on disk before Write returns.
// Removing any of the syncs (or reordering them) fails this test.
func TestWriteIsDurableInOrder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "vault.json")
	steps := trace(t, "")
	if err := WriteFile(path, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	want := []string{"sync file", "rename", "sync dir"}
	if strings.Join(*steps, ",") != strings.Join(want, ",") {
		t.Fatalf("steps = %q, want %q", *steps, want)
	}
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "new" {
		t.Fatalf("content = %q, %v", b, err)
	}
	if runtime.GOOS != "windows" {
		fi, _ := os.Stat(path)
		if fi.Mode().Perm() != 0o600 {
			t.Fatalf("mode = %v, want 0600", fi.Mode().Perm())
		}
	}
	assertNoLeftovers(t, dir, "vault.json")
}

// A failure at any step is reported, the old content stays whole, and no
// temporary file is left behind.
func TestWriteFailureKeepsOldContent(t *testing.T) {
	for _, step := range []string{"write", "sync file", "rename", "sync dir"} {
		t.Run(step, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "settings.json")
			if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			trace(t, step)
			err := Write(path, 0o644, func(w io.Writer) error {
				if _, err := w.Write([]byte("partial")); err != nil {
					return err
				}
				if step == "write" {
					return errors.New("injected failure at write")
				}
				_, err := w.Write([]byte(" and the rest"))
				return err
			})
			if err == nil || !strings.Contains(err.Error(), "injected failure at "+step) {
				t.Fatalf("err = %v, want the injected failure at %s", err, step)
			}
			b, _ := os.ReadFile(path)
			want := "old"
			if step == "sync dir" {
				// The rename happened; only its durability is in doubt,
				// and the caller is told.
				want = "partial and the rest"
			}
			if string(b) != want {
				t.Fatalf("content after failure at %s = %q, want %q", step, b, want)
			}
			assertNoLeftovers(t, dir, "settings.json")
		})
	}
}

func TestWriteMissingFolder(t *testing.T) {
	err := WriteFile(filepath.Join(t.TempDir(), "absent", "x"), []byte("x"), 0o644)
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("err = %v, want not exist", err)
	}
}

func TestLeftovers(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{".vault.json.123.tmp", ".vault.json.9.tmp", "vault.json", ".settings.json.1.tmp", ".vault.json.x"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Leftovers(dir, "vault.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || filepath.Base(got[0]) != ".vault.json.123.tmp" || filepath.Base(got[1]) != ".vault.json.9.tmp" {
		t.Fatalf("leftovers = %q", got)
	}
	if got, err := Leftovers(filepath.Join(dir, "none"), "vault.json"); err != nil || got != nil {
		t.Fatalf("missing folder: %q, %v", got, err)
	}
}

// Large content streams through without being held whole.
func TestWriteStreams(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big")
	chunk := bytes.Repeat([]byte("x"), 1<<16)
	err := Write(path, 0o644, func(w io.Writer) error {
		for i := 0; i < 64; i++ {
			if _, err := w.Write(chunk); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Size() != 64<<16 {
		t.Fatalf("size = %d", fi.Size())
	}
}

func assertNoLeftovers(t *testing.T, dir, base string) {
	t.Helper()
	left, err := Leftovers(dir, base)
	if err != nil || len(left) != 0 {
		t.Fatalf("leftovers = %q, %v", left, err)
	}
}

// A staged file is durable before it is visible: the target keeps its old
// content (or stays absent) until Commit; Discard leaves nothing behind and
// the target untouched; Commit publishes it with the same steps as Write.
func TestStage(t *testing.T) {
	for _, tc := range []struct {
		name   string
		old    string // "" = no target before
		commit bool
	}{
		{"new file, committed", "", true},
		{"new file, discarded", "", false},
		{"replacement, committed", "old", true},
		{"replacement, discarded", "old", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "DS_1234567_202601.txt")
			if tc.old != "" {
				os.WriteFile(path, []byte(tc.old), 0o644)
			}
			steps := trace(t, "")
			s, err := Stage(path, 0o644, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err })
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(*steps, ",") != "sync file" {
				t.Fatalf("steps after Stage = %q, want only the file's sync", *steps)
			}
			if b, err := os.ReadFile(path); tc.old == "" && !errors.Is(err, os.ErrNotExist) || tc.old != "" && string(b) != tc.old {
				t.Fatalf("target visible before Commit: %q, %v", b, err)
			}
			want := tc.old
			if tc.commit {
				if err := s.Commit(); err != nil {
					t.Fatal(err)
				}
				want = "new"
				if strings.Join(*steps, ",") != "sync file,rename,sync dir" {
					t.Fatalf("steps = %q", *steps)
				}
			} else if err := s.Discard(); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(path)
			if want == "" && !errors.Is(err, os.ErrNotExist) || want != "" && string(b) != want {
				t.Fatalf("target = %q, %v; want %q", b, err, want)
			}
			assertNoLeftovers(t, dir, "DS_1234567_202601.txt")
			if names, _ := os.ReadDir(dir); want == "" && len(names) != 0 {
				t.Fatalf("files left: %v", names)
			}
		})
	}
	// A failed rename at Commit leaves the old content and no temporary file.
	dir := t.TempDir()
	path := filepath.Join(dir, "x.txt")
	os.WriteFile(path, []byte("old"), 0o644)
	trace(t, "rename")
	s, err := Stage(path, 0o644, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err })
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err == nil {
		t.Fatal("Commit with a failing rename succeeded")
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatalf("content = %q", b)
	}
	assertNoLeftovers(t, dir, "x.txt")
}
