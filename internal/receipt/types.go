package receipt

import (
	"strconv"
	"strings"
	"time"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/params"
)

// Employer identifies the employer on a document.
type Employer struct {
	Affiliation string `json:"affiliation"` // 7 digits
	Name        string `json:"name"`        // company name as the user knows it (accents allowed)
	ICE         string `json:"ice,omitempty"`
}

// Totals are the grand totals of a declaration (B06/E06).
type Totals struct {
	Days   int64        `json:"days"`
	Real   domain.Money `json:"real"`
	Capped domain.Money `json:"capped"`
}

// ManualEvidence is what the user brings back from a manual deposit on
// damancom.ma (platform-api.md, profile 3).
type ManualEvidence struct {
	DepositReference      string      `json:"deposit_reference"`
	DepositDate           domain.Date `json:"deposit_date"`
	PaymentReference      string      `json:"payment_reference,omitempty"`
	ControlReportAttached bool        `json:"control_report_attached"`
	// RecordedAt is when the user recorded the evidence in Tasrih (zero in
	// receipts made before it was kept: DepositedAt is shown then).
	RecordedAt time.Time `json:"recorded_at,omitzero"`
}

// Deposit is everything a receipt shows: one accepted deposit of a DS or
// DSC<n> file, or one manual deposit recorded by the user.
type Deposit struct {
	Employer Employer         `json:"employer"`
	Period   domain.Period    `json:"period"`
	Kind     declaration.Kind `json:"kind"`     // principal or complementary ("" = from Sequence)
	Sequence int              `json:"sequence"` // n of DSC<n>, 0 for the principal declaration
	FileName string           `json:"file_name"`
	SHA256   string           `json:"sha256"` // of the deposited bytes, 64 hex digits
	// B02Count and B04Count count the declared lines (E02/E04 in a DSC<n>
	// file), without the empty B04/E02 line; see Facts.
	B02Count int             `json:"b02_count"`
	B04Count int             `json:"b04_count"`
	Totals   Totals          `json:"totals"`
	Estimate params.Estimate `json:"estimate"`
	// AcknowledgementNumber and PaymentReference are the platform's; a manual
	// deposit has its own in Manual.
	AcknowledgementNumber string    `json:"acknowledgement_number,omitempty"`
	PaymentReference      string    `json:"payment_reference,omitempty"`
	DepositedAt           time.Time `json:"deposited_at"`
	AcceptedAt            time.Time `json:"accepted_at"`
	Operator              string    `json:"operator,omitempty"`
	// DueDate is the due date of the period (an override when the employer
	// has one); zero means params.DueDate(Period).
	DueDate domain.Date     `json:"due_date"`
	Sandbox bool            `json:"sandbox"`
	Manual  *ManualEvidence `json:"manual,omitempty"`
	// Lang is the language of the document ("" = French); identifiers,
	// numbers, dates and amounts are the same in every language.
	Lang i18n.Lang `json:"lang,omitempty"`
}

// Summary is a whole declaration as a "bordereau récapitulatif".
type Summary struct {
	Employer Employer             `json:"employer"` // empty fields are taken from Decl.Employer
	Period   domain.Period        `json:"period"`   // zero = Decl.Employer.Period
	Kind     declaration.Kind     `json:"kind"`     // "" = from Decl.Prefix and Decl.Header.Cat
	Sequence int                  `json:"sequence"`
	FileName string               `json:"file_name"` // "" = declaration.FileName(...)
	SHA256   string               `json:"sha256,omitempty"`
	Decl     cnssfile.Declaration `json:"decl"`
	Estimate params.Estimate      `json:"estimate"`
	// DueDate zero means Decl.Employer.DueDate (A01 D_Date_Exig), or
	// params.DueDate(Period) when the file has none.
	DueDate domain.Date `json:"due_date"`
	// CreatedAt is the date written in the document and in its metadata:
	// the deposit time, or when the declaration was frozen. Zero means the
	// first day of the month after the period, so that the output stays
	// deterministic.
	CreatedAt time.Time `json:"created_at"`
	Sandbox   bool      `json:"sandbox"`
	// Lang is the language of the document ("" = French).
	Lang i18n.Lang `json:"lang,omitempty"`
}

// Facts returns what a Deposit needs from a declaration: the number of
// declared 02 and 04 lines (the empty 04 line and the empty E02 line of a
// DSC<n> file are not counted) and the grand totals of its 06 record.
func Facts(d *cnssfile.Declaration) (b02, b04 int, t Totals) {
	for i := range d.Lines {
		if d.Lines[i].Immat != "" {
			b02++
		}
	}
	for i := range d.Entrants {
		if !d.Entrants[i].IsEmpty() {
			b04++
		}
	}
	g := d.GrandTotals
	return b02, b04, Totals{Days: g.Days, Real: g.Real, Capped: g.Capped}
}

// kindOf resolves a kind left empty from the sequence number.
func kindOf(k declaration.Kind, seq int) declaration.Kind {
	if k != "" {
		return k
	}
	if seq > 0 {
		return declaration.Complementary
	}
	return declaration.Principal
}

// kindLabel is the label of a declaration kind in the document's language.
func (d *doc) kindLabel(k declaration.Kind, seq int) string {
	if kindOf(k, seq) == declaration.Complementary {
		n := strconv.Itoa(seq)
		return d.t(txComplement, d.data(n), n)
	}
	return d.t(txPrincipal)
}

// recordPrefix is "B" for a principal declaration, "E" for a complementary one.
func recordPrefix(k declaration.Kind, seq int) string {
	if kindOf(k, seq) == declaration.Complementary {
		return "E"
	}
	return "B"
}

// sequenceOf reads n from the L_Cat "E<n>" of a DSC<n> header.
func sequenceOf(d *cnssfile.Declaration) int {
	if d.Prefix != 'E' {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimPrefix(d.Header.Cat, "E"))
	if err != nil {
		return 0
	}
	return n
}
