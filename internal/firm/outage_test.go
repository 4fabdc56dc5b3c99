package firm_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/firm"
	"github.com/tasrih/tasrih/internal/firm/objstore"
	"github.com/tasrih/tasrih/internal/firm/s3test"
	"github.com/tasrih/tasrih/internal/i18n"
)

// flaky is a store that can be down, or lose the answer to a write that
// did land (the worst case for exactly-once).
type flaky struct {
	objstore.Store
	down       atomic.Bool
	loseAnswer atomic.Bool
}

func (f *flaky) Get(ctx context.Context, k string) ([]byte, string, error) {
	if f.down.Load() {
		return nil, "", objstore.ErrUnavailable
	}
	return f.Store.Get(ctx, k)
}

func (f *flaky) Put(ctx context.Context, k string, b []byte, c objstore.Cond) (string, error) {
	if f.down.Load() {
		return "", objstore.ErrUnavailable
	}
	etag, err := f.Store.Put(ctx, k, b, c)
	if err == nil && f.loseAnswer.Load() {
		f.loseAnswer.Store(false)
		f.down.Store(true) // the connection dropped right after
		return "", objstore.ErrUnavailable
	}
	return etag, err
}

func (f *flaky) List(ctx context.Context, p, s string) ([]string, error) {
	if f.down.Load() {
		return nil, objstore.ErrUnavailable
	}
	return f.Store.List(ctx, p, s)
}

// A write whose answer is lost is sent again, and lands once.
func TestWriteWithLostAnswerLandsOnce(t *testing.T) {
	forEach(t, func(t *testing.T, st objstore.Store) {
		ctx := ctxT(t)
		f := &flaky{Store: st}
		cs := seats(t, f, "Amine", "Fatima")
		a, b := cs[0], cs[1]
		d := mustDossier(t, a, b.Seat())
		f.loseAnswer.Store(true)
		_, err := a.Push(ctx, d, []firm.Record{rec(firm.KindMonthLine, "l1", "once")})
		wantCode(t, err, firm.CodeUnavailable)
		// Amine closes the app; the write in flight is in his state.
		saved, err := a.State().Marshal()
		must(t, err)
		f.down.Store(false)
		state, err := firm.UnmarshalState(saved)
		must(t, err)
		a2, err := firm.Join(ctx, f, identityOf(t, a), a.Ref(), state)
		must(t, err)
		must(t, a2.Sync(ctx, newReplica(), nil))
		mustSeq(t)(a2.Push(ctx, d, []firm.Record{rec(firm.KindMonthLine, "l2", "next")}))
		rb := newReplica()
		must(t, b.Sync(ctx, rb, nil))
		rb.checkOnce(t)
		if v, _ := rb.get(d, firm.KindMonthLine, "l1"); v != "once" {
			t.Fatalf("l1 = %q", v)
		}
		if got := len(rb.order[d]); got != 2 {
			t.Fatalf("Fatima applied %d changes (%v), want 2", got, rb.order[d])
		}
	})
}

// The store goes down in the middle of a sync: the changes applied stay
// applied, the next sync brings the rest, none twice.
func TestStoreDownMidSync(t *testing.T) {
	st := objstore.NewMem()
	f := &flaky{Store: st}
	ctx := ctxT(t)
	cs := seats(t, f, "Amine", "Fatima")
	a, b := cs[0], cs[1]
	want := fillPortfolio(t, a, b, 5, 6)
	rb := newReplica()
	rb.onApply = func(n int) {
		if n == 7 {
			f.down.Store(true)
		}
	}
	err := b.Sync(ctx, rb, nil)
	wantCode(t, err, firm.CodeUnavailable)
	if rb.n >= want {
		t.Fatalf("the outage came too late: %d of %d applied", rb.n, want)
	}
	rb.onApply = nil
	f.down.Store(false)
	must(t, b.Sync(ctx, rb, nil))
	rb.checkOnce(t)
	if rb.n != want {
		t.Fatalf("applied %d changes, want %d", rb.n, want)
	}
}

// fillPortfolio makes n dossiers of m changes each, all readable by b.
func fillPortfolio(t testing.TB, a, b *firm.Client, n, m int) int {
	ctx := ctxT(t)
	for i := range n {
		d := mustDossier(t, a, b.Seat())
		for j := range m {
			mustSeq(t)(a.Push(ctx, d, []firm.Record{rec(firm.KindMonthLine, fmt.Sprint(j), fmt.Sprint(i, j))}))
		}
	}
	return n * m
}

// The real server stopped mid-sync and started again: nothing lost,
// nothing applied twice; a push during the outage is kept and lands once.
func TestServerRestartMidSync(t *testing.T) {
	srv := s3test.Require(t)
	st, _ := srv.NewBucket(t)
	ctx := ctxT(t)
	cs := seats(t, st, "Amine", "Fatima")
	a, b := cs[0], cs[1]
	want := fillPortfolio(t, a, b, 4, 5)
	d := mustDossier(t, a, b.Seat())
	want++
	rb := newReplica()
	stopped := false
	rb.onApply = func(n int) {
		if n == 6 && !stopped {
			stopped = true
			srv.Stop(t)
		}
	}
	short, cancel := context.WithTimeout(ctx, 90*time.Second)
	err := b.Sync(short, rb, nil)
	cancel()
	if err == nil {
		t.Fatal("sync went through a stopped server")
	}
	if i18n.Code(err) != firm.CodeUnavailable && !errors.Is(err, context.DeadlineExceeded) {
		t.Logf("sync error while down: %v", err)
	}
	_, err = a.Push(short, d, []firm.Record{rec(firm.KindMonthLine, "during", "outage")})
	if err == nil {
		t.Fatal("push went through a stopped server")
	}
	srv.Start(t)
	rb.onApply = nil
	must(t, a.Sync(ctx, newReplica(), nil)) // sends the write in flight, if any
	if len(a.State().Dossiers[d].Proposals) == 0 && a.State().Dossiers[d].Seq == 0 {
		// The push failed before sealing (lease read): send it now.
		mustSeq(t)(a.Push(ctx, d, []firm.Record{rec(firm.KindMonthLine, "during", "outage")}))
	}
	must(t, b.Sync(ctx, rb, nil))
	rb.checkOnce(t)
	if rb.n != want {
		t.Fatalf("applied %d changes, want %d", rb.n, want)
	}
	if v, _ := rb.get(d, firm.KindMonthLine, "during"); v != "outage" {
		t.Fatalf("the push made during the outage: %q", v)
	}
}

// Nothing the tests wrote is readable on the server's disk: not a name,
// not an affiliation number, not an idempotency key, not a seat's name.
func TestPlaintextScanOfTheServerDisk(t *testing.T) {
	srv := s3test.Require(t)
	dir := srv.DataDir(t)
	st, _ := srv.NewBucket(t)
	ctx := ctxT(t)
	cs := seats(t, st, "Zineb Ouazzani-Tamsamani", "Hicham Benkirane-Lahlou")
	a, b := cs[0], cs[1]
	secrets := []string{
		"Zineb Ouazzani-Tamsamani", "Hicham Benkirane-Lahlou", // seats
		"Boulangerie Qortoba Marrakech", "9081726354", // employer, affiliation
		"Soukaina El Mansouri-Berrada", "JB482913", // employee, CIN
		"idem-c0ffee-2026-02-4417", "2026-02-principal-9081726354", // submission
	}
	d := mustDossier(t, a, b.Seat())
	mustSeq(t)(a.Push(ctx, d, []firm.Record{
		rec(firm.KindEmployer, "9081726354", "Boulangerie Qortoba Marrakech, affiliation 9081726354"),
		rec(firm.KindEmployee, "JB482913", "Soukaina El Mansouri-Berrada, CIN JB482913, salaire 734512"),
		rec(firm.KindDeclaration, "2026-02-principal-9081726354", "période 2026-02"),
	}))
	mustSeq(t)(a.RecordSubmission(ctx, d, "idem-c0ffee-2026-02-4417", []byte("2026-02-principal-9081726354")))
	must(t, b.Sync(ctx, newReplica(), nil))
	// A control written in the clear, outside the firm's objects: the scan
	// must find it, or it proves nothing.
	const control = "CONTROL plaintext Tasrih scan 5f1d"
	_, err := st.Put(ctx, a.Ref().Firm+"-control", []byte(control), objstore.Cond{})
	must(t, err)
	time.Sleep(2 * time.Second) // let the server flush its metadata logs
	var files, size int
	sawControl := false
	err = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		size += len(data)
		sawControl = sawControl || strings.Contains(string(data), control)
		for _, s := range secrets {
			for _, form := range []string{s, strings.ToLower(s)} {
				if strings.Contains(string(data), form) {
					t.Errorf("%q found in the clear in %s", s, p)
				}
			}
		}
		return nil
	})
	must(t, err)
	if !sawControl {
		t.Fatal("the scan did not find the control written in the clear: it cannot see the server's data")
	}
	if files == 0 || size < 1000 {
		t.Fatalf("the scan read %d files, %d bytes: not the server's data", files, size)
	}
	t.Logf("scanned %d files, %d bytes", files, size)
}

// Amine's write is stuck in flight (store away) while his lease lapses;
// Fatima takes the dossier and writes. When Amine's write is sent again it
// finds the position taken: it becomes his proposal, never merged.
func TestTwoSeatsOfflineAtOnce(t *testing.T) {
	forEach(t, func(t *testing.T, st objstore.Store) {
		ctx := ctxT(t)
		cs := seats(t, st, "Amine", "Fatima")
		a, b := cs[0], cs[1]
		now := time.Now().UTC()
		a.Now = func() time.Time { return now }
		b.Now = func() time.Time { return now }
		d := mustDossier(t, a, b.Seat())
		_, err := a.TakeLease(ctx, d, time.Hour)
		must(t, err)
		must(t, b.Pull(ctx, d, newReplica()))
		// Amine's write is sealed, but the store is gone before it lands
		// (a store that refuses change writes for now).
		fw := &failChangeWrites{Store: st}
		a3, err := firm.Join(ctx, fw, identityOf(t, a), a.Ref(), a.State())
		must(t, err)
		a3.Now = a.Now
		_, err = a3.Push(ctx, d, []firm.Record{rec(firm.KindEmployee, "e1", "Amine's")})
		wantCode(t, err, firm.CodeUnavailable)
		now = now.Add(2 * time.Hour)
		_, err = b.TakeLease(ctx, d, time.Hour)
		must(t, err)
		mustSeq(t)(b.Push(ctx, d, []firm.Record{rec(firm.KindEmployee, "e1", "Fatima's")}))
		// Amine is back: his write in flight meets Fatima's.
		fw.fail.Store(false)
		err = a3.Sync(ctx, newReplica(), nil)
		wantCode(t, err, firm.CodeConflict)
		props := a3.Proposals(d)
		if len(props) != 1 || string(props[0].Records[0].Value) != "Amine's" {
			t.Fatalf("Amine's proposals = %+v", props)
		}
		ra := newReplica()
		must(t, a3.Sync(ctx, ra, nil))
		if v, _ := ra.get(d, firm.KindEmployee, "e1"); v != "Fatima's" {
			t.Fatalf("e1 = %q: the stale write was merged", v)
		}
		ra.checkOnce(t)
	})
}

// failChangeWrites refuses writes of change objects while fail is set
// (set at creation).
type failChangeWrites struct {
	objstore.Store
	fail atomic.Bool
	init sync.Once
}

func (f *failChangeWrites) Put(ctx context.Context, k string, b []byte, c objstore.Cond) (string, error) {
	f.init.Do(func() { f.fail.Store(true) })
	if f.fail.Load() && strings.Contains(k, "/c/") {
		return "", objstore.ErrUnavailable
	}
	return f.Store.Put(ctx, k, b, c)
}

// A sync cancelled halfway stops, keeps what it applied, and the next one
// brings the rest; progress counts every dossier.
func TestSyncCancelAndProgress(t *testing.T) {
	st := objstore.NewMem()
	cs := seats(t, st, "Amine", "Fatima")
	a, b := cs[0], cs[1]
	want := fillPortfolio(t, a, b, 6, 4)
	ctx, cancel := context.WithCancel(context.Background())
	rb := newReplica()
	rb.onApply = func(n int) {
		if n == 5 {
			cancel()
		}
	}
	err := b.Sync(ctx, rb, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled sync = %v", err)
	}
	rb.onApply = nil
	var last, total int
	must(t, b.Sync(context.Background(), rb, func(done, tot int) { last, total = done, tot }))
	if last != 6 || total != 6 {
		t.Fatalf("progress ended at %d/%d, want 6/6", last, total)
	}
	rb.checkOnce(t)
	if rb.n != want {
		t.Fatalf("applied %d, want %d", rb.n, want)
	}
}
