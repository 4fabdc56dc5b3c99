package firm_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/firm"
	"github.com/tasrih/tasrih/internal/firm/objstore"
)

// hookStore lets a test run something just before a write of a change
// object (a key under …/c/) goes through.
type hookStore struct {
	objstore.Store
	mu      sync.Mutex
	onPut   func(key string) // called once, then cleared
	armed   bool
	matched string
}

func (h *hookStore) Put(ctx context.Context, key string, data []byte, cond objstore.Cond) (string, error) {
	h.mu.Lock()
	var fn func(string)
	if h.armed && strings.Contains(key, "/c/") {
		fn, h.armed, h.matched = h.onPut, false, key
	}
	h.mu.Unlock()
	if fn != nil {
		fn(key)
	}
	return h.Store.Put(ctx, key, data, cond)
}

func (h *hookStore) arm(fn func(string)) {
	h.mu.Lock()
	h.onPut, h.armed = fn, true
	h.mu.Unlock()
}

// The rotation race: the holder checked its lease and is about to write
// change n+1 when the founder re-keys the dossier (a grant or a
// revocation takes the lease by force and writes a marker at n+1 with the
// new key). The holder's write lands first. The re-keying must still
// finish, and no reader may find the holder's change "written with a
// superseded key": the dossier stays readable by everyone allowed.
func TestRotationRaceWithHolderWrite(t *testing.T) {
	forEach(t, func(t *testing.T, st objstore.Store) {
		ctx := ctxT(t)
		founderStore, holderStore := &hookStore{Store: st}, &hookStore{Store: st}
		a, err := firm.Create(ctx, founderStore, mustIdentity(t, "Amine"))
		must(t, err)
		hid, nid := mustIdentity(t, "Fatima"), mustIdentity(t, "Nadia")
		must(t, a.Invite(ctx, hid.Public()))
		must(t, a.Invite(ctx, nid.Public()))
		h, err := firm.Join(ctx, holderStore, hid, a.Ref(), nil)
		must(t, err)
		d := mustDossier(t, a, h.Seat())
		mustSeq(t)(a.Push(ctx, d, []firm.Record{rec(firm.KindEmployee, "e1", "v1")}))
		_, err = a.HandOver(ctx, d, h.Seat(), time.Hour)
		must(t, err)
		must(t, h.Pull(ctx, d, newReplica()))

		// The holder's write waits at the store's door…
		ready, release, landed := make(chan struct{}), make(chan struct{}), make(chan error, 1)
		holderStore.arm(func(string) { close(ready); <-release })
		go func() {
			_, err := h.Push(ctx, d, []firm.Record{rec(firm.KindEmployee, "e1", "v2 by the holder")})
			landed <- err
		}()
		<-ready
		// …and goes through just before the founder's marker.
		founderStore.arm(func(string) {
			close(release)
			if err := <-landed; err != nil {
				t.Errorf("the holder's write: %v", err)
			}
		})
		if err := a.Grant(ctx, d, nid.ID()); err != nil {
			t.Fatalf("grant racing the holder's write: %v", err)
		}
		if founderStore.matched == "" {
			t.Fatal("the race was not staged: the founder wrote no change")
		}

		// Every seat allowed reads the whole chain, the holder's change included.
		n, err := firm.Join(ctx, st, nid, a.Ref(), nil)
		must(t, err)
		for name, c := range map[string]*firm.Client{"founder": a, "holder": h, "granted seat": n} {
			r := newReplica()
			if err := c.Pull(ctx, d, r); err != nil {
				t.Fatalf("%s pulls: %v", name, err)
			}
			if name != "holder" {
				if v, _ := r.get(d, firm.KindEmployee, "e1"); v != "v2 by the holder" {
					t.Fatalf("%s reads %q", name, v)
				}
			}
			r.checkOnce(t)
		}
		// The holder writes on (its lease was handed back after the re-key).
		mustSeq(t)(h.Push(ctx, d, []firm.Record{rec(firm.KindEmployee, "e1", "v3")}))
		r := newReplica()
		must(t, n.Pull(ctx, d, r))
		if v, _ := r.get(d, firm.KindEmployee, "e1"); v != "v3" {
			t.Fatalf("granted seat reads %q after the holder's next write", v)
		}
	})
}

// failStore fails the first write of a keyring (a key under …/k/) once
// armed, as a store going away at that moment would.
type failStore struct {
	objstore.Store
	mu    sync.Mutex
	armed bool
}

func (f *failStore) Put(ctx context.Context, key string, data []byte, cond objstore.Cond) (string, error) {
	f.mu.Lock()
	fail := f.armed && strings.Contains(key, "/k/")
	if fail {
		f.armed = false
	}
	f.mu.Unlock()
	if fail {
		return "", objstore.ErrUnavailable
	}
	return f.Store.Put(ctx, key, data, cond)
}

// A rotation cut between its marker and its keyring leaves the dossier
// unreadable past the marker; running it again finishes it and nothing is
// lost: every seat reads the whole chain, and the holder writes on.
func TestRotationInterruptedBeforeItsKeyring(t *testing.T) {
	forEach(t, func(t *testing.T, st objstore.Store) {
		ctx := ctxT(t)
		fs := &failStore{Store: st}
		a, err := firm.Create(ctx, fs, mustIdentity(t, "Amine"))
		must(t, err)
		hid, nid := mustIdentity(t, "Fatima"), mustIdentity(t, "Nadia")
		must(t, a.Invite(ctx, hid.Public()))
		must(t, a.Invite(ctx, nid.Public()))
		h, err := firm.Join(ctx, st, hid, a.Ref(), nil)
		must(t, err)
		d := mustDossier(t, a, h.Seat())
		mustSeq(t)(a.Push(ctx, d, []firm.Record{rec(firm.KindEmployee, "e1", "v1")}))
		_, err = a.HandOver(ctx, d, h.Seat(), time.Hour)
		must(t, err)

		fs.mu.Lock()
		fs.armed = true
		fs.mu.Unlock()
		if err := a.Grant(ctx, d, nid.ID()); err == nil {
			t.Fatal("the grant said it finished though its keyring was not written")
		}
		// The seat's state (kept by the desktop) survives; run it again.
		a2, err := firm.Join(ctx, fs, identityOf(t, a), a.Ref(), a.State())
		must(t, err)
		must(t, a2.Grant(ctx, d, nid.ID()))

		n, err := firm.Join(ctx, st, nid, a.Ref(), nil)
		must(t, err)
		for name, c := range map[string]*firm.Client{"founder": a2, "holder": h, "granted seat": n} {
			r := newReplica()
			if err := c.Pull(ctx, d, r); err != nil {
				t.Fatalf("%s pulls: %v", name, err)
			}
			r.checkOnce(t)
		}
		// The cut rotation kept the lease it took (the founder hands it back).
		_, err = a2.HandOver(ctx, d, h.Seat(), time.Hour)
		must(t, err)
		mustSeq(t)(h.Push(ctx, d, []firm.Record{rec(firm.KindEmployee, "e1", "v2")}))
		r := newReplica()
		must(t, n.Pull(ctx, d, r))
		if v, _ := r.get(d, firm.KindEmployee, "e1"); v != "v2" {
			t.Fatalf("granted seat reads %q", v)
		}
	})
}
