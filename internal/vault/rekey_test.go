package vault

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

func writeMarker(t *testing.T, dir, s string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "marker"), []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

func marker(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "marker"))
	if err != nil {
		t.Fatalf("store marker: %v", err)
	}
	return string(b)
}

// TestRekeyInterruptedAtEveryStep leaves the folder as a kill would at each
// step of the journaled swap, and checks that Open brings it to the old
// state (before the commit point) or the new one (after), with no leftover.
func TestRekeyInterruptedAtEveryStep(t *testing.T) {
	steps := []struct {
		name string
		// after is how far the swap got (0: staged, not committed).
		after  int
		wantNw bool
	}{
		{"staged, not committed", 0, false},
		{"committed", 1, true},
		{"old store set aside", 2, true},
		{"new store in place", 3, true},
		{"vault.json in place", 4, true},
		{"old store wiped, stage not removed", 5, true},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			dir, u, _ := newTestVault(t, Options{})
			writeMarker(t, StoreDir(dir), "old")
			oldFile := readVaultFile(t, dir)
			r, err := u.BeginRekey(testPass, testPass2)
			if err != nil {
				t.Fatal(err)
			}
			writeMarker(t, r.StoreDir(), "new")
			stage := filepath.Join(dir, rekeyDirName)
			newFile := r.h.encode()
			if s.after >= 1 {
				if err := writeFileAtomic(stage, newFile); err != nil {
					t.Fatal(err)
				}
				if err := writeCommit(stage, ""); err != nil {
					t.Fatal(err)
				}
			}
			if s.after >= 2 {
				os.Rename(StoreDir(dir), filepath.Join(stage, oldStoreName))
			}
			if s.after >= 3 {
				os.Rename(filepath.Join(stage, storeDirName), StoreDir(dir))
			}
			if s.after >= 4 {
				os.Rename(FilePath(stage), FilePath(dir))
			}
			if s.after >= 5 {
				os.RemoveAll(filepath.Join(stage, oldStoreName))
			}
			r.lock.release() // the process died: its lock went with it

			v, err := Open(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := os.Lstat(stage); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("%s left after Open: %v", rekeyDirName, err)
			}
			want, wantFile, pass, other := "old", oldFile, testPass, testPass2
			if s.wantNw {
				want, wantFile, pass, other = "new", newFile, testPass2, testPass
			}
			if got := marker(t, StoreDir(dir)); got != want {
				t.Fatalf("store %q, want %q", got, want)
			}
			if !bytes.Equal(readVaultFile(t, dir), wantFile) {
				t.Fatal("vault.json is not the expected one")
			}
			if _, err := v.UnlockPassphrase(pass); err != nil {
				t.Fatalf("unlock: %v", err)
			}
			if _, err := v.UnlockPassphrase(other); !errors.Is(err, ErrWrongSecret) {
				t.Fatalf("other passphrase: %v", err)
			}
		})
	}
}

// TestRekeyBusy: while a re-key runs, another Open of the folder waits for
// it (vault.rekey_busy) instead of undoing it, and a second re-key is
// refused.
func TestRekeyBusy(t *testing.T) {
	dir, u, _ := newTestVault(t, Options{})
	writeMarker(t, StoreDir(dir), "old")
	u2, err := mustOpen(t, dir, Options{}).UnlockPassphrase(testPass)
	if err != nil {
		t.Fatal(err)
	}
	r, err := u.BeginRekey(testPass, "")
	if err != nil {
		t.Fatal(err)
	}
	writeMarker(t, r.StoreDir(), "new")
	_, err = Open(dir, Options{})
	wantCode(t, err, CodeRekeyBusy)
	_, err = u2.BeginRekey(testPass, "")
	wantCode(t, err, CodeRekeyBusy)
	code, err := r.Commit()
	if err != nil || code == "" {
		t.Fatal(err)
	}
	if marker(t, StoreDir(dir)) != "new" {
		t.Fatal("store not swapped")
	}
	if _, err := mustOpen(t, dir, Options{}).UnlockRecovery(code); err != nil {
		t.Fatalf("new code: %v", err)
	}
	// Commit twice, Abort after Commit: harmless.
	if _, err := r.Commit(); err == nil {
		t.Fatal("second Commit accepted")
	}
	if err := r.Abort(); err != nil {
		t.Fatal(err)
	}
	if marker(t, StoreDir(dir)) != "new" {
		t.Fatal("Abort after Commit undid it")
	}
}

// TestRekeyAbort: an aborted re-key leaves the old key in place.
func TestRekeyAbort(t *testing.T) {
	dir, u, code := newTestVault(t, Options{})
	before := readVaultFile(t, dir)
	r, err := u.BeginRekey(testPass, testPass2)
	if err != nil {
		t.Fatal(err)
	}
	writeMarker(t, r.StoreDir(), "new")
	if err := r.Abort(); err != nil {
		t.Fatal(err)
	}
	unchanged(t, dir, before)
	if _, err := os.Lstat(filepath.Join(dir, rekeyDirName)); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("stage left")
	}
	if _, err := mustOpen(t, dir, Options{}).UnlockRecovery(code); err != nil {
		t.Fatal(err)
	}
	// Commit without a store staged is refused.
	u2, _ := mustOpen(t, dir, Options{}).UnlockPassphrase(testPass)
	r, err = u2.BeginRekey(testPass, "")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Abort()
	if _, err := r.Commit(); err == nil || r.Committed() {
		t.Fatal("Commit without the new store")
	}
}

// TestRecoveryUsedIsAuthenticated: the "recovery code spent" mark cannot be
// removed from vault.json without the key (the MAC covers it), and files
// written before the mark existed still verify.
func TestRecoveryUsedIsAuthenticated(t *testing.T) {
	dir, _, code := newTestVault(t, Options{})
	if _, err := mustOpen(t, dir, Options{}).UnlockRecovery(code); err != nil {
		t.Fatal(err)
	}
	b := readVaultFile(t, dir)
	if !bytes.Contains(b, []byte(`"recovery_used": true`)) {
		t.Fatalf("no mark in vault.json:\n%s", b)
	}
	forged := bytes.Replace(b, []byte(`  "recovery_used": true,`+"\n"), nil, 1)
	if err := os.WriteFile(FilePath(dir), forged, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := mustOpen(t, dir, Options{}).UnlockPassphrase(testPass)
	wantCode(t, err, CodeTampered)
}

// TestRekeyWithRecoveryCodeAsCurrent: a user who forgot the passphrase but
// is unlocked another way (keyring) may give the recovery code instead; a
// new passphrase is then required, and a wrong code is refused.
func TestRekeyWithRecoveryCodeAsCurrent(t *testing.T) {
	dir, u, code := newTestVault(t, Options{})
	_, err := u.BeginRekey(otherCode(code), testPass2)
	wantCode(t, err, CodeWrongSecret)
	_, err = u.BeginRekey(code, "")
	wantCode(t, err, "vault.new_passphrase_required")
	r, err := u.BeginRekey(code, testPass2)
	if err != nil {
		t.Fatal(err)
	}
	writeMarker(t, r.StoreDir(), "new")
	if _, err := r.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := mustOpen(t, dir, Options{}).UnlockRecovery(code); !errors.Is(err, ErrWrongSecret) {
		t.Fatalf("old code after re-key: %v", err)
	}
	if _, err := mustOpen(t, dir, Options{}).UnlockPassphrase(testPass2); err != nil {
		t.Fatal(err)
	}
}

// TestRestoreInterruptedAtEveryStep: the journaled swap of a restore, cut at
// each step, is undone (before the commit point) or finished (after) by the
// next Open, and the replaced data always ends whole in previous-….
func TestRestoreInterruptedAtEveryStep(t *testing.T) {
	for after := 0; after <= 6; after++ {
		t.Run(strconv.Itoa(after), func(t *testing.T) {
			dir, _, _ := newTestVault(t, Options{})
			writeMarker(t, StoreDir(dir), "old")
			oldFile := readVaultFile(t, dir)
			other, _, _ := newTestVault(t, Options{})
			newFile := readVaultFile(t, other)

			r, err := BeginRestore(dir)
			if err != nil {
				t.Fatal(err)
			}
			writeMarker(t, r.StoreDir(), "new")
			stage := filepath.Join(dir, rekeyDirName)
			const keep = "previous-20260101T000000"
			prev := filepath.Join(dir, keep)
			oldVault := filepath.Join(stage, "old-"+FileName)
			steps := []func(){
				func() { writeFileAtomic(stage, newFile); writeCommit(stage, keep) },
				func() { os.Rename(StoreDir(dir), filepath.Join(stage, oldStoreName)) },
				func() { os.Rename(filepath.Join(stage, storeDirName), StoreDir(dir)) },
				func() { os.Link(FilePath(dir), oldVault) },
				func() { os.Rename(FilePath(stage), FilePath(dir)) },
				func() { os.MkdirAll(prev, 0o700); os.Rename(filepath.Join(stage, oldStoreName), StoreDir(prev)) },
			}
			for _, s := range steps[:after] {
				s()
			}
			r.lock.release()

			if _, err := Open(dir, Options{}); err != nil {
				t.Fatal(err)
			}
			if exists(stage) {
				t.Fatal("stage left after Open")
			}
			if after == 0 {
				if marker(t, StoreDir(dir)) != "old" || !bytes.Equal(readVaultFile(t, dir), oldFile) || exists(prev) {
					t.Fatal("an uncommitted restore was not undone")
				}
				return
			}
			if marker(t, StoreDir(dir)) != "new" || !bytes.Equal(readVaultFile(t, dir), newFile) {
				t.Fatal("a committed restore was not finished")
			}
			if marker(t, StoreDir(prev)) != "old" || !bytes.Equal(readVaultFile(t, prev), oldFile) {
				t.Fatal("the replaced data is not whole in previous-…")
			}
		})
	}
}

// TestLeftoversCleaned: what older interrupted operations left goes at the
// next Open; a fresh temporary file (a writer at work) and a non-empty
// previous copy stay.
func TestLeftoversCleaned(t *testing.T) {
	dir, _, _ := newTestVault(t, Options{})
	old := time.Now().Add(-time.Hour)
	oldTmp := filepath.Join(dir, "."+FileName+".123.tmp")
	freshTmp := filepath.Join(dir, "."+FileName+".456.tmp")
	os.WriteFile(oldTmp, []byte("{}"), 0o600)
	os.Chtimes(oldTmp, old, old)
	os.WriteFile(freshTmp, []byte("{}"), 0o600)
	os.MkdirAll(filepath.Join(dir, ".restore-42", "store"), 0o700)
	os.MkdirAll(filepath.Join(dir, "previous-20250101T000000"), 0o700)
	writeMarker(t, filepath.Join(dir, "previous-20250202T000000", "store"), "kept")
	if _, err := Open(dir, Options{}); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{oldTmp: false, freshTmp: true, filepath.Join(dir, ".restore-42"): false,
		filepath.Join(dir, "previous-20250101T000000"): false, filepath.Join(dir, "previous-20250202T000000"): true} {
		if exists(p) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(p), !want, want)
		}
	}
}

// TestHoldFolder: while a re-key holds the folder, HoldFolder (a process
// that unlocked before, opening its store) gets vault.rekey_busy; a re-key
// interrupted since (its process died) is finished — committed — or undone
// before HoldFolder returns, so that the store opened is the one in force.
func TestHoldFolder(t *testing.T) {
	for _, committed := range []bool{false, true} {
		t.Run(strconv.FormatBool(committed), func(t *testing.T) {
			dir, u, _ := newTestVault(t, Options{})
			writeMarker(t, StoreDir(dir), "old")
			r, err := u.BeginRekey(testPass, testPass2)
			if err != nil {
				t.Fatal(err)
			}
			writeMarker(t, r.StoreDir(), "new")
			if _, err := HoldFolder(dir); !errors.Is(err, ErrRekeyBusy) {
				t.Fatalf("HoldFolder during a re-key: %v", err)
			}
			stage := filepath.Join(dir, rekeyDirName)
			if committed {
				if err := writeFileAtomic(stage, r.h.encode()); err != nil {
					t.Fatal(err)
				}
				if err := writeCommit(stage, ""); err != nil {
					t.Fatal(err)
				}
			}
			r.lock.release() // the process died
			release, err := HoldFolder(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer release()
			want := map[bool]string{false: "old", true: "new"}[committed]
			if got := marker(t, StoreDir(dir)); got != want {
				t.Fatalf("store %q, want %q", got, want)
			}
			if _, err := os.Lstat(stage); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("stage left: %v", err)
			}
		})
	}
}
