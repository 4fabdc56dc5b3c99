package store

import (
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// Records of the submission side added after the first layout (no schema
// change: new key prefixes only, absent from older stores):
//
//	pl/<id>                              PlatformLogin (profile, login; no password)
//	xl/<hmac(profile, login)>            → platform login id (unique)
//	so/<submission>                      DepositResult (the platform's final answer)
//	md/<declaration>                     ManualDeposit (evidence of a deposit by hand)
//	mp/<declaration>                     its control-report PDF, if any
const (
	pPlatformLogin    = "pl/"
	pPlatformLoginIdx = "xl/"
	pDepositResult    = "so/"
	pManualDeposit    = "md/"
	pManualPDF        = "mp/"
)

func keyPlatformLogin(id string) []byte   { return k(pPlatformLogin, id) }
func keyDepositResult(sub string) []byte  { return k(pDepositResult, sub) }
func keyManualDeposit(decl string) []byte { return k(pManualDeposit, decl) }
func keyManualPDF(decl string) []byte     { return k(pManualPDF, decl) }

func (s *Store) keyPlatformLoginIdx(profile domain.PlatformProfile, login string) []byte {
	return k(pPlatformLoginIdx, s.mac("platform_login", string(profile)+"\x00"+login))
}

// Entity kinds of the audit entries of these records.
const (
	kindPlatformLogin = "platform_login"
	kindDepositResult = "deposit_result"
	kindManualDeposit = "manual_deposit"
)

// PlatformLogin is a login known for a platform profile. Its password is
// never here: it lives in the OS keyring only (internal/platform/credentials).
type PlatformLogin struct {
	ID      string                 `json:"id"`
	Profile domain.PlatformProfile `json:"profile" validate:"required,profile"`
	// Login is the account name on the platform (an e-mail, a CNSS number…).
	Login      string    `json:"login" validate:"required,max=200"`
	CreatedAt  time.Time `json:"created_at"`
	LastUsedAt time.Time `json:"last_used_at"`
}

// DepositResult is the platform's definitive answer about a submission
// (accepted or rejected): acknowledgement, payment reference, amount due per
// branch, totals and control report. Money is in centimes.
type DepositResult struct {
	SubmissionID          string           `json:"submission_id" validate:"opaque_id"`
	DeclarationID         string           `json:"declaration_id"` // set by the store
	DepositID             string           `json:"deposit_id" validate:"required,max=100"`
	Status                DepositStatus    `json:"status" validate:"oneof=accepted rejected"`
	AcknowledgementNumber string           `json:"acknowledgement_number,omitempty" validate:"max=100"`
	PaymentReference      string           `json:"payment_reference,omitempty" validate:"max=100"`
	AmountDue             domain.Money     `json:"amount_due" validate:"money"`
	Branches              []BranchDue      `json:"branches,omitempty" validate:"max=50,dive"`
	Employees             int64            `json:"employees" validate:"min=0"`
	Days                  int64            `json:"days" validate:"min=0"`
	RealSalary            domain.Money     `json:"real_salary" validate:"money"`
	CappedSalary          domain.Money     `json:"capped_salary" validate:"money"`
	ControlReport         []ControlFinding `json:"control_report,omitempty" validate:"max=100000,dive"`
	ReceivedAt            time.Time        `json:"received_at" ts_type:"string"`
	ProcessedAt           time.Time        `json:"processed_at" ts_type:"string"`
	RecordedAt            time.Time        `json:"recorded_at" ts_type:"string"` // set by the store
}

// BranchDue is the contribution of one branch (PS, AF, AMO, TFP…); Rate is
// in hundredths of a percent.
type BranchDue struct {
	Branch string       `json:"branch" validate:"max=20"`
	Base   domain.Money `json:"base"`
	Rate   int64        `json:"rate"`
	Amount domain.Money `json:"amount"`
}

// ControlFinding is one item of the platform's control report, as the
// platform wrote it.
type ControlFinding struct {
	Rule     string `json:"rule" validate:"max=40"`
	Severity string `json:"severity" validate:"max=20"`
	Line     int    `json:"line"`
	Field    string `json:"field,omitempty" validate:"max=40"`
	Message  string `json:"message,omitempty" validate:"max=2000"`
}

// MaxControlReportPDF bounds the control-report PDF of a manual deposit.
const MaxControlReportPDF = 10 << 20

// ManualDeposit is the evidence of a declaration deposited by hand on
// damancom.ma, as the user brought it back.
type ManualDeposit struct {
	DeclarationID    string      `json:"declaration_id" validate:"opaque_id"`
	EmployerID       string      `json:"employer_id"` // set by the store
	DepositReference string      `json:"deposit_reference" validate:"required,max=100"`
	DepositDate      domain.Date `json:"deposit_date" validate:"date" ts_type:"string"`
	PaymentReference string      `json:"payment_reference,omitempty" validate:"max=100"`
	// ControlReportPDF is optional; Get returns it, the metadata record does
	// not hold it.
	ControlReportPDF []byte `json:"control_report_pdf,omitempty" validate:"max=10485760" ts_type:"string"`
	// SHA256 is the digest of the declaration file deposited, copied by the store.
	SHA256     string    `json:"sha256"`
	RecordedAt time.Time `json:"recorded_at" ts_type:"string"` // set by the store
}

func init() {
	for k, v := range map[string]i18n.Text{
		"login":              {FR: "Identifiant de connexion", AR: "اسم المستخدم", EN: "Login"},
		"amount_due":         {FR: "Montant dû", AR: "المبلغ المستحق", EN: "Amount due"},
		"branches":           {FR: "Branche", AR: "الفرع", EN: "Branch"},
		"branch":             {FR: "Branche", AR: "الفرع", EN: "Branch"},
		"real_salary":        {FR: "Salaire réel", AR: "الأجر الحقيقي", EN: "Real salary"},
		"capped_salary":      {FR: "Salaire plafonné", AR: "الأجر المسقف", EN: "Capped salary"},
		"control_report":     {FR: "Compte rendu de contrôle", AR: "تقرير المراقبة", EN: "Control report"},
		"message":            {FR: "Message", AR: "الرسالة", EN: "Message"},
		"deposit_reference":  {FR: "Référence du dépôt", AR: "مرجع الإيداع", EN: "Deposit reference"},
		"deposit_date":       {FR: "Date du dépôt", AR: "تاريخ الإيداع", EN: "Deposit date"},
		"control_report_pdf": {FR: "Compte rendu de contrôle (PDF)", AR: "تقرير المراقبة (PDF)", EN: "Control report (PDF)"},
	} {
		if _, dup := fieldLabels[k]; !dup {
			fieldLabels[k] = v
		}
	}
}

// DepositStatus is the platform's final verdict on a deposit.
type DepositStatus string

// The verdicts a DepositResult records.
const (
	DepositAccepted DepositStatus = "accepted"
	DepositRejected DepositStatus = "rejected"
)

// DepositStatuses lists the verdicts (bound as a TypeScript enum).
var DepositStatuses = []DepositStatus{DepositAccepted, DepositRejected}
