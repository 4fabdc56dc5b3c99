package desktop

import (
	"errors"
	"strconv"
	"strings"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/store"
)

// RecordAPIAttempt writes an attempt of the outbox (its OnAttempt hook) to
// the deposit-attempt log: the call sending the file with the platform's
// status or the error, and the platform's verdict. A call cancelled by the
// app itself (closing, locking) is not an attempt: ok is false.
func RecordAPIAttempt(st *store.Store, a outbox.Attempt) (out store.DepositAttempt, ok bool, err error) {
	rec := store.DepositAttempt{DeclarationID: a.Submission.DeclarationID, SubmissionID: a.Submission.ID,
		Channel: store.ChannelAPI, Action: a.Action}
	switch {
	case a.Err != nil:
		var ae *api.Error
		if errors.As(a.Err, &ae) {
			if ae.Code == api.CodeCanceled {
				return out, false, nil
			}
			rec.Outcome = store.OutcomePlatformErr
			if ae.Code == api.CodeNetwork {
				rec.Outcome = store.OutcomeNetworkError
			}
			rec.Answer = string(ae.Code)
			if ae.Status != 0 {
				rec.Answer += " (HTTP " + strconv.Itoa(ae.Status) + ")"
			}
			if ae.Message != "" {
				rec.Answer += " — " + ae.Message
			}
		} else {
			rec.Outcome, rec.Answer = store.OutcomePlatformErr, i18n.Message(a.Err, i18n.FR)
		}
	case a.Action == "result" && a.Deposit != nil:
		dep := a.Deposit
		rec.Outcome = store.OutcomeAccepted
		parts := []string{"deposit_id=" + dep.DepositID, "status=" + string(dep.Status)}
		if dep.Status == api.StatusRejected {
			rec.Outcome = store.OutcomeRejected
			n := 0
			for _, it := range dep.ControlReport {
				if it.Severity == api.SeverityError {
					n++
				}
			}
			parts = append(parts, "control_report_errors="+strconv.Itoa(n))
		} else {
			parts = append(parts, "acknowledgement="+dep.AcknowledgementNumber, "payment_reference="+dep.PaymentReference)
		}
		rec.Answer = strings.Join(parts, " ")
	default:
		rec.Outcome = store.OutcomeReceived
		rec.Answer = "deposit_id=" + a.DepositID + " status=" + string(a.Status)
	}
	out, err = st.DepositAttempts().Record(rec)
	return out, err == nil, err
}

// RecordPortalFailure records the user's "the portal did not work" for a
// declaration: a manual attempt that failed, with an optional note and
// screenshot (PNG or JPEG, bounded by the store).
func RecordPortalFailure(st *store.Store, declarationID, note string, screenshot []byte) (store.DepositAttempt, error) {
	return st.DepositAttempts().Record(store.DepositAttempt{DeclarationID: declarationID, Channel: store.ChannelManual,
		Action: "portal", Outcome: store.OutcomePortalDown, Note: strings.TrimSpace(note), Screenshot: screenshot})
}

// FailedOnly returns the employers of period p whose deposit attempts all
// failed (at least one attempt, none received, accepted or rejected by the
// platform) and that have no accepted or manual declaration: the portfolio
// flags them when their deadline is near.
func FailedOnly(st *store.Store, p domain.Period) (map[string]bool, error) {
	out := map[string]bool{}
	ers, err := st.Employers().List()
	if err != nil {
		return nil, err
	}
	for _, er := range ers {
		decls, err := st.Declarations().List(er.ID, p)
		if err != nil {
			return nil, err
		}
		failed, other := 0, false
		for _, d := range decls {
			if d.Status == store.StatusAccepted || d.Status == store.StatusManual {
				other = true
				break
			}
			atts, err := st.DepositAttempts().List(d.ID)
			if err != nil {
				return nil, err
			}
			for _, a := range atts {
				if a.Outcome.Failed() {
					failed++
				} else {
					other = true
				}
			}
		}
		if failed > 0 && !other {
			out[er.ID] = true
		}
	}
	return out, nil
}
