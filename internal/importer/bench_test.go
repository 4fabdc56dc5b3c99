package importer

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// employeesXLSX builds, with excelize's stream writer, a workbook of n
// employees as an accountant would keep it: a title row, numbers (the
// immatriculation, the salary, the children), date cells, text, and a
// column the import ignores.
func employeesXLSX(tb testing.TB, n int) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		tb.Fatal(err)
	}
	rows := [][]any{
		{"Personnel au 31/12/2025"},
		{"N° CNSS", "CIN", "Nom", "Prénom", "Date de naissance", "Date d'embauche", "Fonction", "Salaire brut",
			"Enfants", "RIB", "Téléphone"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, r); err != nil {
			tb.Fatal(err)
		}
	}
	for i := 1; i <= n; i++ {
		immat, _ := strconv.Atoi(immatFor(1, i))
		birth := time.Date(1960+i%40, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
		hire := time.Date(2000+i%25, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
		row := []any{immat, cinFor(i), fmt.Sprintf("NOM%05d", i), "Prénom",
			excelize.Cell{StyleID: dateStyle, Value: birth}, excelize.Cell{StyleID: dateStyle, Value: hire},
			"Employé", 3000 + float64(i%5000) + 0.5, i % 5, ribFor(i), "0600000000"}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			tb.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// resetPeak resets the process's peak resident set size (Linux); false
// elsewhere.
func resetPeak() bool {
	runtime.GC()
	debug.FreeOSMemory()
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

// BenchmarkImportEmployeesXLSX20k: read a 20 000-employee XLSX, preview it
// against a fresh store and apply it (targets: < 3 s, < 200 MB peak). The
// workbook is generated once; opening and closing the store is not timed.
// peak-RSS-MiB is the process's VmHWM over the timed part (reset before it).
func BenchmarkImportEmployeesXLSX20k(b *testing.B) {
	const n = 20000
	data := employeesXLSX(b, n)
	b.ReportMetric(float64(len(data))/(1<<20), "xlsx-MiB")
	b.ReportAllocs()
	peakOK := resetPeak()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir, err := os.MkdirTemp(b.TempDir(), "store")
		if err != nil {
			b.Fatal(err)
		}
		st := openStoreAt(b, dir)
		er := createEmployer(b, st, 1)
		b.StartTimer()

		tb, err := OpenTable("personnel.xlsx", bytes.NewReader(data), TableOptions{})
		if err != nil {
			b.Fatal(err)
		}
		p, err := PreviewEmployees(context.Background(), st, tb, PreviewOptions{EmployerID: er.ID})
		if err != nil {
			b.Fatal(err)
		}
		tb.Close()
		res, err := Apply(context.Background(), st, p, ApplyOptions{})
		if err != nil {
			b.Fatal(err)
		}

		b.StopTimer()
		if res.Created != n || p.Counts.Warnings != 0 {
			b.Fatalf("result %+v, counts %+v", res, p.Counts)
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		_ = os.RemoveAll(dir)
		b.StartTimer()
	}
	b.StopTimer()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.Sys)/(1<<20), "go-sys-MiB")
	if peakOK {
		b.ReportMetric(peakRSS(), "peak-RSS-MiB")
	}
}

// BenchmarkPreviewEmployeesXLSX20k: the read and preview part alone.
func BenchmarkPreviewEmployeesXLSX20k(b *testing.B) {
	data := employeesXLSX(b, 20000)
	st := openStore(b)
	er := createEmployer(b, st, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tb, err := OpenTable("personnel.xlsx", bytes.NewReader(data), TableOptions{})
		if err != nil {
			b.Fatal(err)
		}
		p, err := PreviewEmployees(context.Background(), st, tb, PreviewOptions{EmployerID: er.ID})
		if err != nil || p.Counts.Create != 20000 {
			b.Fatalf("%v %+v", err, p.Counts)
		}
		tb.Close()
	}
}

// BenchmarkReadCSV: the CSV reader on the same list (about 2 MB).
func BenchmarkReadCSV(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(empHead)
	for i := 1; i <= 20000; i++ {
		sb.WriteString(empLine(i))
	}
	data := sb.String()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tb, err := OpenTable("s.csv", strings.NewReader(data), TableOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := tb.Next(); err != nil {
				break
			}
		}
	}
}
