package receipt

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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

// Watermark is the text drawn diagonally on every page of a French sandbox
// document (WatermarkIn gives it in each language).
const Watermark = "SANDBOX — SANS VALEUR LÉGALE"

// WatermarkIn is the watermark of a sandbox document in language l.
func WatermarkIn(l i18n.Lang) string { return txWatermark.In(l) }

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

// doc is one PDF being written, with the house style, in one language.
//
// Coordinates given to the doc's methods are logical: x grows from the start
// of a line, which is the left edge in French and English and the right
// edge in Arabic. cell, rect and drawQR mirror them in an Arabic document,
// so that the layout (columns of a table, label and value of a row, the QR
// code) is mirrored without the callers knowing.
type doc struct {
	p       *fpdf.Fpdf
	sandbox bool
	lang    i18n.Lang
	// rtl: the document reads right to left (Arabic).
	rtl bool
	// arabic: the Arabic fonts are embedded, Arabic text is shaped.
	arabic bool
	// bold is the style of the current font (shaping uses its glyphs).
	bold bool
	// vcache holds the visual form of the texts already shaped.
	vcache map[vkey]string
	// footerLeft is the left part of every page's footer.
	footerLeft string
	// header, when set, draws the running header of every page.
	header func()
	// indent shifts key–value rows to the right (inside a frame).
	indent float64
}

type vkey struct {
	s    string
	bold bool
}

// newDoc starts a document: fonts, metadata, fixed dates, footer with
// "page x / y" and, for a sandbox document, the watermark on every page.
// arabic embeds the fonts with the Arabic presentation forms (an Arabic
// document, or a name in Arabic in another language).
func newDoc(title string, created time.Time, sandbox bool, lang i18n.Lang, arabic bool) *doc {
	p := fpdf.New("P", "mm", "A4", "")
	d := &doc{p: p, sandbox: sandbox, lang: lang, rtl: lang == i18n.AR, arabic: arabic || lang == i18n.AR}
	// Determinism: fixed dates, resources in a fixed order.
	created = created.In(casablanca())
	p.SetCreationDate(created)
	p.SetModificationDate(created)
	p.SetCatalogSort(true)
	p.SetProducer("Tasrih", true)
	p.SetCreator("Tasrih", true)
	if d.arabic {
		p.SetTitle(stripIsolates(title), true)
	} else {
		p.SetTitle(pdfText(title), true)
	}
	p.SetLang(txLangTag.In(lang))
	// Before the fonts: fpdf sizes the font subsets from it.
	p.AliasNbPages("{nb}")
	regular, bold := fontSubsets()
	if d.arabic {
		regular, bold = arabicSubsets()
	}
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

// t is a text of the documents in the document's language.
func (d *doc) t(txt i18n.Text, args ...any) string { return txt.Format(d.lang, args...) }

// data marks s as data inside a sentence: a left-to-right isolate in an
// Arabic document, s itself otherwise.
func (d *doc) data(s string) string {
	if d.rtl {
		return ltr(s)
	}
	return s
}

// vis is s as fpdf must draw it: restricted to the repertoire and, in a
// document with the Arabic fonts, in visual order with Arabic shaped (an
// Arabic document's sentences are right-to-left paragraphs).
func (d *doc) vis(s string) string {
	if !d.arabic {
		return pdfText(stripIsolates(s))
	}
	if !hasRTL(s) {
		return arabicText(stripIsolates(s))
	}
	k := vkey{s, d.bold}
	if v, ok := d.vcache[k]; ok {
		return v
	}
	v := visual(s, d.rtl, d.bold)
	if len(s) > shapedMaxLen {
		return v // a long user text: not kept
	}
	if d.vcache == nil {
		d.vcache = make(map[vkey]string)
	}
	d.vcache[k] = v
	return v
}

// width is the width of s drawn with the current font.
func (d *doc) width(s string) float64 { return d.p.GetStringWidth(d.vis(s)) }

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
	d.cell(contentW-30, 4, d.footerLeft, "", 0, "L", false)
	d.cell(30, 4, d.t(txPage, d.data(strconv.Itoa(p.PageNo())+" / {nb}")), "", 0, "R", false)
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
	d.font("B", 10, colWater)
	mark := d.vis(d.t(txWatermark))
	size := 10 * 0.78 * diag / p.GetStringWidth(mark)
	p.SetFont(fontFamily, "B", size)
	w := p.GetStringWidth(mark)
	_, capH := p.GetFontSize()
	cx, cy := pageW/2, pageH/2
	p.SetAlpha(0.13, "Normal")
	p.SetTextColor(colWater.r, colWater.g, colWater.b)
	p.TransformBegin()
	p.TransformRotate(angle, cx, cy)
	p.Text(cx-w/2, cy+capH*0.35, mark)
	p.TransformEnd()
	p.SetAlpha(1, "Normal")
}

// font sets the font (style "" or "B"), its size in points and the text colour.
func (d *doc) font(style string, size float64, c rgb) {
	d.bold = style == "B"
	d.p.SetFont(fontFamily, style, size)
	d.p.SetTextColor(c.r, c.g, c.b)
}

func (d *doc) fill(c rgb) { d.p.SetFillColor(c.r, c.g, c.b) }

func (d *doc) draw(c rgb) { d.p.SetDrawColor(c.r, c.g, c.b) }

// cell writes one cell of text (logical text: d.vis makes it drawable).
func (d *doc) cell(w, h float64, txt, border string, ln int, align string, fill bool) {
	d.cellV(w, h, d.vis(txt), border, ln, align, fill)
}

// cellV writes one cell of text already in visual form. In an Arabic
// document the cell is mirrored: the logical x (fpdf's current x) counts
// from the right edge, the alignment and the side borders are swapped, and
// the next cell goes to the left.
func (d *doc) cellV(w, h float64, txt, border string, ln int, align string, fill bool) {
	p := d.p
	if !d.rtl {
		p.CellFormat(w, h, txt, border, ln, align, fill, 0, "")
		return
	}
	lx := p.GetX()
	p.SetX(pageW - lx - w)
	p.CellFormat(w, h, txt, mirrorBorder(border), 0, mirrorAlign(align), fill, 0, "")
	y := p.GetY() // after an automatic page break, the new page's
	switch ln {
	case 0:
		p.SetXY(lx+w, y)
	case 1:
		left, _, _, _ := p.GetMargins()
		p.SetXY(left, y+h)
	default:
		p.SetXY(lx, y+h)
	}
}

func mirrorAlign(a string) string {
	switch {
	case strings.HasPrefix(a, "L"):
		return "R" + a[1:]
	case strings.HasPrefix(a, "R"):
		return "L" + a[1:]
	case a == "":
		return "R"
	}
	return a
}

func mirrorBorder(b string) string {
	if b == "" || b == "1" || b == "0" {
		return b
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case 'L':
			return 'R'
		case 'R':
			return 'L'
		}
		return r
	}, b)
}

// rect draws a rectangle at logical x.
func (d *doc) rect(x, y, w, h float64, style string) {
	if d.rtl {
		x = pageW - x - w
	}
	d.p.Rect(x, y, w, h, style)
}

// multi writes txt in lines of width w at the current logical x, wrapped
// at spaces, like fpdf's MultiCell (which wraps the visual text, wrong for
// Arabic: a document with Arabic wraps the logical text, then draws each
// line in visual order).
func (d *doc) multi(w, h float64, txt, align string) {
	p := d.p
	if !d.arabic {
		p.MultiCell(w, h, pdfText(stripIsolates(txt)), "", align, false)
		return
	}
	for _, line := range d.wrap(txt, w-2*p.GetCellMargin()) {
		d.cell(w, h, line, "", 2, align, false)
	}
	left, _, _, _ := p.GetMargins()
	p.SetX(left)
}

// wrap splits logical text into lines whose visual form fits in width w
// at the current font; a word wider than w is cut. Words are measured one
// by one (Arabic letters do not join across a space, so the width of a
// line is the sum of its words' and spaces' widths).
func (d *doc) wrap(txt string, w float64) []string {
	var lines []string
	space := d.p.GetStringWidth(" ")
	for _, para := range strings.Split(txt, "\n") {
		line, lw := "", 0.0
		for _, word := range strings.Fields(para) {
			ww := d.width(word)
			if line != "" && lw+space+ww <= w {
				line, lw = line+" "+word, lw+space+ww
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			line, lw = word, ww
			for lw > w && utf8.RuneCountInString(line) > 1 {
				// The longest prefix that fits (at least one character),
				// by bisection: a hostile 10 000-character word costs
				// O(log n) measures per line, not O(n).
				r := []rune(line)
				lo, hi := 1, len(r)-1
				for lo < hi {
					mid := (lo + hi + 1) / 2
					if d.width(string(r[:mid])) <= w {
						lo = mid
					} else {
						hi = mid - 1
					}
				}
				lines = append(lines, string(r[:lo]))
				line = string(r[lo:])
				lw = d.width(line)
			}
		}
		lines = append(lines, line)
	}
	return lines
}

// fitCell writes txt in a cell of width w, shrinking the font down to min
// points when it is too wide, then cutting it with "…".
func (d *doc) fitCell(w, h float64, txt, border string, ln int, align string, fill bool, size, min float64) {
	p := d.p
	avail := w - 2*p.GetCellMargin()
	v := d.vis(txt)
	tw := p.GetStringWidth(v)
	if tw > avail {
		s := size * avail / tw * 0.99
		if s < min {
			s = min
		}
		p.SetFontSize(s)
		if p.GetStringWidth(v) > avail {
			v = d.truncate(txt, avail)
		}
	}
	d.cellV(w, h, v, border, ln, align, fill)
	p.SetFontSize(size)
}

// truncate cuts logical txt so that txt+"…" fits in w at the current font,
// and returns its visual form.
func (d *doc) truncate(txt string, w float64) string {
	r := []rune(stripIsolates(txt))
	lo, hi := 0, len(r)
	for lo < hi { // the longest prefix that fits
		mid := (lo + hi + 1) / 2
		if d.p.GetStringWidth(d.visTrunc(r[:mid])) <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return d.visTrunc(r[:lo])
}

func (d *doc) visTrunc(r []rune) string {
	if !d.arabic {
		return pdfText(string(r)) + "…"
	}
	return d.vis(string(r) + "…")
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
	d.multi(contentW-kvLabelW-d.indent, kvRowH, value, "L")
}
