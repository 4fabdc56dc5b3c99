package declaration_test

import (
	"bytes"
	"testing"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/importer"
)

// Stage benchmarks of BenchmarkDeclare10k, to see where the time goes.
func BenchmarkStageReadPreetabli10k(b *testing.B) {
	pre, _ := bigInputs(b, 10_000, 500)
	b.SetBytes(int64(len(pre)))
	for b.Loop() {
		declaration.ReadPreetabli(pre)
	}
}

func BenchmarkStageReadPayroll10k(b *testing.B) {
	_, pay := bigInputs(b, 10_000, 500)
	b.SetBytes(int64(len(pay)))
	b.ReportAllocs()
	for b.Loop() {
		importer.ReadPayroll("p.csv", bytes.NewReader(pay))
	}
}

func BenchmarkStageEncode10k(b *testing.B) {
	pre, pay := bigInputs(b, 10_000, 500)
	res := declare(b, pre, pay)
	b.SetBytes(int64(len(res.Bytes)))
	buf := make([]byte, 0, len(res.Bytes))
	for b.Loop() {
		cnssfile.AppendDeclaration(buf[:0], &res.Decl)
	}
}

// BenchmarkStagePlausibility10k: the plausibility checks of `tasrih declare`
// without a previous month (the common case), on 10 000 lines and 500
// entrants.
func BenchmarkStagePlausibility10k(b *testing.B) {
	pre, pay := bigInputs(b, 10_000, 500)
	res := declare(b, pre, pay)
	cur := declaration.Layout(res.Decl)
	b.ReportAllocs()
	for b.Loop() {
		declaration.Plausibility(declaration.PlausibilityInput{Current: cur})
	}
}
