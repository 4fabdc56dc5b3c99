package receipt

import (
	"html"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-text/typesetting/bidi"
	"github.com/tasrih/tasrih/internal/i18n"
)

// TestVisual: Arabic is shaped (initial, medial, final and isolated forms,
// lam-alef ligatures) and put in visual order; numbers, amounts, codes and
// Latin names keep their direction inside an Arabic line.
func TestVisual(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		rtl      bool
		want     string
	}{
		// An isolated letter keeps its nominal code point (the font draws it
		// with the same glyph as its isolated presentation form).
		{"forms", "بيت", true, "\ufe96\ufef4\ufe91"},           // teh final, yeh medial, beh initial
		{"lam-alef", "لا", true, "\ufefb"},                     // isolated ligature
		{"lam-alef final", "سلام", true, "\u0645\ufefc\ufeb3"}, // meem isolated, lam-alef final, seen initial
		{"isolated amount", "رمز " + ltr("1 234,56 MAD"), true, "1 234,56 MAD \ufeb0\ufee3\u0631"},
		{"bare year", "عدد 2026", true, "2026 \u062f\ufeaa\ufecb"},
		{"latin name", "شركة ACME SARL", true, "ACME SARL \ufe94\ufedb\ufeae\ufeb7"},
		{"brackets", "التصريح (DS)", true, "(DS) \ufea2\ufef3\ufeae\ufebc\ufe98\ufedf\u0627"},
		{"guillemets mirrored", "على «" + ltr("A|B") + "»", true, "«A|B» \ufef0\ufee0\ufecb"},
		{"code", "أسطر " + ltr("B02"), true, "B02 \ufeae\ufec4\ufeb3\u0623"},
		{"arabic name in french", "Société النور SARL", false, "Société \u0631\ufeee\ufee8\ufedf\u0627 SARL"},
		{"no arabic", "Reçu n° 12 — « x »", true, "Reçu n° 12 — « x »"},
		{"harakat dropped", "بَيت", true, "\ufe96\ufef4\ufe91"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := visual(tc.in, tc.rtl, false); got != tc.want {
				t.Errorf("visual(%q) = %q (%+q), want %q (%+q)", tc.in, got, got, tc.want, tc.want)
			}
		})
	}
}

// TestVisualBold: the bold font shapes too (its glyph numbers differ).
func TestVisualBold(t *testing.T) {
	if got, want := visual("وصل الإيداع", true, true), "\u0639\u0627\ufeaa\ufef3\ufef9\u0627 \ufede\ufebb\u0648"; got != want {
		t.Errorf("got %+q, want %+q", got, want)
	}
}

// TestReorder: rule L2 on levels, including a number inside a Latin run
// inside an Arabic paragraph.
func TestReorder(t *testing.T) {
	runs := []bidi.Run{{Start: 0, End: 1, Level: 1}, {Start: 1, End: 2, Level: 2}, {Start: 2, End: 3, Level: 1}, {Start: 3, End: 4, Level: 2}}
	reorder(runs)
	var got []int
	for _, r := range runs {
		got = append(got, r.Start)
	}
	if want := []int{3, 2, 1, 0}; !equalInts(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
	// LTR paragraph (level 0) with an RTL run holding a number (level 2).
	runs = []bidi.Run{{Start: 0, End: 1, Level: 0}, {Start: 1, End: 2, Level: 1}, {Start: 2, End: 3, Level: 2}, {Start: 3, End: 4, Level: 1}, {Start: 4, End: 5, Level: 0}}
	reorder(runs)
	got = got[:0]
	for _, r := range runs {
		got = append(got, r.Start)
	}
	if want := []int{0, 3, 2, 1, 4}; !equalInts(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestArabicTexts: every Arabic text of the documents shapes to glyphs the
// embedded subsets have (no "?", no unshaped joining letter between two
// joining letters).
func TestArabicTexts(t *testing.T) {
	for _, tc := range []document{
		receiptDocIn(i18n.AR, "manual", false, manualDeposit),
		receiptDocIn(i18n.AR, "sandbox", true, sandboxDeposit),
		summaryDocIn(i18n.AR, "small", true, vectorSummary),
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := pdfToText(t, tc.render(t), "-nodiag")
			if strings.ContainsAny(text, "?\uFFFD") {
				t.Errorf("replacement characters in the text:\n%s", text)
			}
			for _, want := range []string{"\ufef9", "\ufefb"} { // الإ, لا ligatures
				if !strings.Contains(text, want) {
					t.Errorf("ligature %+q missing", want)
				}
			}
			for _, want := range []string{"12 500,00 MAD", "DS_1234567_202601.txt", "1234567", "(202601)"} {
				if !strings.Contains(text, want) {
					t.Errorf("%q missing (or reordered)", want)
				}
			}
		})
	}
}

// TestLanguageInvalid: an unknown language is a clear error on the "lang" field.
func TestLanguageInvalid(t *testing.T) {
	d := normalDeposit(t)
	d.Lang = "de"
	if _, err := Receipt(d); i18n.Code(err) != CodeInvalid || !strings.Contains(i18n.Message(err, i18n.EN), "language") {
		t.Errorf("receipt: %v", err)
	}
	s := vectorSummary(t)
	s.Lang = "xx"
	if _, err := SummaryPDF(s); i18n.Code(err) != CodeInvalid {
		t.Errorf("summary: %v", err)
	}
}

// TestArabicLayoutMirrored: in an Arabic receipt the labels are right of
// their values (the ICE row), the QR code is on the left; in French the
// opposite.
func TestArabicLayoutMirrored(t *testing.T) {
	for _, tc := range []struct {
		lang       i18n.Lang
		label      string
		labelRight bool
		qrLeftHalf bool
	}{
		{i18n.FR, "ICE", false, false},
		{i18n.AR, "(ICE)", true, true},
	} {
		d := normalDeposit(t)
		d.Lang = tc.lang
		pdf, _, err := renderReceipt(d)
		if err != nil {
			t.Fatal(err)
		}
		words := bboxWords(t, pdf)
		lx, ok1 := words.x(tc.label)
		vx, ok2 := words.x(d.Employer.ICE)
		if !ok1 || !ok2 {
			t.Fatalf("%s: words not found (%v %v) in %v", tc.lang, ok1, ok2, words)
		}
		if (lx > vx) != tc.labelRight {
			t.Errorf("%s: label at x=%.0f, value at x=%.0f", tc.lang, lx, vx)
		}
		qx, ok := words.x("SHA-256")
		if !ok {
			t.Fatalf("%s: QR caption not found", tc.lang)
		}
		if (qx < pageW/2*72/25.4) != tc.qrLeftHalf {
			t.Errorf("%s: QR caption at x=%.0f", tc.lang, qx)
		}
	}
}

// FuzzVisual: any text gives valid UTF-8 within the documents' repertoires,
// in both paragraph directions, without panicking.
func FuzzVisual(f *testing.F) {
	for _, s := range []string{"", "لا", "شركة ACME 1 234,56", "\u2066\u2069\u202e", "(«[x]»)", "بَيْتٌ", "\u0600\u06dd", "\xff"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, rtl bool) {
		out := visual(s, rtl, false)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 %q", out)
		}
		for _, r := range out {
			if !inRepertoire(r) && !inArabicRepertoire(r) {
				t.Fatalf("visual(%q) = %q has U+%04X", s, out, r)
			}
		}
	})
}

// words are the words of a PDF's first page with their left edge (points).
type words []struct {
	x    float64
	text string
}

// x is the left edge of the first word equal to w.
func (ws words) x(w string) (float64, bool) {
	for _, x := range ws {
		if x.text == w {
			return x.x, true
		}
	}
	return 0, false
}

// bboxWords runs pdftotext -bbox on pdf.
func bboxWords(t *testing.T, pdf []byte) words {
	t.Helper()
	page := pdfToText(t, pdf, "-bbox", "-f", "1", "-l", "1")
	var ws words
	for _, part := range strings.Split(page, "<word ")[1:] {
		attrs, rest, ok := strings.Cut(part, ">")
		if !ok {
			continue
		}
		text, _, _ := strings.Cut(rest, "</word>")
		text = html.UnescapeString(text)
		var x float64
		if _, v, ok := strings.Cut(attrs, `xMin="`); ok {
			v, _, _ = strings.Cut(v, `"`)
			x, _ = strconv.ParseFloat(v, 64)
		}
		ws = append(ws, struct {
			x    float64
			text string
		}{x, text})
	}
	return ws
}
