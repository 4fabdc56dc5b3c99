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

// The first attempt's deposit is committed on the platform but its answer is
// lost; before the next attempt the user logs in with another account
// mandated for the same employer (a colleague of the cabinet). The retry
// carries the same Idempotency-Key — the submission's, never the session's —
// and the platform scopes keys by employer, not by login: it answers the
// deposit already made. One deposit on the platform, accepted, recorded on
// the submission. (With keys scoped by login, the retry is refused
// already_declared and the submission ends failed although its file was
// deposited; on a platform without that guard it would be a second deposit.)
func TestSwitchingLoginsDepositsOnce(t *testing.T) {
	seed := testSeed(1, 0, time.Hour)
	colleague := sandbox.Account{Login: "collegue-du-cabinet", Password: "un-autre-mot-de-passe", OTPChannel: api.OTPSMS,
		OTPDestination: "+212600000078", Mandates: []sandbox.Mandate{{Affiliation: affOf(0), Role: api.RoleMandataire}}}
	seed.Accounts = append(seed.Accounts, colleague)
	e := newEnv(t, seed, sandbox.Faults{DropAfterCommit: 1}) // every deposit's answer is lost

	var mu sync.Mutex
	var keys []string // the Idempotency-Key of every deposit call, in order
	var logins []string
	login := fidLogin
	opts := e.opts
	opts.OnAttempt = func(a outbox.Attempt) {
		if a.Action == "deposit" {
			mu.Lock()
			keys, logins = append(keys, a.Submission.IdempotencyKey), append(logins, login)
			mu.Unlock()
		}
	}
	w := outbox.New(e.st, opts)
	t.Cleanup(w.Stop)

	e.login(w)
	decls := e.prepare(w, 1)
	sub, _, err := w.Enqueue(decls[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Start(bg); err != nil {
		t.Fatal(err)
	}
	c := e.adminClient()
	waitFor(t, "the first deposit on the platform", 20*time.Second, func() bool { return len(listDeposits(t, c, affOf(0))) == 1 })
	waitFor(t, "the lost answer", 20*time.Second, func() bool {
		s := subOf(t, e.st, decls[0].ID)
		return s.Attempts >= 1 && s.LastError != "" && s.DepositID == ""
	})

	// The colleague logs in on the same profile: the worker's session is now theirs.
	mu.Lock()
	login = colleague.Login
	mu.Unlock()
	ch, err := w.Login(bg, domain.ProfileSandbox, colleague.Login, colleague.Password)
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := e.p.server().Inbox(colleague.Login)
	if err != nil || len(msgs) == 0 {
		t.Fatalf("colleague's OTP: %v %v", msgs, err)
	}
	if _, err := w.VerifyOTP(bg, domain.ProfileSandbox, ch.ChallengeID, msgs[len(msgs)-1].Code); err != nil {
		t.Fatal(err)
	}
	// Let a few attempts go under the colleague's session, then the answers come back.
	waitFor(t, "an attempt under the colleague's session", 20*time.Second, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(logins) > 0 && logins[len(logins)-1] == colleague.Login
	})
	e.p.restart(sandbox.Faults{})

	waitFor(t, "the verdict", 30*time.Second, func() bool { return subOf(t, e.st, decls[0].ID).State.Terminal() })
	got := subOf(t, e.st, decls[0].ID)
	deps := listDeposits(t, c, affOf(0))
	if got.State != store.SubAccepted || len(deps) != 1 || got.DepositID != deps[0].DepositID {
		t.Fatalf("submission %s (last error %q, deposit %q); platform deposits %+v", got.State, got.LastError, got.DepositID, deps)
	}
	mu.Lock()
	defer mu.Unlock()
	for i, k := range keys {
		if k != sub.IdempotencyKey {
			t.Fatalf("deposit call %d (login %s) sent key %s, the submission's is %s", i, logins[i], k, sub.IdempotencyKey)
		}
	}
	if len(keys) < 2 {
		t.Fatalf("%d deposit calls: the retry under the other login did not happen", len(keys))
	}
}
