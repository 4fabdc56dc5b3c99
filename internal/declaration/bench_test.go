package declaration_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/tasrih/tasrih/internal/benchcpu"
	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/importer"
)

var period = domain.NewPeriod(2026, 1)

func bigInputs(tb testing.TB, employees, entrants int) (pre, payroll []byte) {
	x := decltest.Preetabli(decltest.Affiliation(123456), period, employees, 1)
	pre, err := cnssfile.AppendPreetabli(nil, x)
	if err != nil {
		tb.Fatal(err)
	}
	return pre, decltest.PayrollCSV(x, entrants, 2)
}

// declare is the whole in-process pipeline of `tasrih declare` but the file I/O.
func declare(tb testing.TB, pre, payroll []byte) *declaration.Result {
	p, rep := declaration.ReadPreetabli(pre)
	if !rep.Valid() {
		tb.Fatalf("préétabli: %v", rep.Findings)
	}
	rows, err := importer.ReadPayroll("paie.csv", bytes.NewReader(payroll))
	if err != nil {
		tb.Fatal(err)
	}
	res, err := declaration.Build(importer.DeclarationInput(p, rows, func(int) string { return "" }))
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// TestGeneratedDeclarations: random préétablis and payrolls of many sizes all
// build into files with no finding at all, which read back and re-encode to
// the same bytes.
func TestGeneratedDeclarations(t *testing.T) {
	for i, size := range []struct{ employees, entrants int }{{0, 0}, {1, 0}, {0, 3}, {7, 2}, {150, 40}, {2000, 100}} {
		t.Run(fmt.Sprintf("%d+%d", size.employees, size.entrants), func(t *testing.T) {
			x := decltest.Preetabli(decltest.Affiliation(100000+i*13), period, size.employees, uint64(i))
			pre, _ := cnssfile.AppendPreetabli(nil, x)
			res := declare(t, pre, decltest.PayrollCSV(x, size.entrants, uint64(i)))
			if res.Bytes == nil || len(res.Report.Findings) != 0 {
				t.Fatalf("findings: %v", res.Report.Findings)
			}
			parsed, rep := declaration.Validate(res.Bytes, declaration.Options{})
			if len(rep.Findings) != 0 {
				t.Fatalf("re-validation: %v", rep.Findings)
			}
			again, err := cnssfile.AppendDeclaration(nil, &parsed.Decl)
			if err != nil || !bytes.Equal(again, res.Bytes) {
				t.Fatalf("round trip differs (%v)", err)
			}
			want := size.employees + max(size.entrants, 1) + 5 // 00, 01, 03, 05, 06
			if n := bytes.Count(res.Bytes, []byte{'\n'}); n != want {
				t.Errorf("%d records, want %d", n, want)
			}
		})
	}
}

// BenchmarkValidate10k: reading + validating a 10 000-employee DS file
// against its préétabli (target ≥ 200 MB/s); reports allocations per line.
func BenchmarkValidate10k(b *testing.B) {
	pre, payroll := bigInputs(b, 10_000, 500)
	ds := declare(b, pre, payroll).Bytes
	p, _ := declaration.ReadPreetabli(pre)
	lines := bytes.Count(ds, []byte{'\n'})
	b.SetBytes(int64(len(ds)))
	b.ReportAllocs()
	b.ResetTimer()
	var allocs float64
	cpu := benchcpu.Start()
	for b.Loop() {
		_, rep := declaration.Validate(ds, declaration.Options{Preetabli: p})
		if !rep.Valid() {
			b.Fatal(rep.Findings[0])
		}
	}
	cpu.Report(b)
	allocs = testing.AllocsPerRun(3, func() { declaration.Validate(ds, declaration.Options{Preetabli: p}) })
	b.ReportMetric(allocs/float64(lines), "allocs/line")
}

// BenchmarkValidateNoPreetabli: the same file without the préétabli.
func BenchmarkValidateNoPreetabli(b *testing.B) {
	pre, payroll := bigInputs(b, 10_000, 500)
	ds := declare(b, pre, payroll).Bytes
	b.SetBytes(int64(len(ds)))
	b.ReportAllocs()
	for b.Loop() {
		declaration.Validate(ds, declaration.Options{})
	}
}

// BenchmarkValidateWithPreetabliRead10k: `tasrih validate --preetabli` in
// process, the préétabli read then the DS validated (sequential), against
// the préétabli read on another goroutine and handed over through
// Options.LatePreetabli once the DS's record pass is done (overlapped).
func BenchmarkValidateWithPreetabliRead10k(b *testing.B) {
	pre, payroll := bigInputs(b, 10_000, 500)
	ds := string(declare(b, pre, payroll).Bytes)
	preText := string(pre)
	b.Run("sequential", func(b *testing.B) {
		cpu := benchcpu.Start()
		for b.Loop() {
			p, _ := declaration.ReadPreetabliString(preText)
			if _, rep := declaration.ValidateString(ds, declaration.Options{Preetabli: p}); !rep.Valid() {
				b.Fatal(rep.Findings[0])
			}
		}
		cpu.Report(b)
	})
	b.Run("overlapped", func(b *testing.B) {
		cpu := benchcpu.Start()
		for b.Loop() {
			done := make(chan *declaration.Preetabli, 1)
			go func() {
				p, _ := declaration.ReadPreetabliString(preText)
				done <- p
			}()
			late := func() *declaration.Preetabli { return <-done }
			if _, rep := declaration.ValidateString(ds, declaration.Options{LatePreetabli: late}); !rep.Valid() {
				b.Fatal(rep.Findings[0])
			}
		}
		cpu.Report(b)
	})
}
