package receipt

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/tasrih/tasrih/internal/i18n"
)

// Page geometry (A4 portrait, millimetres).
const (
	pageW    = 210.0
	pageH    = 297.0
	marginL  = 15.0
	marginR  = 15.0
	marginT  = 14.0
	contentW = pageW - marginL - marginR
	footerY  = pageH - 12.0 // baseline zone of the footer
	bottomY  = pageH - 17.0 // content stops here
)

// Watermark is the text drawn diagonally on every page of a sandbox document.
const Watermark = "SANDBOX — SANS VALEUR LÉGALE"

// The palette.
type rgb struct{ r, g, b int }

var (
	colText      = rgb{25, 28, 33}
	colMuted     = rgb{95, 102, 112}
	colAccent    = rgb{18, 62, 110}
	colRule      = rgb{170, 178, 189}
	colHeadBg    = rgb{226, 233, 242}
	colZebra     = rgb{245, 247, 250}
	colTotalBg   = rgb{236, 240, 246}
	colAlert     = rgb{170, 20, 20}
	colOK        = rgb{20, 110, 45}
	colWater     = rgb{200, 16, 16}
	colManualBar = rgb{205, 140, 20}
)

// doc is one PDF being written, with the house style.
type doc struct {
	p       *fpdf.Fpdf
	sandbox bool
	// footerLeft is the left part of every page's footer.
	footerLeft string
	// header, when set, draws the running header of every page.
	header func()
	// indent shifts key–value rows to the right (inside a frame).
	indent float64
}

// newDoc starts a document: fonts, metadata, fixed dates, footer with
// "page x / y" and, for a sandbox document, the watermark on every page.
func newDoc(title string, created time.Time, sandbox bool) *doc {
	p := fpdf.New("P", "mm", "A4", "")
	d := &doc{p: p, sandbox: sandbox}
	// Determinism: fixed dates, resources in a fixed order.
	created = created.In(casablanca())
	p.SetCreationDate(created)
	p.SetModificationDate(created)
	p.SetCatalogSort(true)
	p.SetProducer("Tasrih", true)
	p.SetCreator("Tasrih", true)
	p.SetTitle(pdfText(title), true)
	p.SetLang("fr-MA")
	// Before the fonts: fpdf sizes the font subsets from it.
	p.AliasNbPages("{nb}")
	regular, bold := fontSubsets()
	p.AddUTF8FontFromBytes(fontFamily, "", regular)
	p.AddUTF8FontFromBytes(fontFamily, "B", bold)
	p.SetMargins(marginL, marginT, marginR)
	p.SetAutoPageBreak(true, pageH-bottomY)
	p.SetCellMargin(1)
	p.SetLineWidth(0.2)
	p.SetHeaderFuncMode(func() {
		if d.header != nil {
			d.header()
		}
	}, true)
	p.SetFooterFunc(d.footer)
	return d
}

// recoverRender turns a panic of the PDF library into an error; a rendering
// function defers it.
func recoverRender(err *error) {
	if r := recover(); r != nil {
		*err = i18n.Wrap(fmt.Errorf("%v", r), CodeRender, msgRender, r)
	}
}

// output closes the document and returns its bytes.
func (d *doc) output() ([]byte, error) {
	var b bytes.Buffer
	if err := d.p.Output(&b); err != nil {
		return nil, i18n.Wrap(err, CodeRender, msgRender, err)
	}
	return b.Bytes(), nil
}

func (d *doc) footer() {
	p := d.p
	p.SetDrawColor(colRule.r, colRule.g, colRule.b)
	p.SetLineWidth(0.2)
	p.Line(marginL, footerY-1.5, pageW-marginR, footerY-1.5)
	d.font("", 7, colMuted)
	p.SetXY(marginL, footerY)
	p.CellFormat(contentW-30, 4, pdfText(d.footerLeft), "", 0, "L", false, 0, "")
	p.CellFormat(30, 4, "page "+strconv.Itoa(p.PageNo())+" / {nb}", "", 0, "R", false, 0, "")
	// The watermark is the last thing drawn on a page: over the content,
	// and after every horizontal text (text extractors such as pdftotext
	// then keep it apart from the page's text).
	if d.sandbox {
		d.watermark()
	}
}

// watermark draws Watermark across the page, along its diagonal, large,
// light and on top of the content (so that no filled cell can hide it).
func (d *doc) watermark() {
	p := d.p
	angle := math.Atan2(pageH, pageW) * 180 / math.Pi
	diag := math.Hypot(pageW, pageH)
	p.SetFont(fontFamily, "B", 10)
	size := 10 * 0.78 * diag / p.GetStringWidth(Watermark)
	p.SetFont(fontFamily, "B", size)
	w := p.GetStringWidth(Watermark)
	_, capH := p.GetFontSize()
	cx, cy := pageW/2, pageH/2
	p.SetAlpha(0.13, "Normal")
	p.SetTextColor(colWater.r, colWater.g, colWater.b)
	p.TransformBegin()
	p.TransformRotate(angle, cx, cy)
	p.Text(cx-w/2, cy+capH*0.35, Watermark)
	p.TransformEnd()
	p.SetAlpha(1, "Normal")
}

// font sets the font (style "" or "B"), its size in points and the text colour.
func (d *doc) font(style string, size float64, c rgb) {
	d.p.SetFont(fontFamily, style, size)
	d.p.SetTextColor(c.r, c.g, c.b)
}

func (d *doc) fill(c rgb) { d.p.SetFillColor(c.r, c.g, c.b) }

func (d *doc) draw(c rgb) { d.p.SetDrawColor(c.r, c.g, c.b) }

// cell writes one cell of text (already passed through pdfText).
func (d *doc) cell(w, h float64, txt, border string, ln int, align string, fill bool) {
	d.p.CellFormat(w, h, txt, border, ln, align, fill, 0, "")
}

// fitCell writes txt in a cell of width w, shrinking the font down to min
// points when it is too wide, then cutting it with "…".
func (d *doc) fitCell(w, h float64, txt, border string, ln int, align string, fill bool, size, min float64) {
	p := d.p
	avail := w - 2*p.GetCellMargin()
	tw := p.GetStringWidth(txt)
	if tw > avail {
		s := size * avail / tw * 0.99
		if s < min {
			s = min
		}
		p.SetFontSize(s)
		if p.GetStringWidth(txt) > avail {
			txt = truncate(p, txt, avail)
		}
	}
	d.cell(w, h, txt, border, ln, align, fill)
	p.SetFontSize(size)
}

// truncate cuts txt so that txt+"…" fits in w at the current font.
func truncate(p *fpdf.Fpdf, txt string, w float64) string {
	r := []rune(txt)
	ell := p.GetStringWidth("…")
	lo, hi := 0, len(r)
	for lo < hi { // the longest prefix that fits
		mid := (lo + hi + 1) / 2
		if p.GetStringWidth(string(r[:mid]))+ell <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(r[:lo]) + "…"
}

// heading writes a section title with a rule under it.
func (d *doc) heading(title string) {
	p := d.p
	p.Ln(2.5)
	d.font("B", 10.5, colAccent)
	p.SetX(marginL)
	d.cell(contentW, 6, title, "", 1, "L", false)
	d.draw(colAccent)
	p.SetLineWidth(0.35)
	y := p.GetY()
	p.Line(marginL, y, pageW-marginR, y)
	p.SetLineWidth(0.2)
	p.Ln(1.5)
}

// Key–value rows.
const (
	kvLabelW = 58.0
	kvRowH   = 5.0
)

// kv writes a label and its value; a long value wraps under itself.
func (d *doc) kv(label, value string, bold bool) {
	d.kvColor(label, value, bold, colText)
}

func (d *doc) kvColor(label, value string, bold bool, c rgb) {
	p := d.p
	p.SetX(marginL + d.indent)
	d.font("", 8.5, colMuted)
	d.cell(kvLabelW, kvRowH, label, "", 0, "L", false)
	style := ""
	if bold {
		style = "B"
	}
	d.font(style, 9, c)
	p.MultiCell(contentW-kvLabelW-d.indent, kvRowH, pdfText(value), "", "L", false)
}
