package monthly

import (
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
)

// Issue 15.7: the counters follow the situations (an employee of the
// préétabli marked SO is a leaver, not an unknown), and each proposed value
// says where it comes from; only a month with saved lines is a "previous
// month".
func TestCountersAndSources(t *testing.T) {
	s, st, er := setup(t)
	if _, _, err := s.ImportPreetabli(er.ID, "x", vectorPreetabli(t), &p202601); err != nil {
		t.Fatal(err)
	}
	first := domain.Date{Year: 2026, Month: 1, Day: 1}
	onFirst, err := st.Employees().Create(domain.Employee{EmployerID: er.ID, CIN: "AB11111", LastName: "A", FirstName: "B", HireDate: first, MonthlyGross: domain.MAD(5000)})
	if err != nil {
		t.Fatal(err)
	}
	midMonth, err := st.Employees().Create(domain.Employee{EmployerID: er.ID, CIN: "AB22222", LastName: "C", FirstName: "D", HireDate: first.AddDays(14), MonthlyGross: domain.MAD(6000)})
	if err != nil {
		t.Fatal(err)
	}
	ws, err := s.Load(er.ID, p202601)
	if err != nil {
		t.Fatal(err)
	}
	if !ws.Prefilled || ws.PreviousMonth || ws.Counts[Unknown] != 2 || ws.Counts[Leaver] != 0 {
		t.Fatalf("before: prefilled %v previous %v counts %v", ws.Prefilled, ws.PreviousMonth, ws.Counts)
	}
	if r := rowOf(t, ws, ""); r.EmployeeID == "" {
		t.Fatal("no entrant rows")
	}
	for _, r := range ws.Rows {
		switch r.EmployeeID {
		case onFirst.ID:
			if r.Source != FromEmployeeFile || r.Days != 26 || r.Gross != domain.MAD(5000) {
				t.Errorf("hired on the 1st: %+v", r)
			}
		case midMonth.ID:
			if r.Source != FromNothing || r.Days != 0 || r.Gross != 0 {
				t.Errorf("hired mid-month: %+v", r)
			}
		}
	}

	// One préétabli employee marked SO: a leaver in the counters and the row.
	alami, bennani := rowOf(t, ws, "123456785"), rowOf(t, ws, "187654325")
	ws, err = s.SaveLines(er.ID, p202601, []LineInput{
		{EmployeeID: alami.EmployeeID, Days: 26, Gross: domain.MAD(8000)},
		{EmployeeID: bennani.EmployeeID, Situation: domain.SitLeft},
		{EmployeeID: onFirst.ID, Days: 26, Gross: domain.MAD(5000)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if ws.Counts[Leaver] != 1 || ws.Counts[Unknown] != 1 || rowOf(t, ws, "187654325").Category != Leaver {
		t.Fatalf("after SO: counts %v, row %+v", ws.Counts, rowOf(t, ws, "187654325"))
	}
	if r := rowOf(t, ws, "123456785"); r.Source != FromSaved {
		t.Errorf("saved row: %+v", r)
	}

	// February: proposals come from January, and say so.
	feb, err := s.Load(er.ID, p202601.Next())
	if err != nil {
		t.Fatal(err)
	}
	if !feb.Prefilled || !feb.PreviousMonth {
		t.Fatalf("february: prefilled %v previous %v", feb.Prefilled, feb.PreviousMonth)
	}
	for _, r := range feb.Rows {
		if r.EmployeeID == onFirst.ID && (r.Source != FromPreviousMonth || r.Gross != domain.MAD(5000)) {
			t.Errorf("february row: %+v", r)
		}
	}
}
