package firm_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/firm"
	"github.com/tasrih/tasrih/internal/firm/objstore"
	"github.com/tasrih/tasrih/internal/firm/s3test"
	"github.com/tasrih/tasrih/internal/i18n"
)

// backend is a store the scenarios run on: in memory always, the real
// SeaweedFS when `make test-firm` started it.
type backend struct {
	name string
	open func(t *testing.T) objstore.Store
}

var backends = []backend{
	{"mem", func(*testing.T) objstore.Store { return objstore.NewMem() }},
	{"s3", func(t *testing.T) objstore.Store {
		st, _ := s3test.Require(t).NewBucket(t)
		return st
	}},
}

func forEach(t *testing.T, fn func(t *testing.T, st objstore.Store)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { fn(t, b.open(t)) })
	}
}

func ctxT(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// seats founds a firm on st with the named seats (the first founds it).
func seats(t testing.TB, st objstore.Store, names ...string) []*firm.Client {
	t.Helper()
	ctx := ctxT(t)
	founderID := mustIdentity(t, names[0])
	founder, err := firm.Create(ctx, st, founderID)
	if err != nil {
		t.Fatalf("create: %v (%v)", err, errors.Unwrap(err))
	}
	out := []*firm.Client{founder}
	for _, n := range names[1:] {
		id := mustIdentity(t, n)
		// The invitation travels as text.
		pub, err := firm.ParseInvitation(id.Public().Invitation())
		if err != nil {
			t.Fatal(err)
		}
		if err := founder.Invite(ctx, pub); err != nil {
			t.Fatalf("invite %s: %v", n, err)
		}
		ref, err := firm.ParseRef(founder.Ref().String())
		if err != nil {
			t.Fatal(err)
		}
		c, err := firm.Join(ctx, st, id, ref, nil)
		if err != nil {
			t.Fatalf("join %s: %v", n, err)
		}
		out = append(out, c)
	}
	return out
}

func mustIdentity(t testing.TB, name string) *firm.Identity {
	t.Helper()
	id, err := firm.NewIdentity(name)
	if err != nil {
		t.Fatal(err)
	}
	identities.Store(id.ID(), id)
	return id
}

// replica is a seat's local copy as a sink builds it: the records by
// dossier, and every (dossier, seq) applied, to catch a change applied
// twice.
type replica struct {
	mu      sync.Mutex
	recs    map[firm.DossierID]map[string]string
	applied map[string]int
	order   map[firm.DossierID][]uint64
	onApply func(n int)
	n       int
}

func newReplica() *replica {
	return &replica{recs: map[firm.DossierID]map[string]string{}, applied: map[string]int{}, order: map[firm.DossierID][]uint64{}}
}

func (r *replica) Apply(ch firm.Change) error {
	r.mu.Lock()
	r.n++
	n := r.n
	r.applied[fmt.Sprintf("%s/%d", ch.Dossier, ch.Seq)]++
	r.order[ch.Dossier] = append(r.order[ch.Dossier], ch.Seq)
	m := r.recs[ch.Dossier]
	if m == nil {
		m = map[string]string{}
		r.recs[ch.Dossier] = m
	}
	for _, rec := range ch.Records {
		if rec.Deleted {
			delete(m, rec.Kind+"/"+rec.Key)
		} else {
			m[rec.Kind+"/"+rec.Key] = string(rec.Value)
		}
	}
	f := r.onApply
	r.mu.Unlock()
	if f != nil {
		f(n)
	}
	return nil
}

func (r *replica) get(d firm.DossierID, kind, key string) (string, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	v, ok := r.recs[d][kind+"/"+key]
	return v, ok
}

func (r *replica) dossiers() []firm.DossierID {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ds []firm.DossierID
	for d := range r.recs {
		ds = append(ds, d)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds
}

// checkOnce fails if a change was applied twice or out of order.
func (r *replica) checkOnce(t *testing.T) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	for k, n := range r.applied {
		if n != 1 {
			t.Errorf("change %s applied %d times", k, n)
		}
	}
	for d, seqs := range r.order {
		if !sort.SliceIsSorted(seqs, func(i, j int) bool { return seqs[i] < seqs[j] }) {
			t.Errorf("dossier %s applied out of order: %v", d, seqs)
		}
	}
}

func rec(kind, key, value string) firm.Record {
	return firm.Record{Kind: kind, Key: key, Value: []byte(value)}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if i18n.Code(err) != code {
		t.Fatalf("err = %v (code %q), want code %q", err, i18n.Code(err), code)
	}
	// Every such error speaks the three languages.
	fr, ar, en := i18n.Message(err, i18n.FR), i18n.Message(err, i18n.AR), i18n.Message(err, i18n.EN)
	if fr == "" || ar == fr || en == fr {
		t.Fatalf("%s: messages not translated: fr=%q ar=%q en=%q", code, fr, ar, en)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func mustSeq(t testing.TB) func(uint64, error) uint64 {
	return func(s uint64, err error) uint64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
}

var _ = errors.Is
