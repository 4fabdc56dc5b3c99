package store

import (
	"bytes"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
)

// TestNoPlaintextOnDisk imports a few hundred employees with distinctive
// names, CINs, salaries and RIBs, writes enough for Badger to flush
// memtables to SST files and large values to the value log, then scans every
// byte of every file of the directory (SST, vlog, memtable WAL, MANIFEST,
// KEYREGISTRY, DISCARD, LOCK…) and the log output for each of them.
func TestNoPlaintextOnDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("writes ~20 MB; skipped with -short")
	}
	dir := t.TempDir()
	var logs logBuffer
	o := testOptions()
	o.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := Open(dir, testKey, o)
	if err != nil {
		t.Fatal(err)
	}
	const n = 300
	er := must[domain.Employer](t)(s.Employers().Create(domain.Employer{
		Affiliation: "7394521", Name: "QZSOCIETE SECRETE", ICE: iceFor(77), Address: "QZRUE DES SECRETS",
	}))
	var needles []string
	var emps []domain.Employee
	for i := 0; i < n; i++ {
		e := domain.Employee{
			EmployerID:      er.ID,
			Immatriculation: fmt.Sprintf("%09d", 731000000+i*7),
			CIN:             fmt.Sprintf("QZ%06d", 400000+i),
			LastName:        fmt.Sprintf("QZNOM%04dX", i),
			FirstName:       fmt.Sprintf("QZPRENOM%04dY", i),
			MonthlyGross:    domain.Money(846000000 + i*13),
			RIB:             ribFor(5000 + i),
			BirthDate:       domain.Date{Year: 1980, Month: 1, Day: 1 + i%28},
		}
		emps = append(emps, must[domain.Employee](t)(s.Employees().Create(e)))
		needles = append(needles, e.Immatriculation, e.CIN, e.LastName, e.FirstName,
			fmt.Sprint(int64(e.MonthlyGross)), e.MonthlyGross.String(), e.RIB)
	}
	needles = append(needles, "QZSOCIETE", "QZRUE DES SECRETS", iceFor(77))

	// Lots of updates (history + audit before/after): > 2 memtables of data.
	for round := 0; round < 12; round++ {
		err := s.Update(func(tx *Tx) error {
			for i := range emps {
				emps[i].JobTitle = fmt.Sprintf("QZPOSTE %d", round)
				emps[i].Children = round % 5
				u, err := tx.Employees().Update(emps[i])
				if err != nil {
					return err
				}
				emps[i] = u
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Large values (≥ ValueThreshold) holding every name: préétablis and
	// declarations go to the value log.
	var file bytes.Buffer
	for _, e := range emps {
		fmt.Fprintf(&file, "%-260s\n", "A027394521202501"+e.Immatriculation+fmt.Sprintf("%-60s", e.FullName())+e.CIN+e.RIB)
	}
	for m := 1; m <= 12; m++ {
		p := domain.Period{Year: 2025, Month: 1}.AddMonths(m - 1)
		must[Preetabli](t)(s.Periods().ImportPreetabli(Preetabli{EmployerID: er.ID, Period: p, Raw: file.Bytes(), Employees: n}))
		var lines []domain.MonthLine
		for _, e := range emps {
			lines = append(lines, domain.MonthLine{EmployeeID: e.ID, Days: 26, Gross: e.MonthlyGross})
		}
		if err := s.Periods().ReplaceLines(er.ID, p, lines); err != nil {
			t.Fatal(err)
		}
		d := sampleDecl(er.ID, []Finding{{Rule: "SAL-MINIMUM", Severity: SeverityWarning, Employee: emps[m].FullName()}})
		d.Period, d.Bytes = p, file.Bytes()
		must[Declaration](t)(s.Declarations().Create(d))
	}

	// Small values (< ValueThreshold) stay in the LSM tables: one-line periods
	// hold an immatriculation and a salary each.
	for i := 0; i < 60; i++ {
		p := domain.Period{Year: 2020, Month: 1}.AddMonths(i)
		if err := s.Periods().SetLine(er.ID, p, domain.MonthLine{EmployeeID: emps[i].ID, Days: 26, Gross: emps[i].MonthlyGross}); err != nil {
			t.Fatal(err)
		}
	}

	// Scan while open (memtable WALs present), then after Close (flushed).
	open := scanForPlaintext(t, dir, needles)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	closed := scanForPlaintext(t, dir, needles)
	for _, want := range []string{".sst", ".vlog", ".mem", "MANIFEST", "KEYREGISTRY"} {
		if open[want] == 0 && closed[want] == 0 {
			t.Errorf("no %s file was scanned: the test did not exercise it", want)
		}
	}
	// The value log really holds the large values (it is not just preallocated).
	if closed[".vlog"] < 12*len(file.Bytes()) || closed[".sst"] < 64<<10 {
		t.Errorf("too little data flushed: vlog %d bytes, largest sst %d bytes", closed[".vlog"], closed[".sst"])
	}
	for _, nd := range needles {
		if strings.Contains(logs.String(), nd) {
			t.Fatalf("a personal value appears in the logs")
		}
	}
}

// scanForPlaintext fails the test if any needle occurs in any file under dir;
// it returns the kinds of files seen (extension, or name without extension)
// with the size of the largest file of each kind.
func scanForPlaintext(t *testing.T, dir string, needles []string) map[string]int {
	t.Helper()
	hit, kinds, total, err := findPlaintext(dir, needles)
	if err != nil {
		t.Fatal(err)
	}
	if hit != "" {
		// Do not print the value: it is (test) personal data.
		t.Fatalf("plaintext personal value found: %s", hit)
	}
	if total < 1<<20 {
		t.Fatalf("only %d bytes on disk: not enough written to flush", total)
	}
	return kinds
}

// findPlaintext looks for the needles in every file under dir. hit describes
// the first occurrence (file, offset, length; never the value).
func findPlaintext(dir string, needles []string) (hit string, kinds map[string]int, total int, err error) {
	byLen := map[int]map[string]bool{}
	for _, nd := range needles {
		if byLen[len(nd)] == nil {
			byLen[len(nd)] = map[string]bool{}
		}
		byLen[len(nd)][nd] = true
	}
	kinds = map[string]int{}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || hit != "" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		total += len(data)
		name := filepath.Base(path)
		kind := filepath.Ext(name)
		if kind == "" || strings.HasPrefix(name, "MANIFEST") {
			kind = strings.SplitN(name, "-", 2)[0]
		}
		kinds[kind] = max(kinds[kind], len(data))
		for l, set := range byLen {
			for i := 0; i+l <= len(data); i++ {
				c := data[i]
				if c != 'Q' && (c < '0' || c > '9') {
					continue
				}
				if set[string(data[i:i+l])] {
					hit = fmt.Sprintf("%s at offset %d (length %d)", name, i, l)
					return nil
				}
			}
		}
		return nil
	})
	return hit, kinds, total, err
}

// TestFindPlaintextFinds is the control of the scanner: a value written in
// clear in any file, at any offset, is found.
func TestFindPlaintextFinds(t *testing.T) {
	dir := t.TempDir()
	junk := bytes.Repeat([]byte{0x51, 0x39, 0x00}, 5000)
	if err := os.WriteFile(filepath.Join(dir, "000001.sst"), junk, 0o600); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	data := append(append([]byte{}, junk...), "xxQZ401234yy"...)
	if err := os.WriteFile(filepath.Join(sub, "MANIFEST"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	hit, _, _, err := findPlaintext(dir, []string{"123456789012345678901234", "QZ401234"})
	if err != nil || !strings.Contains(hit, "MANIFEST at offset 15002") {
		t.Fatalf("hit %q, err %v", hit, err)
	}
	hit, _, _, _ = findPlaintext(dir, []string{"QZ401235"})
	if hit != "" {
		t.Fatalf("false positive: %s", hit)
	}
}
