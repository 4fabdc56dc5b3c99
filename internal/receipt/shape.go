package receipt

import (
	"bytes"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// Arabic text goes through two steps before fpdf draws it (fpdf only maps
// code points to glyphs, left to right):
//
//   - the Unicode bidirectional algorithm (go-text/typesetting/bidi, a fork
//     of golang.org/x/text/unicode/bidi that also gives the embedding level
//     of each run, which the reordering of rule L2 needs) splits a line into
//     runs, which are put in visual order;
//   - each right-to-left run is shaped by go-text's HarfBuzz port (contextual
//     forms, lam-alef ligatures, mirrored brackets); every glyph it returns is
//     mapped back to the code point the font's cmap gives it: for DejaVu Sans,
//     the Arabic presentation forms (U+FB50–U+FEFF), which fpdf then draws.
//
// Left-to-right runs (numbers, dates, amounts, file names, Latin names) are
// kept as they are, so they keep their direction inside an Arabic line.

// Directional isolates: the documents wrap the data they insert into an
// Arabic sentence in an LTR isolate (ltr), so that "1 234,56 MAD" or
// "DS_1234567_202601.txt" never get reordered with the text around them.
const (
	lri = '\u2066' // left-to-right isolate
	pdi = '\u2069' // pop directional isolate
)

// ltr wraps s in a left-to-right isolate.
func ltr(s string) string { return string(lri) + s + string(pdi) }

// shapeFont is one embedded font as the shaper sees it, with the reverse of
// its cmap (glyph → the code point drawn with it, see better).
type shapeFont struct {
	font *font.Font
	rev  map[font.GID]rune
}

func loadShapeFont(ttf []byte) shapeFont {
	face, err := font.ParseTTF(bytes.NewReader(ttf))
	if err != nil { // the embedded fonts parse (TestShapeFonts)
		panic("receipt: embedded font: " + err.Error())
	}
	rev := make(map[font.GID]rune, 6000)
	it := face.Font.Cmap.Iter()
	for it.Next() {
		r, g := it.Char()
		if old, ok := rev[g]; !ok || better(r, old) {
			rev[g] = r
		}
	}
	return shapeFont{font: face.Font, rev: rev}
}

// better chooses the code point a shared glyph is drawn with: an Arabic
// presentation form (the alef of U+0627 is also U+FE8D, its isolated form),
// else the smallest (U+0020 rather than U+00A0).
func better(r, old rune) bool {
	pf, oldPF := r >= 0xFB50 && r <= 0xFEFF, old >= 0xFB50 && old <= 0xFEFF
	if pf != oldPF {
		return pf
	}
	return r < old
}

var shapeFonts = sync.OnceValue(func() [2]shapeFont {
	return [2]shapeFont{loadShapeFont(dejaVuSans), loadShapeFont(dejaVuSansBold)}
})

// shaper is the per-goroutine state of shaping (a Face, the HarfBuzz
// shaper and the bidi paragraph are not safe for concurrent use).
type shaper struct {
	hb    shaping.HarfbuzzShaper
	faces [2]*font.Face
	para  bidi.Paragraph
	runs  []bidi.Run
	buf   []rune
}

var shapers = sync.Pool{New: func() any {
	f := shapeFonts()
	return &shaper{faces: [2]*font.Face{font.NewFace(f[0].font), font.NewFace(f[1].font)}}
}}

// isArabic reports whether r is a right-to-left letter (Hebrew, Arabic and
// their presentation forms).
func isRTL(r rune) bool {
	return r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

// hasRTL reports whether s contains a right-to-left letter.
func hasRTL(s string) bool {
	for _, r := range s {
		if isRTL(r) {
			return true
		}
	}
	return false
}

// visual returns s in visual order, Arabic shaped, ready for fpdf (which
// draws left to right). rtlPara makes an Arabic sentence: the paragraph is
// right to left when s contains a right-to-left letter; data alone (a
// number, a file name) stays a left-to-right paragraph. bold selects the
// font whose glyphs are used. Characters outside the documents' repertoire
// go through pdfText.
func visual(s string, rtlPara, bold bool) string {
	if !hasRTL(s) {
		return pdfText(stripIsolates(s))
	}
	k := shapeKey{s, rtlPara, bold}
	if v, ok := shaped.Load(k); ok {
		return v.(string)
	}
	sh := shapers.Get().(*shaper)
	v := sh.visual(s, rtlPara, bold)
	shapers.Put(sh)
	// The documents' own texts come back in every document: they are kept
	// (up to shapedMax entries, so that user data cannot grow the cache
	// without bound).
	if len(s) <= shapedMaxLen && shapedCount.Load() < shapedMax {
		if _, loaded := shaped.LoadOrStore(k, v); !loaded {
			shapedCount.Add(1)
		}
	}
	return v
}

// shaped caches visual: shaping is most of the extra cost of an Arabic
// document, and its labels are the same in every document.
var (
	shaped      sync.Map // shapeKey → string
	shapedCount atomic.Int64
)

// The cache keeps at most shapedMax texts of at most shapedMaxLen bytes.
const (
	shapedMax    = 20000
	shapedMaxLen = 512
)

type shapeKey struct {
	s         string
	rtl, bold bool
}

func stripIsolates(s string) string {
	if !strings.ContainsAny(s, "\u2066\u2067\u2068\u2069") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= 0x2066 && r <= 0x2069 {
			return -1
		}
		return r
	}, s)
}

func (sh *shaper) visual(s string, rtlPara, bold bool) string {
	// Arabic diacritics (harakat) and other combining marks are dropped: the
	// documents do not position marks (fpdf advances by each glyph's width).
	text := sh.buf[:0]
	for _, r := range norm.NFC.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		text = append(text, r)
	}
	sh.buf = text
	dir := bidi.LeftToRight
	if rtlPara {
		dir = bidi.RightToLeft
	}
	runs := sh.para.Segment(text, dir)
	sh.runs = sh.runs[:0]
	for i := 0; i < runs.NumRuns(); i++ {
		sh.runs = append(sh.runs, runs.Run(i))
	}
	reorder(sh.runs)
	fi := 0
	if bold {
		fi = 1
	}
	rev := shapeFonts()[fi].rev
	var b strings.Builder
	b.Grow(len(s) * 2)
	for _, run := range sh.runs {
		seg := text[run.Start:run.End]
		if run.IsLeftToRight() {
			b.WriteString(arabicText(stripIsolates(string(seg))))
			continue
		}
		// Shape the run without its isolate and format characters.
		clean := make([]rune, 0, len(seg))
		for _, r := range seg {
			if !unicode.Is(unicode.Cf, r) {
				clean = append(clean, r)
			}
		}
		if len(clean) == 0 {
			continue
		}
		out := sh.hb.Shape(shaping.Input{
			Text: clean, RunStart: 0, RunEnd: len(clean),
			Direction: di.DirectionRTL, Face: sh.faces[fi], Size: fixed.I(12),
			Script: language.Arabic, Language: language.NewLanguage("ar"),
		})
		for _, g := range out.Glyphs {
			if r, ok := rev[g.GlyphID]; ok && g.GlyphID != 0 {
				if inArabicRepertoire(r) {
					b.WriteRune(r)
				} else {
					b.WriteString(pdfText(string(r)))
				}
				continue
			}
			// A glyph without a code point of its own (none in DejaVu Sans
			// for Arabic letters): the characters of its cluster, unshaped.
			for i := g.ClusterIndex + g.RuneCount - 1; i >= g.ClusterIndex && i < len(clean); i-- {
				b.WriteString(arabicText(string(clean[i])))
			}
		}
	}
	return b.String()
}

// reorder puts runs in visual order (rule L2 of the bidi algorithm): from
// the highest level down to the lowest odd level, every maximal sequence of
// runs at that level or higher is reversed. The characters of a
// right-to-left run are reversed by the shaper.
func reorder(runs []bidi.Run) {
	if len(runs) < 2 {
		return
	}
	hi, lo := runs[0].Level, runs[0].Level
	for _, r := range runs[1:] {
		hi = max(hi, r.Level)
		lo = min(lo, r.Level)
	}
	if lo%2 == 0 {
		lo++
	}
	for lvl := hi; lvl >= lo && lvl > 0; lvl-- {
		for i := 0; i < len(runs); {
			if runs[i].Level < lvl {
				i++
				continue
			}
			j := i
			for j < len(runs) && runs[j].Level >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				runs[a], runs[b] = runs[b], runs[a]
			}
			i = j
		}
	}
}

// arabicText is pdfText for a document with the Arabic fonts: the Arabic
// repertoire is kept too.
func arabicText(s string) string {
	if !hasRTL(s) && !strings.ContainsFunc(s, inArabicRepertoire) {
		return pdfText(s)
	}
	var b strings.Builder
	for _, r := range s {
		if inArabicRepertoire(r) {
			b.WriteRune(r)
		} else {
			b.WriteString(pdfText(string(r)))
		}
	}
	return b.String()
}
