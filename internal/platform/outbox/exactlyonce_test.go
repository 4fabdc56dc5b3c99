package outbox_test

import (
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/store"
)

// autoLogin logs a worker in again whenever it asks (as the UI would after
// the user typed the OTP), at most one login at a time.
type autoLogin struct {
	e       *env
	mu      sync.Mutex
	w       *outbox.Worker
	running atomic.Bool
	logins  atomic.Int32
}

func (a *autoLogin) set(w *outbox.Worker) {
	a.mu.Lock()
	a.w = w
	a.mu.Unlock()
}

func (a *autoLogin) on(ev outbox.Event) {
	if ev.Kind != outbox.EventLoginRequired || !a.running.CompareAndSwap(false, true) {
		return
	}
	a.mu.Lock()
	w := a.w
	a.mu.Unlock()
	go func() {
		defer a.running.Store(false)
		for i := 0; i < 200; i++ {
			ch, err := w.Login(bg, ev.Profile, fidLogin, fidPassword)
			if err == nil {
				var msgs []sandbox.InboxMessage
				if srv := a.e.p.server(); srv != nil {
					msgs, _ = srv.Inbox(fidLogin)
				}
				for _, m := range msgs {
					if m.ChallengeID == ch.ChallengeID {
						if _, err = w.VerifyOTP(bg, ev.Profile, ch.ChallengeID, m.Code); err == nil {
							a.logins.Add(1)
							return
						}
					}
				}
			}
			time.Sleep(10 * time.Millisecond)
		}
	}()
}

// TestExactlyOnceUnderFaults: 200 declarations through the outbox to a
// sandbox answering 30 % of the calls with a 500 and dropping 20 % of the
// deposit connections after the commit; the worker is replaced by a new one
// (app restart: the session is lost) and the sandbox is restarted on the same
// folder mid-run. At the end the platform holds exactly one accepted deposit
// per declaration, with the declaration's bytes, and the store agrees.
func TestExactlyOnceUnderFaults(t *testing.T) {
	const n = 200
	if testing.Short() {
		t.Skip("200 declarations through a faulty sandbox: run without -short")
	}
	e := newEnv(t, testSeed(n, 0, time.Hour), sandbox.Faults{})
	// A fresh connection per call: net/http would otherwise resend some
	// dropped deposits by itself (they carry an Idempotency-Key), hiding the
	// drops from the worker.
	e.trans.mu.Lock()
	e.trans.rt = &http.Transport{DisableKeepAlives: true}
	e.trans.mu.Unlock()
	al := &autoLogin{e: e}
	e.ev.hook = al.on
	al.set(e.w)
	e.login(e.w)
	decls := e.prepare(e.w, n)

	faults := sandbox.Faults{FailRate: 0.3, DropAfterCommit: 0.2}
	e.p.restart(faults)
	if err := e.w.Start(bg); err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, d := range decls {
		sub, _, err := e.w.Enqueue(d.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		keys[d.ID] = sub.IdempotencyKey
	}
	finished := func() int {
		return e.ev.count(func(ev outbox.Event) bool { return ev.Kind == outbox.EventState && ev.State.Terminal() })
	}

	// App restart: a new worker on the same store, without a session.
	waitFor(t, "a quarter of the declarations", 60*time.Second, func() bool { return finished() >= n/4 })
	e.w.Stop()
	w2 := outbox.New(e.st, e.opts)
	t.Cleanup(w2.Stop)
	al.set(w2)
	if err := w2.Start(bg); err != nil {
		t.Fatal(err)
	}

	// Sandbox restart on the same folder while the worker runs.
	waitFor(t, "half of the declarations", 60*time.Second, func() bool { return finished() >= n/2 })
	e.p.down()
	time.Sleep(50 * time.Millisecond) // the worker meets a closed port
	e.p.restart(faults)

	waitFor(t, "every declaration answered", 90*time.Second, allTerminal(t, e.st))
	w2.Stop()

	// Store side: one submission per declaration, accepted, under its first key.
	for _, d := range decls {
		subs, err := e.st.Submissions().ListByDeclaration(d.ID)
		if err != nil || len(subs) != 1 {
			t.Fatalf("declaration %s: %d submissions (%v)", d.ID, len(subs), err)
		}
		s := subs[0]
		if s.State != store.SubAccepted || s.IdempotencyKey != keys[d.ID] || s.AcknowledgementNumber == "" {
			t.Fatalf("submission %+v", s)
		}
		if got, _ := e.st.Declarations().Get(d.ID); got.Status != store.StatusAccepted {
			t.Fatalf("declaration status %s", got.Status)
		}
	}
	// Platform side: exactly one deposit per declaration, accepted, same bytes.
	e.p.restart(sandbox.Faults{})
	c := e.adminClient()
	for i, d := range decls {
		deps := listDeposits(t, c, affOf(i))
		if len(deps) != 1 {
			t.Fatalf("employer %d: %d deposits on the platform", i, len(deps))
		}
		if deps[0].Status != api.StatusAccepted || !strings.EqualFold(deps[0].SHA256, d.SHA256) {
			t.Fatalf("employer %d: deposit %s %s", i, deps[0].Status, deps[0].SHA256)
		}
		if got := subOf(t, e.st, d.ID); got.DepositID != deps[0].DepositID {
			t.Fatalf("employer %d: store and platform disagree on the deposit", i)
		}
	}
	// The faults were really met, and every retry was audited with its reason.
	retries := e.ev.count(func(ev outbox.Event) bool { return ev.Kind == outbox.EventRetry })
	network := e.ev.count(func(ev outbox.Event) bool {
		return ev.Kind == outbox.EventRetry && ev.Error != nil && ev.Error.Code == "platform.network"
	})
	internal := e.ev.count(func(ev outbox.Event) bool {
		return ev.Kind == outbox.EventRetry && ev.Error != nil && ev.Error.Code == "platform.internal"
	})
	resent := 0
	for _, d := range decls {
		if subOf(t, e.st, d.ID).Attempts > 1 {
			resent++
		}
	}
	entries, err := e.st.AuditEntries(1, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	audited := 0
	for _, en := range entries {
		if en.Action == "submission.retry" {
			audited++
		}
	}
	if internal == 0 || network == 0 || resent == 0 || audited != retries || al.logins.Load() == 0 {
		t.Fatalf("faults not exercised: %d retries (%d internal, %d network), %d resent, %d audited, %d logins",
			retries, internal, network, resent, audited, al.logins.Load())
	}
	if _, broken, err := e.st.VerifyAudit(); err != nil || broken >= 0 {
		t.Fatal(broken, err)
	}
	t.Logf("%d declarations: %d retries (%d internal, %d network), %d sent more than once, %d logins",
		n, retries, internal, network, resent, al.logins.Load())
}
