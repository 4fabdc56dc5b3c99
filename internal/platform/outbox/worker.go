package outbox

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"sort"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/store"
)

// loop dispatches the due submissions to steps until ctx ends.
func (w *Worker) loop(ctx context.Context, done chan struct{}) {
	defer close(done)
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		var next time.Time
		if w.takeDirty() {
			if err := w.reload(); err != nil {
				w.o.Logger.Error("outbox: cannot read the pending submissions", "code", i18n.Code(err))
				w.mu.Lock()
				w.dirty = true
				w.mu.Unlock()
				next = w.now().Add(w.o.Backoff.Base)
			}
		}
		if n := w.dispatch(ctx); !n.IsZero() && (next.IsZero() || n.Before(next)) {
			next = n
		}
		var tc <-chan time.Time
		if !next.IsZero() {
			timer.Reset(max(next.Sub(w.now()), 0))
			tc = timer.C
		}
		select {
		case <-ctx.Done():
			return
		case <-w.wake:
		case <-tc:
		}
		timer.Stop()
	}
}

func (w *Worker) takeDirty() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	d := w.dirty
	w.dirty = false
	return d
}

// reload schedules every pending submission of the store that the worker
// does not carry yet, at its recorded next attempt time.
func (w *Worker) reload() error {
	subs, err := w.st.Submissions().ListPending()
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	pending := make(map[string]bool, len(subs))
	for _, s := range subs {
		pending[s.ID] = true
		if w.inflight[s.ID] || w.sched[s.ID] != nil {
			continue
		}
		if _, ok := w.parked[s.ID]; ok {
			continue
		}
		w.sched[s.ID] = &entry{profile: s.Profile, due: s.NextAttemptAt}
	}
	for id := range w.sched {
		if !pending[id] {
			delete(w.sched, id)
		}
	}
	return nil
}

// dispatch starts a step for every due submission, up to Concurrency at
// once, and returns when the next one is due (zero: none planned).
func (w *Worker) dispatch(ctx context.Context) time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	if ctx.Err() != nil {
		return time.Time{}
	}
	now := w.now()
	type cand struct {
		id  string
		due time.Time
	}
	var ready []cand
	var next time.Time
	for id, e := range w.sched {
		due := e.due
		if ps := w.profiles[e.profile]; ps != nil && ps.notBefore.After(due) {
			due = ps.notBefore
		}
		if !due.After(now) {
			ready = append(ready, cand{id, due})
		} else if next.IsZero() || due.Before(next) {
			next = due
		}
	}
	sort.Slice(ready, func(i, j int) bool {
		if !ready[i].due.Equal(ready[j].due) {
			return ready[i].due.Before(ready[j].due)
		}
		return ready[i].id < ready[j].id
	})
	for _, c := range ready {
		if len(w.inflight) >= w.o.Concurrency {
			break // a finishing step wakes the loop
		}
		e := w.sched[c.id]
		delete(w.sched, c.id)
		w.inflight[c.id] = true
		w.steps.Add(1)
		go w.step(ctx, c.id, e)
	}
	return next
}

// outcome is what a step leaves behind.
type outcome struct {
	kind     outcomeKind
	at       time.Time
	soft     bool
	tokenUse string // park: the token the refused call carried
}

type outcomeKind int

const (
	outDone    outcomeKind = iota // terminal, or nothing more to do
	outAgain                      // call again at at
	outPark                       // wait for a login
	outStopped                    // the worker is stopping: leave it to the next Start
)

func (w *Worker) step(ctx context.Context, id string, e *entry) {
	defer w.steps.Done()
	out := w.run(ctx, id)
	w.mu.Lock()
	delete(w.inflight, id)
	switch out.kind {
	case outAgain:
		w.sched[id] = &entry{profile: e.profile, due: out.at, soft: out.soft}
	case outPark:
		ps := w.profiles[e.profile]
		if ps != nil && ps.client.Token() != "" && ps.client.Token() != out.tokenUse {
			// A new session arrived while this call was refused: go on.
			w.sched[id] = &entry{profile: e.profile, due: w.now()}
		} else {
			w.parked[id] = e.profile
		}
	case outDone:
		delete(w.pollFail, id)
	}
	w.mu.Unlock()
	w.signal()
}

// run carries submission id one step: a deposit or a poll.
func (w *Worker) run(ctx context.Context, id string) outcome {
	sub, err := w.st.Submissions().Get(id)
	if err != nil {
		return w.storeTrouble(err)
	}
	if sub.State.Terminal() {
		return outcome{kind: outDone}
	}
	ps, err := w.profile(sub.Profile)
	if err != nil {
		// No endpoint for this profile (configuration): keep the submission
		// and say why; it is tried again at the backoff ceiling.
		return w.retry(sub, err, w.o.Backoff.Max, false)
	}
	if sub.DepositID == "" {
		return w.deposit(ctx, ps, sub)
	}
	return w.poll(ctx, ps, sub)
}

func (w *Worker) storeTrouble(err error) outcome {
	w.o.Logger.Error("outbox: store error", "code", i18n.Code(err))
	if errors.Is(err, store.ErrClosed) {
		return outcome{kind: outStopped}
	}
	return outcome{kind: outAgain, at: w.now().Add(w.o.Backoff.Max)}
}

// deposit marks the submission sending (attempt n) and sends the file under
// its idempotency key.
func (w *Worker) deposit(ctx context.Context, ps *profileState, sub store.Submission) outcome {
	tok := ps.client.Token()
	if tok == "" {
		return w.needLogin(sub, "", loginRequired())
	}
	d, err := w.st.Declarations().Get(sub.DeclarationID)
	if err != nil {
		return w.storeTrouble(err)
	}
	sum := sha256.Sum256(d.Bytes)
	if len(d.Bytes) == 0 || hex.EncodeToString(sum[:]) != sub.SHA256 {
		return w.fail(sub, i18n.New(CodeCorrupt, msgCorrupt))
	}
	er, err := w.st.Employers().Get(sub.EmployerID)
	if err != nil {
		return w.storeTrouble(err)
	}
	if w.o.BeforeDeposit != nil {
		if err := w.o.BeforeDeposit(ctx, sub); err != nil {
			return w.retry(sub, err, w.o.Backoff.Max, false)
		}
	}
	sub, ok, err := w.transition(sub.ID, EventState, nil, "", func(s *store.Submission) bool {
		if s.State.Terminal() || s.DepositID != "" {
			return false
		}
		s.State, s.NextAttemptAt = store.SubSending, time.Time{}
		s.Attempts++
		return true
	}, nil)
	if err != nil {
		return w.storeTrouble(err)
	}
	if !ok {
		return outcome{kind: outAgain, at: w.now()} // changed meanwhile: look again
	}
	kind := api.KindPrincipal
	if d.Kind == store.KindComplementary {
		kind = api.KindComplementary
	}
	cctx, cancel := context.WithTimeout(ctx, w.o.CallTimeout)
	rec, err := ps.client.Deposit(cctx, er.Affiliation, d.Period, kind, d.Sequence, sub.IdempotencyKey, d.Bytes)
	cancel()
	w.attempt(Attempt{Submission: sub, Action: "deposit", Status: rec.Status, DepositID: rec.DepositID, Err: err})
	if err != nil {
		return w.failedCall(ctx, ps, sub, tok, err, sub.Attempts, true)
	}
	w.online(sub.Profile)
	next := w.now().Add(w.o.PollInterval)
	if rec.Status.Final() {
		next = w.now()
	}
	_, _, err = w.transition(sub.ID, EventState, nil, "", func(s *store.Submission) bool {
		if s.State.Terminal() {
			return false
		}
		s.State = store.SubReceived
		if rec.Status == api.StatusProcessing {
			s.State = store.SubProcessing
		}
		s.DepositID, s.LastError, s.NextAttemptAt = rec.DepositID, "", next
		return true
	}, nil)
	if err != nil {
		// The deposit is on the platform but not recorded: the next attempt
		// sends the same key again and gets the same deposit back.
		return w.storeTrouble(err)
	}
	return outcome{kind: outAgain, at: next}
}

// poll asks the platform where a deposit stands.
func (w *Worker) poll(ctx context.Context, ps *profileState, sub store.Submission) outcome {
	tok := ps.client.Token()
	if tok == "" {
		return w.needLogin(sub, "", loginRequired())
	}
	cctx, cancel := context.WithTimeout(ctx, w.o.CallTimeout)
	dep, err := ps.client.GetDeposit(cctx, sub.DepositID)
	cancel()
	if err != nil {
		w.mu.Lock()
		w.pollFail[sub.ID]++
		n := w.pollFail[sub.ID]
		w.mu.Unlock()
		return w.failedCall(ctx, ps, sub, tok, err, n, false)
	}
	w.mu.Lock()
	delete(w.pollFail, sub.ID)
	w.mu.Unlock()
	w.online(sub.Profile)
	switch dep.Status {
	case api.StatusReceived, api.StatusProcessing:
		next := w.now().Add(w.o.PollInterval)
		st := store.SubReceived
		if dep.Status == api.StatusProcessing {
			st = store.SubProcessing
		}
		if sub.State != st || sub.LastError != "" {
			if _, _, err := w.transition(sub.ID, EventState, nil, "", func(s *store.Submission) bool {
				if s.State.Terminal() {
					return false
				}
				s.State, s.LastError, s.NextAttemptAt = st, "", next
				return true
			}, nil); err != nil {
				return w.storeTrouble(err)
			}
		}
		return outcome{kind: outAgain, at: next}
	case api.StatusAccepted, api.StatusRejected:
		return w.finalAnswer(sub, dep)
	}
	err = &api.Error{Code: api.CodeBadResponse, Retryable: true, Message: "unknown deposit status"}
	return w.failedCall(ctx, ps, sub, tok, err, 1, false)
}

var msgRejected = i18n.Text{
	FR: "la plateforme a rejeté la déclaration : %d erreur(s) dans le compte rendu de contrôle",
	AR: "رفضت المنصة التصريح: %d خطأ(أخطاء) في تقرير المراقبة",
	EN: "the platform rejected the declaration: %d error(s) in the control report",
}

// CodeRejected is the error code of the event of a rejected deposit.
const CodeRejected = "outbox.rejected"

// finalAnswer records accepted or rejected with the platform's answer, in
// one transaction, then calls OnAccepted.
func (w *Worker) finalAnswer(sub store.Submission, dep api.Deposit) outcome {
	res := resultOf(sub.ID, dep)
	state := store.SubAccepted
	var cause error
	if dep.Status == api.StatusRejected {
		state = store.SubRejected
		cause = i18n.New(CodeRejected, msgRejected, countErrors(dep.ControlReport))
	}
	s, ok, err := w.transition(sub.ID, EventState, cause, "", func(s *store.Submission) bool {
		if s.State.Terminal() {
			return false
		}
		s.State, s.LastError, s.NextAttemptAt = state, "", time.Time{}
		s.AcknowledgementNumber, s.PaymentReference = trim(dep.AcknowledgementNumber, 100), trim(dep.PaymentReference, 100)
		return true
	}, func(tx *store.Tx, s store.Submission) error {
		_, err := tx.DepositResults().Put(res)
		return err
	})
	if err != nil {
		return w.storeTrouble(err)
	}
	if ok {
		w.attempt(Attempt{Submission: s, Action: "result", Status: dep.Status, DepositID: dep.DepositID, Deposit: &dep})
	}
	if ok && state == store.SubAccepted && w.o.OnAccepted != nil {
		w.o.OnAccepted(s, dep)
	}
	return outcome{kind: outDone}
}

func countErrors(items []api.ControlItem) int {
	n := 0
	for _, it := range items {
		if it.Severity == api.SeverityError {
			n++
		}
	}
	return n
}

func trim(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// resultOf converts the platform's deposit into the store's record.
func resultOf(subID string, dep api.Deposit) store.DepositResult {
	r := store.DepositResult{
		SubmissionID: subID, DepositID: trim(dep.DepositID, 100), Status: store.DepositStatus(dep.Status),
		AcknowledgementNumber: trim(dep.AcknowledgementNumber, 100), PaymentReference: trim(dep.PaymentReference, 100),
		ReceivedAt: dep.ReceivedAt,
	}
	if dep.ProcessedAt != nil {
		r.ProcessedAt = *dep.ProcessedAt
	}
	if a := dep.AmountDue; a != nil {
		r.AmountDue = max(a.Total, 0)
		for _, b := range a.Branches {
			r.Branches = append(r.Branches, store.BranchDue{Branch: trim(b.Branch, 20), Base: b.Base, Rate: b.Rate, Amount: b.Amount})
		}
	}
	if t := dep.Totals; t != nil {
		r.Employees, r.Days = max(t.Employees, 0), max(t.Days, 0)
		r.RealSalary, r.CappedSalary = max(t.Real, 0), max(t.Capped, 0)
	}
	for _, it := range dep.ControlReport {
		r.ControlReport = append(r.ControlReport, store.ControlFinding{Rule: trim(it.Rule, 40), Severity: trim(string(it.Severity), 20),
			Line: it.Line, Field: trim(it.Field, 40), Message: trim(it.Message, 2000)})
	}
	if len(r.ControlReport) > 100000 {
		r.ControlReport = r.ControlReport[:100000]
	}
	return r
}

// failedCall decides what a failed call means: the worker stopping (leave
// it), a session to renew (park), a retry under the same key, or — for a
// deposit only — a definitive refusal. A failed poll is never definitive:
// the deposit exists on the platform, so the submission must not end
// without its answer (a resubmission would deposit twice).
func (w *Worker) failedCall(ctx context.Context, ps *profileState, sub store.Submission, tok string, err error, n int, isDeposit bool) outcome {
	if ctx.Err() != nil {
		return outcome{kind: outStopped}
	}
	code := api.CodeOf(err)
	if code == api.CodeCanceled {
		// Our own per-call timeout, not the worker stopping: a network timeout.
		err = &api.Error{Code: api.CodeNetwork, Retryable: true, Message: "call timed out", Err: context.DeadlineExceeded}
		code = api.CodeNetwork
	}
	if code == api.CodeTokenExpired {
		return w.needLogin(sub, tok, err)
	}
	if api.IsRetryable(err) || !isDeposit {
		delay := w.jitter(n)
		soft := true
		if ra := api.RetryAfter(err); ra > 0 {
			delay, soft = max(delay, ra), false
			if code == api.CodeMaintenance || code == api.CodeTooManyAttempts {
				w.mu.Lock()
				if t := w.now().Add(ra); t.After(ps.notBefore) {
					ps.notBefore = t
				}
				w.mu.Unlock()
			}
		}
		if !api.IsRetryable(err) {
			delay, soft = w.o.Backoff.Max, false
		}
		return w.retry(sub, err, delay, soft)
	}
	return w.fail(sub, err)
}

func (w *Worker) jitter(n int) time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.o.Backoff.Delay(n, w.rng)
}

// retryInfo is the audit record of a retry.
type retryInfo struct {
	State         store.SubmissionState `json:"state"`
	Attempt       int                   `json:"attempt"`
	Code          string                `json:"code"`
	Reason        string                `json:"reason"`
	NextAttemptAt time.Time             `json:"next_attempt_at"`
}

// retry records a retryable failure (last error, next attempt time, audit
// entry "submission.retry" with the reason) and plans the next call.
func (w *Worker) retry(sub store.Submission, cause error, delay time.Duration, soft bool) outcome {
	at := w.now().Add(delay)
	code := errorCode(cause)
	_, ok, err := w.transition(sub.ID, EventRetry, cause, store.ActionSubmissionRetry, func(s *store.Submission) bool {
		if s.State.Terminal() {
			return false
		}
		s.LastError, s.NextAttemptAt = code, at
		return true
	}, nil)
	if err != nil {
		return w.storeTrouble(err)
	}
	if !ok {
		return outcome{kind: outDone}
	}
	return outcome{kind: outAgain, at: at, soft: soft}
}

// fail records a definitive refusal of a deposit: state failed, the
// declaration's status rejected (the user must act), audit and event.
func (w *Worker) fail(sub store.Submission, cause error) outcome {
	code := errorCode(cause)
	_, _, err := w.transition(sub.ID, EventState, cause, "", func(s *store.Submission) bool {
		if s.State.Terminal() {
			return false
		}
		s.State, s.LastError, s.NextAttemptAt = store.SubFailed, code, time.Time{}
		return true
	}, func(tx *store.Tx, s store.Submission) error {
		d, err := tx.Declarations().Get(s.DeclarationID)
		if err != nil || d.Status == store.StatusRejected {
			return err
		}
		_, err = tx.Declarations().SetStatus(d.ID, store.StatusRejected)
		return err
	})
	if err != nil {
		return w.storeTrouble(err)
	}
	return outcome{kind: outDone}
}

// needLogin parks a submission until a session comes for its profile: the
// session is forgotten (if it is still the one refused), the submission
// records why (audited once), and EventLoginRequired asks for a login.
func (w *Worker) needLogin(sub store.Submission, tokUsed string, cause error) outcome {
	w.mu.Lock()
	if ps := w.profiles[sub.Profile]; ps != nil && ps.client.Token() == tokUsed {
		ps.client.SetToken("")
		ps.needsLogin = true
	}
	w.mu.Unlock()
	code := errorCode(cause)
	s, ok, err := w.transition(sub.ID, EventLoginRequired, cause, store.ActionSubmissionLoginRequired, func(s *store.Submission) bool {
		if s.State.Terminal() || s.LastError == code {
			return false
		}
		s.LastError, s.NextAttemptAt = code, time.Time{}
		return true
	}, nil)
	if err != nil {
		return w.storeTrouble(err)
	}
	if !ok {
		if s.State.Terminal() {
			return outcome{kind: outDone}
		}
		w.emit(eventOf(EventLoginRequired, s, w.now(), cause)) // still waiting: ask again
	}
	return outcome{kind: outPark, tokenUse: tokUsed}
}

// online: a call to profile's platform succeeded; every submission waiting
// after a network or server error on it is tried again at once (still after
// any Retry-After window).
func (w *Worker) online(profile domain.PlatformProfile) {
	w.mu.Lock()
	defer w.mu.Unlock()
	now := w.now()
	woke := false
	for _, e := range w.sched {
		if e.soft && e.profile == profile && e.due.After(now) {
			e.due, e.soft, woke = now, false, true
		}
	}
	if woke {
		select {
		case w.wake <- struct{}{}:
		default:
		}
	}
}

// transition applies mutate to the stored submission and, when it changed
// something, writes it (store update and its audit entry, plus an extra
// audit entry named audit when given, plus extra) in one transaction, then
// emits an event of kind with cause. It returns the submission as stored
// and whether it changed.
func (w *Worker) transition(id string, kind EventKind, cause error, audit string, mutate func(*store.Submission) bool, extra func(*store.Tx, store.Submission) error) (store.Submission, bool, error) {
	var out store.Submission
	changed := false
	err := w.st.Update(func(tx *store.Tx) error {
		s, err := tx.Submissions().Get(id)
		if err != nil {
			return err
		}
		if !mutate(&s) {
			out = s
			return nil
		}
		if s, err = tx.Submissions().Update(s); err != nil {
			return err
		}
		if audit != "" {
			info := retryInfo{State: s.State, Attempt: s.Attempts, Code: s.LastError, NextAttemptAt: s.NextAttemptAt}
			if cause != nil {
				info.Reason = trim(i18n.Message(cause, i18n.FR), 500)
			}
			if _, err := tx.Audit(audit, store.EntitySubmission, s.ID, nil, info); err != nil {
				return err
			}
		}
		if extra != nil {
			if err := extra(tx, s); err != nil {
				return err
			}
		}
		out, changed = s, true
		return nil
	})
	if err != nil {
		return store.Submission{}, false, err
	}
	if changed {
		w.emit(eventOf(kind, out, w.now(), cause))
	}
	return out, changed, nil
}
