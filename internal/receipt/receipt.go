package receipt

import (
	"encoding/hex"
	"strings"
	"time"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
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
	dep.SHA256 = strings.ToLower(dep.SHA256)
	kind := kindLabel(dep.Kind, dep.Sequence)
	d := newDoc("Reçu de dépôt "+dep.FileName, dep.documentTime(), dep.Sandbox)
	d.footerLeft = "Tasrih — reçu de dépôt — " + dep.FileName + " — affiliation " + dep.Employer.Affiliation
	p := d.p
	p.AddPage()

	// Title block, QR code on the right.
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
	d.cell(qrSide, 3, "N° d'accusé + SHA-256", "", 0, "C", false)

	textW := contentW - qrSide - 2
	p.SetXY(marginL, marginT)
	d.font("B", 17, colAccent)
	d.cell(textW, 8, "Reçu de dépôt", "", 1, "L", false)
	d.font("", 10, colMuted)
	d.cell(textW, 5.5, "Déclaration des salaires à la CNSS (DAMANCOM)", "", 1, "L", false)
	d.font("B", 11, colText)
	p.MultiCell(textW, 6, kind+" — "+dep.Period.Label(i18n.FR), "", "L", false)
	p.Ln(1.5)
	p.SetX(marginL)
	switch {
	case dep.Sandbox:
		d.font("B", 9.5, colAlert)
		p.MultiCell(textW, 5, "Dépôt d'entraînement (sandbox) : ce reçu n'a aucune valeur légale.", "", "L", false)
	case dep.Manual != nil:
		d.font("B", 9.5, colText)
		p.MultiCell(textW, 5, "Dépôt manuel déclaré par l'utilisateur", "", "L", false)
	default:
		d.font("B", 9.5, colOK)
		p.MultiCell(textW, 5, "Déclaration déposée et acceptée par la plateforme.", "", "L", false)
	}
	if y := qrY + qrSide + 2; p.GetY() < y {
		p.SetY(y)
	}

	d.heading("Employeur")
	d.kv("Raison sociale", dep.Employer.Name, true)
	d.kv("N° d'affiliation CNSS", dep.Employer.Affiliation, false)
	d.kv("ICE", orDash(dep.Employer.ICE), false)

	pre := recordPrefix(dep.Kind, dep.Sequence)
	d.heading("Déclaration")
	d.kv("Type", kind, false)
	d.kv("Période", periodText(dep.Period), false)
	d.kv("Fichier déposé", dep.FileName, false)
	d.kvSmall("Empreinte SHA-256 du fichier", dep.SHA256, 7.8)
	d.kv("Lignes "+pre+"02 (salariés du préétabli)", formatInt(int64(dep.B02Count)), false)
	d.kv("Lignes "+pre+"04 (entrants)", formatInt(int64(dep.B04Count)), false)
	d.kv("Jours déclarés", formatInt(dep.Totals.Days), false)
	d.kv("Salaire réel total", dep.Totals.Real.FormatMAD(), false)
	d.kv("Salaire plafonné total", dep.Totals.Capped.FormatMAD(), false)

	due := dep.dueDate()
	onTime := dep.OnTime()
	if dep.Manual == nil {
		d.heading("Dépôt")
		d.kv("N° d'accusé de réception", dep.AcknowledgementNumber, true)
		d.kv("Référence de paiement", orDash(dep.PaymentReference), true)
		d.kv("Déposée le", formatTime(dep.DepositedAt), false)
		d.kv("Acceptée le", formatTime(dep.AcceptedAt), false)
		d.kv("Opérateur", orDash(dep.Operator), false)
		d.kv("Date limite de dépôt", formatDate(due), false)
		d.onTimeRow(onTime)
	} else {
		d.manualBlock(&dep, due, onTime)
	}

	d.heading("Estimation des cotisations")
	d.estimateTable(dep.Estimate)

	p.Ln(2)
	d.font("", 7, colMuted)
	p.SetX(marginL)
	p.MultiCell(contentW, 3.4, "Le QR code contient « TASRIH|ACK=<n° d'accusé>|SHA256=<empreinte> ». L'empreinte SHA-256 permet de vérifier que le fichier conservé est bien celui qui a été déposé. "+
		"Heures de Casablanca.", "", "L", false)

	out, err := d.output()
	if err != nil {
		return nil, info, err
	}
	info.pages = p.PageNo()
	return out, info, nil
}

func (d *doc) onTimeRow(onTime bool) {
	if onTime {
		d.kvColor("Dans les délais", "Oui", true, colOK)
	} else {
		d.kvColor("Dans les délais", "Non — dépôt après la date limite", true, colAlert)
	}
}

// kvSmall is kv with a smaller value font, for long codes such as a digest.
func (d *doc) kvSmall(label, value string, size float64) {
	p := d.p
	p.SetX(marginL + d.indent)
	d.font("", 8.5, colMuted)
	d.cell(kvLabelW, kvRowH, label, "", 0, "L", false)
	d.font("", size, colText)
	p.MultiCell(contentW-kvLabelW-d.indent, kvRowH, pdfText(value), "", "L", false)
}

// manualBlock is the framed block of a manual deposit with its evidence.
func (d *doc) manualBlock(dep *Deposit, due domain.Date, onTime bool) {
	p := d.p
	m := dep.Manual
	d.heading("Dépôt manuel déclaré par l'utilisateur")
	top := p.GetY()
	p.SetY(top + 1.5)
	d.indent = 3
	defer func() { d.indent = 0 }()
	d.kv("Référence du dépôt (DAMANCOM)", m.DepositReference, true)
	d.kv("Date du dépôt", formatDate(m.DepositDate), false)
	pay := m.PaymentReference
	if pay == "" {
		pay = dep.PaymentReference
	}
	d.kv("Référence de paiement", orDash(pay), true)
	attached := "Non"
	if m.ControlReportAttached {
		attached = "Oui"
	}
	d.kv("Rapport de contrôle joint", attached, false)
	d.kv("Enregistré dans Tasrih le", formatTime(dep.DepositedAt), false)
	d.kv("Opérateur", orDash(dep.Operator), false)
	if dep.AcknowledgementNumber != "" {
		d.kv("N° d'accusé de réception", dep.AcknowledgementNumber, false)
	}
	d.kv("Date limite de dépôt", formatDate(due), false)
	d.onTimeRow(onTime)
	d.font("", 7.5, colMuted)
	p.SetX(marginL + d.indent + 1)
	p.MultiCell(contentW-d.indent-2, 3.6, "Informations saisies par l'utilisateur après son dépôt sur damancom.ma : "+
		"seul l'accusé délivré par le portail de la CNSS fait foi.", "", "L", false)
	p.Ln(1.5)
	// The frame goes around what was written (fpdf draws in order, so a
	// filled background would hide the text): a border and an accent bar.
	bottom := p.GetY()
	d.draw(colRule)
	p.Rect(marginL, top, contentW, bottom-top, "D")
	d.fill(colManualBar)
	p.Rect(marginL, top, 1.2, bottom-top, "F")
	p.Ln(1)
}
