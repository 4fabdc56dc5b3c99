package importer

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
)

// samePayroll fails when readPlainPayroll reads data (a payroll file)
// otherwise than readPayrollRef: rows accepted that the reference refuses,
// or other rows, fields or lines. It reports whether the one-pass reader
// read it (false: ReadPayroll falls back to the reference) and whether the
// reference accepts it.
func samePayroll(t *testing.T, data string, lim csvLimits) (read, valid bool) {
	t.Helper()
	text, comma, err := payrollText("p.csv", strings.NewReader(data))
	if err != nil {
		return false, false
	}
	want, err := readPayrollRef("p.csv", text, comma, lim)
	got, ok := readPlainPayroll(text, comma, lim)
	if !ok {
		return false, err == nil
	}
	if err != nil {
		t.Fatalf("%q (limits %+v): the one-pass reader accepts what the reference refuses: %v", data, lim, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q (limits %+v):\none-pass  %+v\nreference %+v", data, lim, got, want)
	}
	return true, true
}

// Cells of every kind, usual and not: spaces, separators, non-ASCII, and the
// malformed amounts and days a spreadsheet produces.
var (
	payCells = map[string][]string{
		"immatriculation": {"123456785", "187654325", "999999999", "000000000", "", " 123456785 ", "1234 56785",
			"12345678", "1234567890", "12345678X", "１２３４５６７８５", "\u00a0123456785", "-12345678", "+12345678"},
		"cin":       {"", "BK123456", "bk 123456", " BK123456 ", "A1", "é12", "\u00a0BK1", "ǆ1", "AB\t12", "A\u0085B"},
		"last_name": {"ALAMI", "El Fassi", "", " x ", "é", "\u00a0", "a\tb", "\u2028", "BEN\u00a0ALI", "Ⅻ"},
		"days": {"26", "0", "", "  7 ", "-0", "+5", "0026", "00026", "12345", "x", "2.5", "٢٦", "-3", "26 ", "2 6",
			"9999", "\u00a026", "1e1", "0x1A"},
		"salary": {"8000", "8000,5", "3291.07", "", "1 234,56", "1.234,56", "-0", "12,5", "  7 ", "8.000", "1e3",
			"8000 DH", "0,001", "99999999999999999", "9999999999999999", "00000000000000001234", "1\u00a0234,56",
			"'", "1'234.50", ",5", "5,", "-1", "+8000", "٨٠٠٠", "8000.00MAD", "1,234,567", "1.234.567,89"},
		"situation": {"", "SO", "so", "CS", "XYZ", "é", "ǅ", "ı", "ɐ", " s ", "S", "Mp", "ß", "\u00a0SO"},
	}
	payAliases = map[string][]string{
		"immatriculation": {"immatriculation", "Immat", "N° immatriculation", "IMMATRICULATION"},
		"cin":             {"cin", "CIN"},
		"last_name":       {"nom", "Nom", "last_name", "lastname"},
		"first_name":      {"prenom", "Prénom", "first name"},
		"days":            {"jours", "Jours", "nb jours", "days"},
		"salary":          {"salaire", "Salaire brut", "gross", "salary"},
		"situation":       {"situation", "Situation"},
	}
	payKinds = []string{"immatriculation", "cin", "last_name", "first_name", "days", "salary", "situation"}
)

// randomPayroll writes a payroll of a few rows: columns in any order (the
// required ones almost always), aliases, both separators, LF or CRLF, blank
// lines, trailing separators, missing cells, and cells of payCells.
func randomPayroll(r *rand.Rand) string {
	kinds := []string{"immatriculation", "days", "salary"}
	for _, k := range []string{"cin", "last_name", "first_name", "situation"} {
		if r.IntN(3) > 0 {
			kinds = append(kinds, k)
		}
	}
	r.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	if r.IntN(20) == 0 {
		kinds = kinds[:1+r.IntN(len(kinds))] // perhaps without a required column
	}
	sep := ";"
	if r.IntN(3) == 0 {
		sep = ","
	}
	eol := "\n"
	if r.IntN(3) == 0 {
		eol = "\r\n"
	}
	var b strings.Builder
	for i, k := range kinds {
		if i > 0 {
			b.WriteString(sep)
		}
		if r.IntN(8) == 0 {
			b.WriteString(" ")
		}
		al := payAliases[k]
		b.WriteString(al[r.IntN(len(al))])
	}
	if r.IntN(6) == 0 {
		b.WriteString(sep) // a trailing separator on the header
	}
	for range r.IntN(7) {
		b.WriteString(eol)
		switch r.IntN(12) {
		case 0:
			continue // an empty line
		case 1:
			b.WriteString([]string{" ", "\t", "\u00a0", sep + sep, " " + sep, strings.Repeat(" ", r.IntN(70))}[r.IntN(6)])
			continue
		}
		n := len(kinds)
		switch r.IntN(10) {
		case 0:
			n -= 1 + r.IntN(n) // too few cells
		case 1:
			n += 1 + r.IntN(3) // trailing cells
		}
		for i := range n {
			if i > 0 {
				b.WriteString(sep)
			}
			if i >= len(kinds) {
				if r.IntN(4) == 0 {
					b.WriteString("x")
				} else if r.IntN(2) == 0 {
					b.WriteString(" ")
				}
				continue
			}
			pool := payCells[kinds[i]]
			if pool == nil || r.IntN(30) == 0 {
				pool = []string{strings.Repeat("X", r.IntN(64))} // a name of any length
			}
			// Usual cells (the first of each pool) most of the time, with
			// a decimal point in a comma-separated file.
			if r.IntN(8) > 0 {
				c := pool[r.IntN(min(3, len(pool)))]
				if sep == "," {
					c = strings.ReplaceAll(c, ",", ".")
				}
				b.WriteString(c)
			} else {
				b.WriteString(pool[r.IntN(len(pool))])
			}
		}
	}
	if r.IntN(2) == 0 {
		b.WriteString(eol)
	}
	return b.String()
}

// alterations are the single-byte changes tried at every position of a
// valid payroll: a digit into a letter, a space, a separator of either
// kind, a line end, a lone CR, a quote, a non-ASCII letter or space, the
// byte removed or doubled.
var alterations = []func(s string, i int) string{
	func(s string, i int) string { return s[:i] + "A" + s[i+1:] },
	func(s string, i int) string { return s[:i] + " " + s[i+1:] },
	func(s string, i int) string { return s[:i] + ";" + s[i+1:] },
	func(s string, i int) string { return s[:i] + "," + s[i+1:] },
	func(s string, i int) string { return s[:i] + "\n" + s[i+1:] },
	func(s string, i int) string { return s[:i] + "\r" + s[i+1:] },
	func(s string, i int) string { return s[:i] + "\"" + s[i+1:] },
	func(s string, i int) string { return s[:i] + "é" + s[i+1:] },
	func(s string, i int) string { return s[:i] + "\u00a0" + s[i+1:] },
	func(s string, i int) string { return s[:i] + "-" + s[i+1:] },
	func(s string, i int) string { return s[:i] + "." + s[i+1:] },
	func(s string, i int) string { return s[:i] + s[i+1:] },
	func(s string, i int) string { return s[:i+1] + s[i:] },
	func(s string, i int) string { return s[:i] + "\xff" + s[i+1:] },
}

// randomLimits are the package's limits or small ones, so that every limit
// is reached now and then on a few rows.
func randomLimits(r *rand.Rand) csvLimits {
	lim := payrollLimits
	if r.IntN(4) == 0 {
		lim.columns = 1 + r.IntN(9)
	}
	if r.IntN(4) == 0 {
		lim.cell = 1 + r.IntN(60)
	}
	if r.IntN(4) == 0 {
		lim.rows = r.IntN(8)
	}
	return lim
}

// TestPlainPayrollAgrees: the one-pass reader and the reference agree on
// 100 000 random payrolls under random limits, and on every single-byte
// alteration of valid payrolls; the one-pass reader reads most of them (a
// test that it always declined would prove nothing).
func TestPlainPayrollAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	read, valid, n := 0, 0, 50_000
	if testing.Short() {
		n = 10_000
	}
	for range n {
		ok, v := samePayroll(t, randomPayroll(r), randomLimits(r))
		if ok {
			read++
		}
		if v {
			valid++
		}
	}
	// The one-pass reader declines only what is rare in a payroll: a line
	// longer than the cell limit, an unusual cell. It reads most valid ones.
	if read < valid*9/10 || valid < n/5 {
		t.Fatalf("the one-pass reader read %d of the %d valid payrolls of %d", read, valid, n)
	}
	t.Logf("one-pass reader: %d of the %d valid payrolls of %d", read, valid, n)

	bases := []string{
		head + "123456785;;ALAMI;AHMED;26;8000,50;\n;BK123456;IDRISSI;OMAR;20;4500.5;SO\r\n999999999;;;;3;900;\n",
		"immatriculation,days,salary,\n123456785,26,8000.5,\n\n187654325,0,0,\n",
		" Salaire brut ; Jours ; Immat\r\n1 234,56 ; 7 ;123456785\r\n  \r\n12,5;0026;187654325",
	}
	for _, base := range bases {
		if ok, _ := samePayroll(t, base, payrollLimits); !ok {
			t.Fatalf("the one-pass reader declined a valid payroll: %q", base)
		}
		read, valid := 0, 0
		for i := range len(base) {
			for _, alter := range alterations {
				ok, v := samePayroll(t, alter(base, i), payrollLimits)
				if ok {
					read++
				}
				if v {
					valid++
				}
				for _, lim := range []csvLimits{{3, 256, 1 << 20}, {256, 12, 1 << 20}, {256, 1 << 20, 3}} {
					samePayroll(t, alter(base, i), lim)
				}
			}
		}
		if read < valid/2 {
			t.Fatalf("the one-pass reader read %d of the %d valid alterations of %q", read, valid, base)
		}
	}
}

// TestPlainPayrollLimits: at and just beyond each of the package's limits
// the two readings agree, and ReadPayroll still refuses the file with the
// limit's code.
func TestPlainPayrollLimits(t *testing.T) {
	h := "immatriculation;jours;salaire;nom\n"
	cell := func(n int) string { return strings.Repeat("x", n) }
	for _, tc := range []struct {
		name, data, code string
	}{
		{"line at the cell limit", h + "123456785;1;5;" + cell(MaxCellLength-14) + "\n", ""},
		{"line at the cell limit with CRLF", h + "123456785;1;5;" + cell(MaxCellLength-15) + "\r\n", ""},
		{"cell at the limit", h + "123456785;1;5;" + cell(MaxCellLength) + "\n", ""},
		{"cell at the limit, CR over it", h + "1;1;5;" + cell(MaxCellLength) + "\r\n", CodeCellTooLong},
		{"cell over the limit", h + "1;1;5;" + cell(MaxCellLength+1) + "\n", CodeCellTooLong},
		{"blank line over the limit", h + "123456785;1;5;x\n" + strings.Repeat(" ", MaxCellLength+1) + "\n", CodeCellTooLong},
		{"CR line at the limit", h + strings.Repeat(" ", MaxCellLength-1) + "\r\n", ""},
		{"CR line over the limit", h + strings.Repeat(" ", MaxCellLength) + "\r\n", CodeCellTooLong},
		{"leading blanks count", h + "123456785;1;5;" + strings.Repeat(" ", MaxCellLength) + "x\n", CodeCellTooLong},
		{"columns at the limit", h + "123456785;1;5;x" + strings.Repeat(";", MaxColumns-4) + "\n", ""},
		{"columns over the limit", h + "123456785;1;5;x" + strings.Repeat(";", MaxColumns-3) + "\n", CodeTooManyColumns},
		{"header columns over the limit", "immatriculation;jours;salaire" + strings.Repeat(";", MaxColumns) + "\n", CodeTooManyColumns},
		{"rows at the limit", h + strings.Repeat("123456785;1;5;x\n", MaxRows-1), ""},
		{"rows over the limit", h + strings.Repeat("123456785;1;5;x\n", MaxRows), CodeTooManyRows},
		{"blank rows over the limit", h + strings.Repeat("\n", MaxRows), CodeTooManyRows},
	} {
		t.Run(tc.name, func(t *testing.T) {
			samePayroll(t, tc.data, payrollLimits)
			_, err := ReadPayroll("paie.csv", strings.NewReader(tc.data))
			if tc.code == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			wantUserError(t, err, tc.code)
		})
	}
}

// TestPlainPayrollReadsUsualFiles: the usual payrolls go through the
// one-pass reader (the speed of `tasrih declare` depends on it).
func TestPlainPayrollReadsUsualFiles(t *testing.T) {
	pay, _ := payroll10k(t)
	big := string(pay)
	for name, data := range map[string]string{
		"BenchmarkDeclare10k": big,
		"CRLF":                strings.ReplaceAll(big, "\n", "\r\n"),
		"commas and blanks":   strings.ReplaceAll(strings.ReplaceAll(big, ",", "."), ";", " , ") + "\n\n",
		"BOM, lower case":     "\ufeff" + strings.ToLower(big),
		"trailing cells":      strings.Replace(strings.ReplaceAll(big, "\n", ";;\n"), ";;\n", "\n", 1),
	} {
		text, comma, err := payrollText("p.csv", strings.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rows, ok := readPlainPayroll(text, comma, payrollLimits)
		if !ok || len(rows) != 10_500 {
			t.Fatalf("%s: the one-pass reader declined it (%v, %d rows)", name, ok, len(rows))
		}
		samePayroll(t, data, payrollLimits)
	}
}

// FuzzPlainPayroll: on any text, under the package's limits and small ones,
// what the one-pass reader reads, the reference reads the same way.
func FuzzPlainPayroll(f *testing.F) {
	f.Add(head+"123456785;;ALAMI;AHMED;26;8000,50;\r\n;bk 1;X;Y;0026; 1 234,56 ;so\n\n", uint8(7), uint8(40), uint8(9))
	f.Add("immatriculation,days,salary,\n123456785,26,8000.5,,\n \n187654325,-0,\u00a012,5", uint8(3), uint8(8), uint8(2))
	f.Add(string(decltest.PayrollCSV(decltest.Preetabli(decltest.Affiliation(1), domain.NewPeriod(2026, 1), 5, 1), 2, 1)),
		uint8(7), uint8(60), uint8(7))
	f.Fuzz(func(t *testing.T, data string, cols, cell, rows uint8) {
		samePayroll(t, data, payrollLimits)
		samePayroll(t, data, csvLimits{columns: 1 + int(cols%10), cell: 1 + int(cell), rows: int(rows % 16)})
	})
}

// declarationInputRef is DeclarationInput as it was written first (one
// look-up and one append per row, the entrants' slice grown): the reference
// of TestDeclarationInputAgrees.
func declarationInputRef(pre *declaration.Preetabli, rows []PayrollRow) declaration.Input {
	in := declaration.Input{Preetabli: pre}
	in.Lines = make([]declaration.MonthLine, 0, len(rows))
	for _, r := range rows {
		if _, ok := pre.Find(r.Immat); ok && r.Immat != "" {
			in.Lines = append(in.Lines, declaration.MonthLine{Immat: r.Immat, Days: r.Days, Gross: r.Gross, Situation: r.Situation, SourceLine: r.Line})
			continue
		}
		in.Entrants = append(in.Entrants, declaration.EntrantLine{Immat: r.Immat, CIN: r.CIN, LastName: r.LastName,
			FirstName: r.FirstName, Days: r.Days, Gross: r.Gross, SourceLine: r.Line})
	}
	return in
}

// TestDeclarationInputAgrees: DeclarationInput splits random rows (préétabli
// employees, entrants with and without an immatriculation, occasional
// labour, a préétabli employee twice, no rows, only entrants, no entrant)
// exactly as the reference does, in the same order.
func TestDeclarationInputAgrees(t *testing.T) {
	x := decltest.Preetabli(decltest.Affiliation(7), domain.NewPeriod(2026, 1), 40, 3)
	raw, err := cnssfile.AppendPreetabli(nil, x)
	if err != nil {
		t.Fatal(err)
	}
	pre, rep := declaration.ReadPreetabli(raw)
	if !rep.Valid() {
		t.Fatal("préétabli refused")
	}
	immats := []string{"", "999999999", "000000000", decltest.Immat(77_777_777)}
	for _, in := range x.Insured {
		immats = append(immats, in.Immat)
	}
	r := rand.New(rand.NewPCG(5, 6))
	for k := range 3000 {
		rows := make([]PayrollRow, r.IntN(12))
		for i := range rows {
			im := immats[r.IntN(len(immats))]
			switch k % 3 {
			case 1:
				im = immats[r.IntN(4)] // only entrants
			case 2:
				im = immats[4+r.IntN(len(immats)-4)] // only préétabli employees
			}
			rows[i] = PayrollRow{Line: 2 + i, Immat: im, CIN: "BK1", LastName: "N", FirstName: "P",
				Days: r.IntN(27), Gross: domain.Money(r.IntN(1e6)), Situation: domain.Situation([]string{"", "SO"}[r.IntN(2)])}
		}
		got, want := DeclarationInput(pre, rows, nil), declarationInputRef(pre, rows)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("rows %+v:\ngot  %+v\nwant %+v", rows, got, want)
		}
	}
	// Payrolls in the préétabli's order (the positional path of FindFrom),
	// with employees skipped, entrants and repeats in between.
	for range 1000 {
		var rows []PayrollRow
		for j := 0; j < len(x.Insured); j++ {
			switch r.IntN(6) {
			case 0:
				continue // skipped
			case 1:
				rows = append(rows, PayrollRow{Immat: immats[r.IntN(4)]}) // entrant
			case 2:
				j = max(0, j-1-r.IntN(3)) // back a few: a repeat
			}
			rows = append(rows, PayrollRow{Immat: x.Insured[j].Immat, Days: 26})
		}
		for i := range rows {
			rows[i].Line = 2 + i
		}
		got, want := DeclarationInput(pre, rows, nil), declarationInputRef(pre, rows)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("rows in order %+v:\ngot  %+v\nwant %+v", rows, got, want)
		}
	}
}

// TestSepMask: sepMask marks exactly the separators of any block of up to
// 64 bytes, at any offset, up to the end of the text.
func TestSepMask(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	alphabet := []byte{';', ',', 0, 1, 'a', 0x80, 0xff, 0x7f, ';' ^ 0x80, '\n', ' ', 0x3a, 0x3c}
	for range 20_000 {
		b := make([]byte, r.IntN(150))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		text := string(b)
		off := r.IntN(len(text) + 1)
		n := min(r.IntN(65), len(text)-off)
		for _, sep := range []byte{';', ','} {
			var want uint64
			for k := range n {
				if text[off+k] == sep {
					want |= 1 << k
				}
			}
			if got := sepMask(text, off, n, uint64(sep)*0x0101010101010101); got != want {
				t.Fatalf("sepMask(%q, %d, %d, %q) = %064b, want %064b", text, off, n, sep, got, want)
			}
		}
	}
}
