package importer

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// readTable reads every row of data as a table and checks the invariants of
// the reader: errors are user-facing, rows come in increasing line order,
// cells are valid UTF-8 and only XLSX cells are numeric.
func readTable(t *testing.T, data []byte) {
	tb, err := OpenTable("f", bytes.NewReader(data), TableOptions{})
	if err != nil {
		var ue *i18n.Error
		if !errors.As(err, &ue) || ue.Code == "" {
			t.Fatalf("not a user-facing error: %T %v", err, err)
		}
		return
	}
	defer tb.Close()
	format := tb.Info().Format
	last := 0
	for n := 0; ; n++ {
		row, err := tb.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			var ue *i18n.Error
			if !errors.As(err, &ue) || ue.Code == "" {
				t.Fatalf("not a user-facing error: %T %v", err, err)
			}
			return
		}
		if row.Line <= last || n >= MaxRows {
			t.Fatalf("row %d at line %d after line %d", n, row.Line, last)
		}
		last = row.Line
		if blank(texts(row)) {
			t.Fatalf("blank row returned at line %d", row.Line)
		}
		for _, c := range row.Cells {
			if !utf8.ValidString(c.Text) {
				t.Fatalf("invalid UTF-8 in a cell at line %d", row.Line)
			}
			if c.Numeric && format != "xlsx" {
				t.Fatalf("numeric %s cell", format)
			}
		}
	}
}

// FuzzCSVTable: the CSV reader (encoding detection, separator, quotes) never
// panics and keeps its invariants on any input.
func FuzzCSVTable(f *testing.F) {
	f.Add([]byte(empHead + empLine(1)))
	f.Add([]byte("\ufeffa,b\r\n\"x,\"\"y\"\"\",2\r\n"))
	f.Add([]byte("nom;ville\nSoci\xe9t\xe9;F\xe8s\n"))
	f.Add([]byte("\xff\xfen\x00o\x00m\x00\t\x00a\x00\n\x00"))
	f.Add([]byte("a;b\n\"x\ny\";2\n"))
	f.Fuzz(func(t *testing.T, data []byte) { readTable(t, data) })
}

// FuzzXLSXTable: the XLSX reader never panics and reports damage as a
// user-facing error; seeded with small real workbooks (testdata/fuzz).
func FuzzXLSXTable(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { readTable(t, data) })
}

// FuzzPreviewEmployees: the whole employee preview (header mapping, cell
// parsers, matching, validation) never panics, and its counts add up.
func FuzzPreviewEmployees(f *testing.F) {
	st := openStore(f)
	er := createEmployer(f, st, 1)
	if _, err := st.Employees().Create(domain.Employee{EmployerID: er.ID, Immatriculation: immatFor(1, 1), CIN: cinFor(1), LastName: "A"}); err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(empHead + empLine(1) + empLine(2)))
	f.Add([]byte("titre\nN° CNSS,Nom,Salaire,Date de naissance\n12345678,A,\"8 000,50\",15/03/1990\n"))
	f.Add([]byte("cin;nom;enfants;date de sortie\nbk1;A;2;2020-02-30\n;B;x;\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := OpenTable("f.csv", bytes.NewReader(data), TableOptions{})
		if err != nil {
			return
		}
		defer tb.Close()
		p, err := PreviewEmployees(context.Background(), st, tb, PreviewOptions{EmployerID: er.ID})
		if err != nil {
			var ue *i18n.Error
			if !errors.As(err, &ue) {
				t.Fatalf("not a user-facing error: %T", err)
			}
			return
		}
		c := p.Counts
		if c.Rows != len(p.Employees) || c.Create+c.Update+c.Unchanged+c.Errors != c.Rows {
			t.Fatalf("counts %+v for %d rows", c, len(p.Employees))
		}
		for _, r := range p.Employees {
			if (r.Action == ActionError) != (len(r.Errors) > 0) {
				t.Fatalf("line %d: action %s with %d errors", r.Line, r.Action, len(r.Errors))
			}
			if r.Action == ActionCreate && r.Record.MonthlyGross < 0 {
				t.Fatalf("negative salary accepted")
			}
		}
	})
}

// FuzzParseDateCell: a date accepted from any cell is a real day of
// 1900–2199, and an AAAAMMJJ text reads as itself.
func FuzzParseDateCell(f *testing.F) {
	for _, s := range []string{"15/03/1990", "1990-03-15T00:00:00Z", "19900315", "32947", "32947.5", "61", "31/02/1990", "1e5", "15/03/1990 00:00"} {
		f.Add(s, true, false)
		f.Add(s, false, true)
	}
	f.Fuzz(func(t *testing.T, s string, numeric, d1904 bool) {
		d, err := parseDateCell(Cell{Text: s, Numeric: numeric}, d1904)
		if err != nil {
			if i18n.Code(err) != CodeDate {
				t.Fatalf("code %q", i18n.Code(err))
			}
			return
		}
		if d.IsZero() {
			if strings.TrimSpace(s) != "" {
				t.Fatalf("zero date from non-blank text")
			}
			return
		}
		if !d.Valid() {
			t.Fatalf("invalid date %v accepted", d)
		}
		if t8 := strings.TrimSpace(s); len(t8) == 8 && plainDigits(t8) && d.String() != t8 {
			t.Fatalf("%q read as %v", t8, d)
		}
	})
}

// fuzzSeeds are the committed seed corpora of the []byte fuzz targets
// (written with -update): target → file → input.
func fuzzSeeds(t *testing.T) map[string]map[string][]byte {
	return map[string]map[string][]byte{
		"FuzzXLSXTable": {
			"seed-tiny": xlsxOf(t, false, "", sheetData{"S", [][]any{{"nom", "immatriculation"}, {"A", 123456789}}}),
			"seed-types": xlsxOf(t, true, "", sheetData{"Salariés", [][]any{
				{"titre"}, {"CIN", "Date", "Salaire", "Texte"},
				{cinFor(1), time.Date(1990, 3, 15, 0, 0, 0, 0, time.UTC), 8000.5, "é"},
			}}, sheetData{"B", nil}),
		},
		"FuzzCSVTable": {
			"seed-employees":    []byte(empHead + empLine(1) + empLine(2)),
			"seed-comma-quotes": []byte("\ufeffa,b\r\n\"x,\"\"y\"\"\",2\r\n"),
			"seed-latin1":       []byte("nom;ville\nSoci\xe9t\xe9;F\xe8s\n"),
			"seed-utf16":        []byte("\xff\xfen\x00o\x00m\x00\t\x00a\x00\n\x00"),
			"seed-cp1256":       []byte("a;b\n\xe3\xcd\xe3\xcf;x\n"),
		},
		"FuzzPreviewEmployees": {
			"seed-full":  []byte(empHead + empLine(1) + empLine(2) + strings.Replace(empLine(3), "15/03/1990", "31/02/1990", 1)),
			"seed-title": []byte("titre\nN° CNSS,Nom,Salaire,Date de naissance\n12345678,A,\"8 000,50\",15/03/1990\n"),
			"seed-dups":  []byte("immatriculation;cin;nom\n" + immatFor(1, 1) + ";" + cinFor(2) + ";A\n;" + cinFor(5) + ";B\n;" + cinFor(5) + ";C\n999999999;;D\n"),
		},
	}
}

// TestFuzzSeeds keeps the committed seed corpora in step with fuzzSeeds: with
// -update it rewrites them; otherwise it checks they are there and that the
// XLSX seeds are real workbooks (they read without error).
func TestFuzzSeeds(t *testing.T) {
	for target, seeds := range fuzzSeeds(t) {
		dir := filepath.Join("testdata", "fuzz", target)
		for name, data := range seeds {
			path := filepath.Join(dir, name)
			if *update {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				content := "go test fuzz v1\n[]byte(" + strconv.Quote(string(data)) + ")\n"
				if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test -run TestFuzzSeeds -update)", err)
			}
			lit := strings.TrimSuffix(strings.TrimPrefix(string(b), "go test fuzz v1\n[]byte("), ")\n")
			got, err := strconv.Unquote(lit)
			if err != nil || got != string(data) && target != "FuzzXLSXTable" {
				t.Fatalf("%s/%s: stale seed (go test -run TestFuzzSeeds -update)", target, name)
			}
			if target != "FuzzXLSXTable" {
				continue
			}
			tb, err := OpenTable(name, strings.NewReader(got), TableOptions{})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if rows := readAll(t, tb); len(rows) < 2 {
				t.Fatalf("%s: %d rows", name, len(rows))
			}
			tb.Close()
		}
	}
}
