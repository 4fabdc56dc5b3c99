package store

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// anchorRecorder keeps the last head handed to OnAnchor, as the vault.json
// (local=false) or config-folder (local=true) anchor would.
type anchorRecorder struct {
	last  AuditHead
	calls int
}

func (a *anchorRecorder) fn(h AuditHead) error { a.last = h; a.calls++; return nil }

func (a *anchorRecorder) anchor(local bool) AuditAnchor {
	return AuditAnchor{AuditHead: a.last, Local: local}
}

func openAnchored(t *testing.T, dir string, rec *anchorRecorder, anchors ...AuditAnchor) *Store {
	t.Helper()
	o := testOptions()
	o.Anchors = anchors
	o.OnAnchor = rec.fn
	s, err := Open(dir, testKey, o)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

// session writes n employers' worth of changes and closes cleanly.
func session(t *testing.T, s *Store, from, n int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		must[domain.Employer](t)(s.Employers().Create(sampleEmployer(i)))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func wantRollback(t *testing.T, s *Store, kind string, known, found uint64) {
	t.Helper()
	r := s.Rollback()
	if r == nil {
		t.Fatalf("no rollback detected, want %s (known #%d, found #%d)", kind, known, found)
	}
	if r.Kind != kind || r.Known.Seq != known || r.Found.Seq != found {
		t.Fatalf("rollback %+v, want %s known #%d found #%d", r, kind, known, found)
	}
	// Writes are refused with the rollback's message in each language.
	_, err := s.Employers().Create(sampleEmployer(90))
	var ue *i18n.Error
	if !errors.As(err, &ue) || ue.Code != CodeRolledBack || !errors.Is(err, ErrRolledBack) {
		t.Fatalf("write while rolled back: %v", err)
	}
	for _, l := range i18n.Langs {
		m := ue.In(l)
		if !strings.Contains(m, "#"+strconv.FormatUint(known, 10)) && !strings.Contains(m, strconv.FormatUint(known, 10)) || strings.Contains(m, "%!") {
			t.Fatalf("%s message %q", l, m)
		}
	}
}

// acknowledge accepts the rollback, checks it is audited and writes work again.
func acknowledge(t *testing.T, s *Store, rec *anchorRecorder) {
	t.Helper()
	r := s.Rollback()
	if err := s.AcknowledgeRollback(); err != nil {
		t.Fatal(err)
	}
	if s.Rollback() != nil {
		t.Fatal("rollback still pending")
	}
	h := must[AuditHead](t)(s.AuditHead())
	e := rawEntry(t, s, h.Seq)
	if e.Action != "audit.rollback_acknowledged" || e.EntityID != r.Kind {
		t.Fatalf("last entry %+v", e)
	}
	if rec.last.Seq != h.Seq || rec.last.Hash != h.Hash {
		t.Fatalf("anchor after acknowledge %+v, head %+v", rec.last, h)
	}
	must[domain.Employer](t)(s.Employers().Create(sampleEmployer(91)))
	if err := s.AcknowledgeRollback(); err == nil {
		t.Fatal("second acknowledge accepted")
	}
	if _, broken, err := s.VerifyAudit(); err != nil || broken >= 0 {
		t.Fatalf("chain after acknowledge: broken %d, %v", broken, err)
	}
}

func TestAnchorCleanCloseAndEveryN(t *testing.T) {
	dir := t.TempDir()
	rec := &anchorRecorder{}
	s := openAnchored(t, dir, rec)
	for i := 0; i < AnchorEvery+5; i++ {
		if err := s.Update(func(tx *Tx) error { _, err := tx.Audit("test.event", "test", "", nil, i); return err }); err != nil {
			t.Fatal(err)
		}
	}
	if rec.calls != 1 || rec.last.Seq != AnchorEvery {
		t.Fatalf("after %d writes: %d anchors, last #%d", AnchorEvery+5, rec.calls, rec.last.Seq)
	}
	head := must[AuditHead](t)(s.AuditHead())
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if rec.last != head || head.Time.IsZero() {
		t.Fatalf("close anchored %+v, head %+v", rec.last, head)
	}
	s = openAnchored(t, dir, rec, rec.anchor(false), rec.anchor(true))
	defer s.Close()
	if s.Rollback() != nil {
		t.Fatalf("intact store reported %+v", s.Rollback())
	}
}

// TestAnchorManifestTruncation cuts 16 bytes off the (unencrypted) Badger
// MANIFEST after a session of writes: the session's table is forgotten, its
// changes and audit entries are gone. The vault.json anchor knows the head.
func TestAnchorManifestTruncation(t *testing.T) {
	dir := t.TempDir()
	rec := &anchorRecorder{}
	session(t, openAnchored(t, dir, rec), 1, 3)
	first := rec.last
	session(t, openAnchored(t, dir, rec, rec.anchor(false)), 10, 5)
	second := rec.last
	if second.Seq <= first.Seq {
		t.Fatalf("anchors %d then %d", first.Seq, second.Seq)
	}
	m := filepath.Join(dir, "MANIFEST")
	fi, err := os.Stat(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(m, fi.Size()-16); err != nil {
		t.Fatal(err)
	}
	// Without an anchor the loss is silent: the chain itself is intact.
	s, err := Open(dir, testKey, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	n, broken, err := s.VerifyAudit()
	found := must[AuditHead](t)(s.AuditHead())
	s.Close()
	if err != nil || broken >= 0 || found.Seq >= second.Seq {
		t.Fatalf("truncation did not lose the session (head #%d of #%d, %d entries, broken %d, %v): the attack is not reproduced", found.Seq, second.Seq, n, broken, err)
	}
	s = openAnchored(t, dir, rec, AuditAnchor{AuditHead: second})
	defer s.Close()
	wantRollback(t, s, RollbackTruncated, second.Seq, found.Seq)
	acknowledge(t, s, rec)
}

// TestAnchorFolderRollback puts back an older copy of the whole data folder
// (vault.json included, so its anchor is old too): only the local anchor
// knows the newer head.
func TestAnchorFolderRollback(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "store")
	rec := &anchorRecorder{}
	session(t, openAnchored(t, dir, rec), 1, 3)
	old := rec.last
	copyDir(t, dir, filepath.Join(root, "copy"))
	session(t, openAnchored(t, dir, rec, rec.anchor(false), rec.anchor(true)), 10, 4)
	newer := rec.last
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(root, "copy"), dir); err != nil {
		t.Fatal(err)
	}
	s := openAnchored(t, dir, rec, AuditAnchor{AuditHead: old}, AuditAnchor{AuditHead: newer, Local: true})
	if rec.calls == 0 {
		t.Fatal("no anchor")
	}
	calls := rec.calls
	wantRollback(t, s, RollbackOlderCopy, newer.Seq, old.Seq)
	// Closing without acknowledging keeps the newer anchor.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if rec.calls != calls || rec.last != newer {
		t.Fatalf("close of a rolled-back store anchored %+v", rec.last)
	}
	s = openAnchored(t, dir, rec, AuditAnchor{AuditHead: old}, AuditAnchor{AuditHead: newer, Local: true})
	defer s.Close()
	wantRollback(t, s, RollbackOlderCopy, newer.Seq, old.Seq)
	acknowledge(t, s, rec)
}

// TestAnchorForgedUnkeyedChain rewrites an old entry directly in Badger (with
// the right encryption key) and recomputes every later link and the head
// with plain SHA-256, as an attacker who read the old format would.
func TestAnchorForgedUnkeyedChain(t *testing.T) {
	dir := t.TempDir()
	rec := &anchorRecorder{}
	s := openAnchored(t, dir, rec)
	populate(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	anchor := rec.last
	s, err := Open(dir, testKey, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	forgeFrom(t, s, 3, nil)
	s.Close()

	s = openAnchored(t, dir, rec, AuditAnchor{AuditHead: anchor}, AuditAnchor{AuditHead: anchor, Local: true})
	defer s.Close()
	if _, broken, err := s.VerifyAudit(); err != nil || broken != 3 {
		t.Fatalf("forged chain: broken %d, %v", broken, err)
	}
	wantRollback(t, s, RollbackDiverged, anchor.Seq, anchor.Seq)
}

// forgeFrom changes entry seq's "who" and recomputes the links from it to the
// head under key (nil: plain SHA-256).
func forgeFrom(t *testing.T, s *Store, seq uint64, key []byte) {
	t.Helper()
	head := must[AuditHead](t)(s.AuditHead())
	prev := ""
	if seq > 1 {
		prev = rawEntry(t, s, seq-1).Hash
	}
	for q := seq; q <= head.Seq; q++ {
		e := rawEntry(t, s, q)
		if q == seq {
			e.Who = "forger"
		}
		e.Prev = prev
		var err error
		if e.Hash, err = e.computeHash(key); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(e)
		rawSet(t, s, keyAudit(q), b)
		prev = e.Hash
	}
	hb, _ := json.Marshal(auditHead{Seq: head.Seq, Hash: prev})
	rawSet(t, s, keyAuditHead, hb)
}

// TestKeyedChainMigration turns a store into a schema-2 store with an
// unkeyed SHA-256 chain, then reopens it: the chain is re-chained under a
// new key (in several batches), the history is kept, the upgrade is
// audited, and the result verifies.
func TestKeyedChainMigration(t *testing.T) {
	defer func(n int) { rechainBatch = n }(rechainBatch)
	rechainBatch = 4
	dir := t.TempDir()
	s, err := Open(dir, testKey, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	populate(t, s)
	head := must[AuditHead](t)(s.AuditHead())
	forgeFrom(t, s, 1, nil) // recompute the whole chain with SHA-256 ("forger" at #1)
	var before []AuditEntry
	for q := uint64(1); q <= head.Seq; q++ {
		before = append(before, rawEntry(t, s, q))
	}
	rawDelete(t, s, keyAuditKey)
	rawSet(t, s, keySchema, []byte("2"))
	s.Close()

	s, err = Open(dir, testKey, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, broken, err := s.VerifyAudit()
	if err != nil || broken >= 0 || n != len(before)+2 {
		t.Fatalf("after keying: %d entries, broken %d, %v", n, broken, err)
	}
	for i, old := range before {
		e := rawEntry(t, s, uint64(i+1))
		if e.Action != old.Action || string(e.After) != string(old.After) || e.Who != old.Who || !e.Time.Equal(old.Time) {
			t.Fatalf("entry %d changed: %+v, was %+v", i+1, e, old)
		}
		if e.Hash == old.Hash {
			t.Fatalf("entry %d not re-chained", i+1)
		}
	}
	if e := rawEntry(t, s, uint64(len(before)+1)); e.Action != "audit.keyed" {
		t.Fatalf("entry %+v", e)
	}
	if e := rawEntry(t, s, uint64(len(before)+2)); e.Action != "schema.migrate" || !strings.Contains(string(e.After), "keyed audit chain") {
		t.Fatalf("entry %+v", e)
	}
	// The old unkeyed recomputation no longer verifies.
	forgeFrom(t, s, 5, nil)
	if _, broken, _ := s.VerifyAudit(); broken != 5 {
		t.Fatalf("unkeyed forgery after keying: broken %d", broken)
	}
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.MkdirAll(dst, 0o700); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.IsDir() || e.Name() == "LOCK" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAnchorBulk: a bulk write (an import) that adds more than AnchorEvery
// audit entries anchors the head once committed, as Update does; a
// cancelled bulk anchors nothing.
func TestAnchorBulk(t *testing.T) {
	rec := &anchorRecorder{}
	s := openAnchored(t, t.TempDir(), rec)
	defer s.Close()
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	calls := rec.calls
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := createEmployeesBulk(ctx, s, er.ID, 1, 2*AnchorEvery); err == nil {
		t.Fatal("cancelled bulk committed")
	}
	if rec.calls != calls {
		t.Fatalf("a cancelled bulk anchored #%d", rec.last.Seq)
	}
	if _, err := createEmployeesBulk(context.Background(), s, er.ID, 1, 2*AnchorEvery+3); err != nil {
		t.Fatal(err)
	}
	head := must[AuditHead](t)(s.AuditHead())
	if rec.calls != calls+1 || rec.last.Seq != head.Seq || rec.last.Hash != head.Hash || rec.last.Time.IsZero() {
		t.Fatalf("after a bulk of %d entries: %d anchors, last %+v, head %+v", 2*AnchorEvery+3, rec.calls-calls, rec.last, head)
	}
}
