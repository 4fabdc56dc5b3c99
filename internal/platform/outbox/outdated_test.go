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
