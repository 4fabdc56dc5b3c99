package importer

import (
	"bytes"
	"testing"

	"github.com/tasrih/tasrih/internal/benchcpu"
	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
)

// payroll10k is the payroll of BenchmarkDeclare10k (internal/cli): 10 000
// préétabli employees and 500 entrants, and its préétabli.
func payroll10k(tb testing.TB) ([]byte, *declaration.Preetabli) {
	x := decltest.Preetabli(decltest.Affiliation(123456), domain.NewPeriod(2026, 1), 10_000, 1)
	raw, err := cnssfile.AppendPreetabli(nil, x)
	if err != nil {
		tb.Fatal(err)
	}
	pre, rep := declaration.ReadPreetabli(raw)
	if !rep.Valid() {
		tb.Fatal("préétabli refused")
	}
	return decltest.PayrollCSV(x, 500, 2), pre
}

// BenchmarkReadPayroll10k: ReadPayroll on the payroll of
// BenchmarkDeclare10k (the one-pass reader).
func BenchmarkReadPayroll10k(b *testing.B) {
	pay, _ := payroll10k(b)
	b.SetBytes(int64(len(pay)))
	b.ReportAllocs()
	cpu := benchcpu.Start()
	for b.Loop() {
		if rows, err := ReadPayroll("paie.csv", bytes.NewReader(pay)); err != nil || len(rows) != 10_500 {
			b.Fatal(err, len(rows))
		}
	}
	cpu.Report(b)
}

// BenchmarkReadPayrollRef10k: the reference reading of the same text
// (what a quoted payroll costs).
func BenchmarkReadPayrollRef10k(b *testing.B) {
	pay, _ := payroll10k(b)
	text := string(pay)
	b.SetBytes(int64(len(pay)))
	b.ReportAllocs()
	cpu := benchcpu.Start()
	for b.Loop() {
		if rows, err := readPayrollRef("paie.csv", text, ';', payrollLimits); err != nil || len(rows) != 10_500 {
			b.Fatal(err, len(rows))
		}
	}
	cpu.Report(b)
}

// BenchmarkDeclarationInput10k: the reconciliation of those rows with the
// préétabli.
func BenchmarkDeclarationInput10k(b *testing.B) {
	pay, pre := payroll10k(b)
	rows, err := ReadPayroll("paie.csv", bytes.NewReader(pay))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu := benchcpu.Start()
	for b.Loop() {
		DeclarationInput(pre, rows, nil)
	}
	cpu.Report(b)
}
