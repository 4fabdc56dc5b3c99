package store

import (
	"bufio"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
)

// Portfolio size of the speed targets: 300 employers, 20 000 employees.
const (
	benchEmployers = 300
	benchEmployees = 20000
)

var (
	portfolioOnce sync.Once
	portfolioDir  string
	portfolioErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if portfolioDir != "" {
		_ = os.RemoveAll(portfolioDir)
	}
	os.Exit(code)
}

// portfolio builds (once per test binary run) a closed store holding 300
// employers and 20 000 employees, with préétablis, month lines and
// declarations in various states for the current period, and returns its
// directory.
func portfolio(b *testing.B) string {
	b.Helper()
	portfolioOnce.Do(func() {
		portfolioDir, portfolioErr = os.MkdirTemp("", "tasrih-store-bench-")
		if portfolioErr == nil {
			portfolioErr = buildPortfolio(portfolioDir)
		}
	})
	if portfolioErr != nil {
		b.Fatal(portfolioErr)
	}
	return portfolioDir
}

func buildPortfolio(dir string) error {
	s, err := Open(dir, testKey, testOptions())
	if err != nil {
		return err
	}
	defer s.Close()
	var ers []domain.Employer
	for i := 0; i < benchEmployers; i++ {
		e, err := s.Employers().Create(sampleEmployer(i))
		if err != nil {
			return err
		}
		ers = append(ers, e)
	}
	// Employees spread unevenly: a few large employers, many small ones.
	per := make([]int, benchEmployers)
	left := benchEmployees
	for i := range per {
		per[i] = 20
		left -= 20
	}
	for i := 0; left > 0; i = (i + 1) % 30 {
		per[i]++
		left--
	}
	n := 0
	for i, er := range ers {
		var emps []domain.Employee
		for done := 0; done < per[i]; {
			batch := min(500, per[i]-done)
			err := s.Update(func(tx *Tx) error {
				for j := 0; j < batch; j++ {
					e, err := tx.Employees().Create(sampleEmployee(er.ID, n+j))
					if err != nil {
						return err
					}
					emps = append(emps, e)
				}
				return nil
			})
			if err != nil {
				return err
			}
			n += batch
			done += batch
		}
		// Current period: employers in every state.
		switch i % 5 {
		case 1, 2, 3, 4:
			if _, err := s.Periods().ImportPreetabli(Preetabli{EmployerID: er.ID, Period: p202601, Raw: make([]byte, 261*len(emps)), Employees: len(emps)}); err != nil {
				return err
			}
		}
		if i%5 >= 2 {
			lines := make([]domain.MonthLine, len(emps))
			for j, e := range emps {
				lines[j] = domain.MonthLine{EmployeeID: e.ID, Days: 26, Gross: e.MonthlyGross}
			}
			if err := s.Periods().ReplaceLines(er.ID, p202601, lines); err != nil {
				return err
			}
		}
		if i%5 >= 3 {
			d := sampleDecl(er.ID, nil)
			d.Bytes = make([]byte, 261*(len(emps)+7))
			d, err := s.Declarations().Create(d)
			if err != nil {
				return err
			}
			if i%5 == 4 {
				if _, err := s.Submissions().Enqueue(d.ID); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// resetPeak resets the process's peak resident set size (Linux); it reports
// false elsewhere.
func resetPeak() bool {
	runtime.GC()
	debug.FreeOSMemory() // drop what building the portfolio left behind
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// peakRSS returns VmHWM (peak resident set size) in MiB, or -1.
func peakRSS() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			if err == nil {
				return kb / 1024
			}
		}
	}
	return -1
}

func reportMemory(b *testing.B, peakOK bool) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.Sys)/(1<<20), "go-sys-MiB")
	if peakOK {
		b.ReportMetric(peakRSS(), "peak-RSS-MiB")
	}
}

// BenchmarkOpen measures opening the portfolio store with a known key
// (target < 100 ms).
func BenchmarkOpen(b *testing.B) {
	dir := portfolio(b)
	b.ReportAllocs()
	peakOK := resetPeak()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := Open(dir, testKey, testOptions())
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.StopTimer()
	reportMemory(b, peakOK)
}

// BenchmarkListEmployerStatus measures the portfolio listing of 300
// employers / 20 000 employees (target < 50 ms).
func BenchmarkListEmployerStatus(b *testing.B) {
	dir := portfolio(b)
	s, err := Open(dir, testKey, testOptions())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	peakOK := resetPeak()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st, err := s.ListEmployerStatus(p202601)
		if err != nil {
			b.Fatal(err)
		}
		if len(st) != benchEmployers {
			b.Fatalf("%d rows", len(st))
		}
	}
	b.StopTimer()
	reportMemory(b, peakOK)
}

// BenchmarkEmployeeList lists the employees of the largest employer.
func BenchmarkEmployeeList(b *testing.B) {
	dir := portfolio(b)
	s, err := Open(dir, testKey, testOptions())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	st, err := s.ListEmployerStatus(p202601)
	if err != nil {
		b.Fatal(err)
	}
	big := st[0]
	for _, r := range st {
		if r.Employees > big.Employees {
			big = r
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l, err := s.Employees().List(big.EmployerID)
		if err != nil || len(l) != big.Employees {
			b.Fatalf("%d employees, %v", len(l), err)
		}
	}
	b.ReportMetric(float64(big.Employees), "employees")
}

// BenchmarkCreateEmployee measures one employee creation in its own
// transaction (validation, indexes, counter, audit entry, fsync).
func BenchmarkCreateEmployee(b *testing.B) {
	s := openTest(b)
	er, err := s.Employers().Create(sampleEmployer(1))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Employees().Create(sampleEmployee(er.ID, i)); err != nil {
			b.Fatal(err)
		}
	}
}
