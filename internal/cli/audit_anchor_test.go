package cli

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
	"github.com/tasrih/tasrih/internal/workspace"
)

// anchoredVault makes a vault with the CLI, with its local anchors in a
// temporary config folder, and returns its data folder.
func anchoredVault(t *testing.T) string {
	t.Helper()
	vault.UseCheapKDFForTests(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := filepath.Join(t.TempDir(), "data")
	if code, out, errs := runWith(t, map[string]string{envPassphrase: testPass}, "", "vault", "init", "--data", dir); code != ExitOK {
		t.Fatalf("init: %d %s %s", code, out, errs)
	}
	return dir
}

// writeSession opens the workspace, creates n employers and closes cleanly.
func writeSession(t *testing.T, dir string, from, n int) {
	t.Helper()
	w := openWS(t, dir)
	for i := from; i < from+n; i++ {
		if _, err := w.Store.Employers().Create(domain.Employer{Affiliation: affil(i), Name: "Société " + affil(i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func affil(i int) string { return strconv.Itoa(1000000 + i) }

func openWS(t *testing.T, dir string) *workspace.Workspace {
	t.Helper()
	v, err := vault.Open(dir, vault.Options{})
	if err != nil {
		t.Fatal(err)
	}
	u, err := v.UnlockPassphrase(testPass)
	if err != nil {
		t.Fatal(err)
	}
	w, err := workspace.Open(dir, u, store.Options{Actor: "test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func auditCmd(t *testing.T, dir, sub, lang string) (int, string) {
	t.Helper()
	code, out, errs := runWith(t, map[string]string{envPassphrase: testPass}, "", "audit", sub, "--data", dir, "--lang", lang)
	return code, out + errs
}

// wantDetected checks audit verify (exit 1, the message in each language)
// and that a write is refused until audit acknowledge.
func wantDetected(t *testing.T, dir string, phrase map[string]string) {
	t.Helper()
	for lang, p := range phrase {
		code, out := auditCmd(t, dir, "verify", lang)
		if code != ExitFindings || !strings.Contains(out, p) {
			t.Fatalf("audit verify --lang %s: exit %d, want 1 and %q:\n%s", lang, code, p, out)
		}
	}
	w := openWS(t, dir)
	if w.Store.Rollback() == nil {
		t.Fatal("not detected at open")
	}
	if _, err := w.Store.Employers().Create(domain.Employer{Affiliation: "7654321", Name: "X"}); err == nil || !strings.Contains(err.Error(), "bloquées") {
		t.Fatalf("write after a rollback: %v", err)
	}
	w.Close()
}

func TestAuditDetectsManifestTruncation(t *testing.T) {
	dir := anchoredVault(t)
	writeSession(t, dir, 1, 3)
	writeSession(t, dir, 10, 5)
	m := filepath.Join(vault.StoreDir(dir), "MANIFEST")
	fi, err := os.Stat(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(m, fi.Size()-16); err != nil {
		t.Fatal(err)
	}
	wantDetected(t, dir, map[string]string{"en": "the data folder was truncated: last known entry #", "fr": "tronqué", "ar": "اقتطاع"})
	if code, out := auditCmd(t, dir, "acknowledge", "en"); code != ExitOK || !strings.Contains(out, "acknowledged") {
		t.Fatalf("acknowledge: %d %s", code, out)
	}
	if code, out := auditCmd(t, dir, "verify", "en"); code != ExitOK {
		t.Fatalf("verify after acknowledge: %d %s", code, out)
	}
	writeSession(t, dir, 20, 1)
	if code, out := auditCmd(t, dir, "acknowledge", "en"); code != ExitOK || !strings.Contains(out, "Nothing to acknowledge") {
		t.Fatalf("second acknowledge: %d %s", code, out)
	}
}

func TestAuditDetectsFolderRollback(t *testing.T) {
	dir := anchoredVault(t)
	writeSession(t, dir, 1, 3)
	old := dir + ".copy"
	if err := os.CopyFS(old, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	writeSession(t, dir, 10, 4)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(old, dir); err != nil {
		t.Fatal(err)
	}
	wantDetected(t, dir, map[string]string{"en": "rolled back to an older copy: last known entry #", "fr": "copie plus ancienne", "ar": "بنسخة أقدم"})
}

// TestAuditDetectsForgedEntry rewrites entry 2 through Badger with the right
// key and recomputes every later link and the head with plain SHA-256.
func TestAuditDetectsForgedEntry(t *testing.T) {
	dir := anchoredVault(t)
	writeSession(t, dir, 1, 4)
	v, _ := vault.Open(dir, vault.Options{})
	u, err := v.UnlockPassphrase(testPass)
	if err != nil {
		t.Fatal(err)
	}
	keys, _ := u.Keys()
	db, err := badger.Open(badger.DefaultOptions(vault.StoreDir(dir)).WithEncryptionKey(keys.Store[:]).WithIndexCacheSize(16 << 20).WithLogger(nil))
	if err != nil {
		t.Fatal(err)
	}
	auKey := func(seq uint64) []byte { return binary.BigEndian.AppendUint64([]byte("au/"), seq) }
	err = db.Update(func(txn *badger.Txn) error {
		prev := ""
		for seq := uint64(1); ; seq++ {
			item, err := txn.Get(auKey(seq))
			if err == badger.ErrKeyNotFound {
				hb, _ := json.Marshal(map[string]any{"seq": seq - 1, "hash": prev})
				return txn.Set([]byte("m/audit"), hb)
			}
			if err != nil {
				return err
			}
			var e store.AuditEntry
			if err := item.Value(func(b []byte) error { return json.Unmarshal(b, &e) }); err != nil {
				return err
			}
			if seq == 2 {
				e.Who = "forger"
			}
			if seq >= 2 {
				e.Prev, e.Hash = prev, ""
				c, _ := json.Marshal(e)
				sum := sha256.Sum256(c)
				e.Hash = hex.EncodeToString(sum[:])
				b, _ := json.Marshal(e)
				if err := txn.Set(auKey(seq), b); err != nil {
					return err
				}
			}
			prev = e.Hash
		}
	})
	db.Close()
	u.Lock()
	if err != nil {
		t.Fatal(err)
	}
	wantDetected(t, dir, map[string]string{"en": "forged, removed or altered entry — the first broken link is entry #2", "fr": "falsifiée", "ar": "مزوّر"})
	if _, out := auditCmd(t, dir, "verify", "en"); !strings.Contains(out, "history of the data folder was rewritten") {
		t.Fatalf("anchor divergence not reported:\n%s", out)
	}
}

// TestAuditRestoreResetsAnchor: a restore goes back in time on purpose; it
// is audited and does not trip the detector.
func TestAuditRestoreResetsAnchor(t *testing.T) {
	dir := anchoredVault(t)
	writeSession(t, dir, 1, 2)
	bk := filepath.Join(t.TempDir(), "b.tasrih")
	env := map[string]string{envPassphrase: testPass}
	if code, out, errs := runWith(t, env, "", "backup", "create", "--data", dir, "--out", bk); code != ExitOK {
		t.Fatalf("backup: %d %s %s", code, out, errs)
	}
	writeSession(t, dir, 10, 3)
	if code, out, errs := runWith(t, env, "", "backup", "restore", "--yes", "--data", dir, bk); code != ExitOK {
		t.Fatalf("restore: %d %s %s", code, out, errs)
	}
	if code, out := auditCmd(t, dir, "verify", "en"); code != ExitOK {
		t.Fatalf("verify after restore: %d %s", code, out)
	}
	w := openWS(t, dir)
	defer w.Close()
	h, _ := w.Store.AuditHead()
	es, _ := w.Store.AuditEntries(h.Seq, 1)
	if len(es) != 1 || es[0].Action != "backup.restore" {
		t.Fatalf("last entry %+v", es)
	}
}
