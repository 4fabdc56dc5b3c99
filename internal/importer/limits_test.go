package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
)

func TestCSVScanBounds(t *testing.T) {
	row := func(n int) string { return strings.Repeat("x;", n-1) + "x\n" }
	quoted := `"` + strings.Repeat(";", 1000) + "\n" + `""` + `"`
	cases := []struct {
		name, data string
		code       string
	}{
		{"256 columns", "a;b\n" + row(MaxColumns), ""},
		{"257 columns", "a;b\n" + row(MaxColumns+1), CodeTooManyColumns},
		{"separators inside quotes are not columns", "a;b\n" + quoted + ";y\n", ""},
		{"leading blanks before a quote", "a;b\n   " + quoted + ";y\n", ""},
		{"cell at the limit", "a;b\n" + strings.Repeat("é", MaxCellLength/2) + ";y\n", ""},
		{"cell over the limit", "a;b\nx;" + strings.Repeat("1", MaxCellLength+1) + "\n", CodeCellTooLong},
		{"quoted cell over the limit", "a;b\nx;\"" + strings.Repeat("1", MaxCellLength+1) + "\"\n", CodeCellTooLong},
		{"rows at the limit", strings.Repeat("a;b\n", MaxRows), ""},
		{"rows over the limit", strings.Repeat("a;b\n", MaxRows+1), CodeTooManyRows},
		{"tab separated", "a\tb\n" + strings.ReplaceAll(row(MaxColumns+1), ";", "\t"), CodeTooManyColumns},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tb, err := OpenTable("liste.csv", strings.NewReader(tc.data), TableOptions{})
			if err == nil {
				for err == nil {
					_, err = tb.Next()
				}
				if err == io.EOF {
					err = nil
				}
			}
			if tc.code == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			ue := wantUserError(t, err, tc.code)
			if !strings.Contains(ue.In(i18n.FR), "découpez") && !strings.Contains(ue.In(i18n.FR), "raccourcissez") {
				t.Errorf("message does not say what to do: %s", ue.In(i18n.FR))
			}
		})
	}
}

// A long bad cell is quoted as an excerpt, never whole.
func TestMessagesQuoteExcerpts(t *testing.T) {
	st := openStore(t)
	er := createEmployer(t, st, 1)
	long := strings.Repeat("9", 20000)
	line := fmt.Sprintf("%s;%s;NOM;Prénom;%s;2020-01-02;Comptable;%s;%s;%s\n", immatFor(1, 1), cinFor(1), long+"/01/1990", long+",5x", long, ribFor(1))
	p := previewEmployees(t, st, er.ID, "s.csv", empHead+line)
	r := p.Employees[0]
	if len(r.Errors) < 3 {
		t.Fatalf("errors %+v", r.Errors)
	}
	for _, iss := range r.Errors {
		for _, l := range []i18n.Lang{i18n.FR, i18n.AR, i18n.EN} {
			if m := iss.Message.In(l); len(m) > 400 || strings.Contains(m, long[:200]) {
				t.Errorf("%s: message of %d bytes: %.120s…", iss.Code, len(m), m)
			}
		}
	}
	_, err := ReadPayroll("paie.csv", strings.NewReader("immatriculation;jours;salaire\n123456789;"+long+";1000\n"))
	if m := i18n.Message(err, i18n.EN); len(m) > 400 || !strings.Contains(m, "…") {
		t.Errorf("payroll message of %d bytes: %.120s…", len(m), m)
	}
	_, err = ReadPayroll("paie.csv", strings.NewReader("immatriculation;jours;salaire\n123456789;2;"+long+"x\n"))
	if m := i18n.Message(err, i18n.EN); len(m) > 400 || !strings.Contains(m, "…") {
		t.Errorf("payroll money message of %d bytes: %.120s…", len(m), m)
	}
}

func TestPayrollBounds(t *testing.T) {
	head := "immatriculation;jours;salaire\n"
	for _, tc := range []struct{ data, code string }{
		{head + strings.Repeat(";", 1<<20), CodeTooManyColumns},
		{head + "1;2;" + strings.Repeat("1", MaxCellLength+1) + "\n", CodeCellTooLong},
		{head + strings.Repeat("\n", MaxRows+1), CodeTooManyRows},
		{head + "1;2;3\n" + strings.Repeat(";", 60<<20), CodeTooManyColumns},
	} {
		_, err := ReadPayroll("paie.csv", strings.NewReader(tc.data))
		wantUserError(t, err, tc.code)
	}
	// Too large: told by the reader (refused unread), or found by reading.
	_, err := ReadPayroll("paie.csv", lyingLen{iotestErr{errors.New("read")}, MaxPayrollSize + 1})
	wantUserError(t, err, CodeTooLarge)
	_, err = ReadPayroll("paie.csv", io.LimitReader(zeros{}, MaxPayrollSize+1))
	wantUserError(t, err, CodeTooLarge)
}

// TestReadLimitedString: readLimitedString gives what readLimited gives, as
// a string, for readers that tell their size and readers that do not, at,
// below and beyond the limit, for a reader whose size grows (or lies) and
// for a read error; a reader that tells a size beyond the limit is refused
// unread.
func TestReadLimitedString(t *testing.T) {
	const max = 1000
	errDisk := errors.New("disk error")
	for _, size := range []int{0, 1, 999, 1000, 1001, 5000} {
		data := strings.Repeat("x", size)
		for name, mk := range map[string]func() io.Reader{
			"sized":          func() io.Reader { return strings.NewReader(data) },
			"unsized":        func() io.Reader { return io.LimitReader(strings.NewReader(data), int64(size)) },
			"grows by 3":     func() io.Reader { return lyingLen{strings.NewReader(data + "abc"), size} },
			"shrinks by 1":   func() io.Reader { return lyingLen{strings.NewReader(data), size + 1} },
			"error after it": func() io.Reader { return io.MultiReader(strings.NewReader(data), iotestErr{errDisk}) },
		} {
			want, werr := readLimited(mk(), max)
			got, gerr := readLimitedString(mk(), max)
			if gerr != werr || werr == nil && got != string(want) { // (the bytes read before an error do not count)
				t.Errorf("%s %d bytes: readLimitedString %d bytes, %v; readLimited %d bytes, %v", name, size, len(got), gerr, len(want), werr)
			}
		}
	}
	unread := lyingLen{iotestErr{errors.New("read")}, max + 1}
	if _, err := readLimitedString(unread, max); err != errTooBig {
		t.Fatalf("a reader telling %d bytes: %v", max+1, err)
	}
}

// lyingLen tells n as its length, whatever it holds.
type lyingLen struct {
	io.Reader
	n int
}

func (l lyingLen) Len() int { return l.n }

type iotestErr struct{ err error }

func (e iotestErr) Read([]byte) (int, error) { return 0, e.err }

func TestPreviewBudget(t *testing.T) {
	st := openStore(t)
	er := createEmployer(t, st, 1)
	var b strings.Builder
	b.WriteString(empHead)
	for i := 1; i <= 300; i++ {
		b.WriteString(empLine(i))
	}
	tb := csvTableOf(t, "s.csv", b.String())
	_, err := PreviewEmployees(context.Background(), st, tb, PreviewOptions{EmployerID: er.ID, Budget: time.Nanosecond})
	ue := wantUserError(t, err, CodeTimeout)
	if !strings.Contains(ue.In(i18n.EN), "split the file") {
		t.Errorf("message: %s", ue.In(i18n.EN))
	}
	// A cancellation by the user stays a cancellation.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	tb = csvTableOf(t, "s.csv", b.String())
	_, err = PreviewEmployees(ctx, st, tb, PreviewOptions{EmployerID: er.ID})
	wantUserError(t, err, CodeCancelled)
}

// The XLSX scan at and just over each limit (the hostile extremes are in
// hostile_test.go).
func TestXLSXScanBounds(t *testing.T) {
	sheet := func(cells int, ref bool) func(io.Writer) error {
		return func(w io.Writer) error {
			io.WriteString(w, sheetOpen+`<row r="1">`)
			for c := 1; c <= cells; c++ {
				if ref {
					col, _ := columnLetter(c)
					fmt.Fprintf(w, `<c r="%s1" t="inlineStr"><is><t>h%d</t></is></c>`, col, c)
				} else {
					fmt.Fprintf(w, `<c t="inlineStr"><is><t>h%d</t></is></c>`, c)
				}
			}
			_, err := io.WriteString(w, `</row>`+sheetClose)
			return err
		}
	}
	text := func(n int, cdata bool) func(io.Writer) error {
		return func(w io.Writer) error {
			body := strings.Repeat("a", n)
			if cdata {
				body = "<![CDATA[" + body + "]]>"
			}
			_, err := io.WriteString(w, sheetOpen+`<row r="1"><c r="A1" t="inlineStr"><is><t>`+body+`</t></is></c><c r="B1"><v>1</v></c></row>`+sheetClose)
			return err
		}
	}
	for _, tc := range []struct {
		name  string
		sheet func(io.Writer) error
		code  string
	}{
		{"256 columns", sheet(MaxColumns, true), ""},
		{"257 columns", sheet(MaxColumns+1, true), CodeTooManyColumns},
		{"257 columns without references", sheet(MaxColumns+1, false), CodeTooManyColumns},
		{"a cell at the limit", text(MaxCellLength, false), ""},
		{"a cell over the limit", text(MaxCellLength+1, false), CodeCellTooLong},
		{"a CDATA cell over the limit", text(MaxCellLength+1, true), CodeCellTooLong},
		{"a comment and a processing instruction", func(w io.Writer) error {
			_, err := io.WriteString(w, `<?xml version="1.0"?><!-- <!DOCTYPE x> <c r="XFD1"> --><?pi <!DOCTYPE?>`+
				strings.TrimPrefix(sheetOpen, sharedHead)+`<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="inlineStr"><is><t>a</t></is></c></row>`+sheetClose)
			return err
		}, ""},
		{"an entity declaration", func(w io.Writer) error {
			_, err := io.WriteString(w, `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY e "x">]>`+strings.TrimPrefix(sheetOpen, sharedHead)+sheetClose)
			return err
		}, CodeXMLEntities},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := minimalXLSX(&buf, tc.sheet, nil); err != nil {
				t.Fatal(err)
			}
			tb, err := OpenTable("liste.xlsx", bytes.NewReader(buf.Bytes()), TableOptions{})
			if err == nil {
				for err == nil {
					_, err = tb.Next()
				}
				tb.Close()
				if err == io.EOF {
					err = nil
				}
			}
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

func columnLetter(n int) (string, error) {
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s, nil
}

func TestExcerpt(t *testing.T) {
	for in, want := range map[string]string{
		"":                         "",
		strings.Repeat("é", 40):    strings.Repeat("é", 40),
		strings.Repeat("é", 41):    strings.Repeat("é", 40) + "…",
		strings.Repeat("a", 1<<20): strings.Repeat("a", 40) + "…",
	} {
		if got := excerpt(in); got != want {
			t.Errorf("excerpt(%d bytes) = %q", len(in), got)
		}
	}
}

// FuzzCheckCSV: the byte scan and encoding/csv agree. Whatever the scan
// accepts under small limits, encoding/csv (as OpenTable and ReadPayroll
// configure it) splits into records within the same limits: the scan never
// lets a wide record or a long cell through to the allocation it protects.
func FuzzCheckCSV(f *testing.F) {
	for _, s := range []string{
		"a;b\n1;2\n", "\"a;b\";c\n", "  \"x\"\"y\";z\n", "a\"b;c\n", "\"unterminated;\n;;\n",
		"a,b\n\"1\n2\",3\n", "a\tb\n1\t2\n", "\"\"\"\";x\r\n", ";;;;;;;;\n", " \t\"a\"\t;b\n",
	} {
		f.Add([]byte(s), byte(';'), uint8(2), uint8(3))
	}
	f.Fuzz(func(t *testing.T, data []byte, sep byte, cols, cell uint8) {
		if sep != ';' && sep != ',' && sep != '\t' {
			return
		}
		lim := csvLimits{columns: 1 + int(cols%8), cell: 1 + int(cell%16), rows: 1 << 20}
		if checkCSVWithin("f", data, rune(sep), lim) != nil {
			return
		}
		cr := csv.NewReader(bytes.NewReader(data))
		cr.Comma = rune(sep)
		cr.FieldsPerRecord = -1
		cr.TrimLeadingSpace = true
		for {
			rec, err := cr.Read()
			if err != nil {
				return
			}
			if len(rec) > lim.columns {
				t.Fatalf("accepted a record of %d fields (limit %d): %q", len(rec), lim.columns, rec)
			}
			for _, c := range rec {
				if len(c) > lim.cell {
					t.Fatalf("accepted a cell of %d bytes (limit %d): %q", len(c), lim.cell, c)
				}
			}
		}
	})
}

// FuzzXMLScan: the XLSX part scanner never panics, and reports only EOF-ish
// reader errors or user-facing limit errors.
func FuzzXMLScan(f *testing.F) {
	for _, s := range []string{
		sheetOpen + `<row r="1"><c r="A1"><v>1</v></c></row>` + sheetClose,
		`<?xml?><!-- x --><![CDATA[<c r="XFD1">]]><sst><si><t>a</t></si></sst>`,
		`<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>`,
		`<row r="99999999999999"><c r="ZZZZZZZZZZ1"/></row>`,
		`<x:row r='2'><x:c r='$B$2'><x:v>1</x:v></x:c></x:row>`,
		`<c r="A1" t="inlineStr"><is><t>` + strings.Repeat("a", 100) + `</t></is></c>`,
		`<a b=">"><`,
	} {
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, sheet bool) {
		sc := &xmlScanner{name: "f", sheet: sheet}
		err := sc.scan(bytes.NewReader(data))
		if err == nil || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return
		}
		var ue *i18n.Error
		if !errors.As(err, &ue) || ue.Code == "" {
			t.Fatalf("not a user-facing error: %T %v", err, err)
		}
	})
}
