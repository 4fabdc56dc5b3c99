package outbox_test

import (
	"sync"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/store"
)

func TestHappyPath(t *testing.T) {
	e := newEnv(t, testSeed(3, 0, time.Hour), sandbox.Faults{})
	var (
		mu       sync.Mutex
		accepted []store.Submission
	)
	e.opts.OnAccepted = func(s store.Submission, d api.Deposit) {
		mu.Lock()
		accepted = append(accepted, s)
		mu.Unlock()
	}
	e.w = outbox.New(e.st, e.opts)
	e.login(e.w)
	decls := e.prepare(e.w, 3)
	if err := e.w.Start(bg); err != nil {
		t.Fatal(err)
	}
	for _, d := range decls {
		sub, created, err := e.w.Enqueue(d.ID, "")
		if err != nil || !created || sub.State != store.SubQueued || sub.IdempotencyKey == "" || sub.SHA256 != d.SHA256 {
			t.Fatalf("Enqueue: %+v %v %v", sub, created, err)
		}
	}
	waitFor(t, "all accepted", 30*time.Second, allTerminal(t, e.st))
	e.w.Stop() // events and hooks follow the commits: let the last ones out
	for _, d := range decls {
		sub := subOf(t, e.st, d.ID)
		if sub.State != store.SubAccepted || sub.AcknowledgementNumber == "" || sub.PaymentReference == "" || sub.Attempts != 1 {
			t.Fatalf("submission: %+v", sub)
		}
		got, _ := e.st.Declarations().Get(d.ID)
		if got.Status != store.StatusAccepted {
			t.Fatalf("declaration %s", got.Status)
		}
		res, err := e.st.DepositResults().Get(sub.ID)
		if err != nil || res.AmountDue <= 0 || len(res.Branches) == 0 || res.Employees == 0 {
			t.Fatalf("result: %+v %v", res, err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(accepted) != 3 {
		t.Fatalf("OnAccepted called %d times", len(accepted))
	}
	// Events: queued, sending, received, accepted for each (processing maybe).
	for _, d := range decls {
		var states []store.SubmissionState
		for _, ev := range e.ev.list() {
			if ev.DeclarationID == d.ID && ev.Kind == outbox.EventState {
				states = append(states, ev.State)
			}
		}
		if len(states) < 4 || states[0] != store.SubQueued || states[1] != store.SubSending || states[2] != store.SubReceived || states[len(states)-1] != store.SubAccepted {
			t.Fatalf("event states %v", states)
		}
	}
	if _, broken, err := e.st.VerifyAudit(); err != nil || broken >= 0 {
		t.Fatal(broken, err)
	}
	// Enqueue again: refused (accepted), no new key.
	_, _, err := e.w.Enqueue(decls[0].ID, "")
	wantCode(t, err, outbox.CodeAlreadyAccepted)
	_, err = e.w.Resubmit(decls[0].ID)
	wantCode(t, err, outbox.CodeResubmitRefused)
	if e.w.Waiting(domain.ProfileSandbox) != 0 {
		t.Fatal("waiting submissions")
	}
}
