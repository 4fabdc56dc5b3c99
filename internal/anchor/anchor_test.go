package anchor

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/store"
)

const vid = "00112233445566778899aabbccddeeff"

func TestSaveLoad(t *testing.T) {
	ctx := context.Background()
	l := Local{Dir: t.TempDir()}
	var key, other [32]byte
	key[0], other[0] = 1, 2
	if _, ok := l.Load(ctx, vid, &key); ok {
		t.Fatal("anchor before any save")
	}
	h := store.AuditHead{Seq: 42, Hash: strings.Repeat("ab", 32), Time: time.Date(2026, 12, 3, 8, 0, 0, 5, time.UTC)}
	if err := l.Save(ctx, vid, &key, h); err != nil {
		t.Fatal(err)
	}
	a, ok := l.Load(ctx, vid, &key)
	if !ok || a.AuditHead != h || !a.Local || a.Alt != nil {
		t.Fatalf("loaded %+v %v", a, ok)
	}
	// Another MAC key (another vault, or a key from before a re-key) or
	// another vault id: not authenticated, ignored.
	if _, ok := l.Load(ctx, vid, &other); ok {
		t.Fatal("accepted under another key")
	}
	p := filepath.Join(l.Dir, vid+".json")
	b, _ := os.ReadFile(p)
	other2 := "ffeeddccbbaa99887766554433221100"
	os.WriteFile(filepath.Join(l.Dir, other2+".json"), b, 0o600)
	if _, ok := l.Load(ctx, other2, &key); ok {
		t.Fatal("accepted a record copied from another vault")
	}
	// An edited sequence (lowering the anchor to hide a rollback) is refused.
	os.WriteFile(p, []byte(strings.Replace(string(b), `"seq":42`, `"seq":3`, 1)), 0o600)
	if _, ok := l.Load(ctx, vid, &key); ok {
		t.Fatal("accepted an edited record")
	}
	// A restore in progress: both heads are accepted (Alt).
	next := store.AuditHead{Seq: 7, Hash: strings.Repeat("cd", 32), Time: h.Time}
	if err := l.SaveRestore(ctx, vid, &key, h, next); err != nil {
		t.Fatal(err)
	}
	a, ok = l.Load(ctx, vid, &key)
	if !ok || a.AuditHead != h || a.Alt == nil || *a.Alt != next {
		t.Fatalf("restore record %+v %v", a, ok)
	}
	if _, err := (Local{Dir: l.Dir}).path("../x"); err == nil {
		t.Fatal("bad vault id accepted as a file name")
	}
}
