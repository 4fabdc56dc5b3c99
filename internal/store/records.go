package store

import (
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/lifecycle"
)

// Preetabli is the préétabli file CNSS published for one employer and period,
// as imported: the raw bytes (kept unchanged, the DS file copies parts of them)
// and a few summary fields filled by the importer.
type Preetabli struct {
	EmployerID string        `json:"employer_id" validate:"opaque_id"`
	Period     domain.Period `json:"period" validate:"period" ts_type:"string"`
	FileName   string        `json:"file_name,omitempty" validate:"max=255"`
	Raw        []byte        `json:"raw" validate:"required,max=20971520" ts_type:"string | null"`
	// TransferID is A00's N_Identif_Transfert (14 digits), copied into B00.
	TransferID string `json:"transfer_id,omitempty" validate:"omitempty,numeric,len=14"`
	// Employees is the number of A02 lines.
	Employees  int       `json:"employees" validate:"min=0"`
	SHA256     string    `json:"sha256"` // of Raw, set by the store
	ImportedAt time.Time `json:"imported_at" ts_type:"string"`
}

// DeclKind is the kind of a declaration file.
type DeclKind string

// Declaration kinds.
const (
	KindPrincipal     DeclKind = "principal"     // DS_<aff>_<AAAAMM>.txt
	KindComplementary DeclKind = "complementary" // DSC<n>_<aff>_<AAAAMM>.txt
)

// DeclKinds lists the declaration kinds.
var DeclKinds = []DeclKind{KindPrincipal, KindComplementary}

// DeclStatus is where a declaration stands: the statuses, their transitions
// and what each allows live in internal/lifecycle.
type DeclStatus = lifecycle.Status

// Declaration statuses (lifecycle's). draft, ready and outdated may still
// change; from queued on the declaration is frozen (its file never changes
// again).
const (
	StatusDraft     = lifecycle.Draft
	StatusReady     = lifecycle.Ready
	StatusOutdated  = lifecycle.Outdated // the month changed after generation: regenerate
	StatusQueued    = lifecycle.Queued
	StatusSubmitted = lifecycle.Submitted
	StatusAccepted  = lifecycle.Accepted
	StatusRejected  = lifecycle.Rejected
	StatusManual    = lifecycle.Manual // exported for a deposit by hand on damancom.ma
)

// Finding severities.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
	SeverityInfo    = "info"
)

// Finding is one result of the rule catalogue (cnss-edi.md §7) on a declaration.
type Finding struct {
	Rule     string `json:"rule" validate:"required,max=40"`
	Severity string `json:"severity" validate:"oneof=error warning info" ts_type:"declaration.Severity"`
	Record   string `json:"record,omitempty" validate:"max=3"`
	Line     int    `json:"line,omitempty" validate:"min=0"`
	Field    string `json:"field,omitempty" validate:"max=40"`
	Employee string `json:"employee,omitempty" validate:"max=80"`
}

// Declaration is a DS or DSC file produced for an employer and period, with
// the findings of its validation.
type Declaration struct {
	ID         string        `json:"id"`
	EmployerID string        `json:"employer_id" validate:"opaque_id"`
	Period     domain.Period `json:"period" validate:"period" ts_type:"string"`
	Kind       DeclKind      `json:"kind" validate:"oneof=principal complementary"`
	// Sequence is 0 for the principal declaration, n (1–9) for DSC<n>.
	Sequence int        `json:"sequence" validate:"min=0,max=9"`
	Status   DeclStatus `json:"status" validate:"oneof=draft ready outdated queued submitted accepted rejected manual"`
	FileName string     `json:"file_name" validate:"required,max=255"`
	Bytes    []byte     `json:"bytes,omitempty" validate:"max=20971520" ts_type:"string"`
	// SHA256 is the hex digest of Bytes, set by the store.
	SHA256   string    `json:"sha256"`
	Findings []Finding `json:"findings,omitempty" validate:"max=100000,dive"`
	// Errors and Warnings count the findings by severity, set by the store.
	Errors    int       `json:"errors"`
	Warnings  int       `json:"warnings"`
	Note      string    `json:"note,omitempty" validate:"max=500"`
	CreatedAt time.Time `json:"created_at" ts_type:"string"`
	UpdatedAt time.Time `json:"updated_at" ts_type:"string"`
	// FrozenAt is when the declaration left draft/ready (zero before).
	FrozenAt time.Time `json:"frozen_at" ts_type:"string"`
}

// SubmissionState is the state of one submission in the outbox (lifecycle's).
type SubmissionState = lifecycle.SubState

// Submission states (platform-api.md, "Outbox, exactly once").
const (
	SubQueued     = lifecycle.SubQueued
	SubSending    = lifecycle.SubSending
	SubReceived   = lifecycle.SubReceived
	SubProcessing = lifecycle.SubProcessing
	SubAccepted   = lifecycle.SubAccepted
	SubRejected   = lifecycle.SubRejected
	SubFailed     = lifecycle.SubFailed    // definitive error other than a rejection
	SubCancelled  = lifecycle.SubCancelled // by the user, before any deposit
)

// Submission is one attempt at depositing a frozen declaration, sent by the
// outbox worker under one idempotency key (never re-sent under another).
type Submission struct {
	ID             string                 `json:"id"`
	DeclarationID  string                 `json:"declaration_id" validate:"opaque_id"`
	EmployerID     string                 `json:"employer_id"` // set by the store
	Profile        domain.PlatformProfile `json:"profile" validate:"profile"`
	IdempotencyKey string                 `json:"idempotency_key" validate:"opaque_id"`
	// SHA256 is the digest of the declaration file, copied by the store.
	SHA256                string          `json:"sha256"`
	State                 SubmissionState `json:"state" validate:"oneof=queued sending received processing accepted rejected failed cancelled"`
	Attempts              int             `json:"attempts" validate:"min=0"`
	LastError             string          `json:"last_error,omitempty" validate:"max=500"`
	NextAttemptAt         time.Time       `json:"next_attempt_at" ts_type:"string"`
	DepositID             string          `json:"deposit_id,omitempty" validate:"max=100"`
	AcknowledgementNumber string          `json:"acknowledgement_number,omitempty" validate:"max=100"`
	PaymentReference      string          `json:"payment_reference,omitempty" validate:"max=100"`
	CreatedAt             time.Time       `json:"created_at" ts_type:"string"`
	UpdatedAt             time.Time       `json:"updated_at" ts_type:"string"`
}

// Receipt is the PDF acknowledgement of a declaration (from the platform, the
// sandbox — watermarked — or the control report of a manual deposit).
type Receipt struct {
	ID            string    `json:"id"`
	DeclarationID string    `json:"declaration_id" validate:"opaque_id"`
	SubmissionID  string    `json:"submission_id,omitempty" validate:"omitempty,opaque_id"`
	PDF           []byte    `json:"pdf" validate:"required,max=20971520" ts_type:"string | null"`
	Sandbox       bool      `json:"sandbox"`
	CreatedAt     time.Time `json:"created_at" ts_type:"string"`
}

// EmployeeVersion is a previous version of an employee, kept when it was
// replaced: the record as it was, who replaced it and when.
type EmployeeVersion struct {
	Seq      uint64          `json:"seq"` // audit sequence of the change
	At       time.Time       `json:"at" ts_type:"string"`
	Author   string          `json:"author"`
	Previous domain.Employee `json:"previous"`
}

// monthLines is the stored record of one period's lines.
type monthLines struct {
	Lines     []domain.MonthLine `json:"lines" validate:"max=50000,dive"`
	UpdatedAt time.Time          `json:"updated_at"`
}
