package lifecycle

import (
	"errors"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Status is where a declaration stands. Draft, Ready and Outdated may still
// change; from Queued on the declaration is frozen (its file never changes
// again).
type Status string

// Declaration statuses.
const (
	Draft     Status = "draft"     // generated with blocking findings (no file to deposit)
	Ready     Status = "ready"     // generated without blocking finding: its file may be deposited
	Outdated  Status = "outdated"  // the month changed after generation: regenerate before any deposit
	Queued    Status = "queued"    // frozen, waiting in the outbox
	Submitted Status = "submitted" // deposited, waiting for the platform's answer
	Accepted  Status = "accepted"
	Rejected  Status = "rejected"
	Manual    Status = "manual" // exported and deposited by hand on damancom.ma (evidence recorded)
)

// Statuses lists every declaration status, in lifecycle order.
var Statuses = []Status{Draft, Ready, Outdated, Queued, Submitted, Accepted, Rejected, Manual}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, x := range Statuses {
		if s == x {
			return true
		}
	}
	return false
}

// Frozen reports whether the declaration's file and findings can no longer
// change (queued and later).
func (s Status) Frozen() bool {
	switch s {
	case Draft, Ready, Outdated:
		return false
	}
	return true
}

// Deposited reports whether the declaration reached the CNSS (by the
// platform or by hand): a complementary declaration may then follow.
func (s Status) Deposited() bool {
	return s == Submitted || s == Accepted || s == Manual
}

// SubState is the state of one submission in the outbox
// (platform-api.md, "Outbox, exactly once").
type SubState string

// Submission states.
const (
	SubQueued     SubState = "queued"
	SubSending    SubState = "sending"
	SubReceived   SubState = "received"
	SubProcessing SubState = "processing"
	SubAccepted   SubState = "accepted"
	SubRejected   SubState = "rejected"
	SubFailed     SubState = "failed"    // definitive error other than a rejection
	SubCancelled  SubState = "cancelled" // by the user, before any deposit
)

// Terminal reports whether the outbox worker is done with a submission in this state.
func (s SubState) Terminal() bool {
	switch s {
	case SubAccepted, SubRejected, SubFailed, SubCancelled:
		return true
	}
	return false
}

// DeclStatusOf is the declaration status a submission state implies, and
// false when the state says nothing about the declaration.
func DeclStatusOf(s SubState) (Status, bool) {
	switch s {
	case SubReceived, SubProcessing:
		return Submitted, true
	case SubAccepted:
		return Accepted, true
	case SubRejected:
		return Rejected, true
	}
	return "", false
}

// Event names why a declaration changes status.
type Event string

// Events of the declaration lifecycle.
const (
	EvGenerate  Event = "generate" // the month was (re)generated
	EvEdit      Event = "edit"     // the month changed after generation
	EvEnqueue   Event = "enqueue"  // put in the outbox (Dépôt)
	EvDeposit   Event = "deposit"  // the platform received it
	EvAccept    Event = "accept"   // the platform accepted it
	EvReject    Event = "reject"   // the platform refused it, or the deposit failed for good
	EvResubmit  Event = "resubmit" // a new attempt after a refusal
	EvCancel    Event = "cancel"   // the queued submission was cancelled before its first send
	EvManual    Event = "manual"   // evidence of a deposit by hand was recorded
	EvAmendHand Event = "amend"    // the evidence of a deposit by hand was replaced
)

// Transition is one allowed change of a declaration's status.
type Transition struct {
	From, To Status
	Event    Event
	// Audit is the action the store writes in the audit log for it.
	Audit string
}

// Transitions is the whole state machine of a declaration: a status change
// not listed here is refused (Check). Writing a declaration again with the
// same status (a regeneration, a new file) is not a transition.
var Transitions = []Transition{
	{Draft, Ready, EvGenerate, "declaration.generate"},
	{Ready, Draft, EvGenerate, "declaration.generate"},
	{Outdated, Draft, EvGenerate, "declaration.generate"},
	{Outdated, Ready, EvGenerate, "declaration.generate"},
	{Draft, Outdated, EvEdit, "declaration.outdated"},
	{Ready, Outdated, EvEdit, "declaration.outdated"},
	{Ready, Queued, EvEnqueue, "declaration.queue"},
	{Draft, Queued, EvEnqueue, "declaration.queue"}, // a draft without blocking finding (the store API, the CLI)
	{Queued, Submitted, EvDeposit, "declaration.deposit"},
	{Queued, Accepted, EvAccept, "declaration.accept"},
	{Submitted, Accepted, EvAccept, "declaration.accept"},
	{Queued, Rejected, EvReject, "declaration.reject"},
	{Submitted, Rejected, EvReject, "declaration.reject"},
	{Rejected, Queued, EvResubmit, "declaration.resubmit"},
	{Queued, Ready, EvCancel, "declaration.cancel"},
	{Ready, Manual, EvManual, "declaration.manual"},
	{Draft, Manual, EvManual, "declaration.manual"},
	{Queued, Manual, EvManual, "declaration.manual"},
	{Rejected, Manual, EvManual, "declaration.manual"},
	{Manual, Manual, EvAmendHand, "declaration.manual"},
}

// Find returns the transition from → to, and false when it is forbidden.
func Find(from, to Status) (Transition, bool) {
	for _, t := range Transitions {
		if t.From == from && t.To == to {
			return t, true
		}
	}
	return Transition{}, false
}

// Stable error codes.
const (
	CodeForbidden = "lifecycle.forbidden" // a status change the state machine does not allow
	CodeOutdated  = "lifecycle.outdated"  // the declaration must be regenerated first
)

// ErrForbidden is in the chain of every refusal of this package.
var ErrForbidden = errors.New("lifecycle: forbidden transition")

var (
	msgForbidden = i18n.Text{
		FR: "une déclaration « %s » ne peut pas passer à « %s »",
		AR: "لا يمكن لتصريح في حالة «%s» أن ينتقل إلى «%s»",
		EN: "a declaration in status “%s” cannot move to “%s”",
	}
	msgOutdated = i18n.Text{
		FR: "le mois a été modifié après la génération de ce fichier : il est périmé. Régénérez la déclaration avant de la déposer ou de l'exporter",
		AR: "تم تعديل الشهر بعد إنشاء هذا الملف: لم يعد صالحاً. أعد إنشاء التصريح قبل إيداعه أو تصديره",
		EN: "the month was changed after this file was generated: it is outdated. Regenerate the declaration before depositing or exporting it",
	}
)

// Check returns nil when a declaration may move from → to (or stays in
// the same status), and a coded error otherwise: lifecycle.outdated when
// the declaration is outdated and the change is a deposit (the user must
// regenerate), lifecycle.forbidden for any other refused change.
func Check(from, to Status) error {
	if from == to {
		return nil
	}
	if _, ok := Find(from, to); ok {
		return nil
	}
	if from == Outdated {
		return OutdatedError()
	}
	return i18n.Wrap(ErrForbidden, CodeForbidden, msgForbidden, string(from), string(to))
}

// OutdatedError is the refusal of any use of an outdated declaration's file.
func OutdatedError() error {
	return i18n.Wrap(ErrForbidden, CodeOutdated, msgOutdated)
}

// AuditAction is the audit action of a status change from → to:
// the transition's, or update for a write that keeps the status.
func AuditAction(from, to Status, update string) string {
	if t, ok := Find(from, to); ok && from != to {
		return t.Audit
	}
	return update
}

// OnEdit is the status a declaration takes when its month is edited, and
// whether it changes: a generated declaration that is not frozen becomes
// Outdated; any other stays as it is.
func OnEdit(s Status) (Status, bool) {
	if _, ok := Find(s, Outdated); ok {
		return Outdated, true
	}
	return s, false
}

// CheckUsable refuses using the file of a declaration (enqueue, manual
// export, evidence of a deposit by hand) while it is outdated.
func CheckUsable(s Status) error {
	if s == Outdated {
		return OutdatedError()
	}
	return nil
}

// SubTransitions is the state machine of one submission: from each state,
// the states it may move to (staying in the same state — a retry, a new
// poll — is always allowed). A settled submission (Terminal) never moves
// again, and nothing goes back to queued: a new attempt after a refusal is
// a new submission under a new idempotency key. Cancelled is reachable only
// from queued (before any send).
var SubTransitions = map[SubState][]SubState{
	SubQueued:     {SubSending, SubReceived, SubProcessing, SubAccepted, SubRejected, SubFailed, SubCancelled},
	SubSending:    {SubReceived, SubProcessing, SubAccepted, SubRejected, SubFailed},
	SubReceived:   {SubProcessing, SubAccepted, SubRejected, SubFailed},
	SubProcessing: {SubReceived, SubAccepted, SubRejected, SubFailed},
}

// SubStates lists every submission state.
var SubStates = []SubState{SubQueued, SubSending, SubReceived, SubProcessing, SubAccepted, SubRejected, SubFailed, SubCancelled}

var msgSubForbidden = i18n.Text{
	FR: "un envoi « %s » ne peut pas passer à « %s »",
	AR: "لا يمكن لإرسال في حالة «%s» أن ينتقل إلى «%s»",
	EN: "a submission in state “%s” cannot move to “%s”",
}

// CheckSub returns nil when a submission may move from → to, and a
// lifecycle.forbidden error otherwise.
func CheckSub(from, to SubState) error {
	if from == to {
		return nil
	}
	for _, s := range SubTransitions[from] {
		if s == to {
			return nil
		}
	}
	return i18n.Wrap(ErrForbidden, CodeForbidden, msgSubForbidden, string(from), string(to))
}
