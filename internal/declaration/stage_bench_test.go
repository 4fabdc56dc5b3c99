package declaration_test

import (
	"bytes"
	"testing"

	"github.com/tasrih/tasrih/internal/benchcpu"
	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/importer"
)

// Stage benchmarks of BenchmarkDeclare10k, to see where the time goes.
func BenchmarkStageReadPreetabli10k(b *testing.B) {
	pre, _ := bigInputs(b, 10_000, 500)
	b.SetBytes(int64(len(pre)))
	cpu := benchcpu.Start()
	for b.Loop() {
		declaration.ReadPreetabli(pre)
	}
	cpu.Report(b)
}

func BenchmarkStageReadPayroll10k(b *testing.B) {
	_, pay := bigInputs(b, 10_000, 500)
	b.SetBytes(int64(len(pay)))
	b.ReportAllocs()
	cpu := benchcpu.Start()
	for b.Loop() {
		importer.ReadPayroll("p.csv", bytes.NewReader(pay))
	}
	cpu.Report(b)
}

func BenchmarkStageEncode10k(b *testing.B) {
	pre, pay := bigInputs(b, 10_000, 500)
	res := declare(b, pre, pay)
	b.SetBytes(int64(len(res.Bytes)))
	buf := make([]byte, 0, len(res.Bytes))
	cpu := benchcpu.Start()
	for b.Loop() {
		cnssfile.AppendDeclaration(buf[:0], &res.Decl)
	}
	cpu.Report(b)
}

// BenchmarkStagePlausibility10k: the plausibility checks of `tasrih declare`
// without a previous month (the common case), on 10 000 lines and 500
// entrants.
func BenchmarkStagePlausibility10k(b *testing.B) {
	pre, pay := bigInputs(b, 10_000, 500)
	res := declare(b, pre, pay)
	cur := declaration.Layout(res.Decl)
	b.ReportAllocs()
	cpu := benchcpu.Start()
	for b.Loop() {
		declaration.Plausibility(declaration.PlausibilityInput{Current: cur})
	}
	cpu.Report(b)
}

// BenchmarkStageBuild10k: Build alone (reconciliation, encoding, the
// validation of its own bytes, the SHA-256) from the payroll already read.
func BenchmarkStageBuild10k(b *testing.B) {
	pre, pay := bigInputs(b, 10_000, 500)
	p, _ := declaration.ReadPreetabli(pre)
	rows, err := importer.ReadPayroll("paie.csv", bytes.NewReader(pay))
	if err != nil {
		b.Fatal(err)
	}
	in := importer.DeclarationInput(p, rows, func(int) string { return "" })
	b.ReportAllocs()
	cpu := benchcpu.Start()
	for b.Loop() {
		if res, err := declaration.Build(in); err != nil || res.Bytes == nil {
			b.Fatal(err)
		}
	}
	cpu.Report(b)
}
