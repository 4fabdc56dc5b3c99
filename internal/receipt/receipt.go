package receipt

import (
	"encoding/hex"
	"strings"
	"time"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/params"
)

// Receipt returns the PDF receipt of a deposit (one A4 page). The same
// Deposit always gives the same bytes: the document's dates are the
// deposit's (AcceptedAt, else DepositedAt, else the manual deposit date).
func Receipt(d Deposit) ([]byte, error) {
	out, _, err := renderReceipt(d)
	return out, err
}

// receiptInfo is what a rendering reports to the tests.
type receiptInfo struct {
	qrPayload string
	qrRects   int
	pages     int
}

func checkDeposit(d *Deposit) error {
	if strings.TrimSpace(d.Employer.Affiliation) == "" {
		return invalid(whyAffiliation, "employer.affiliation")
	}
	if !d.Period.Valid() {
		return invalid(whyPeriod, "period")
	}
	if err := checkKind(d.Kind, d.Sequence); err != nil {
		return err
	}
	if strings.TrimSpace(d.FileName) == "" {
		return invalid(whyFileName, "file_name")
	}
	if !validSHA256(d.SHA256) {
		return invalid(whySHA256, "sha256")
	}
	if d.Manual == nil {
		if strings.TrimSpace(d.AcknowledgementNumber) == "" {
			return invalid(whyAck, "acknowledgement_number")
		}
		if d.DepositedAt.IsZero() {
			return invalid(whyDepositedAt, "deposited_at")
		}
		return nil
	}
	if strings.TrimSpace(d.Manual.DepositReference) == "" {
		return invalid(whyManualRef, "manual.deposit_reference")
	}
	if !d.Manual.DepositDate.Valid() {
		return invalid(whyManualDate, "manual.deposit_date")
	}
	return nil
}

// checkKind accepts "" (the kind follows the sequence), principal with
// sequence 0 and complementary with sequence 1 to 9.
func checkKind(k declaration.Kind, seq int) error {
	switch {
	case k != "" && k != declaration.Principal && k != declaration.Complementary:
		return invalid(whyKind, "kind")
	case seq < 0 || seq > 9 || (k == declaration.Complementary && seq == 0) || (k == declaration.Principal && seq != 0):
		return invalid(whySequence, "sequence")
	}
	return nil
}

func validSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// documentTime is the date of the receipt: acceptance, else deposit, else the
// day of the manual deposit (midnight, Casablanca).
func (d *Deposit) documentTime() time.Time {
	switch {
	case !d.AcceptedAt.IsZero():
		return d.AcceptedAt
	case !d.DepositedAt.IsZero():
		return d.DepositedAt
	case d.Manual != nil:
		m := d.Manual.DepositDate
		return time.Date(m.Year, m.Month, m.Day, 0, 0, 0, 0, casablanca())
	}
	return time.Time{}
}

// depositDay is the day the deposit counts for against the due date: the
// manual deposit date, else the deposit time in Casablanca.
func (d *Deposit) depositDay() domain.Date {
	if d.Manual != nil && d.Manual.DepositDate.Valid() {
		return d.Manual.DepositDate
	}
	return localDate(d.DepositedAt)
}

func (d *Deposit) dueDate() domain.Date {
	if d.DueDate.Valid() {
		return d.DueDate
	}
	return params.DueDate(d.Period)
}

// OnTime reports whether the deposit met its due date (params.OnTime).
func (d Deposit) OnTime() bool { return params.OnTime(d.dueDate(), d.depositDay()) }

// ack is the number the QR code carries.
func (d *Deposit) ack() string {
	if d.AcknowledgementNumber == "" && d.Manual != nil {
		return d.Manual.DepositReference
	}
	return d.AcknowledgementNumber
}

func renderReceipt(dep Deposit) (_ []byte, info receiptInfo, err error) {
	defer recoverRender(&err)
	if err := checkDeposit(&dep); err != nil {
		return nil, info, err
	}
	lang, err := docLang(dep.Lang)
	if err != nil {
		return nil, info, err
	}
	dep.SHA256 = strings.ToLower(dep.SHA256)
	d := newDoc(txReceiptMeta.Format(lang, dep.FileName), dep.documentTime(), dep.Sandbox, lang, dep.hasArabic())
	kind := d.kindLabel(dep.Kind, dep.Sequence)
	d.footerLeft = d.t(txReceiptFoot, d.data(dep.FileName), d.data(dep.Employer.Affiliation))
	p := d.p
	p.AddPage()

	// Title block, QR code on the right (on the left in Arabic).
	const qrSide = 36.0
	qrX, qrY := pageW-marginR-qrSide+3, marginT-3
	info.qrPayload = QRPayload(dep.ack(), dep.SHA256)
	n, err := d.drawQR(qrX, qrY, qrSide, info.qrPayload)
	if err != nil {
		return nil, info, err
	}
	info.qrRects = n
	d.font("", 6, colMuted)
	p.SetXY(qrX, qrY+qrSide-1.2)
	d.cell(qrSide, 3, d.t(txQRCaption), "", 0, "C", false)

	textW := contentW - qrSide - 2
	p.SetXY(marginL, marginT)
	d.font("B", 17, colAccent)
	d.cell(textW, 8, d.t(txReceiptTitle), "", 1, "L", false)
	d.font("", 10, colMuted)
	d.cell(textW, 5.5, d.t(txSubtitle), "", 1, "L", false)
	d.font("B", 11, colText)
	d.multi(textW, 6, kind+" — "+dep.Period.Label(lang), "L")
	p.Ln(1.5)
	p.SetX(marginL)
	switch {
	case dep.Sandbox:
		d.font("B", 9.5, colAlert)
		d.multi(textW, 5, d.t(txSandboxRcpt), "L")
	case dep.Manual != nil:
		d.font("B", 9.5, colText)
		d.multi(textW, 5, d.t(txManualDecl), "L")
	default:
		d.font("B", 9.5, colOK)
		d.multi(textW, 5, d.t(txAccepted), "L")
	}
	if y := qrY + qrSide + 2; p.GetY() < y {
		p.SetY(y)
	}

	d.heading(d.t(txEmployer))
	d.kv(d.t(txCompanyName), dep.Employer.Name, true)
	d.kv(d.t(txAffiliation), dep.Employer.Affiliation, false)
	d.kv(d.t(txICE), orDash(dep.Employer.ICE), false)

	pre := recordPrefix(dep.Kind, dep.Sequence)
	d.heading(d.t(txDeclaration))
	d.kv(d.t(txType), kind, false)
	d.kv(d.t(txPeriod), d.periodText(dep.Period), false)
	d.kv(d.t(txFileDeposit), dep.FileName, false)
	d.kvSmall(d.t(txSHA), dep.SHA256, 7.8)
	d.kv(d.t(txLines02, d.data(pre+"02")), formatInt(int64(dep.B02Count)), false)
	d.kv(d.t(txLines04, d.data(pre+"04")), formatInt(int64(dep.B04Count)), false)
	d.kv(d.t(txDays), formatInt(dep.Totals.Days), false)
	d.kv(d.t(txRealTotal), dep.Totals.Real.FormatMAD(), false)
	d.kv(d.t(txCappedTotal), dep.Totals.Capped.FormatMAD(), false)

	due := dep.dueDate()
	onTime := dep.OnTime()
	if dep.Manual == nil {
		d.heading(d.t(txDeposit))
		d.kv(d.t(txAck), dep.AcknowledgementNumber, true)
		d.kv(d.t(txPayRef), orDash(dep.PaymentReference), true)
		d.kv(d.t(txDepositedOn), formatTime(dep.DepositedAt), false)
		d.kv(d.t(txAcceptedOn), formatTime(dep.AcceptedAt), false)
		d.kv(d.t(txOperator), orDash(dep.Operator), false)
		d.kv(d.t(txDueDate), formatDate(due), false)
		d.onTimeRow(onTime)
	} else {
		d.manualBlock(&dep, due, onTime)
	}

	d.heading(d.t(txEstimate))
	d.estimateTable(dep.Estimate)

	p.Ln(2)
	d.font("", 7, colMuted)
	p.SetX(marginL)
	d.multi(contentW, 3.4, d.t(txQRNote, d.data(d.t(txQRFormat))), "L")

	out, err := d.output()
	if err != nil {
		return nil, info, err
	}
	info.pages = p.PageNo()
	return out, info, nil
}

// hasArabic reports whether the user's text of the deposit has Arabic
// (the document then embeds the Arabic fonts whatever its language).
func (d *Deposit) hasArabic() bool {
	for _, s := range []string{d.Employer.Name, d.Operator, d.AcknowledgementNumber, d.PaymentReference, d.FileName, d.Employer.ICE} {
		if hasRTL(s) {
			return true
		}
	}
	return d.Manual != nil && (hasRTL(d.Manual.DepositReference) || hasRTL(d.Manual.PaymentReference))
}

func (d *doc) onTimeRow(onTime bool) {
	if onTime {
		d.kvColor(d.t(txOnTime), d.t(txYes), true, colOK)
	} else {
		d.kvColor(d.t(txOnTime), d.t(txLate), true, colAlert)
	}
}

// kvSmall is kv with a smaller value font, for long codes such as a digest.
func (d *doc) kvSmall(label, value string, size float64) {
	p := d.p
	p.SetX(marginL + d.indent)
	d.font("", 8.5, colMuted)
	d.cell(kvLabelW, kvRowH, label, "", 0, "L", false)
	d.font("", size, colText)
	d.multi(contentW-kvLabelW-d.indent, kvRowH, value, "L")
}

// manualBlock is the framed block of a manual deposit with its evidence.
func (d *doc) manualBlock(dep *Deposit, due domain.Date, onTime bool) {
	p := d.p
	m := dep.Manual
	d.heading(d.t(txManualDecl))
	top := p.GetY()
	p.SetY(top + 1.5)
	d.indent = 3
	defer func() { d.indent = 0 }()
	d.kv(d.t(txManualRef), m.DepositReference, true)
	d.kv(d.t(txManualDate), formatDate(m.DepositDate), false)
	pay := m.PaymentReference
	if pay == "" {
		pay = dep.PaymentReference
	}
	d.kv(d.t(txPayRef), orDash(pay), true)
	attached := d.t(txNo)
	if m.ControlReportAttached {
		attached = d.t(txYes)
	}
	d.kv(d.t(txReport), attached, false)
	recorded := m.RecordedAt
	if recorded.IsZero() {
		recorded = dep.DepositedAt
	}
	d.kv(d.t(txRecordedOn), formatTime(recorded), false)
	d.kv(d.t(txOperator), orDash(dep.Operator), false)
	if dep.AcknowledgementNumber != "" {
		d.kv(d.t(txAck), dep.AcknowledgementNumber, false)
	}
	d.kv(d.t(txDueDate), formatDate(due), false)
	d.onTimeRow(onTime)
	d.font("", 7.5, colMuted)
	p.SetX(marginL + d.indent + 1)
	d.multi(contentW-d.indent-2, 3.6, d.t(txManualNote), "L")
	p.Ln(1.5)
	// The frame goes around what was written (fpdf draws in order, so a
	// filled background would hide the text): a border and an accent bar.
	bottom := p.GetY()
	d.draw(colRule)
	p.Rect(marginL, top, contentW, bottom-top, "D")
	d.fill(colManualBar)
	d.rect(marginL, top, 1.2, bottom-top, "F")
	p.Ln(1)
}
