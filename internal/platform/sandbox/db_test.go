package sandbox

import (
	"bytes"
	"errors"
	"log/slog"
	"testing"

	"github.com/dgraph-io/badger/v4/options"

	"github.com/tasrih/tasrih/internal/encdb"
	"github.com/tasrih/tasrih/internal/i18n"
)

// The sandbox's database is opened by encdb with the safety settings of
// security.md; only the sizes differ (a 20 MiB deposit is one value).
func TestOpenedDatabaseOptions(t *testing.T) {
	dir := t.TempDir()
	db, err := openDB(dir, testKey, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	o := db.Opts()
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"SyncWrites", o.SyncWrites},
		{"encrypted", bytes.Equal(o.EncryptionKey, testKey)},
		{"checksums on table and block read", o.ChecksumVerificationMode == options.OnTableAndBlockRead},
		{"VerifyValueChecksum", o.VerifyValueChecksum},
		{"NumVersionsToKeep 1", o.NumVersionsToKeep == 1},
		{"both caches > 0", o.BlockCacheSize > 0 && o.IndexCacheSize > 0},
		{"metrics off", !o.MetricsEnabled},
		{"redacting logger", encdb.IsRedacting(o.Logger)},
		{"value log holds a 20 MiB deposit", o.ValueLogFileSize > 20<<20},
	} {
		if !c.ok {
			t.Errorf("sandbox badger option: %s", c.name)
		}
	}
	// A second sandbox on the same folder is told it is locked.
	if _, err := openDB(dir, testKey, slog.New(slog.DiscardHandler)); i18n.Code(err) != CodeLocked || !errors.Is(err, encdb.ErrLocked) {
		t.Fatalf("second open: %v", err)
	}
}
