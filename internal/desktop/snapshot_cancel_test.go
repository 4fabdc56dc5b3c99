package desktop

import (
	"context"
	"errors"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/backup"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/settings"
)

// TestSnapshotProgressAndCancel: "snapshot now" sends snapshot:progress
// events up to done == total; cancelled through Ops by the id of its first
// event, it fails with backup.cancelled, leaves the snapshot folder as it
// was and the session unlocked and writable.
func TestSnapshotProgressAndCancel(t *testing.T) {
	var c *Core
	cancelNext := false
	e := newEnv(t, func(o *Options) {
		o.NoSandbox = true
		emit := o.Emit
		o.Emit = func(name string, data any) {
			if p, ok := data.(Progress); ok && name == EventSnapshotProgress && cancelNext {
				c.Ops().Cancel(p.OpID)
			}
			emit(name, data)
		}
	})
	c = e.core
	if _, err := c.Create(testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	e.session(t, func(s *Session) {
		if _, err := s.Store.Employers().Create(domain.Employer{Affiliation: "1234567", Name: "Avant"}); err != nil {
			t.Fatal(err)
		}
	})
	if _, err := c.Snapshot("manual"); err != nil {
		t.Fatal(err)
	}
	evs := e.rec.named(EventSnapshotProgress)
	if len(evs) < 2 {
		t.Fatalf("%d progress events", len(evs))
	}
	lastEv := evs[len(evs)-1].(Progress)
	if lastEv.Done != lastEv.Total || lastEv.Total <= 0 || lastEv.OpID == "" {
		t.Fatalf("last progress event %+v", lastEv)
	}

	st, _ := settings.Load(e.dir)
	folder := st.SnapshotFolder(e.dir)
	names := func() []string {
		entries, _ := os.ReadDir(folder)
		var out []string
		for _, en := range entries {
			out = append(out, en.Name())
		}
		sort.Strings(out)
		return out
	}
	before := names()
	cancelNext = true
	_, err := c.Snapshot("manual")
	cancelNext = false
	if i18n.Code(err) != backup.CodeCancelled || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled snapshot: %v", err)
	}
	if after := names(); len(after) != len(before) || (len(after) > 0 && after[len(after)-1] != before[len(before)-1]) {
		t.Fatalf("folder after a cancelled snapshot: %v, was %v", after, before)
	}
	if !c.Unlocked() {
		t.Fatal("a cancelled snapshot locked the session")
	}
	e.session(t, func(s *Session) {
		if _, err := s.Store.Employers().Create(domain.Employer{Affiliation: "7654321", Name: "Après"}); err != nil {
			t.Fatalf("store after a cancelled snapshot: %v", err)
		}
	})
	if list, err := c.ListSnapshots(); err != nil || len(list) != 1 {
		t.Fatalf("listed after a cancelled snapshot: %d %v", len(list), err)
	}
}

// TestLockStopsSnapshot: locking while "snapshot now" runs (the user, or
// the idle timer) stops it: backup.cancelled, no manual snapshot is left,
// and the lock completes.
func TestLockStopsSnapshot(t *testing.T) {
	var c *Core
	locked := make(chan error, 1)
	started := false
	e := newEnv(t, func(o *Options) {
		o.NoSandbox = true
		emit := o.Emit
		o.Emit = func(name string, data any) {
			if p, ok := data.(Progress); ok && name == EventSnapshotProgress && !started {
				started = true
				go func() { locked <- c.Lock(ReasonUser) }()
				// Wait until the lock has cancelled the operation.
				for i := 0; i < 500; i++ {
					if _, err := c.Ops().Get(p.OpID, ""); err != nil {
						break
					}
					time.Sleep(10 * time.Millisecond)
				}
			}
			emit(name, data)
		}
	})
	c = e.core
	if _, err := c.Create(testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	_, err := c.Snapshot("manual")
	if i18n.Code(err) != backup.CodeCancelled {
		t.Fatalf("snapshot during a lock: %v", err)
	}
	if err := <-locked; err != nil {
		t.Fatal(err)
	}
	if c.Unlocked() {
		t.Fatal("still unlocked")
	}
	st, _ := settings.Load(e.dir)
	entries, _ := os.ReadDir(st.SnapshotFolder(e.dir))
	for _, en := range entries {
		if strings.Contains(en.Name(), "-manual") || strings.HasSuffix(en.Name(), ".tmp") {
			t.Fatalf("left %s", en.Name())
		}
	}
}

// TestSnapshotHold: with the test hook on, a snapshot stays at its first
// record until it is cancelled (backup.cancelled, no file) or released
// (written); the e2e cancels a snapshot of a small vault through it.
func TestSnapshotHold(t *testing.T) {
	var c *Core
	first := make(chan string, 16)
	e := newEnv(t, func(o *Options) {
		o.NoSandbox = true
		emit := o.Emit
		o.Emit = func(name string, data any) {
			if p, ok := data.(Progress); ok && name == EventSnapshotProgress {
				select {
				case first <- p.OpID:
				default:
				}
			}
			emit(name, data)
		}
	})
	c = e.core
	if _, err := c.Create(testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	c.SetSnapshotHold(true)
	type res struct {
		path string
		err  error
	}
	run := func() chan res {
		done := make(chan res, 1)
		go func() {
			p, err := c.Snapshot("manual")
			done <- res{p, err}
		}()
		return done
	}
	done := run()
	id := <-first
	select {
	case r := <-done:
		t.Fatalf("a held snapshot ended: %+v", r)
	case <-time.After(200 * time.Millisecond): // it must still be held; not a timing target
	}
	c.Ops().Cancel(id)
	if r := <-done; i18n.Code(r.err) != backup.CodeCancelled || r.path != "" {
		t.Fatalf("cancelled held snapshot: %+v", r)
	}
	list, err := c.ListSnapshots()
	if err != nil || len(list) != 0 {
		t.Fatalf("after a cancelled snapshot: %v %v", list, err)
	}
	for len(first) > 0 {
		<-first
	}
	done = run()
	<-first
	c.SetSnapshotHold(false)
	if r := <-done; r.err != nil || r.path == "" {
		t.Fatalf("released snapshot: %+v", r)
	}
}
