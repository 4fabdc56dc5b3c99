package declaration

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/domain"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// vectorPreetabli is the préétabli of the test vector of cnss-edi.md §8.
func vectorPreetabli(t testing.TB) []byte {
	t.Helper()
	return vectorPreetabliBytes(t)
}

func vectorPreetabliBytes(t testing.TB) []byte {
	per := domain.NewPeriod(2026, 1)
	ins := []cnssfile.Insured{
		{Affiliation: "1234567", Period: per, Immat: "123456785", Name: "ALAMI AHMED"},
		{Affiliation: "1234567", Period: per, Immat: "187654325", Name: "BENNANI SARA"},
	}
	p := &cnssfile.Preetabli{
		Header: cnssfile.Header{TransferID: "12345672601001", Cat: "A0"},
		Employer: cnssfile.Employer{Affiliation: "1234567", Period: per, Name: "SOCIETE EXEMPLE SARL",
			Activity: "COMMERCE DE DETAIL", Address: "12 RUE DES ORANGERS", City: "CASABLANCA",
			PostalCode: "20000", Agency: "01", IssueDate: domain.Date{Year: 2026, Month: 2, Day: 1},
			DueDate: domain.Date{Year: 2026, Month: 2, Day: 10}},
		Insured: ins,
		Totals:  cnssfile.PreTotals{Affiliation: "1234567", Period: per, Count: 2, ImmatSum: 123456785 + 187654325},
	}
	b, err := cnssfile.AppendPreetabli(nil, p)
	if err != nil {
		panic(err)
	}
	return b
}

// vectorDSBytes is the golden DS file of the test vector.
func vectorDSBytes(t testing.TB) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", "golden", "DS_1234567_202601.txt"))
	if err != nil {
		panic(err)
	}
	return b
}

func vectorInput(t testing.TB) Input {
	pre, rep := ReadPreetabli(vectorPreetabli(t))
	if len(rep.Findings) != 0 {
		t.Fatalf("préétabli findings: %v", rep.Findings)
	}
	return Input{
		Preetabli: pre,
		Lines: []MonthLine{
			{Immat: "123456785", Days: 26, Gross: domain.MAD(8000)},
			{Immat: "187654325", Situation: domain.SitLeft},
		},
		Entrants: []EntrantLine{{Immat: "112233441", CIN: "BK123456", LastName: "IDRISSI", FirstName: "OMAR", Days: 20, Gross: domain.MAD(4500)}},
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n got:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestVectorGolden(t *testing.T) {
	res, err := Build(vectorInput(t))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Report.Valid() || len(res.Report.Findings) != 0 {
		t.Fatalf("findings on the test vector: %v", res.Report.Findings)
	}
	if res.FileName != "DS_1234567_202601.txt" {
		t.Errorf("file name %q", res.FileName)
	}
	golden(t, "DS_1234567_202601.txt", res.Bytes)

	// Independent of the golden file: the facts of cnss-edi.md §8, read at the
	// positions of the §3 tables (1-based positions → 0-based slices).
	lines := strings.Split(string(res.Bytes), "\n")
	if len(lines) != 9 || lines[8] != "" {
		t.Fatalf("want 8 records each ended by LF, got %d parts", len(lines))
	}
	for i, l := range lines[:8] {
		if len(l) != 260 {
			t.Errorf("record %d is %d long", i+1, len(l))
		}
	}
	at := func(rec int, from, to int) string { return lines[rec-1][from-1 : to] }
	checks := []struct {
		what     string
		rec      int
		from, to int
		want     string
	}{
		{"B00 type", 1, 1, 3, "B00"},
		{"B00 transfer", 1, 4, 17, "12345672601001"},
		{"B00 cat", 1, 18, 19, "B0"},
		{"B01 type", 2, 1, 3, "B01"},
		{"B01 affiliation", 2, 4, 10, "1234567"},
		{"B01 period", 2, 11, 16, "202601"},
		{"B01 due date", 2, 253, 260, "20260210"},
		{"ALAMI type", 3, 1, 3, "B02"},
		{"ALAMI immat", 3, 17, 25, "123456785"},
		{"ALAMI name", 3, 26, 85, "ALAMI AHMED" + strings.Repeat(" ", 49)},
		{"ALAMI AF reverse", 3, 106, 111, "000000"},
		{"ALAMI days", 3, 112, 113, "26"},
		{"ALAMI real", 3, 114, 126, "0000000800000"},
		{"ALAMI capped", 3, 127, 135, "000600000"},
		{"ALAMI situation", 3, 136, 137, "  "},
		{"ALAMI ctr", 3, 138, 156, "0000000000124856811"},
		{"BENNANI situation", 4, 136, 137, "SO"},
		{"BENNANI days", 4, 112, 113, "00"},
		{"BENNANI ctr", 4, 138, 156, "0000000000187654326"},
		{"B03 type", 5, 1, 3, "B03"},
		{"B03 count", 5, 17, 22, "000002"},
		{"B03 immat sum", 5, 65, 79, "000000311111110"},
		{"B03 days", 5, 92, 97, "000026"},
		{"B03 real", 5, 98, 112, "000000000800000"},
		{"B03 capped", 5, 113, 125, "0000000600000"},
		{"B03 ctr", 5, 126, 144, "0000000000312511137"},
		{"IDRISSI type", 6, 1, 3, "B04"},
		{"IDRISSI immat", 6, 17, 25, "112233441"},
		{"IDRISSI name", 6, 26, 85, "IDRISSI OMAR" + strings.Repeat(" ", 48)},
		{"IDRISSI CIN", 6, 86, 93, "BK123456"},
		{"IDRISSI days", 6, 94, 95, "20"},
		{"IDRISSI real", 6, 96, 108, "0000000450000"},
		{"IDRISSI capped", 6, 109, 117, "000450000"},
		{"IDRISSI ctr", 6, 118, 136, "0000000000113133461"},
		{"B05 count", 7, 17, 22, "000001"},
		{"B05 ctr", 7, 72, 90, "0000000000113133461"},
		{"B06 type", 8, 1, 3, "B06"},
		{"B06 count", 8, 17, 22, "000003"},
		{"B06 immat sum", 8, 23, 37, "000000423344551"},
		{"B06 days", 8, 38, 43, "000046"},
		{"B06 real", 8, 44, 58, "000000001250000"},
		{"B06 capped", 8, 59, 71, "0000001050000"},
		{"B06 ctr", 8, 72, 90, "0000000000425644598"},
	}
	for _, c := range checks {
		if got := at(c.rec, c.from, c.to); got != c.want {
			t.Errorf("%s: %q, want %q", c.what, got, c.want)
		}
	}
	for i, l := range lines[:8] {
		if tail := strings.TrimRight(l, " "); i != 1 && len(tail) > 160 {
			t.Errorf("record %d: filler not blank", i+1)
		}
	}
}

// TestRoundTrip: write → read → write gives the same bytes.
func TestRoundTrip(t *testing.T) {
	res, err := Build(vectorInput(t))
	if err != nil || res.Bytes == nil {
		t.Fatalf("build: %v %v", err, res.Report.Findings)
	}
	parsed, rep := Validate(res.Bytes, Options{})
	if len(rep.Findings) != 0 {
		t.Fatalf("findings: %v", rep.Findings)
	}
	again, err := cnssfile.AppendDeclaration(nil, &parsed.Decl)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, res.Bytes) {
		t.Errorf("round trip differs:\n%s\n%s", again, res.Bytes)
	}
	// The préétabli round-trips too.
	raw := vectorPreetabli(t)
	pre, _ := ReadPreetabli(raw)
	again, err = cnssfile.AppendPreetabli(nil, &pre.File)
	if err != nil || !bytes.Equal(again, raw) {
		t.Errorf("préétabli round trip differs (%v)", err)
	}
}
