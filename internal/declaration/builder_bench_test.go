package declaration

import (
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/params"
)

// BenchmarkBuilderBuild10k: Build's serial reconciliation alone (builder.build:
// the lines matched to the préétabli, checked, made and summed), for 10 000
// employees and 500 entrants, without the encoding and the validation.
func BenchmarkBuilderBuild10k(b *testing.B) {
	x := decltest.Preetabli(decltest.Affiliation(123456), domain.NewPeriod(2026, 1), 10_000, 1)
	raw, err := cnssfile.AppendPreetabli(nil, x)
	if err != nil {
		b.Fatal(err)
	}
	pre, _ := ReadPreetabliString(string(raw))
	in := Input{Preetabli: pre}
	for i, ins := range pre.File.Insured {
		in.Lines = append(in.Lines, MonthLine{Immat: ins.Immat, Days: 26, Gross: domain.Money(400_000 + i%900_000), SourceLine: i + 2})
	}
	for i := range 500 {
		in.Entrants = append(in.Entrants, EntrantLine{LastName: "NOUVEAU", FirstName: "SALARIE", CIN: "BK1234", Days: 20, Gross: 500_000, SourceLine: 10_002 + i})
	}
	ps, err := params.Default().At(pre.File.Employer.Period)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		bl := builder{in: in, ps: ps, rep: &Report{}, res: &Result{}}
		bl.build()
		if !bl.encodable {
			b.Fatal(bl.rep.Findings)
		}
	}
}

// BenchmarkFind10k: the 10 000 employees of a préétabli looked up in its
// order, as importer.DeclarationInput does for a payroll in that order: by
// Find, and by FindFrom with the position after the previous one as hint.
func BenchmarkFind10k(b *testing.B) {
	x := decltest.Preetabli(decltest.Affiliation(123456), domain.NewPeriod(2026, 1), 10_000, 1)
	raw, err := cnssfile.AppendPreetabli(nil, x)
	if err != nil {
		b.Fatal(err)
	}
	pre, _ := ReadPreetabliString(string(raw))
	immats := make([]string, len(x.Insured))
	for i, in := range x.Insured {
		immats[i] = strings.Clone(in.Immat) // as the payroll's own strings
	}
	b.Run("Find", func(b *testing.B) {
		for b.Loop() {
			for _, im := range immats {
				if _, ok := pre.Find(im); !ok {
					b.Fatal(im)
				}
			}
		}
	})
	b.Run("FindFrom", func(b *testing.B) {
		for b.Loop() {
			next := 0
			for _, im := range immats {
				j, ok := pre.FindFrom(im, next)
				if !ok {
					b.Fatal(im)
				}
				next = j + 1
			}
		}
	})
}
