package outbox

import (
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/lifecycle"
	"github.com/tasrih/tasrih/internal/store"
)

// Enqueue puts a declaration in the outbox: in ONE store transaction it
// freezes the declaration (status queued; it must have a file and no
// blocking finding) and creates its submission (state queued, a fresh UUID
// idempotency key, the file's SHA-256, profile — "" means the employer's),
// with their audit entries; no network call happens before it is committed.
//
// If the declaration already has a submission still in the outbox, that one
// is returned (created false) and nothing changes: Enqueue never makes a
// second key for a declaration. After a definitive refusal it is refused
// (outbox.use_resubmit): Resubmit is the explicit way.
func (w *Worker) Enqueue(declarationID string, profile domain.PlatformProfile) (sub store.Submission, created bool, err error) {
	err = w.st.Update(func(tx *store.Tx) error {
		subs, err := tx.Submissions().ListByDeclaration(declarationID)
		if err != nil {
			return err
		}
		var last *store.Submission
		for i, s := range subs {
			if s.State == store.SubAccepted {
				return i18n.Wrap(ErrRefused, CodeAlreadyAccepted, msgAlreadyAccepted)
			}
			if !s.State.Terminal() {
				sub = s
				return nil
			}
			if s.State != store.SubCancelled { // a cancelled one was never sent
				last = &subs[i]
			}
		}
		if last != nil {
			return i18n.Wrap(ErrRefused, CodeUseResubmit, msgUseResubmit, string(last.State))
		}
		d, err := tx.Declarations().Get(declarationID)
		if err != nil {
			return err
		}
		if d.Status.Frozen() {
			return i18n.Wrap(ErrRefused, CodeNotSubmittable, msgNotSubmittable, string(d.Status))
		}
		if err := lifecycle.CheckUsable(d.Status); err != nil {
			return err // the month changed after generation: regenerate first
		}
		if len(d.Bytes) == 0 {
			return i18n.Wrap(ErrRefused, CodeNotSubmittable, msgNoBytes)
		}
		if profile == "" {
			er, err := tx.Employers().Get(d.EmployerID)
			if err != nil {
				return err
			}
			profile = er.PlatformProfile
		}
		if err := checkSubmitProfile(profile); err != nil {
			return err
		}
		if _, err := tx.Declarations().SetStatus(d.ID, store.StatusQueued); err != nil {
			return err
		}
		sub, err = tx.Submissions().Create(store.Submission{DeclarationID: d.ID, Profile: profile})
		created = err == nil
		return err
	})
	if err != nil {
		return store.Submission{}, false, err
	}
	if created {
		w.emit(eventOf(EventState, sub, w.now(), nil))
	}
	w.schedule(sub.ID, sub.Profile, w.now())
	return sub, created, nil
}

func checkSubmitProfile(p domain.PlatformProfile) error {
	switch {
	case p == domain.ProfileManual:
		return i18n.Wrap(ErrRefused, CodeManualProfile, msgManualProfile)
	case !p.Valid():
		return i18n.Wrap(ErrRefused, CodeNoEndpoint, msgBadProfile, string(p))
	}
	return nil
}

// Resubmit starts a new submission of a declaration — under a NEW
// idempotency key — after the platform definitively refused the previous
// one (state rejected or failed). It refuses otherwise (outbox.resubmit_refused):
// while a submission is pending, after an acceptance, or when the
// declaration was never submitted. One transaction with its audit entries.
func (w *Worker) Resubmit(declarationID string) (store.Submission, error) {
	var sub store.Submission
	err := w.st.Update(func(tx *store.Tx) error {
		subs, err := tx.Submissions().ListByDeclaration(declarationID)
		if err != nil {
			return err
		}
		if len(subs) == 0 {
			return i18n.Wrap(ErrRefused, CodeResubmitRefused, msgNeverSubmitted)
		}
		for _, s := range subs {
			if s.State == store.SubAccepted || !s.State.Terminal() {
				return i18n.Wrap(ErrRefused, CodeResubmitRefused, msgResubmitRefused, string(s.State))
			}
		}
		last := subs[len(subs)-1]
		if last.State != store.SubRejected && last.State != store.SubFailed {
			return i18n.Wrap(ErrRefused, CodeResubmitRefused, msgResubmitRefused, string(last.State))
		}
		if err := checkSubmitProfile(last.Profile); err != nil {
			return err
		}
		d, err := tx.Declarations().Get(declarationID)
		if err != nil {
			return err
		}
		if d.Status == store.StatusManual || d.Status == store.StatusAccepted {
			return i18n.Wrap(ErrRefused, CodeResubmitRefused, msgResubmitRefused, string(d.Status))
		}
		if d.Status != store.StatusQueued {
			if _, err := tx.Declarations().SetStatus(d.ID, store.StatusQueued); err != nil {
				return err
			}
		}
		sub, err = tx.Submissions().Create(store.Submission{DeclarationID: d.ID, Profile: last.Profile})
		if err != nil {
			return err
		}
		_, err = tx.Audit(store.ActionSubmissionResubmit, store.EntitySubmission, sub.ID, nil, map[string]any{
			"previous_submission": last.ID, "previous_state": last.State, "idempotency_key": sub.IdempotencyKey,
		})
		return err
	})
	if err != nil {
		return store.Submission{}, err
	}
	w.emit(eventOf(EventState, sub, w.now(), nil))
	w.schedule(sub.ID, sub.Profile, w.now())
	return sub, nil
}

// Cancel withdraws a submission from the outbox before its first send: in
// one store transaction the submission becomes cancelled and its
// declaration goes back to ready (the lifecycle's "cancel" transition), with
// their audit entries. It is refused (outbox.cancel_refused) once the worker
// has tried to send it (a request may have reached the platform: only its
// answer can settle it) or when it is already settled. The worker takes a
// submission for sending in its own transaction and re-reads its state
// there, so a cancelled submission is never sent.
func (w *Worker) Cancel(submissionID string) (store.Submission, error) {
	var refused error
	sub, changed, err := w.transition(submissionID, EventState, nil, store.ActionSubmissionCancel, func(s *store.Submission) bool {
		if s.State != store.SubQueued || s.Attempts > 0 || s.DepositID != "" {
			refused = i18n.Wrap(ErrRefused, CodeCancelRefused, msgCancelRefused, string(s.State), s.Attempts)
			return false
		}
		s.State, s.NextAttemptAt = store.SubCancelled, time.Time{}
		return true
	}, func(tx *store.Tx, s store.Submission) error {
		d, err := tx.Declarations().Get(s.DeclarationID)
		if err != nil || d.Status != store.StatusQueued {
			return err
		}
		_, err = tx.Declarations().SetStatus(d.ID, store.StatusReady)
		return err
	})
	if err != nil {
		return store.Submission{}, err
	}
	if !changed {
		return sub, refused
	}
	return sub, nil
}
