package receipt

import (
	"strings"

	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/params"
)

// column of a table.
type column struct {
	title i18n.Text
	w     float64
	align string
}

// tableHeader writes a header row of cols, wrapping titles on two lines when
// needed (h is the height of the row).
func (d *doc) tableHeader(cols []column, h, size float64) {
	p := d.p
	d.font("B", size, colText)
	d.fill(colHeadBg)
	d.draw(colRule)
	x, y := marginL, p.GetY()
	for _, c := range cols {
		title := d.t(c.title)
		d.rect(x, y, c.w, h, "FD")
		avail := c.w - 2*p.GetCellMargin()
		// Shrink the title until its longest word fits: words are never cut.
		s := size
		for _, w := range strings.Fields(title) {
			if ww := d.width(w); ww > avail {
				s = min(s, size*avail/ww*0.98)
			}
		}
		p.SetFontSize(s)
		var lines []string
		if d.arabic {
			lines = d.wrap(title, avail)
		} else {
			lines = p.SplitText(title, c.w) // SplitText takes the cell margins off itself
		}
		_, lh := p.GetFontSize()
		lh *= 1.15
		ty := y + (h-lh*float64(len(lines)))/2
		for _, l := range lines {
			p.SetXY(x, ty)
			d.cell(c.w, lh, l, "", 0, alignH(c.align), false)
			ty += lh
		}
		p.SetFontSize(size)
		x += c.w
	}
	p.SetXY(marginL, y+h)
}

// alignH keeps the horizontal part of an alignment ("L", "C", "R").
func alignH(a string) string {
	if a == "" {
		return "L"
	}
	return a[:1]
}

var estimateCols = []column{
	{txBranch, 45, "L"},
	{txBase, 28, "R"},
	{txEmpRate, 13, "C"},
	{txEmpShare, 27, "R"},
	{txWkRate, 13, "C"},
	{txWkShare, 27, "R"},
	{txTotal, 27, "R"},
}

// estimateTable writes the contribution estimate, branch by branch, with its
// totals and the note that it is only an estimate.
func (d *doc) estimateTable(e params.Estimate) {
	p := d.p
	const h, size = 5.6, 8.0
	d.tableHeader(estimateCols, 8, 7)
	d.draw(colRule)
	for _, b := range e.Branches {
		label := b.Label.In(d.lang)
		if label == "" {
			label = params.BranchLabels[b.Branch].In(d.lang)
		}
		if label == "" {
			label = b.Branch
		}
		d.font("", size, colText)
		cells := []string{label, b.Base.FormatMAD(), formatRate(b.EmployerRate), b.Employer.FormatMAD(),
			formatRate(b.EmployeeRate), b.Employee.FormatMAD(), (b.Employer + b.Employee).FormatMAD()}
		for i, c := range estimateCols {
			ln := 0
			if i == len(estimateCols)-1 {
				ln = 1
			}
			d.fitCell(c.w, h, cells[i], "1", ln, c.align, false, size, 5.5)
		}
		p.SetX(marginL)
	}
	d.font("B", size, colText)
	d.fill(colTotalBg)
	totals := []string{d.t(txEstTotal), "", "", e.Employer.FormatMAD(), "", e.Employee.FormatMAD(), e.Total.FormatMAD()}
	for i, c := range estimateCols {
		ln := 0
		if i == len(estimateCols)-1 {
			ln = 1
		}
		w, txt := c.w, totals[i]
		if i == 0 {
			w += estimateCols[1].w + estimateCols[2].w
		} else if i == 1 || i == 2 {
			continue
		}
		d.fitCell(w, h, txt, "1", ln, c.align, true, size, 5.5)
	}
	p.Ln(1)
	d.font("", 7.5, colMuted)
	p.SetX(marginL)
	d.multi(contentW, 3.6, params.EstimateNote.In(d.lang)+" "+d.t(txEstBases), "L")
}
