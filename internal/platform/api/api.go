package api

import (
	"time"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
)

// Version is the path prefix of the API.
const Version = "/v1"

// Header names of the contract.
const (
	HeaderIdempotencyKey = "Idempotency-Key"
	HeaderContentSHA256  = "Content-SHA256"
	HeaderRetryAfter     = "Retry-After"
	HeaderAuthorization  = "Authorization"
)

// MaxDepositSize is the largest declaration file the platform accepts (20 MiB);
// a larger body is answered 413 too_large.
const MaxDepositSize = 20 << 20

// OTPChannel is where the one-time code of a login challenge is sent.
type OTPChannel string

// OTP channels.
const (
	OTPSMS   OTPChannel = "sms"
	OTPEmail OTPChannel = "email"
)

// Valid reports whether c is a channel of the contract.
func (c OTPChannel) Valid() bool { return c == OTPSMS || c == OTPEmail }

// Role is the relation of an account to an affiliation.
type Role string

// Roles.
const (
	RoleEmployer   Role = "employer"
	RoleMandataire Role = "mandataire"
)

// Valid reports whether r is a role of the contract.
func (r Role) Valid() bool { return r == RoleEmployer || r == RoleMandataire }

// Kind is the kind of a deposited declaration (the "kind" query parameter).
type Kind string

// Deposit kinds.
const (
	KindPrincipal     Kind = "principal"     // DS_<aff>_<AAAAMM>.txt, sequence 0
	KindComplementary Kind = "complementary" // DSC<n>_<aff>_<AAAAMM>.txt, sequence 1–9
)

// Valid reports whether k is a kind of the contract.
func (k Kind) Valid() bool { return k == KindPrincipal || k == KindComplementary }

// Status is the state of a deposit on the platform.
type Status string

// Deposit statuses: received → processing → accepted | rejected.
const (
	StatusReceived   Status = "received"
	StatusProcessing Status = "processing"
	StatusAccepted   Status = "accepted"
	StatusRejected   Status = "rejected"
)

// Final reports whether s is a definitive status (accepted or rejected).
func (s Status) Final() bool { return s == StatusAccepted || s == StatusRejected }

// Valid reports whether s is a status of the contract.
func (s Status) Valid() bool {
	switch s {
	case StatusReceived, StatusProcessing, StatusAccepted, StatusRejected:
		return true
	}
	return false
}

// Severity of a control report item: the one severity of findings,
// declaration's (the platform runs the same catalogue).
type Severity = declaration.Severity

// Severities: an error rejects the deposit, a warning does not.
const (
	SeverityError   = declaration.Error
	SeverityWarning = declaration.Warning
)

// LoginRequest is the body of POST /v1/auth/login.
type LoginRequest struct {
	Login    string `json:"login"`
	Password string `json:"password"`
}

// Challenge answers a correct login: an OTP was sent to OTPDestination.
type Challenge struct {
	ChallengeID    string     `json:"challenge_id"`
	OTPChannel     OTPChannel `json:"otp_channel"`
	OTPDestination string     `json:"otp_destination"` // masked, e.g. "+212 6•• ••• •12"
	ExpiresIn      int        `json:"expires_in"`      // seconds
}

// OTPRequest is the body of POST /v1/auth/otp.
type OTPRequest struct {
	ChallengeID string `json:"challenge_id"`
	Code        string `json:"code"`
}

// Session answers a correct OTP. The access token goes in
// "Authorization: Bearer <token>" on every other call.
type Session struct {
	AccessToken  string        `json:"access_token"`
	ExpiresIn    int           `json:"expires_in"` // seconds
	Affiliations []Affiliation `json:"affiliations"`
}

// Affiliation is an employer the account may declare for.
type Affiliation struct {
	Affiliation string `json:"affiliation"` // 7 digits
	Name        string `json:"name"`
	Role        Role   `json:"role"`
}

// DepositReceived answers a deposit (202 the first time, 200 for a replay of
// the same Idempotency-Key with the same bytes).
type DepositReceived struct {
	DepositID  string    `json:"deposit_id"`
	Status     Status    `json:"status"`
	ReceivedAt time.Time `json:"received_at"`
	SHA256     string    `json:"sha256"` // hex, lower case
}

// Deposit is the state of a deposit (GET /v1/deposits/{id}).
type Deposit struct {
	DepositID   string        `json:"deposit_id"`
	Affiliation string        `json:"affiliation"`
	Period      domain.Period `json:"period"`
	Kind        Kind          `json:"kind"`
	Sequence    int           `json:"sequence"`
	Status      Status        `json:"status"`
	ReceivedAt  time.Time     `json:"received_at"`
	// ProcessedAt is null until the deposit is accepted or rejected.
	ProcessedAt *time.Time `json:"processed_at"`
	SHA256      string     `json:"sha256"`
	// ControlReport holds the findings of the platform's checks (empty
	// before processing, and for a clean file).
	ControlReport []ControlItem `json:"control_report"`
	// Totals and AmountDue are set once the deposit is accepted.
	Totals                *Totals    `json:"totals"`
	AmountDue             *AmountDue `json:"amount_due"`
	AcknowledgementNumber string     `json:"acknowledgement_number"`
	PaymentReference      string     `json:"payment_reference"`
}

// ControlItem is one finding of the platform's control report.
type ControlItem struct {
	Rule     string   `json:"rule"` // rule ID of cnss-edi.md §7, e.g. "CTR-LINE"
	Severity Severity `json:"severity"`
	Line     int      `json:"line"`  // 1-based line of the file, 0 for the file as a whole
	Field    string   `json:"field"` // field name of cnss-edi.md §3, or ""
	Message  string   `json:"message"`
}

// Totals are the grand totals of the accepted declaration (its B06/E06).
type Totals struct {
	Employees int64        `json:"employees"`
	Days      int64        `json:"days"`
	Real      domain.Money `json:"real"`
	Capped    domain.Money `json:"capped"`
}

// AmountDue is what the employer must pay for the declaration, per branch.
type AmountDue struct {
	Total    domain.Money   `json:"total"`
	Branches []BranchAmount `json:"branches"`
}

// BranchAmount is the contribution of one branch (PS, AF, AMO, TFP):
// Amount = Base × Rate, employer and employee parts together.
type BranchAmount struct {
	Branch string       `json:"branch"`
	Base   domain.Money `json:"base"`
	Rate   int64        `json:"rate"` // hundredths of a percent (6,74 % = 674)
	Amount domain.Money `json:"amount"`
}

// ErrorBody is the body of every non-2xx answer.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail is the "error" object of an ErrorBody.
type ErrorDetail struct {
	Code      Code   `json:"code"`
	Message   string `json:"message"`
	Retryable bool   `json:"retryable"`
}
