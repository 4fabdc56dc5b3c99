package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/benchcpu"
	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/importer"
)

// cliBinary returns the headless binary the process benchmarks run: the one
// in TASRIH_CLI, or a CGO-off build of the main package with the headless
// tag (what `make build-cli` produces), built once into dir.
func cliBinary(b *testing.B, dir string) string {
	if p := os.Getenv("TASRIH_CLI"); p != "" {
		return p
	}
	bin := filepath.Join(dir, "tasrih-cli")
	build := exec.Command("go", "build", "-tags", "headless", "-trimpath", "-o", bin, "github.com/tasrih/tasrih")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// bench10k writes the 10 000-employee préétabli, its payroll (500
// entrants) and the DS built from them into dir.
func bench10k(b *testing.B, dir string) (pre, pay, ds string) {
	x := decltest.Preetabli(decltest.Affiliation(123456), domain.NewPeriod(2026, 1), 10_000, 1)
	preRaw, _ := cnssfile.AppendPreetabli(nil, x)
	payRaw := decltest.PayrollCSV(x, 500, 2)
	p, _ := declaration.ReadPreetabli(preRaw)
	rows, err := importer.ReadPayroll("paie.csv", bytesReader(payRaw))
	if err != nil {
		b.Fatal(err)
	}
	res, err := declaration.Build(importer.DeclarationInput(p, rows, func(int) string { return "" }))
	if err != nil || res.Bytes == nil {
		b.Fatalf("build: %v", err)
	}
	pre, pay, ds = filepath.Join(dir, "AFFEBDS.txt"), filepath.Join(dir, "paie.csv"), filepath.Join(dir, res.FileName)
	os.WriteFile(pre, preRaw, 0o644)
	os.WriteFile(pay, payRaw, 0o644)
	os.WriteFile(ds, res.Bytes, 0o644)
	return pre, pay, ds
}

// runProcess runs the binary b.N times and reports, besides the mean, the
// median wall time, the CPU time per run, and the peak resident memory of one more run measured by
// /usr/bin/time (the rusage of a child Go starts itself counts the parent's
// memory: the child shares it until exec).
func runProcess(b *testing.B, name string, args ...string) {
	var times []time.Duration
	var cpu time.Duration
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.Command(name, args...)
		start := time.Now()
		if out, err := cmd.Output(); err != nil {
			b.Fatalf("%v: %v\n%s", args, err, out)
		}
		times = append(times, time.Since(start))
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
	// CPU time (user + system) per run: what the work costs, whatever the
	// load of the machine does to the wall time.
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(len(times)), "cpu-ms/op")
	if _, err := os.Stat("/usr/bin/time"); err == nil {
		rss := filepath.Join(b.TempDir(), "rss")
		cmd := exec.Command("/usr/bin/time", append([]string{"-f", "%M", "-o", rss, name}, args...)...)
		if out, err := cmd.Output(); err != nil {
			b.Fatalf("%v: %v\n%s", args, err, out)
		}
		raw, _ := os.ReadFile(rss)
		if kib, err := strconv.ParseFloat(strings.TrimSpace(string(raw)), 64); err == nil {
			b.ReportMetric(kib/1024, "peak-RSS-MiB")
		}
	}
}

// BenchmarkDeclareProcess10k runs `tasrih-cli declare` on a 10 000-employee
// préétabli and a payroll of 500 entrants as a whole process: start, read,
// reconcile, build, re-validate, write and sync the file, print, exit
// (issue 9 target: median ≤ 30 ms, peak RSS ≤ 40 MB).
func BenchmarkDeclareProcess10k(b *testing.B) {
	dir := b.TempDir()
	bin := cliBinary(b, dir)
	pre, pay, _ := bench10k(b, dir)
	out := filepath.Join(dir, "out")
	runProcess(b, bin, "declare", "--preetabli", pre, "--payroll", pay, "--out", out, "--format", "json")
}

// BenchmarkValidateProcess10k runs `tasrih-cli validate` on the 2.7 MB DS
// of 10 000 employees and 500 entrants, with its préétabli, as a whole
// process (issue 9 target: median ≤ 25 ms, peak RSS ≤ 40 MB).
func BenchmarkValidateProcess10k(b *testing.B) {
	dir := b.TempDir()
	bin := cliBinary(b, dir)
	pre, _, ds := bench10k(b, dir)
	if st, _ := os.Stat(ds); st != nil {
		b.SetBytes(st.Size())
	}
	runProcess(b, bin, "validate", ds, "--preetabli", pre, "--format", "json")
}

// BenchmarkPlainPythonDeclare10k is issue 9's yardstick: a plain Python
// generator (testdata/plain_declare.py: read, reconcile, write the records
// and their sums, sync, SHA-256, without the rule catalogue) on the inputs
// of BenchmarkDeclareProcess10k, as a process. It must write the same bytes
// as `tasrih declare` (else the comparison is void); the target is that
// declare be at least 5× faster.
func BenchmarkPlainPythonDeclare10k(b *testing.B) {
	python, err := exec.LookPath("python3")
	if err != nil {
		b.Skip("python3 not found")
	}
	dir := b.TempDir()
	pre, pay, ds := bench10k(b, dir)
	out := filepath.Join(dir, "py")
	os.Mkdir(out, 0o755)
	script, _ := filepath.Abs("testdata/plain_declare.py")
	runProcess(b, python, script, pre, pay, out)
	got, err := os.ReadFile(filepath.Join(out, filepath.Base(ds)))
	if want, _ := os.ReadFile(ds); err != nil || !bytes.Equal(got, want) {
		b.Fatalf("the Python generator wrote other bytes than tasrih declare (%v)", err)
	}
}

// BenchmarkVersionProcess is the floor of every process benchmark: start
// the headless binary, print, exit.
func BenchmarkVersionProcess(b *testing.B) {
	bin := cliBinary(b, b.TempDir())
	runProcess(b, bin, "version")
}

// BenchmarkDeclare10k is the in-process work of `tasrih declare` for a
// 10 000-employee préétabli and 500 entrants: read the préétabli and the
// payroll CSV, reconcile, build and re-validate (issue 9 target: ≤ 10 ms),
// with Go's default garbage collection.
func BenchmarkDeclare10k(b *testing.B) { benchDeclare10k(b, false) }

// BenchmarkDeclare10kCommandGC is BenchmarkDeclare10k under the collector
// setting the command itself runs with (tuneGC: no collection for inputs of
// a few megabytes): the collector is off during each iteration and runs
// between iterations, outside the measured time. It says what the command's
// work costs; BenchmarkDeclare10k says what it costs in a process that
// collects (the desktop app).
func BenchmarkDeclare10kCommandGC(b *testing.B) { benchDeclare10k(b, true) }

func benchDeclare10k(b *testing.B, commandGC bool) {
	x := decltest.Preetabli(decltest.Affiliation(123456), domain.NewPeriod(2026, 1), 10_000, 1)
	pre, _ := cnssfile.AppendPreetabli(nil, x)
	pay := decltest.PayrollCSV(x, 500, 2)
	// The process reads the préétabli into a string without a copy
	// (readCNSSFile): the benchmark converts it once.
	preText := string(pre)
	if commandGC {
		defer debug.SetGCPercent(debug.SetGCPercent(-1))
	}
	b.ReportAllocs()
	cpu := benchcpu.Start()
	for b.Loop() {
		res, _, err := prepare(readPreetabli(func() (string, error) { return preText, nil }), bytes.NewReader(pay), "paie.csv", 0, "fr", nil)
		if err != nil || res == nil || res.Bytes == nil {
			b.Fatalf("blocked: %v", err)
		}
		if commandGC {
			b.StopTimer()
			runtime.GC()
			b.StartTimer()
		}
	}
	cpu.Report(b)
}
