package receipt

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/params"
)

// Attempt is one attempt to deposit, as the evidence pack shows it.
type Attempt struct {
	At       time.Time `json:"at"`
	Channel  string    `json:"channel"` // "api" or "manual"
	Action   string    `json:"action"`
	Outcome  string    `json:"outcome"` // received, accepted, rejected, network_error, platform_error, portal_down
	Answer   string    `json:"answer,omitempty"`
	Note     string    `json:"note,omitempty"`
	Operator string    `json:"operator,omitempty"`
	// Screenshot is the name of the attempt's screenshot in the pack's
	// archive ("" when it has none).
	Screenshot string `json:"screenshot,omitempty"`
}

// failed reports whether the attempt failed for want of a working platform.
func (a Attempt) failed() bool {
	return a.Outcome == "network_error" || a.Outcome == "platform_error" || a.Outcome == "portal_down"
}

// Extension is a deadline extension announced by the CNSS.
type Extension struct {
	Date      domain.Date `json:"date"`      // the new deadline
	Reference string      `json:"reference"` // reference of the communiqué
}

// Accepted is the platform's (or a manual deposit's) acceptance.
type Accepted struct {
	AcknowledgementNumber string    `json:"acknowledgement_number"`
	PaymentReference      string    `json:"payment_reference,omitempty"`
	At                    time.Time `json:"at"`
	Manual                bool      `json:"manual"`
}

// Evidence is what the outage evidence pack of one declaration shows.
type Evidence struct {
	Employer Employer         `json:"employer"`
	Period   domain.Period    `json:"period"`
	Kind     declaration.Kind `json:"kind"`
	Sequence int              `json:"sequence"`
	FileName string           `json:"file_name"`
	SHA256   string           `json:"sha256"`
	Totals   Totals           `json:"totals"`
	// DueDate is the legal due date (zero: params.DueDate(Period)).
	DueDate   domain.Date `json:"due_date"`
	Extension *Extension  `json:"extension,omitempty"`
	Attempts  []Attempt   `json:"attempts"`
	Accepted  *Accepted   `json:"accepted,omitempty"`
	// GeneratedAt is the date of the document (the caller's clock, so that
	// the same facts give the same bytes); zero means the latest fact.
	GeneratedAt time.Time `json:"generated_at"`
	Sandbox     bool      `json:"sandbox"`
	Lang        i18n.Lang `json:"lang,omitempty"`
}

var (
	txEvTitle     = i18n.Text{FR: "Dossier de preuve de tentatives de dépôt", AR: "ملف إثبات محاولات الإيداع", EN: "Evidence of deposit attempts"}
	txEvFoot      = i18n.Text{FR: "Tasrih — preuve de tentatives de dépôt — %s — affiliation %s", AR: "Tasrih — إثبات محاولات الإيداع — %s — الانخراط %s", EN: "Tasrih — evidence of deposit attempts — %s — affiliation %s"}
	txEvDeadline  = i18n.Text{FR: "Date limite", AR: "الأجل", EN: "Deadline"}
	txEvLegalDue  = i18n.Text{FR: "Date limite légale", AR: "الأجل القانوني", EN: "Legal deadline"}
	txEvExtension = i18n.Text{FR: "Report annoncé par la CNSS", AR: "تمديد أعلنه CNSS", EN: "Extension announced by the CNSS"}
	txEvExtValue  = i18n.Text{FR: "%s (communiqué %s)", AR: "%s (البلاغ %s)", EN: "%s (communiqué %s)"}
	txEvNone      = i18n.Text{FR: "aucun", AR: "لا يوجد", EN: "none"}
	txEvAttempts  = i18n.Text{FR: "Tentatives de dépôt", AR: "محاولات الإيداع", EN: "Deposit attempts"}
	txEvNoAttempt = i18n.Text{FR: "Aucune tentative enregistrée.", AR: "لا توجد أي محاولة مسجلة.", EN: "No attempt recorded."}
	txEvColAt     = i18n.Text{FR: "Date et heure", AR: "التاريخ والساعة", EN: "Date and time"}
	txEvColChan   = i18n.Text{FR: "Canal", AR: "القناة", EN: "Channel"}
	txEvColOut    = i18n.Text{FR: "Résultat", AR: "النتيجة", EN: "Outcome"}
	txEvColOp     = i18n.Text{FR: "Opérateur", AR: "القائم بالإيداع", EN: "Operator"}
	txEvAPI       = i18n.Text{FR: "Plateforme (API)", AR: "المنصة (API)", EN: "Platform (API)"}
	txEvManual    = i18n.Text{FR: "Portail (à la main)", AR: "البوابة (يدوياً)", EN: "Portal (by hand)"}
	txEvAnswer    = i18n.Text{FR: "Réponse : %s", AR: "الرد: %s", EN: "Answer: %s"}
	txEvNote      = i18n.Text{FR: "Note : %s", AR: "ملاحظة: %s", EN: "Note: %s"}
	txEvShot      = i18n.Text{FR: "Capture d'écran : %s", AR: "لقطة الشاشة: %s", EN: "Screenshot: %s"}
	txEvReceipt   = i18n.Text{FR: "Reçu", AR: "الوصل", EN: "Receipt"}
	txEvNoReceipt = i18n.Text{FR: "Aucun dépôt accepté n'est enregistré.", AR: "لا يوجد أي إيداع مقبول مسجل.", EN: "No accepted deposit is recorded."}
	txEvStatement = i18n.Text{FR: "Constat", AR: "المعاينة", EN: "Statement"}
	txEvDeclared  = i18n.Text{FR: "Déclaration", AR: "التصريح", EN: "Declaration"}
	txEvManualAcc = i18n.Text{FR: "Dépôt manuel déclaré", AR: "إيداع يدوي مصرح به", EN: "Manual deposit declared"}
	txEvAcceptOn  = i18n.Text{FR: "Accepté le", AR: "تاريخ القبول", EN: "Accepted on"}

	txStFailed = i18n.Text{
		FR: "Entre le %s et le %s, %s tentative(s) de dépôt de la déclaration %s (empreinte SHA-256 %s) n'ont pas abouti, selon les réponses de la plateforme ou les constats de l'opérateur détaillés ci-dessus.",
		AR: "ما بين %s و%s، لم تنجح %s محاولة لإيداع التصريح %s (بصمة SHA-256 %s)، حسب ردود المنصة أو معاينات القائم بالإيداع المفصلة أعلاه.",
		EN: "Between %s and %s, %s attempt(s) to deposit the declaration %s (SHA-256 digest %s) failed, according to the platform's answers or the operator's findings detailed above.",
	}
	txStNoFailure = i18n.Text{
		FR: "Aucune tentative de dépôt échouée n'est enregistrée pour la déclaration %s (empreinte SHA-256 %s).",
		AR: "لا توجد أي محاولة إيداع فاشلة مسجلة للتصريح %s (بصمة SHA-256 %s).",
		EN: "No failed deposit attempt is recorded for the declaration %s (SHA-256 digest %s).",
	}
	txStBeforeDeadline = i18n.Text{
		FR: "%s de ces tentatives ont eu lieu au plus tard le %s, date limite applicable.",
		AR: "جرت %s من هذه المحاولات في أجل أقصاه %s، وهو الأجل المعمول به.",
		EN: "%s of these attempts took place on or before %s, the applicable deadline.",
	}
	txStExtension = i18n.Text{
		FR: "La CNSS a reporté la date limite du %s au %s (communiqué %s).",
		AR: "مدد CNSS الأجل من %s إلى %s (البلاغ %s).",
		EN: "The CNSS extended the deadline from %s to %s (communiqué %s).",
	}
	txStAccepted = i18n.Text{
		FR: "La déclaration a été acceptée le %s (accusé de réception %s), %s.",
		AR: "تم قبول التصريح بتاريخ %s (الإشعار بالتوصل %s)، %s.",
		EN: "The declaration was accepted on %s (acknowledgement %s), %s.",
	}
	txStWithin    = i18n.Text{FR: "au plus tard à la date limite applicable", AR: "داخل الأجل المعمول به", EN: "on or before the applicable deadline"}
	txStAfter     = i18n.Text{FR: "après la date limite applicable", AR: "بعد انقضاء الأجل المعمول به", EN: "after the applicable deadline"}
	txStNotAccept = i18n.Text{FR: "À la date du présent document, aucun dépôt accepté n'est enregistré.", AR: "إلى تاريخ هذه الوثيقة، لا يوجد أي إيداع مقبول مسجل.", EN: "As of the date of this document, no accepted deposit is recorded."}
	txStTimes     = i18n.Text{FR: "Heures de Casablanca. Les fichiers bruts et leurs empreintes SHA-256 sont dans l'archive jointe (manifest.sha256).", AR: "الساعات بتوقيت الدار البيضاء. الملفات الخام وبصماتها SHA-256 موجودة في الأرشيف المرفق (manifest.sha256).", EN: "Casablanca time. The raw files and their SHA-256 digests are in the enclosed archive (manifest.sha256)."}
	outcomeLabels = map[string]i18n.Text{
		"received":       {FR: "Fichier reçu", AR: "تم استلام الملف", EN: "File received"},
		"accepted":       {FR: "Acceptée", AR: "مقبول", EN: "Accepted"},
		"rejected":       {FR: "Rejetée", AR: "مرفوض", EN: "Rejected"},
		"network_error":  {FR: "Pas de réponse (réseau)", AR: "لا رد (الشبكة)", EN: "No answer (network)"},
		"platform_error": {FR: "Erreur de la plateforme", AR: "خطأ في المنصة", EN: "Platform error"},
		"portal_down":    {FR: "Portail indisponible", AR: "البوابة غير متاحة", EN: "Portal unavailable"},
	}
)

func (e *Evidence) check() error {
	if strings.TrimSpace(e.Employer.Affiliation) == "" {
		return invalid(whyAffiliation, "employer.affiliation")
	}
	if !e.Period.Valid() {
		return invalid(whyPeriod, "period")
	}
	if err := checkKind(e.Kind, e.Sequence); err != nil {
		return err
	}
	if strings.TrimSpace(e.FileName) == "" {
		return invalid(whyFileName, "file_name")
	}
	if !validSHA256(e.SHA256) {
		return invalid(whySHA256, "sha256")
	}
	return nil
}

// deadline is the applicable deadline: the extension, else the due date.
func (e *Evidence) deadline() (legal, applicable domain.Date) {
	legal = e.DueDate
	if !legal.Valid() {
		legal = params.DueDate(e.Period)
	}
	if e.Extension != nil && e.Extension.Date.Valid() {
		return legal, e.Extension.Date
	}
	return legal, legal
}

// docTime is GeneratedAt, else the latest fact, else the day after the deadline.
func (e *Evidence) docTime() time.Time {
	if !e.GeneratedAt.IsZero() {
		return e.GeneratedAt
	}
	var t time.Time
	for _, a := range e.Attempts {
		if a.At.After(t) {
			t = a.At
		}
	}
	if e.Accepted != nil && e.Accepted.At.After(t) {
		t = e.Accepted.At
	}
	if t.IsZero() {
		_, d := e.deadline()
		t = time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, casablanca())
	}
	return t
}

// EvidencePDF returns the PDF of the outage evidence pack of one
// declaration: the declaration (file, digest, totals), the deadline and any
// extension, every attempt with its answer, the acceptance when there is
// one, and a statement generated from those facts only. The same Evidence
// always gives the same bytes.
func EvidencePDF(e Evidence) (_ []byte, err error) {
	defer recoverRender(&err)
	if err := e.check(); err != nil {
		return nil, err
	}
	lang, err := docLang(e.Lang)
	if err != nil {
		return nil, err
	}
	e.SHA256 = strings.ToLower(e.SHA256)
	atts := append([]Attempt(nil), e.Attempts...)
	sort.SliceStable(atts, func(i, j int) bool { return atts[i].At.Before(atts[j].At) })
	arabic := hasRTL(e.Employer.Name)
	for _, a := range atts {
		arabic = arabic || hasRTL(a.Note) || hasRTL(a.Answer) || hasRTL(a.Operator)
	}
	d := newDoc(txEvTitle.In(lang)+" "+e.FileName, e.docTime(), e.Sandbox, lang, arabic)
	d.footerLeft = d.t(txEvFoot, d.data(e.FileName), d.data(e.Employer.Affiliation))
	p := d.p
	p.AddPage()
	d.font("B", 16, colAccent)
	d.cell(contentW, 8, d.t(txEvTitle), "", 1, "L", false)
	kind := d.kindLabel(e.Kind, e.Sequence)
	d.font("", 10, colMuted)
	d.multi(contentW, 5.5, d.t(txSubtitle)+" — "+kind+" — "+e.Period.Label(lang), "L")
	if e.Sandbox {
		d.font("B", 9.5, colAlert)
		d.multi(contentW, 5, d.t(txSandboxDoc), "L")
	}

	d.heading(d.t(txEmployer))
	d.kv(d.t(txCompanyName), e.Employer.Name, true)
	d.kv(d.t(txAffiliation), e.Employer.Affiliation, false)

	d.heading(d.t(txEvDeclared))
	d.kv(d.t(txType), kind, false)
	d.kv(d.t(txPeriod), d.periodText(e.Period), false)
	d.kv(d.t(txFile), e.FileName, false)
	d.kvSmall(d.t(txSHA), e.SHA256, 7.8)
	d.kv(d.t(txDays), formatInt(e.Totals.Days), false)
	d.kv(d.t(txRealTotal), e.Totals.Real.FormatMAD(), false)
	d.kv(d.t(txCappedTotal), e.Totals.Capped.FormatMAD(), false)

	legal, applicable := e.deadline()
	d.heading(d.t(txEvDeadline))
	d.kv(d.t(txEvLegalDue), formatDate(legal), false)
	ext := d.t(txEvNone)
	if e.Extension != nil && e.Extension.Date.Valid() {
		ext = d.t(txEvExtValue, d.data(formatDate(e.Extension.Date)), d.data(orDash(e.Extension.Reference)))
	}
	d.kv(d.t(txEvExtension), ext, false)

	d.heading(d.t(txEvAttempts))
	d.attemptsTable(atts)

	d.heading(d.t(txEvReceipt))
	if e.Accepted == nil {
		d.font("", 9, colText)
		p.SetX(marginL)
		d.multi(contentW, 5, d.t(txEvNoReceipt), "L")
	} else {
		if e.Accepted.Manual {
			d.kv(d.t(txEvManualAcc), e.Accepted.AcknowledgementNumber, true)
		} else {
			d.kv(d.t(txAck), e.Accepted.AcknowledgementNumber, true)
		}
		d.kv(d.t(txPayRef), orDash(e.Accepted.PaymentReference), false)
		d.kv(d.t(txEvAcceptOn), formatTime(e.Accepted.At), false)
	}

	d.heading(d.t(txEvStatement))
	d.font("", 9, colText)
	for _, para := range e.statement(d, atts, legal, applicable) {
		p.SetX(marginL)
		d.multi(contentW, 4.8, para, "L")
		p.Ln(1.2)
	}
	return d.output()
}

// attemptsTable writes one row per attempt and, under it, its answer,
// note and screenshot name in full.
func (d *doc) attemptsTable(atts []Attempt) {
	p := d.p
	if len(atts) == 0 {
		d.font("", 9, colText)
		p.SetX(marginL)
		d.multi(contentW, 5, d.t(txEvNoAttempt), "L")
		return
	}
	cols := []column{{txEvColAt, 28, "L"}, {txEvColChan, 58, "L"}, {txEvColOut, 42, "L"}, {txEvColOp, 52, "L"}}
	d.tableHeader(cols, 6, 7.5)
	for i, a := range atts {
		if p.GetY()+14 > bottomY {
			p.AddPage()
			d.tableHeader(cols, 6, 7.5)
		}
		if i%2 == 1 {
			d.fill(colZebra)
		}
		chanLabel := d.t(txEvAPI)
		if a.Channel == "manual" {
			chanLabel = d.t(txEvManual)
		}
		out := a.Outcome
		if l, ok := outcomeLabels[a.Outcome]; ok {
			out = l.In(d.lang)
		}
		style, c := "", colText
		if a.failed() {
			style, c = "B", colAlert
		}
		p.SetX(marginL)
		d.font("", 8, colText)
		d.cell(cols[0].w, 5, formatTime(a.At), "T", 0, "L", false)
		action := a.Action
		if l, ok := actionLabels[a.Action]; ok {
			action = l.In(d.lang)
		}
		d.fitCell(cols[1].w, 5, chanLabel+" · "+action, "T", 0, "L", false, 8, 6)
		d.font(style, 8, c)
		d.cell(cols[2].w, 5, out, "T", 0, "L", false)
		d.font("", 8, colText)
		d.fitCell(cols[3].w, 5, orDash(a.Operator), "T", 1, "L", false, 8, 6)
		d.font("", 7.5, colMuted)
		for _, line := range []struct {
			tx i18n.Text
			v  string
		}{{txEvAnswer, a.Answer}, {txEvNote, a.Note}, {txEvShot, a.Screenshot}} {
			if strings.TrimSpace(line.v) == "" {
				continue
			}
			p.SetX(marginL + 4)
			d.multi(contentW-4, 3.8, d.t(line.tx, d.data(line.v)), "L")
		}
	}
	d.draw(colRule)
	p.Line(marginL, p.GetY(), pageW-marginR, p.GetY())
}

// statement is the text generated from the facts alone.
func (e *Evidence) statement(d *doc, atts []Attempt, legal, applicable domain.Date) []string {
	var out []string
	var failed []Attempt
	before := 0
	for _, a := range atts {
		if a.failed() {
			failed = append(failed, a)
			if !applicable.Before(localDate(a.At)) {
				before++
			}
		}
	}
	sha := d.data(e.SHA256)
	if len(failed) == 0 {
		out = append(out, d.t(txStNoFailure, d.data(e.FileName), sha))
	} else {
		out = append(out, d.t(txStFailed, d.data(formatTime(failed[0].At)), d.data(formatTime(failed[len(failed)-1].At)),
			d.data(strconv.Itoa(len(failed))), d.data(e.FileName), sha))
		out = append(out, d.t(txStBeforeDeadline, d.data(strconv.Itoa(before)), d.data(formatDate(applicable))))
	}
	if e.Extension != nil && e.Extension.Date.Valid() {
		out = append(out, d.t(txStExtension, d.data(formatDate(legal)), d.data(formatDate(e.Extension.Date)), d.data(orDash(e.Extension.Reference))))
	}
	if e.Accepted != nil {
		when := d.t(txStWithin)
		if applicable.Before(localDate(e.Accepted.At)) {
			when = d.t(txStAfter)
		}
		out = append(out, d.t(txStAccepted, d.data(formatTime(e.Accepted.At)), d.data(e.Accepted.AcknowledgementNumber), when))
	} else {
		out = append(out, d.t(txStNotAccept))
	}
	return append(out, d.t(txStTimes))
}

// RawFile is a file of the evidence archive besides the PDF.
type RawFile struct {
	Name string // relative path in the archive
	Data []byte
}

// EvidenceName is the PDF's name in the evidence archive.
const EvidenceName = "preuve-tentatives.pdf"

// ManifestName is the name of the digests file of the evidence archive.
const ManifestName = "manifest.sha256"

// EvidenceZIP writes the outage evidence pack: the PDF (EvidencePDF), the
// raw files (declaration file, control reports, screenshots) and
// manifest.sha256, one "<sha256>  <name>" line per file (sha256sum -c
// checks it), every entry dated e's document time. Same inputs, same bytes.
func EvidenceZIP(ctx context.Context, w io.Writer, e Evidence, raw []RawFile) error {
	pdf, err := EvidencePDF(e)
	if err != nil {
		return err
	}
	mod := e.docTime()
	files := append([]RawFile{{Name: EvidenceName, Data: pdf}}, raw...)
	var manifest strings.Builder
	items := make([]Item, 0, len(files)+1)
	for _, f := range files {
		sum := sha256.Sum256(f.Data)
		manifest.WriteString(hex.EncodeToString(sum[:]) + "  " + f.Name + "\n")
		data := f.Data
		items = append(items, Item{Name: f.Name, Modified: mod, PDF: func(context.Context) ([]byte, error) { return data, nil }})
	}
	m := []byte(manifest.String())
	items = append(items, Item{Name: ManifestName, Modified: mod, PDF: func(context.Context) ([]byte, error) { return m, nil }})
	return ExportZIP(ctx, w, items, nil)
}

// actionLabels name what an attempt tried.
var actionLabels = map[string]i18n.Text{
	"deposit": {FR: "envoi du fichier", AR: "إرسال الملف", EN: "file sent"},
	"result":  {FR: "verdict", AR: "قرار المنصة", EN: "verdict"},
	"portal":  {FR: "dépôt sur le portail", AR: "الإيداع في البوابة", EN: "deposit on the portal"},
}
