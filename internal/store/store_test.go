package store

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4/options"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/encdb"
)

func TestOpenCloseReopen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, testKey, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	e := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	if v := must[int](t)(s.SchemaVersion()); v != SchemaVersion() {
		t.Fatalf("schema %d, want %d", v, SchemaVersion())
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	// Every operation after Close says store.closed.
	_, err = s.Employers().Get(e.ID)
	wantCode(t, err, CodeClosed)
	_, err = s.Employers().Create(sampleEmployer(2))
	wantCode(t, err, CodeClosed)
	_, err = s.ListEmployerStatus(p202601)
	wantCode(t, err, CodeClosed)
	_, _, err = s.VerifyAudit()
	wantCode(t, err, CodeClosed)
	wantCode(t, s.Update(func(*Tx) error { return nil }), CodeClosed)
	if !errors.Is(err, ErrClosed) {
		t.Fatalf("not ErrClosed: %v", err)
	}

	s2 := openAt(t, dir)
	if got := must[domain.Employer](t)(s2.Employers().Get(e.ID)); got.Affiliation != e.Affiliation {
		t.Fatalf("data lost across reopen")
	}
	if _, broken, err := s2.VerifyAudit(); err != nil || broken != -1 {
		t.Fatalf("audit after reopen: %d %v", broken, err)
	}
}

func TestOpenBadKey(t *testing.T) {
	for _, n := range []int{0, 16, 24, 31, 33} {
		_, err := Open(t.TempDir(), make([]byte, n), testOptions())
		wantCode(t, err, CodeBadKey)
	}
}

func TestOpenWrongKey(t *testing.T) {
	dir := t.TempDir()
	s := openAt(t, dir)
	e := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	_, err := Open(dir, otherKey, testOptions())
	wantCode(t, err, CodeWrongKey)
	if !errors.Is(err, ErrWrongKey) {
		t.Fatalf("not ErrWrongKey: %v", err)
	}
	// The failed attempt released the directory and changed nothing.
	s2 := openAt(t, dir)
	if _, err := s2.Employers().Get(e.ID); err != nil {
		t.Fatalf("after wrong key: %v", err)
	}
}

func TestOpenLockedSameProcess(t *testing.T) {
	dir := t.TempDir()
	s := openAt(t, dir)
	e := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	_, err := Open(dir, testKey, testOptions())
	wantCode(t, err, CodeLocked)
	// The same directory through another path spelling is the same store.
	_, err = Open(filepath.Join(dir, ".", "sub", ".."), testKey, testOptions())
	wantCode(t, err, CodeLocked)
	// The first handle still works.
	if _, err := s.Employers().Get(e.ID); err != nil {
		t.Fatal(err)
	}
}

const envHold = "TASRIH_STORE_TEST_HOLD_DIR"

// TestHoldChild is not a test on its own: TestOpenLockedOtherProcess runs the
// test binary again with envHold set; the child opens the store, prints
// "ready" and keeps it open until its stdin closes.
func TestHoldChild(t *testing.T) {
	dir := os.Getenv(envHold)
	if dir == "" {
		t.Skip("helper process for TestOpenLockedOtherProcess (runs only when re-executed)")
	}
	s, err := Open(dir, testKey, testOptions())
	if err != nil {
		fmt.Println("open failed:", err)
		os.Exit(3)
	}
	fmt.Println("ready")
	_, _ = io.Copy(io.Discard, os.Stdin)
	_ = s.Close()
	os.Exit(0)
}

func TestOpenLockedOtherProcess(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, testKey, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	e := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHoldChild$")
	cmd.Env = append(os.Environ(), envHold+"="+dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "ready" {
		t.Fatalf("child: %q %v", line, err)
	}

	before := dirListing(t, dir)
	_, err = Open(dir, testKey, testOptions())
	wantCode(t, err, CodeLocked)
	if after := dirListing(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("the refused Open changed the directory:\n%v\n%v", before, after)
	}
	if !strings.Contains(err.Error(), "déjà ouvertes par une autre instance de Tasrih") {
		t.Fatalf("message: %v", err)
	}

	_ = stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	s2 := openAt(t, dir)
	if got := must[domain.Employer](t)(s2.Employers().Get(e.ID)); got.Name != e.Name {
		t.Fatal("data changed")
	}
}

func dirListing(t *testing.T, dir string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = info.Size()
	}
	return out
}

func TestOptionsMatchSecuritySpec(t *testing.T) {
	o := badgerOptions("/x", testKey, slog.Default())
	checks := []struct {
		name string
		ok   bool
	}{
		{"MemTableSize 8 MiB", o.MemTableSize == 8<<20},
		{"NumMemtables 2", o.NumMemtables == 2},
		{"ValueLogFileSize 16 MiB", o.ValueLogFileSize == 16<<20},
		{"BlockCacheSize 8–16 MiB", o.BlockCacheSize >= 8<<20 && o.BlockCacheSize <= 16<<20},
		{"IndexCacheSize 8–16 MiB", o.IndexCacheSize >= 8<<20 && o.IndexCacheSize <= 16<<20},
		{"NumCompactors 2", o.NumCompactors == 2},
		{"NumVersionsToKeep 1", o.NumVersionsToKeep == 1},
		{"SyncWrites", o.SyncWrites},
		{"checksums on table and block read", o.ChecksumVerificationMode == options.OnTableAndBlockRead},
		{"VerifyValueChecksum", o.VerifyValueChecksum},
		{"metrics off", !o.MetricsEnabled},
		{"encryption key", len(o.EncryptionKey) == 32},
		{"redacting logger", encdb.IsRedacting(o.Logger)},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("badger option: %s", c.name)
		}
	}
}
