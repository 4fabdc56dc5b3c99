package outbox_test

import (
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/lifecycle"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/store"
)

// Issue 15.2: a declaration whose month changed after generation (outdated)
// is refused by Dépôt with lifecycle.outdated, before any submission exists
// and without any call to the platform.
func TestEnqueueRefusesAnOutdatedDeclaration(t *testing.T) {
	e := newEnv(t, testSeed(1, 0, time.Hour), sandbox.Faults{})
	e.login(e.w)
	d := e.prepare(e.w, 1)[0]
	if _, err := e.st.Declarations().Outdate(d.EmployerID, d.Period); err != nil {
		t.Fatal(err)
	}
	calls := len(e.trans.snapshot())
	_, created, err := e.w.Enqueue(d.ID, "")
	wantCode(t, err, lifecycle.CodeOutdated)
	if created {
		t.Fatal("a submission was created")
	}
	if subs, _ := e.st.Submissions().ListByDeclaration(d.ID); len(subs) != 0 {
		t.Fatalf("%d submissions of the outdated declaration", len(subs))
	}
	if got, _ := e.st.Declarations().Get(d.ID); got.Status != store.StatusOutdated {
		t.Fatalf("status %s", got.Status)
	}
	if n := len(e.trans.snapshot()); n != calls {
		t.Fatalf("%d platform calls for a refused enqueue", n-calls)
	}
}

// Without the month service plugged in (Options.ImportPreetabli), a
// downloaded préétabli is refused with a clear code instead of being stored
// half-way: the platform layer does not reach up into monthly by itself.
func TestFetchPreetabliNeedsAnImporter(t *testing.T) {
	st := openStore(t, t.TempDir())
	fc := &fakeClient{token: "tok"}
	w := outbox.New(st, outbox.Options{Logger: quietLogger(), Dialer: func(domain.PlatformProfile) (outbox.Client, error) { return fc, nil }})
	er, err := st.Employers().Create(domain.Employer{Affiliation: affOf(0), Name: "Société"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.FetchPreetabli(bg, "", er.ID, period)
	wantCode(t, err, outbox.CodeNoImporter)
	if _, err := st.Periods().Preetabli(er.ID, period); !store.IsNotFound(err) {
		t.Fatalf("a préétabli was stored: %v", err)
	}
}

// Issue 10 §3: a queued submission can be cancelled before its first send
// (a lifecycle transition, audited): it is never sent, its declaration is
// ready again and can be queued anew; once the worker has sent it, Cancel
// is refused.
func TestCancelBeforeTheFirstSend(t *testing.T) {
	e := newEnv(t, testSeed(1, 0, time.Hour), sandbox.Faults{})
	e.login(e.w)
	d := e.prepare(e.w, 1)[0]
	sub, _, err := e.w.Enqueue(d.ID, "") // the worker is not started: nothing is sent yet
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.w.Cancel(sub.ID)
	if err != nil || got.State != store.SubCancelled {
		t.Fatalf("cancel: %v %+v", err, got)
	}
	if dd, _ := e.st.Declarations().Get(d.ID); dd.Status != store.StatusReady || !dd.FrozenAt.IsZero() {
		t.Fatalf("declaration after cancel: %s frozen at %v", dd.Status, dd.FrozenAt)
	}
	entries, _ := e.st.AuditEntries(1, 1<<20)
	var subCancel, declCancel bool
	for _, en := range entries {
		subCancel = subCancel || en.Action == "submission.cancel" && en.EntityID == sub.ID
		declCancel = declCancel || en.Action == "declaration.cancel" && en.EntityID == d.ID
	}
	if !subCancel || !declCancel {
		t.Fatalf("audit: submission.cancel %v, declaration.cancel %v", subCancel, declCancel)
	}
	if _, err := e.w.Cancel(sub.ID); err == nil {
		t.Fatal("cancelled twice")
	}
	// The worker runs: the cancelled submission is never sent.
	if err := e.w.Start(bg); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	c := e.adminClient()
	if n := len(listDeposits(t, c, affOf(0))); n != 0 {
		t.Fatalf("%d deposits of a cancelled submission", n)
	}
	// Queued again (a new key, since the cancelled one never left): deposited once.
	again, created, err := e.w.Enqueue(d.ID, "")
	if err != nil || !created || again.IdempotencyKey == sub.IdempotencyKey {
		t.Fatalf("enqueue after cancel: %v created=%v", err, created)
	}
	waitFor(t, "accepted", 20*time.Second, func() bool { return subOf(t, e.st, d.ID).State == store.SubAccepted })
	if n := len(listDeposits(t, c, affOf(0))); n != 1 {
		t.Fatalf("%d deposits", n)
	}
	if _, err := e.w.Cancel(again.ID); err == nil {
		t.Fatal("an accepted submission was cancelled")
	} else {
		wantCode(t, err, outbox.CodeCancelRefused)
	}
}
