package outbox

import (
	"errors"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/store"
)

// EventKind says what an Event reports.
type EventKind string

// Event kinds.
const (
	// EventState: the submission changed state (queued, sending — attempt n —,
	// received, processing, accepted, rejected, failed).
	EventState EventKind = "state"
	// EventRetry: a call failed and will be tried again at NextAttemptAt
	// under the same key; Error says why.
	EventRetry EventKind = "retry"
	// EventLoginRequired: the profile has no valid session; the submission
	// waits (nothing is lost) until Login+VerifyOTP or SetSession.
	EventLoginRequired EventKind = "login_required"
)

// EventKinds lists the event kinds.
var EventKinds = []EventKind{EventState, EventRetry, EventLoginRequired}

// Event is one change of a submission, sent to Options.OnEvent after it was
// committed to the store. It carries no personal data.
type Event struct {
	Kind          EventKind              `json:"kind"`
	SubmissionID  string                 `json:"submission_id"`
	DeclarationID string                 `json:"declaration_id"`
	EmployerID    string                 `json:"employer_id"`
	Profile       domain.PlatformProfile `json:"profile"`
	State         store.SubmissionState  `json:"state"`
	// Attempt is the number of deposit attempts so far.
	Attempt int `json:"attempt"`
	// NextAttemptAt is when the next call is due (zero when none is planned).
	// (omitempty does nothing more for a time: it marks the field optional
	// in the generated TypeScript, which only knows omitempty.)
	NextAttemptAt time.Time   `json:"next_attempt_at,omitzero,omitempty" ts_type:"string"`
	DepositID     string      `json:"deposit_id,omitempty"`
	Error         *EventError `json:"error,omitempty"`
	At            time.Time   `json:"at" ts_type:"string"`
}

// EventError is the reason of a retry or a failure, for the user.
type EventError struct {
	// Code is stable: "platform.<code>" (package api) or "outbox.<code>".
	Code      string    `json:"code"`
	Message   i18n.Text `json:"message"`
	Retryable bool      `json:"retryable"`
}

// NewEventError renders err in the three languages.
func NewEventError(err error) *EventError {
	if err == nil {
		return nil
	}
	return &EventError{
		Code:      errorCode(err),
		Message:   i18n.Text{FR: i18n.Message(err, i18n.FR), AR: i18n.Message(err, i18n.AR), EN: i18n.Message(err, i18n.EN)},
		Retryable: api.IsRetryable(err),
	}
}

// errorCode is the stable code of err: its i18n code, else "outbox.internal".
func errorCode(err error) string {
	if c := i18n.Code(err); c != "" {
		return c
	}
	var ae *api.Error
	if errors.As(err, &ae) {
		return ae.Code.I18nCode()
	}
	return "outbox.internal"
}

func eventOf(kind EventKind, sub store.Submission, at time.Time, err error) Event {
	return Event{
		Kind: kind, SubmissionID: sub.ID, DeclarationID: sub.DeclarationID, EmployerID: sub.EmployerID,
		Profile: sub.Profile, State: sub.State, Attempt: sub.Attempts, NextAttemptAt: sub.NextAttemptAt,
		DepositID: sub.DepositID, Error: NewEventError(err), At: at,
	}
}
