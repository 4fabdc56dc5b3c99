package desktop

import (
	"testing"

	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/monthly"
)

// monthOf2000 is an employer with a préétabli of 2 000 employees and its
// month saved once, as the month grid has it.
func monthOf2000(b *testing.B) (*monthly.Service, string, domain.Period, []monthly.LineInput) {
	st := openStore(b, b.TempDir())
	b.Cleanup(func() { st.Close() })
	p := domain.NewPeriod(2026, 1)
	aff := decltest.Affiliation(4242)
	er, err := st.Employers().Create(domain.Employer{Affiliation: aff, Name: "GRANDE SOCIETE"})
	if err != nil {
		b.Fatal(err)
	}
	svc := monthly.New(st, nil)
	if _, _, err := svc.ImportPreetabli(er.ID, "AFFEBDS.txt", decltest.PreetabliBytes(aff, p, 2000, 1), &p); err != nil {
		b.Fatal(err)
	}
	ws, err := svc.Load(er.ID, p)
	if err != nil || len(ws.Rows) != 2000 {
		b.Fatal(err, len(ws.Rows))
	}
	lines := make([]monthly.LineInput, len(ws.Rows))
	for i, r := range ws.Rows {
		lines[i] = monthly.LineInput{EmployeeID: r.EmployeeID, Days: 26, Gross: domain.MAD(5000) + domain.Money(i)}
	}
	if _, err := svc.SaveLines(er.ID, p, lines); err != nil {
		b.Fatal(err)
	}
	return svc, er.ID, p, lines
}

// BenchmarkMonthLoad2000 is Month.Load of a 2 000-employee month (rows,
// reconciliation, findings).
func BenchmarkMonthLoad2000(b *testing.B) {
	svc, id, p, _ := monthOf2000(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := svc.Load(id, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMonthSaveLines2000 is Month.SaveLines of a 2 000-employee month
// after one cell changed (the grid saves as you go), workspace recomputed.
func BenchmarkMonthSaveLines2000(b *testing.B) {
	svc, id, p, lines := monthOf2000(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		lines[i%len(lines)].Gross += domain.Money(1)
		ws, err := svc.SaveLines(id, p, lines)
		if err != nil || len(ws.Rows) != 2000 {
			b.Fatal(err)
		}
	}
}
