package declaration_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
)

// randomInput is a month of a small préétabli with every kind of mistake a
// payroll may hold: days beyond the maximum, salaries of zero or below the
// SMIG, valid and invalid situations, lines of unknown, duplicated or
// missing employees, entrants who are préétabli employees, entrants without
// immatriculation with a good, bad or missing CIN, occasional labour, names
// longer than the field (cut where a space falls), and complementary
// declarations. (SAL-CAP and EMP-ORDER cannot come out of Build: it caps
// and orders the lines itself.)
func randomInput(r *rand.Rand, seed int) declaration.Input {
	x := decltest.Preetabli(decltest.Affiliation(100+seed), domain.NewPeriod(2026, time1(r)), r.IntN(12), uint64(seed))
	raw, err := cnssfile.AppendPreetabli(nil, x)
	if err != nil {
		panic(err)
	}
	pre, _ := declaration.ReadPreetabli(raw)
	in := declaration.Input{Preetabli: pre, Source: func(l int) string { return fmt.Sprintf("paie.csv, ligne %d", l) }}
	sits := []domain.Situation{"", "", "", "SO", "DE", "IT", "IL", "AT", "CS", "MS", "MP", "ZZ", "S"}
	days := func() int { return []int{0, 1, 13, 26, 26, 26, 27, 31}[r.IntN(8)] }
	gross := func() domain.Money {
		return []domain.Money{0, 1, 5_000, 300_000, 600_000, 700_000, 2_000_000}[r.IntN(7)]
	}
	line := 2
	for _, ins := range x.Insured {
		for range []int{1, 1, 1, 1, 0, 2}[r.IntN(6)] { // missing, once, twice
			in.Lines = append(in.Lines, declaration.MonthLine{Immat: ins.Immat, Days: days(), Gross: gross(), Situation: sits[r.IntN(len(sits))], SourceLine: line})
			line++
		}
	}
	if r.IntN(3) == 0 { // an employee the préétabli does not know
		in.Lines = append(in.Lines, declaration.MonthLine{Immat: decltest.Immat(90_000_000 + r.IntN(1000)), Days: 26, Gross: 600_000, SourceLine: line})
		line++
	}
	r.Shuffle(len(in.Lines), func(i, j int) {
		if r.IntN(4) == 0 { // now and then out of the préétabli's order
			in.Lines[i], in.Lines[j] = in.Lines[j], in.Lines[i]
		}
	})
	long := strings.Repeat("ABCDEFGHI ", 8) // a space at position 60
	for range r.IntN(5) {
		e := declaration.EntrantLine{LastName: "NOUVEAU", FirstName: "SALARIE", Days: days(), Gross: gross(), SourceLine: line}
		line++
		switch r.IntN(8) {
		case 6:
			e.LastName, e.FirstName, e.CIN = "", "", "AB123456"
		case 0:
			e.Immat = decltest.Immat(80_000_000 + r.IntN(1000))
		case 1:
			e.CIN = []string{"BK98765", "BK 98765", "X1", "12345", ""}[r.IntN(5)]
		case 2:
			e.Immat = domain.ImmatOccasional
			e.LastName, e.FirstName = "", ""
		case 3:
			if len(x.Insured) > 0 {
				e.Immat = x.Insured[r.IntN(len(x.Insured))].Immat
			}
		case 4:
			e.LastName, e.CIN = long, "AB123456"
		case 5:
			e.LastName, e.FirstName, e.CIN = long[:59], "Z", "C7"
		default:
			e.CIN = "AB123456"
		}
		in.Entrants = append(in.Entrants, e)
	}
	if r.IntN(4) == 0 {
		in.Lines, in.Sequence = nil, 1+r.IntN(9)
	}
	return in
}

func time1(r *rand.Rand) time.Month { return time.Month(1 + r.IntN(12)) }

// Build validates the lines it built without decoding the file it encoded
// from them: its report must be, finding for finding, the one Validate
// gives on those bytes read back (the source of each line aside, which only
// Build knows). 3 000 random months of every kind of mistake.
func TestBuildReportIsValidate(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	rules := map[string]bool{}
	detached := 0
	for i := range 3000 {
		in := randomInput(r, i)
		res, err := declaration.Build(in)
		if err != nil {
			t.Fatal(err)
		}
		data, err := cnssfile.AppendDeclaration(nil, &res.Decl)
		if err != nil {
			t.Fatalf("month %d: %v", i, err)
		}
		got := append([]declaration.Finding(nil), res.Report.Findings...)
		for j := range got {
			got[j].Source = ""
		}
		_, want := declaration.Validate(data, declaration.Options{Preetabli: in.Preetabli})
		if !reflect.DeepEqual(got, want.Findings) {
			t.Fatalf("month %d: Build reports\n%v\nValidate of its bytes reports\n%v", i, got, want.Findings)
		}
		for _, f := range got {
			rules[f.Rule] = true
		}
		if res.Bytes != nil && string(res.Bytes) != string(data) {
			t.Fatalf("month %d: Result.Bytes differ from the encoding of Result.Decl", i)
		}
		// Build validates its bytes in place: its findings must not change
		// when the caller reuses Result.Bytes.
		if res.Bytes != nil && len(got) > 0 {
			for j := range res.Bytes {
				res.Bytes[j] = 'X'
			}
			for j, f := range res.Report.Findings {
				f.Source = ""
				if !reflect.DeepEqual(f, want.Findings[j]) {
					t.Fatalf("month %d: finding %d changed with Result.Bytes: %v", i, j, f)
				}
			}
			detached++
		}
	}
	if detached < 50 {
		t.Errorf("only %d months had a file and findings", detached)
	}
	// The months must have exercised the catalogue, not only clean files.
	for _, id := range []string{declaration.DaysRange, declaration.SalMinimum, declaration.SitCode,
		declaration.SitNormal, declaration.SitZero, declaration.EmpDuplicate, declaration.EmpUnknown, declaration.EmpMissing,
		declaration.EntCIN, declaration.EntSalary, declaration.EntPreetabli, declaration.EntName} {
		if !rules[id] {
			t.Errorf("no month raised %s", id)
		}
	}
}
