package receipt

import (
	"strconv"
	"strings"
	"time"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/params"
)

// SummaryPDF returns the "bordereau récapitulatif" of a declaration: the
// header, every line (préétabli employees, then entrants, marked "E"), the
// totals of the 03, 05 and 06 records as the file carries them, the
// contribution estimate, a running header and "page x / y" on every page.
// The same Summary always gives the same bytes.
func SummaryPDF(s Summary) ([]byte, error) {
	out, _, err := renderSummary(s)
	return out, err
}

// summaryInfo is what a rendering reports to the tests.
type summaryInfo struct {
	pages     int
	tableRows int // rows of the detail table (lines, section and total rows)
}

// Summary table geometry.
const (
	sumTop      = 22.0 // top margin under the running header
	rowH        = 4.6
	rowSize     = 7.5
	headRowH    = 8.0
	minNameSize = 5.2
)

var detailCols = []column{
	{txColNo, 9, "R"},
	{txColImmat, 21, "C"},
	{txColCIN, 16, "C"},
	{txColName, 59, "L"},
	{txDaysCol, 10, "R"},
	{txColReal, 25, "R"},
	{txColCapped, 25, "R"},
	{txColSit, 9, "C"},
	{txColE, 6, "C"},
}

// resolved is a Summary with every default applied.
type resolved struct {
	Summary
	aff, name string
	per       domain.Period
	kind      declaration.Kind
	seq       int
	due       domain.Date
	created   time.Time
	prefix    string
}

func resolveSummary(s Summary) (*resolved, error) {
	d := &s.Decl
	r := &resolved{Summary: s, aff: s.Employer.Affiliation, name: s.Employer.Name, per: s.Period,
		kind: s.Kind, seq: s.Sequence, due: s.DueDate, created: s.CreatedAt}
	if r.aff == "" {
		r.aff = d.Employer.Affiliation
	}
	if r.name == "" {
		r.name = d.Employer.Name
	}
	if r.per == (domain.Period{}) {
		r.per = d.Employer.Period
	}
	if r.kind == "" {
		r.kind, r.seq = declaration.Principal, 0
		if d.Prefix == 'E' {
			r.kind, r.seq = declaration.Complementary, sequenceOf(d)
		}
	}
	switch {
	case strings.TrimSpace(r.aff) == "":
		return nil, invalid(whyAffiliation, "employer.affiliation")
	case !r.per.Valid():
		return nil, invalid(whyPeriod, "period")
	case s.SHA256 != "" && !validSHA256(s.SHA256):
		return nil, invalid(whySHA256, "sha256")
	}
	if err := checkKind(r.kind, r.seq); err != nil {
		return nil, err
	}
	if r.FileName == "" {
		r.FileName = declaration.FileName(r.aff, r.per, r.seq)
	}
	if !r.due.Valid() {
		r.due = d.Employer.DueDate
	}
	if !r.due.Valid() {
		r.due = params.DueDate(r.per)
	}
	if r.created.IsZero() {
		n := r.per.Next()
		r.created = time.Date(n.Year, n.Month, 1, 0, 0, 0, 0, casablanca())
	}
	r.SHA256 = strings.ToLower(r.SHA256)
	r.prefix = recordPrefix(r.kind, r.seq)
	return r, nil
}

func renderSummary(s Summary) (_ []byte, info summaryInfo, err error) {
	defer recoverRender(&err)
	r, err := resolveSummary(s)
	if err != nil {
		return nil, info, err
	}
	lang, err := docLang(s.Lang)
	if err != nil {
		return nil, info, err
	}
	d := newDoc(txSummaryMeta.Format(lang, r.FileName), r.created, r.Sandbox, lang, r.hasArabic())
	kind := d.kindLabel(r.kind, r.seq)
	d.footerLeft = d.t(txSummaryFoot, d.data(r.FileName), d.data(formatTime(r.created)))
	p := d.p
	perLabel := r.per.Label(lang)
	d.header = func() {
		d.font("B", 8.5, colAccent)
		p.SetXY(marginL, 8)
		d.fitCell(contentW-45, 4.5, r.name, "", 0, "L", false, 8.5, 6)
		d.font("", 8, colMuted)
		d.cell(45, 4.5, d.t(txAffShort, d.data(r.aff)), "", 1, "R", false)
		p.SetX(marginL)
		d.cell(contentW-45, 4, d.t(txSummary)+" — "+kind+" — "+perLabel, "", 0, "L", false)
		d.cell(45, 4, r.FileName, "", 1, "R", false)
		if r.Sandbox {
			d.font("B", 7, colAlert)
			p.SetX(marginL)
			d.cell(contentW, 3.5, d.t(txSandboxDoc), "", 1, "L", false)
		}
		d.draw(colRule)
		p.Line(marginL, sumTop-2, pageW-marginR, sumTop-2)
	}
	p.SetTopMargin(sumTop)
	p.AddPage()

	d.font("B", 16, colAccent)
	d.cell(contentW, 8, d.t(txSummary), "", 1, "L", false)
	d.font("", 10, colMuted)
	d.multi(contentW, 5.5, d.t(txSubtitleSum)+" — "+kind+" — "+perLabel, "L")

	d.heading(d.t(txEmpDecl))
	d.kv(d.t(txCompanyName), r.name, true)
	d.kv(d.t(txAffiliation), r.aff, false)
	d.kv(d.t(txICE), orDash(r.Employer.ICE), false)
	if addr := address(&r.Decl.Employer); addr != "" {
		d.kv(d.t(txAddress), addr, false)
	}
	d.kv(d.t(txPeriod), d.periodText(r.per), false)
	d.kv(d.t(txType), kind, false)
	d.kv(d.t(txFile), r.FileName, false)
	d.kvSmall(d.t(txSHA), orDash(r.SHA256), 7.8)
	d.kv(d.t(txDueDate), formatDate(r.due), false)

	d.heading(d.t(txTotals))
	d.totalsTable(r)

	d.heading(d.t(txEstimate))
	d.estimateTable(r.Estimate)

	d.heading(d.t(txDetail))
	info.tableRows = d.detailTable(r)
	d.legend(r)

	out, err := d.output()
	if err != nil {
		return nil, info, err
	}
	info.pages = p.PageNo()
	return out, info, nil
}

// hasArabic reports whether the summary shows text in Arabic (names,
// address): the document then embeds the Arabic fonts.
func (r *resolved) hasArabic() bool {
	e := &r.Decl.Employer
	if hasRTL(r.name) || hasRTL(e.Address) || hasRTL(e.City) {
		return true
	}
	for i := range r.Decl.Lines {
		if hasRTL(r.Decl.Lines[i].Name) {
			return true
		}
	}
	for i := range r.Decl.Entrants {
		if hasRTL(r.Decl.Entrants[i].Name) {
			return true
		}
	}
	return false
}

func address(e *cnssfile.Employer) string {
	var parts []string
	if a := strings.TrimSpace(e.Address); a != "" {
		parts = append(parts, a)
	}
	city := strings.TrimSpace(strings.TrimSpace(e.PostalCode) + " " + strings.TrimSpace(e.City))
	if city != "" {
		parts = append(parts, city)
	}
	return strings.Join(parts, ", ")
}

var totalsCols = []column{
	{txRecord, 62, "L"},
	{txEmployees, 24, "R"},
	{txDaysCol, 22, "R"},
	{txReal, 36, "R"},
	{txCapped, 36, "R"},
}

// totalsTable writes the 03, 05 and 06 records of the declaration as the
// file carries them.
func (d *doc) totalsTable(r *resolved) {
	p := d.p
	dc := &r.Decl
	lt := dc.LineTotals
	rows := []struct {
		label  string
		count  int64
		days   int64
		real   domain.Money
		capped domain.Money
		bold   bool
	}{
		{d.t(txRow03, d.data(r.prefix+"03")), lt.Count, lt.Days, lt.Real, lt.Capped, false},
		{d.t(txRow05, d.data(r.prefix+"05")), dc.EntrantTotals.Count, dc.EntrantTotals.Days, dc.EntrantTotals.Real, dc.EntrantTotals.Capped, false},
		{d.t(txRow06, d.data(r.prefix+"06")), dc.GrandTotals.Count, dc.GrandTotals.Days, dc.GrandTotals.Real, dc.GrandTotals.Capped, true},
	}
	d.tableHeader(totalsCols, 6, 7.5)
	d.draw(colRule)
	for _, row := range rows {
		style := ""
		if row.bold {
			style = "B"
			d.fill(colTotalBg)
		}
		d.font(style, 8, colText)
		cells := []string{row.label, formatInt(row.count), formatInt(row.days), row.real.FormatMAD(), row.capped.FormatMAD()}
		for i, c := range totalsCols {
			ln := 0
			if i == len(totalsCols)-1 {
				ln = 1
			}
			d.fitCell(c.w, 5.6, cells[i], "1", ln, c.align, row.bold, 8, 5.5)
		}
		p.SetX(marginL)
	}
}

// detailTable writes every line of the declaration, the header row repeated
// on each page, and returns the number of rows it wrote.
func (d *doc) detailTable(r *resolved) int {
	p := d.p
	p.SetAutoPageBreak(false, 0)
	defer p.SetAutoPageBreak(true, pageH-bottomY)
	rows := 0
	// need makes room for h millimetres, on a new page if necessary.
	need := func(h float64) {
		if p.GetY()+h > bottomY {
			p.AddPage()
			d.tableHeader(detailCols, headRowH, 7)
		}
	}
	need(headRowH + 3*rowH)
	d.tableHeader(detailCols, headRowH, 7)

	dc := &r.Decl
	section := func(title string) {
		need(2 * rowH)
		d.font("B", rowSize, colAccent)
		p.SetX(marginL)
		d.cell(contentW, rowH+0.6, title, "B", 1, "L", false)
		rows++
	}
	total := func(label string, count, days int64, real, capped domain.Money) {
		need(rowH + 0.6)
		d.font("B", rowSize, colText)
		d.fill(colTotalBg)
		d.draw(colRule)
		p.SetX(marginL)
		span := detailCols[1].w + detailCols[2].w + detailCols[3].w
		d.cell(detailCols[0].w, rowH+0.6, "", "T", 0, "L", true)
		d.fitCell(span, rowH+0.6, d.countLabel(label, count), "T", 0, "L", true, rowSize, minNameSize)
		d.cell(detailCols[4].w, rowH+0.6, formatInt(days), "T", 0, "R", true)
		d.fitCell(detailCols[5].w, rowH+0.6, real.String(), "T", 0, "R", true, rowSize, minNameSize)
		d.fitCell(detailCols[6].w, rowH+0.6, capped.String(), "T", 0, "R", true, rowSize, minNameSize)
		d.cell(detailCols[7].w+detailCols[8].w, rowH+0.6, "", "T", 1, "L", true)
		rows++
	}
	empty := func(txt string) {
		need(rowH)
		d.font("", rowSize, colMuted)
		p.SetX(marginL)
		d.cell(contentW, rowH, txt, "", 1, "L", false)
		rows++
	}
	n := 0
	line := func(immat, cin, name string, days int, real, capped domain.Money, sit string, entrant bool) {
		need(rowH)
		n++
		if n%2 == 0 {
			d.fill(colZebra)
			d.rect(marginL, p.GetY(), contentW, rowH, "F")
		}
		d.font("", rowSize, colText)
		p.SetX(marginL)
		d.cell(detailCols[0].w, rowH, strconv.Itoa(n), "", 0, "R", false)
		d.cell(detailCols[1].w, rowH, immat, "", 0, "C", false)
		d.cell(detailCols[2].w, rowH, cin, "", 0, "C", false)
		d.fitCell(detailCols[3].w, rowH, name, "", 0, "L", false, rowSize, minNameSize)
		d.cell(detailCols[4].w, rowH, strconv.Itoa(days), "", 0, "R", false)
		d.fitCell(detailCols[5].w, rowH, real.String(), "", 0, "R", false, rowSize, minNameSize)
		d.fitCell(detailCols[6].w, rowH, capped.String(), "", 0, "R", false, rowSize, minNameSize)
		d.cell(detailCols[7].w, rowH, sit, "", 0, "C", false)
		e := ""
		if entrant {
			e = "E"
		}
		d.font("B", rowSize, colAccent)
		d.cell(detailCols[8].w, rowH, e, "", 1, "C", false)
		rows++
	}

	code := func(n string) string { return d.data(r.prefix + n) }
	section(d.t(txSection02, code("02")))
	declared := 0
	for i := range dc.Lines {
		l := &dc.Lines[i]
		if l.Immat == "" {
			continue // the empty E02 line of a complementary declaration
		}
		declared++
		line(l.Immat, "", l.Name, l.Days, l.Real, l.Capped, string(l.Situation), false)
	}
	if declared == 0 {
		empty(d.t(txNo02, code("02")))
	}
	lt := dc.LineTotals
	total(d.t(txTotal02, code("02"), code("03")), lt.Count, lt.Days, lt.Real, lt.Capped)

	section(d.t(txSection04, code("04")))
	declared = 0
	for i := range dc.Entrants {
		e := &dc.Entrants[i]
		if e.IsEmpty() {
			continue
		}
		declared++
		line(e.Immat, e.CIN, e.Name, e.Days, e.Real, e.Capped, "", true)
	}
	if declared == 0 {
		empty(d.t(txNo04, code("04")))
	}
	et := dc.EntrantTotals
	total(d.t(txTotal04, code("04"), code("05")), et.Count, et.Days, et.Real, et.Capped)
	gt := dc.GrandTotals
	total(d.t(txTotal06, code("06")), gt.Count, gt.Days, gt.Real, gt.Capped)
	return rows
}

// countLabel is "<label> : <n> salarié(s)".
func (d *doc) countLabel(label string, n int64) string {
	if n > 1 {
		return d.t(txCountMany, label, d.data(formatInt(n)))
	}
	return d.t(txCountOne, label, d.data(formatInt(n)))
}

// legend explains the markers and the situation codes.
func (d *doc) legend(r *resolved) {
	p := d.p
	const lh = 3.8
	codes := domain.Situations[1:]
	h := 8 + lh*float64(4+(len(codes)+1)/2)
	if p.GetY()+h > bottomY {
		p.AddPage()
	}
	d.heading(d.t(txLegend))
	d.font("", 7.5, colText)
	p.SetX(marginL)
	d.multi(contentW, lh, d.t(txLegendText, d.data(r.prefix+"04"), d.data("000000000"), d.data("999999999")), "L")
	p.Ln(1)
	d.font("B", 7.5, colText)
	p.SetX(marginL)
	d.cell(contentW, lh, d.t(txSituations), "", 1, "L", false)
	half := contentW / 2
	for i, c := range codes {
		col := i % 2
		p.SetX(marginL + float64(col)*half)
		d.font("B", 7.5, colText)
		d.cell(8, lh, string(c), "", 0, "L", false)
		d.font("", 7.5, colText)
		ln := 0
		if col == 1 || i == len(codes)-1 {
			ln = 1
		}
		d.cell(half-8, lh, c.Label(d.lang), "", ln, "L", false)
	}
}
