package encdb

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
)

var testKey = bytes.Repeat([]byte{7}, KeySize)

type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// checkSecuritySpec fails for every option of o that departs from
// security.md ("Badger").
func checkSecuritySpec(t *testing.T, o badger.Options) {
	t.Helper()
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
		{"encryption key", len(o.EncryptionKey) == KeySize},
		{"redacting logger", IsRedacting(o.Logger)},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("badger option: %s", c.name)
		}
	}
}

func TestOptionsMatchSecuritySpec(t *testing.T) {
	checkSecuritySpec(t, Options("/x", testKey, nil))
}

// The options the opened database really runs with.
func TestOpenedDatabaseOptions(t *testing.T) {
	db, err := Open(Options(t.TempDir(), testKey, slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkSecuritySpec(t, db.Opts())
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	quiet := slog.New(slog.DiscardHandler)
	if _, err := Open(Options(dir, testKey[:16], quiet)); !errors.Is(err, ErrBadKey) {
		t.Fatalf("short key: %v", err)
	}
	db, err := Open(Options(dir, testKey, quiet))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(txn *badger.Txn) error { return txn.Set([]byte("k"), []byte("v")) }); err != nil {
		t.Fatal(err)
	}
	// Open twice: Badger's directory lock.
	if _, err := Open(Options(dir, testKey, quiet)); !errors.Is(err, ErrLocked) || errors.Is(err, ErrWrongKey) {
		t.Fatalf("second open: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	other := bytes.Repeat([]byte{8}, KeySize)
	_, err = Open(Options(dir, other, quiet))
	if !errors.Is(err, ErrWrongKey) || errors.Is(err, ErrLocked) {
		t.Fatalf("wrong key: %v", err)
	}
	if !errors.Is(err, badger.ErrEncryptionKeyMismatch) && !strings.Contains(err.Error(), badger.ErrEncryptionKeyMismatch.Error()) {
		t.Fatalf("Badger's cause is lost: %v", err)
	}
	// The right key still opens it: the failed attempts changed nothing.
	db, err = Open(Options(dir, testKey, quiet))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.View(func(txn *badger.Txn) error { _, err := txn.Get([]byte("k")); return err }); err != nil {
		t.Fatal(err)
	}
}

func TestClassify(t *testing.T) {
	for _, c := range []struct {
		err  error
		want error
	}{
		{fmt.Errorf("while opening: %+v", badger.ErrEncryptionKeyMismatch), ErrWrongKey},
		{errors.New("Cannot acquire directory lock on \"/x\".  Another process is using this Badger database."), ErrLocked},
		{errors.New("disk full"), nil},
	} {
		got := Classify(c.err)
		if c.want == nil {
			if got != c.err {
				t.Errorf("%v: classified as %v", c.err, got)
			}
			continue
		}
		if !errors.Is(got, c.want) || !errors.Is(Classify(got), c.want) {
			t.Errorf("%v: got %v, want %v", c.err, got, c.want)
		}
	}
	if Classify(nil) != nil {
		t.Error("Classify(nil) != nil")
	}
}

// A crash between the creation and the sizing of a memtable or value log
// leaves an empty file that Badger refuses; Open removes it, never a non-empty one.
func TestOpenRemovesEmptyMemtables(t *testing.T) {
	dir := t.TempDir()
	quiet := slog.New(slog.DiscardHandler)
	db, err := Open(Options(dir, testKey, quiet))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(txn *badger.Txn) error { return txn.Set([]byte("k"), []byte("v")) }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := os.WriteFile(filepath.Join(dir, "00099.mem"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// The same for a value-log file (the next one Badger would create).
	if vlogs, _ := filepath.Glob(filepath.Join(dir, "*.vlog")); len(vlogs) == 0 {
		t.Fatal("no value log")
	}
	if err := os.WriteFile(filepath.Join(dir, "000099.vlog"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "keep.mem.txt"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err = Open(Options(dir, testKey, quiet))
	if err != nil {
		t.Fatalf("open after the crash: %v", err)
	}
	defer db.Close()
	if _, err := os.Stat(filepath.Join(dir, "00099.mem")); !os.IsNotExist(err) {
		t.Errorf("the empty memtable is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "000099.vlog")); !os.IsNotExist(err) {
		t.Errorf("the empty value log is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "keep.mem.txt")); err != nil {
		t.Errorf("a file that is not a memtable was removed: %v", err)
	}
}

// The logger never prints a key, a value, an error text or a struct, under
// any verb; it keeps numbers, booleans and durations.
func TestLoggerRedacts(t *testing.T) {
	var buf logBuffer
	l := Logger(slog.New(slog.NewTextHandler(&buf, nil)))
	type named string
	type payload struct{ Name string }
	l.Warningf("While reading key: %x, got error: %v", []byte("ee/secret-key"), errors.New("value BK123456"))
	l.Errorf("Key [%s, %d] %q %v %+v %#v %s", "er/SECRET", 42, "NAME", struct{ A string }{"ALAMI"},
		&payload{"BENNANI"}, named("CIN-AB1234"), []string{"RIB-0011"})
	l.Errorf("flags %t %v %d", true, 3*time.Second, uint16(7))
	l.Infof("info %s", "dropped")
	l.Debugf("debug %s", "dropped")
	out := buf.String()
	for _, secret := range []string{"secret", "SECRET", "BK123456", "NAME", "ALAMI", "BENNANI", "CIN-AB1234", "RIB-0011",
		"dropped", fmt.Sprintf("%x", "ee/secret-key")} {
		if strings.Contains(out, secret) {
			t.Fatalf("log leaks %q: %s", secret, out)
		}
	}
	for _, kept := range []string{"42", "true", "3s", " 7"} {
		if !strings.Contains(out, kept) {
			t.Errorf("log lost %q: %s", kept, out)
		}
	}
	if n := strings.Count(out, Redacted); n != 8 {
		t.Fatalf("%d redactions, want 8: %s", n, out)
	}
}

// Badger's own warnings on a real database never carry the stored keys or
// the encryption key.
func TestLoggerOnRealDatabase(t *testing.T) {
	var buf logBuffer
	dir := t.TempDir()
	db, err := Open(Options(dir, testKey, slog.New(slog.NewTextHandler(&buf, nil))))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(txn *badger.Txn) error {
		return txn.Set([]byte("e/BENNANI-AB1234"), []byte("salary 1234567"))
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	_, _ = Open(Options(dir, bytes.Repeat([]byte{9}, KeySize), slog.New(slog.NewTextHandler(&buf, nil))))
	out := buf.String()
	for _, s := range []string{"BENNANI", "AB1234", "1234567", fmt.Sprintf("%x", testKey), string(testKey)} {
		if strings.Contains(out, s) {
			t.Fatalf("log leaks %q: %s", s, out)
		}
	}
}
