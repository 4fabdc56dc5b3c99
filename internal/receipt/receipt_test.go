package receipt

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"rsc.io/qr"
)

// document is one generated PDF of the golden, watermark and rendering tests.
type document struct {
	name    string
	sandbox bool
	lang    i18n.Lang
	render  func(t *testing.T) []byte
}

func receiptDoc(name string, sandbox bool, mk func(testing.TB) Deposit) document {
	return receiptDocIn(i18n.FR, name, sandbox, mk)
}

// receiptDocIn is receiptDoc in language l; the name gets the suffix "_ar"
// or "_en".
func receiptDocIn(l i18n.Lang, name string, sandbox bool, mk func(testing.TB) Deposit) document {
	if l != i18n.FR {
		name += "_" + string(l)
	}
	return document{name: "receipt_" + name, sandbox: sandbox, lang: l, render: func(t *testing.T) []byte {
		d := mk(t)
		d.Lang = l
		pdf, err := Receipt(d)
		if err != nil {
			t.Fatal(err)
		}
		return pdf
	}}
}

func summaryDoc(name string, sandbox bool, mk func(testing.TB) Summary) document {
	return summaryDocIn(i18n.FR, name, sandbox, mk)
}

func summaryDocIn(l i18n.Lang, name string, sandbox bool, mk func(testing.TB) Summary) document {
	if l != i18n.FR {
		name += "_" + string(l)
	}
	return document{name: "summary_" + name, sandbox: sandbox, lang: l, render: func(t *testing.T) []byte {
		s := mk(t)
		s.Sandbox = sandbox
		s.Lang = l
		pdf, err := SummaryPDF(s)
		if err != nil {
			t.Fatal(err)
		}
		return pdf
	}}
}

// goldenDocs are the documents whose text is compared with testdata/*.golden.txt.
var goldenDocs = []document{
	receiptDoc("normal", false, normalDeposit),
	receiptDoc("sandbox", true, sandboxDeposit),
	receiptDoc("manual", false, manualDeposit),
	receiptDoc("complementary", false, complementaryDeposit),
	summaryDoc("small", false, vectorSummary),
	receiptDocIn(i18n.AR, "normal", false, normalDeposit),
	receiptDocIn(i18n.AR, "sandbox", true, sandboxDeposit),
	receiptDocIn(i18n.AR, "manual", false, manualDeposit),
	receiptDocIn(i18n.AR, "complementary", false, complementaryDeposit),
	summaryDocIn(i18n.AR, "small", false, vectorSummary),
	receiptDocIn(i18n.EN, "normal", false, normalDeposit),
	receiptDocIn(i18n.EN, "sandbox", true, sandboxDeposit),
	receiptDocIn(i18n.EN, "manual", false, manualDeposit),
	summaryDocIn(i18n.EN, "small", false, vectorSummary),
}

// TestGoldenText compares the text of each document (pdftotext -layout,
// the diagonal watermark left out) with its golden file; -update rewrites them.
func TestGoldenText(t *testing.T) {
	for _, doc := range goldenDocs {
		t.Run(doc.name, func(t *testing.T) {
			got := pdfToText(t, doc.render(t), "-layout", "-nodiag")
			file := filepath.Join("testdata", doc.name+".golden.txt")
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("text differs from %s (go test -update rewrites it):\n%s", file, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff shows the first differing lines.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + itoa(i+1) + ":\n- " + a + "\n+ " + b
		}
	}
	return "(whitespace only)"
}

func itoa(n int) string { return formatInt(int64(n)) }

// pageTexts splits pdftotext output into pages.
func pageTexts(text string) []string {
	p := strings.Split(text, "\f")
	if len(p) > 0 && strings.TrimSpace(p[len(p)-1]) == "" {
		p = p[:len(p)-1]
	}
	return p
}

// runeCounts counts the non-space runes of s.
func runeCounts(s string) map[rune]int {
	m := map[rune]int{}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			m[r]++
		}
	}
	return m
}

// diagonalText returns, for each page, the runes pdftotext sees only when
// diagonal text is kept: exactly the watermark's.
func diagonalText(t *testing.T, pdf []byte) []map[rune]int {
	all := pageTexts(pdfToText(t, pdf, "-raw"))
	flat := pageTexts(pdfToText(t, pdf, "-raw", "-nodiag"))
	if len(all) != len(flat) {
		t.Fatalf("%d pages with diagonal text, %d without", len(all), len(flat))
	}
	out := make([]map[rune]int, len(all))
	for i := range all {
		a, f := runeCounts(all[i]), runeCounts(flat[i])
		diff := map[rune]int{}
		for r, n := range a {
			if n -= f[r]; n != 0 {
				diff[r] = n
			}
		}
		for r, n := range f {
			if _, ok := a[r]; !ok {
				diff[r] = -n
			}
		}
		out[i] = diff
	}
	return out
}

// letters leaves out the spaces and the bidi embedding marks of rune counts.
func letters(c map[rune]int) map[rune]int {
	out := map[rune]int{}
	for r, n := range c {
		if r != ' ' && (r < 0x202A || r > 0x202E) {
			out[r] = n
		}
	}
	return out
}

func sameCounts(a, b map[rune]int) bool {
	if len(a) != len(b) {
		return false
	}
	for r, n := range a {
		if b[r] != n {
			return false
		}
	}
	return true
}

// TestWatermark: the diagonal text of every page of a sandbox document is
// exactly the watermark, once; other documents have no diagonal text at all.
func TestWatermark(t *testing.T) {
	docs := append(slices.Clone(goldenDocs),
		summaryDoc("small_sandbox", true, vectorSummary),
		summaryDoc("multipage_sandbox", true, func(tb testing.TB) Summary { return bigSummary(tb, 150, 12) }),
		summaryDoc("multipage", false, func(tb testing.TB) Summary { return bigSummary(tb, 150, 12) }),
		summaryDocIn(i18n.AR, "multipage_sandbox", true, func(tb testing.TB) Summary { return bigSummary(tb, 150, 12) }),
	)
	for _, doc := range docs {
		t.Run(doc.name, func(t *testing.T) {
			mark := WatermarkIn(doc.lang)
			if doc.lang == i18n.AR {
				mark = visual(mark, true, true)
			}
			want := runeCounts(mark)
			if doc.lang == i18n.AR {
				// pdftotext puts the right-to-left text back in logical order
				// between embedding marks, and drops the spaces of it.
				want = letters(want)
			}
			pdf := doc.render(t)
			diag := diagonalText(t, pdf)
			if strings.HasPrefix(doc.name, "summary_multipage_sandbox") && len(diag) < 3 {
				t.Fatalf("%d pages, want several", len(diag))
			}
			for i, d := range diag {
				if doc.lang == i18n.AR {
					d = letters(d)
				}
				switch {
				case doc.sandbox && !sameCounts(d, want):
					t.Errorf("page %d: diagonal text %v, want the watermark %q", i+1, d, mark)
				case !doc.sandbox && len(d) != 0:
					t.Errorf("page %d: unexpected diagonal text %v", i+1, d)
				}
			}
		})
	}
}

// TestAccentsAndAmounts: accented text and French amounts survive extraction.
func TestAccentsAndAmounts(t *testing.T) {
	d := normalDeposit(t)
	d.Totals.Real = domain.Money(123456)
	d.Operator = "Hélène Benchekroun-Çelik"
	pdf, err := Receipt(d)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfToText(t, pdf, "-nodiag")
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{"1 234,56 MAD", "12 500,00 MAD", "3 209,55 MAD", "Crèmerie", "d'Équipements", "Façades",
		"Rénovation", "Aïn Sebaâ", "Hélène Benchekroun-Çelik", "Déclaration principale", "Reçu de dépôt", "Période", "janvier 2026"} {
		if !strings.Contains(flat, want) {
			t.Errorf("%q missing from the text", want)
		}
	}
	for _, r := range "éèçÉ" {
		if !strings.ContainsRune(text, r) {
			t.Errorf("%q missing from the text", r)
		}
	}
	if strings.Contains(text, "\uFFFD") || strings.Contains(text, "?") {
		t.Error("replacement characters in the text")
	}
}

// TestRender: every document renders (pdftoppm), with the expected page
// count, and no page is blank.
func TestRender(t *testing.T) {
	tool := poppler(t, "pdftoppm")
	docs := append(slices.Clone(goldenDocs), summaryDoc("multipage_sandbox", true, func(tb testing.TB) Summary { return bigSummary(tb, 150, 12) }))
	for _, doc := range docs {
		t.Run(doc.name, func(t *testing.T) {
			pdf := doc.render(t)
			n := pages(t, pdf)
			if strings.HasPrefix(doc.name, "receipt_") && n != 1 {
				t.Errorf("%d pages, want 1", n)
			}
			dir := t.TempDir()
			out, err := exec.Command(tool, "-png", "-r", "50", writePDF(t, pdf), filepath.Join(dir, "p")).CombinedOutput()
			if err != nil {
				t.Fatalf("pdftoppm: %v: %s", err, out)
			}
			files, _ := filepath.Glob(filepath.Join(dir, "p*.png"))
			if len(files) != n {
				t.Fatalf("%d images for %d pages", len(files), n)
			}
			for _, f := range files {
				img := readPNG(t, f)
				if dark := inkRatio(img); dark < 0.01 {
					t.Errorf("%s: nearly blank (%.4f of the pixels inked)", filepath.Base(f), dark)
				}
			}
		})
	}
}

func readPNG(t testing.TB, file string) image.Image {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// inkRatio is the share of pixels that are not (nearly) white.
func inkRatio(img image.Image) float64 {
	b := img.Bounds()
	ink := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xE000 || g < 0xE000 || bl < 0xE000 {
				ink++
			}
		}
	}
	return float64(ink) / float64(b.Dx()*b.Dy())
}

// TestQRCode: the QR code carries the acknowledgement number and the digest;
// it is drawn as one rectangle per run of dark modules, and a QR decoder
// reads the payload back from a rendering of the page.
func TestQRCode(t *testing.T) {
	for _, tc := range []struct {
		name string
		dep  Deposit
		ack  string
	}{
		{"platform", normalDeposit(t), "ACK-2026-000123"},
		{"manual", manualDeposit(t), "DAM-2026-55421"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pdf, info, err := renderReceipt(tc.dep)
			if err != nil {
				t.Fatal(err)
			}
			want := "TASRIH|ACK=" + tc.ack + "|SHA256=" + tc.dep.SHA256
			if info.qrPayload != want {
				t.Fatalf("payload %q, want %q", info.qrPayload, want)
			}
			size, runs, err := qrMatrix(want)
			if err != nil {
				t.Fatal(err)
			}
			if info.qrRects != len(runs) || len(runs) == 0 {
				t.Errorf("%d rectangles drawn, want %d", info.qrRects, len(runs))
			}
			// The runs are exactly the dark modules of the encoder's matrix.
			code := mustQR(t, want)
			dark := 0
			for y := 0; y < size; y++ {
				for x := 0; x < size; x++ {
					if code.Black(x, y) {
						dark++
					}
				}
			}
			covered := 0
			for _, r := range runs {
				for x := r.x; x < r.x+r.n; x++ {
					if !code.Black(x, r.y) {
						t.Fatalf("run %+v covers a light module", r)
					}
					covered++
				}
			}
			if covered != dark {
				t.Fatalf("runs cover %d modules, %d are dark", covered, dark)
			}
			if got := decodeQR(t, pdf); got != want {
				t.Errorf("decoded %q, want %q", got, want)
			}
		})
	}
}

// decodeQR renders the page and reads the QR code with a decoder.
func decodeQR(t *testing.T, pdf []byte) string {
	tool := poppler(t, "pdftoppm")
	dir := t.TempDir()
	// The QR code is in the top-right corner: render that corner only
	// (150 dpi: the page is 1240 pixels wide).
	out, err := exec.Command(tool, "-png", "-r", "150", "-singlefile", "-x", "880", "-y", "0", "-W", "360", "-H", "330",
		writePDF(t, pdf), filepath.Join(dir, "p")).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(readPNG(t, filepath.Join(dir, "p.png")))
	if err != nil {
		t.Fatal(err)
	}
	res, err := gozxingqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("QR code not decoded: %v", err)
	}
	return res.GetText()
}

func TestQRPayloadEscaping(t *testing.T) {
	for _, tc := range []struct{ ack, want string }{
		{"ACK-1", "TASRIH|ACK=ACK-1|SHA256=ab"},
		{"a|b", "TASRIH|ACK=a%7Cb|SHA256=ab"},
		{"50% off", "TASRIH|ACK=50%25%20off|SHA256=ab"},
		{"réf", "TASRIH|ACK=r%C3%A9f|SHA256=ab"},
		{"x=y", "TASRIH|ACK=x=y|SHA256=ab"},
	} {
		if got := QRPayload(tc.ack, "AB"); got != tc.want {
			t.Errorf("QRPayload(%q) = %q, want %q", tc.ack, got, tc.want)
		}
	}
}

// TestDeterministic: the same input gives the same bytes, whatever the
// time and the number of renderings.
func TestDeterministic(t *testing.T) {
	docs := append(slices.Clone(goldenDocs), summaryDoc("big", true, func(tb testing.TB) Summary { return bigSummary(tb, 600, 30) }))
	for _, doc := range docs {
		t.Run(doc.name, func(t *testing.T) {
			a := doc.render(t)
			time.Sleep(1100 * time.Millisecond / time.Duration(len(docs))) // a clock-dependent field would show
			b := doc.render(t)
			if !bytes.Equal(a, b) {
				t.Fatal("two renderings of the same input differ")
			}
		})
	}
}

// TestDocumentDates: the PDF's creation and modification dates are the
// deposit's (acceptance, else deposit, else the manual date), in Casablanca
// time; a summary without a date uses the first day after the period.
func TestDocumentDates(t *testing.T) {
	noDates := manualDeposit(t)
	noDates.DepositedAt = time.Time{}
	for _, tc := range []struct {
		name string
		pdf  func() ([]byte, error)
		want string
	}{
		{"accepted", func() ([]byte, error) { return Receipt(normalDeposit(t)) }, "D:20260205101600"},
		{"manual, recorded", func() ([]byte, error) { return Receipt(manualDeposit(t)) }, "D:20260209174000"},
		{"manual, date only", func() ([]byte, error) { return Receipt(noDates) }, "D:20260209000000"},
		{"summary", func() ([]byte, error) { return SummaryPDF(vectorSummary(t)) }, "D:20260205101600"},
		{"summary without date", func() ([]byte, error) {
			s := vectorSummary(t)
			s.CreatedAt = time.Time{}
			return SummaryPDF(s)
		}, "D:20260201000000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pdf, err := tc.pdf()
			if err != nil {
				t.Fatal(err)
			}
			for _, key := range []string{"/CreationDate (", "/ModDate ("} {
				if !bytes.Contains(pdf, []byte(key+tc.want+")")) {
					t.Errorf("%s is not %s", key, tc.want)
				}
			}
		})
	}
}

// TestConcurrentRendering: documents rendered from many goroutines at once
// are the same as rendered alone (the fonts are shared).
func TestConcurrentRendering(t *testing.T) {
	deps := []Deposit{normalDeposit(t), sandboxDeposit(t), manualDeposit(t), complementaryDeposit(t)}
	want := make([][]byte, len(deps))
	for i, d := range deps {
		var err error
		if want[i], err = Receipt(d); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			i := g % len(deps)
			got, err := Receipt(deps[i])
			if err == nil && !bytes.Equal(got, want[i]) {
				err = errors.New("concurrent rendering differs")
			}
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestReceiptInvalid(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(*Deposit)
		field string
	}{
		{"no affiliation", func(d *Deposit) { d.Employer.Affiliation = " " }, "employer.affiliation"},
		{"bad period", func(d *Deposit) { d.Period = domain.Period{Year: 2026, Month: 13} }, "period"},
		{"bad sequence", func(d *Deposit) { d.Sequence = 10 }, "sequence"},
		{"complementary without n", func(d *Deposit) { d.Kind = declaration.Complementary }, "sequence"},
		{"principal with n", func(d *Deposit) { d.Sequence = 2 }, "sequence"},
		{"unknown kind", func(d *Deposit) { d.Kind = "rectificative" }, "kind"},
		{"no file", func(d *Deposit) { d.FileName = "" }, "file_name"},
		{"short digest", func(d *Deposit) { d.SHA256 = "abc" }, "sha256"},
		{"non-hex digest", func(d *Deposit) { d.SHA256 = strings.Repeat("z", 64) }, "sha256"},
		{"no ack", func(d *Deposit) { d.AcknowledgementNumber = "" }, "acknowledgement_number"},
		{"no deposit time", func(d *Deposit) { d.DepositedAt = time.Time{} }, "deposited_at"},
		{"manual without reference", func(d *Deposit) { d.Manual = &ManualEvidence{DepositDate: domain.Date{Year: 2026, Month: 2, Day: 9}} }, "manual.deposit_reference"},
		{"manual without date", func(d *Deposit) { d.Manual = &ManualEvidence{DepositReference: "X"} }, "manual.deposit_date"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := normalDeposit(t)
			tc.edit(&d)
			pdf, err := Receipt(d)
			var ue *i18n.Error
			if pdf != nil || !errors.As(err, &ue) || ue.Code != CodeInvalid || ue.Field != tc.field {
				t.Fatalf("got %v (%T), want %s on %s", err, err, CodeInvalid, tc.field)
			}
			for _, l := range i18n.Langs {
				if msg := i18n.Message(err, l); msg == "" || strings.Contains(msg, "%!") {
					t.Errorf("%s message %q", l, msg)
				}
			}
		})
	}
}

// TestOnTime: the deposit day is taken in Casablanca time; a manual deposit
// counts from its declared date; the due date defaults to the 10th.
func TestOnTime(t *testing.T) {
	casa := casablanca()
	for _, tc := range []struct {
		name string
		edit func(*Deposit)
		want bool
	}{
		{"before", func(d *Deposit) { d.DepositedAt = time.Date(2026, 2, 5, 10, 0, 0, 0, casa) }, true},
		{"on the due day, late evening", func(d *Deposit) { d.DepositedAt = time.Date(2026, 2, 10, 23, 59, 0, 0, casa) }, true},
		{"after midnight Casablanca, still the 10th in UTC", func(d *Deposit) { d.DepositedAt = time.Date(2026, 2, 10, 23, 30, 0, 0, time.UTC) }, false},
		{"the day after", func(d *Deposit) { d.DepositedAt = time.Date(2026, 2, 11, 8, 0, 0, 0, casa) }, false},
		{"overridden due date", func(d *Deposit) {
			d.DueDate = domain.Date{Year: 2026, Month: 2, Day: 15}
			d.DepositedAt = time.Date(2026, 2, 14, 8, 0, 0, 0, casa)
		}, true},
		{"default due date", func(d *Deposit) {
			d.DueDate = domain.Date{}
			d.DepositedAt = time.Date(2026, 2, 10, 8, 0, 0, 0, casa)
		}, true},
		{"manual: the declared date counts", func(d *Deposit) {
			d.Manual = &ManualEvidence{DepositReference: "R", DepositDate: domain.Date{Year: 2026, Month: 2, Day: 9}}
			d.DepositedAt = time.Date(2026, 2, 20, 8, 0, 0, 0, casa) // recorded later
		}, true},
		{"manual: late", func(d *Deposit) {
			d.Manual = &ManualEvidence{DepositReference: "R", DepositDate: domain.Date{Year: 2026, Month: 2, Day: 11}}
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := normalDeposit(t)
			tc.edit(&d)
			if got := d.OnTime(); got != tc.want {
				t.Fatalf("OnTime = %v, want %v", got, tc.want)
			}
			text := pdfToText(t, mustReceipt(t, d), "-layout", "-nodiag")
			want := "Dans les délais +Oui"
			if !tc.want {
				want = "Dans les délais +Non — dépôt après la date limite"
			}
			if !matchLine(text, want) {
				t.Errorf("no line %q in the receipt", want)
			}
		})
	}
}

func mustQR(t testing.TB, payload string) *qr.Code {
	t.Helper()
	c, err := qr.Encode(payload, qr.M)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustReceipt(t testing.TB, d Deposit) []byte {
	t.Helper()
	pdf, err := Receipt(d)
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

// TestLongTexts: very long names wrap on the receipt (still one page) and are
// cut with "…" where a cell cannot grow; nothing fails.
func TestLongTexts(t *testing.T) {
	// The longest values the store accepts: a 120-character name, a
	// 100-character acknowledgement number and payment reference.
	name := strings.TrimSpace(strings.Repeat("Compagnie Générale d'Études Économiques ", 3))
	name += strings.Repeat(" Maroc", (120-len([]rune(name)))/6)
	d := normalDeposit(t)
	d.Employer.Name = name
	d.Operator = strings.Repeat("Opérateur ", 6)
	d.AcknowledgementNumber = strings.Repeat("A", 100)
	d.PaymentReference = strings.Repeat("P", 100)
	pdf := mustReceipt(t, d)
	if n := pages(t, pdf); n != 1 {
		t.Errorf("receipt on %d pages", n)
	}
	// Wrapped values continue on the next lines of their column: without
	// the white space, the layout text holds them whole.
	text := strings.Join(strings.Fields(pdfToText(t, pdf, "-layout", "-nodiag")), "")
	for _, want := range []string{name, d.AcknowledgementNumber, d.PaymentReference} {
		if !strings.Contains(text, strings.Join(strings.Fields(want), "")) {
			t.Errorf("%q is not entirely on the receipt", want)
		}
	}

	// Longer than anything the store accepts: more pages, no failure.
	d.Employer.Name = strings.Repeat(name+" ", 6)
	if n := pages(t, mustReceipt(t, d)); n < 1 {
		t.Errorf("%d pages", n)
	}

	s := vectorSummary(t)
	s.Employer.Name = d.Employer.Name
	s.Decl.Lines[0].Name = strings.Repeat("W", 60)
	out, err := SummaryPDF(s)
	if err != nil {
		t.Fatal(err)
	}
	text = pdfToText(t, out, "-layout", "-nodiag")
	if !strings.Contains(text, "…") {
		t.Error("no truncation mark for the running header")
	}
}

func TestPDFText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ASCII only", "ASCII only"},
		{"Société Générale — Œuvre « É » 1 234,56 €", "Société Générale — Œuvre « É » 1 234,56 €"},
		{"e\u0301te\u0301", "été"}, // NFD → NFC
		{"Ǎǐ", "Ai"},               // outside the repertoire: diacritic dropped
		{"ﬁn", "fin"},              // ligature spelt out
		{"a\tb\nc", "a b c"},       // spaces and control characters
		{"c\u200bd\ufeff", "cd"},   // format characters dropped
		{"شركة", "????"},           // Arabic is not shaped: not shown
		{"x\xffy", "x?y"},          // invalid UTF-8
		{"😀", "?"},
	} {
		if got := pdfText(tc.in); got != tc.want {
			t.Errorf("pdfText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// matchLine reports whether a line of text matches pattern, where " +"
// stands for one or more spaces.
func matchLine(text, pattern string) bool {
	parts := strings.Split(pattern, " +")
	for _, l := range strings.Split(text, "\n") {
		rest := strings.TrimSpace(l)
		ok := true
		for i, p := range parts {
			if i > 0 {
				trimmed := strings.TrimLeft(rest, " ")
				if trimmed == rest {
					ok = false
					break
				}
				rest = trimmed
			}
			if !strings.HasPrefix(rest, p) {
				ok = false
				break
			}
			rest = rest[len(p):]
		}
		if ok {
			return true
		}
	}
	return false
}

// TestManualRecordedAt: "Enregistré dans Tasrih le" is when the evidence was
// recorded, not the deposit date at midnight (the walk of issue 15 showed
// 01:00 for a deposit recorded mid-morning); a receipt made before the time
// was kept shows the deposit time.
func TestManualRecordedAt(t *testing.T) {
	d := manualDeposit(t)
	d.DepositedAt = d.Manual.DepositDate.Time()
	d.Manual.RecordedAt = utc(2026, 2, 9, 10, 12)
	pdf, err := Receipt(d)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfToText(t, pdf, "-layout")
	if !matchLine(text, "Enregistré dans Tasrih le +09/02/2026 11:12") {
		t.Errorf("recorded time not shown:\n%s", text)
	}
	d.Manual.RecordedAt = time.Time{}
	if pdf, err = Receipt(d); err != nil {
		t.Fatal(err)
	}
	if text := pdfToText(t, pdf, "-layout"); !matchLine(text, "Enregistré dans Tasrih le +09/02/2026 01:00") {
		t.Errorf("without RecordedAt, the deposit time:\n%s", text)
	}
}
