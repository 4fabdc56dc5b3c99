package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/importer"
)

// BenchmarkValidateProcess10k runs `tasrih validate` on a 10 000-employee DS
// file (with its préétabli) as a whole process: start, read, validate, print,
// exit (target < 100 ms). The binary is the real one, built once.
func BenchmarkValidateProcess10k(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "tasrih")
	build := exec.Command("go", "build", "-o", bin, "github.com/tasrih/tasrih")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	x := decltest.Preetabli(decltest.Affiliation(123456), domain.NewPeriod(2026, 1), 10_000, 1)
	pre, _ := cnssfile.AppendPreetabli(nil, x)
	p, _ := declaration.ReadPreetabli(pre)
	rows, err := importer.ReadPayroll("paie.csv", bytesReader(decltest.PayrollCSV(x, 500, 2)))
	if err != nil {
		b.Fatal(err)
	}
	res, err := declaration.Build(importer.DeclarationInput(p, rows, func(int) string { return "" }))
	if err != nil || res.Bytes == nil {
		b.Fatalf("build: %v", err)
	}
	ds, pf := filepath.Join(dir, res.FileName), filepath.Join(dir, "AFFEBDS.txt")
	os.WriteFile(ds, res.Bytes, 0o644)
	os.WriteFile(pf, pre, 0o644)
	b.SetBytes(int64(len(res.Bytes)))
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.Command(bin, "validate", ds, "--preetabli", pf, "--format", "json")
		if out, err := cmd.Output(); err != nil {
			b.Fatalf("validate: %v\n%s", err, out)
		}
	}
}

// BenchmarkDeclare10k is the in-process work of `tasrih declare` for a
// 10 000-employee préétabli and 500 entrants: read the préétabli and the
// payroll CSV, reconcile, build and re-validate (target < 20 ms).
func BenchmarkDeclare10k(b *testing.B) {
	x := decltest.Preetabli(decltest.Affiliation(123456), domain.NewPeriod(2026, 1), 10_000, 1)
	pre, _ := cnssfile.AppendPreetabli(nil, x)
	pay := decltest.PayrollCSV(x, 500, 2)
	b.ReportAllocs()
	for b.Loop() {
		res, _, err := prepare(pre, pay, "paie.csv", 0, "fr")
		if err != nil || res == nil || res.Bytes == nil {
			b.Fatalf("blocked: %v", err)
		}
	}
}
