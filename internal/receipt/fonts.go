package receipt

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"
)

// The fonts, embedded in the binary (fonts/LICENSE says where they come from).
var (
	//go:embed fonts/DejaVuSans.ttf
	dejaVuSans []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	dejaVuSansBold []byte
)

// fontFamily is the family name the documents use.
const fontFamily = "DejaVu"

// The character repertoire of the documents: printable ASCII, Latin-1,
// Latin Extended-A (Œ, œ, Ÿ…), the usual typographic punctuation, € and a few
// symbols. It covers French entirely; every code point is in DejaVu Sans
// (TestRepertoireInFont checks it against the font's cmap). Other characters
// are transliterated by pdfText.
var repertoireRanges = [][2]rune{
	{0x20, 0x7E},
	{0xA0, 0x17F},
	{0x2010, 0x2027}, // dashes, quotes, bullet, ellipsis
	{0x202F, 0x202F}, // narrow no-break space
	{0x2030, 0x2030}, // per mille
	{0x2039, 0x203A}, // single guillemets
	{0x20AC, 0x20AC}, // euro
	{0x2116, 0x2116}, // numero
	{0x2122, 0x2122}, // trade mark
	{0x2212, 0x2212}, // minus
}

func inRepertoire(r rune) bool {
	for _, rg := range repertoireRanges {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

// fonts holds the subsets of the embedded fonts restricted to the
// repertoire. fpdf parses a UTF-8 font again for every document; parsing the
// 60 kB subsets instead of the 700 kB originals is what makes a receipt cheap
// (see doc.go, "Performance").
var fonts struct {
	once          sync.Once
	regular, bold []byte
}

func fontSubsets() (regular, bold []byte) {
	fonts.once.Do(func() {
		set := rangesString(repertoireRanges)
		fonts.regular = fpdf.UTF8CutFont(dejaVuSans, set)
		fonts.bold = fpdf.UTF8CutFont(dejaVuSansBold, set)
	})
	return fonts.regular, fonts.bold
}

// arabicRanges are added to the repertoire in a document that shows Arabic:
// the Arabic block (digits, punctuation, letters for the shaper's fallback)
// and the presentation forms the shaper's glyphs are mapped back to
// (shape.go). DejaVu Sans covers the forms Arabic needs; the code points it
// lacks are simply absent from the subset.
var arabicRanges = [][2]rune{
	{0x0600, 0x06FF},
	{0xFB50, 0xFDFF},
	{0xFE70, 0xFEFF},
}

func inArabicRepertoire(r rune) bool {
	for _, rg := range arabicRanges {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

// arabicFonts holds the subsets for documents that show Arabic: the
// repertoire plus arabicRanges (about 3 times the size of the Latin subsets,
// so documents without Arabic keep the smaller ones).
var arabicFonts struct {
	once          sync.Once
	regular, bold []byte
}

func arabicSubsets() (regular, bold []byte) {
	arabicFonts.once.Do(func() {
		set := rangesString(repertoireRanges) + rangesString(arabicRanges)
		arabicFonts.regular = fpdf.UTF8CutFont(dejaVuSans, set)
		arabicFonts.bold = fpdf.UTF8CutFont(dejaVuSansBold, set)
	})
	return arabicFonts.regular, arabicFonts.bold
}

func rangesString(ranges [][2]rune) string {
	var b strings.Builder
	for _, rg := range ranges {
		for r := rg[0]; r <= rg[1]; r++ {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// pdfText returns s restricted to the repertoire: spaces and control
// characters become a space, a letter with a diacritic outside the repertoire
// loses the diacritic (ǎ → a), a ligature is spelt out (ﬁ → fi), anything
// else becomes "?". fpdf does not shape
// Arabic (architecture.md), so Arabic text shows as question marks: the
// documents are in French.
func pdfText(s string) string {
	ok := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7E {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r):
			// a combining mark left over after NFC, or a format
			// character (zero-width space, BOM, direction mark): dropped
		case r == utf8.RuneError:
			b.WriteByte('?')
		case inRepertoire(r):
			b.WriteRune(r)
		case unicode.IsSpace(r) || unicode.IsControl(r):
			b.WriteByte(' ')
		default:
			kept := false
			for _, d := range norm.NFKD.String(string(r)) {
				if inRepertoire(d) {
					b.WriteRune(d)
					kept = true
				}
			}
			if !kept {
				b.WriteByte('?')
			}
		}
	}
	return b.String()
}
