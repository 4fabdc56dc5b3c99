package monthly

import (
	"bytes"
	"testing"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/store"
)

// storeDecember stores a ready DS of December 2025 for the vector's
// employer, ALAMI paid 26 days at gross (built from the January préétabli
// moved back one month).
func storeDecember(t *testing.T, st *store.Store, er domain.Employer, gross domain.Money) {
	t.Helper()
	dec := p202601.Prev()
	pre, rep := declaration.ReadPreetabli(bytes.ReplaceAll(vectorPreetabli(t), []byte(p202601.String()), []byte(dec.String())))
	if !rep.Valid() || pre.File.Employer.Period != dec {
		t.Fatal(rep.Findings)
	}
	res, err := declaration.Build(declaration.Input{Preetabli: pre, Lines: []declaration.MonthLine{
		{Immat: "123456785", Days: 26, Gross: gross},
		{Immat: "187654325", Days: 26, Gross: domain.MAD(4000)},
	}})
	if err != nil || res.Bytes == nil {
		t.Fatalf("december: %v %v", err, res.Report.Findings)
	}
	if _, err := st.Declarations().Create(store.Declaration{EmployerID: er.ID, Period: dec, Kind: store.KindPrincipal,
		FileName: res.FileName, Status: store.StatusReady, Bytes: res.Bytes}); err != nil {
		t.Fatal(err)
	}
}

func findingsOf(ws *Workspace, rule string) []Finding {
	var out []Finding
	for _, f := range ws.Findings {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

// TestPlausibilityInTheWorkspace: the month's workspace compares the month
// with the previous month's stored DS. A salary three times last month's is
// a PLA-SALARY warning on the employee's gross cell, not an error; a +49.99 %
// change (the default ratio is ±50 %) stays silent; with no previous DS
// there is no comparison.
func TestPlausibilityInTheWorkspace(t *testing.T) {
	for _, tc := range []struct {
		name     string
		previous domain.Money // 0: no December DS
		want     bool
	}{
		{"three times", domain.MAD(8000) / 3, true},
		{"just above +50 %", 533333, true},    // 8000.00 / 5333.33 = +50.0002 %
		{"near miss +49.99 %", 533400, false}, // 8000.00 / 5334.00 = +49.98 %
		{"no previous month", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, st, er := setup(t)
			if _, _, err := s.ImportPreetabli(er.ID, "AFFEBDS_1234567_202601.txt", vectorPreetabli(t), &p202601); err != nil {
				t.Fatal(err)
			}
			if tc.previous > 0 {
				storeDecember(t, st, er, tc.previous)
			}
			ws, _ := s.Load(er.ID, p202601)
			ws, err := s.SaveLines(er.ID, p202601, []LineInput{
				{EmployeeID: rowOf(t, ws, "123456785").EmployeeID, Days: 26, Gross: domain.MAD(8000)},
				{EmployeeID: rowOf(t, ws, "187654325").EmployeeID, Days: 26, Gross: domain.MAD(4000)},
			})
			if err != nil {
				t.Fatal(err)
			}
			got := findingsOf(ws, declaration.PlaSalary)
			if !tc.want {
				if len(got) != 0 {
					t.Fatalf("silent case reported %+v", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("PLA-SALARY: %+v (all findings %+v)", got, ws.Findings)
			}
			f := got[0]
			if f.Severity != declaration.Warning || f.Column != ColGross || f.Row < 0 || ws.Rows[f.Row].Immatriculation != "123456785" ||
				f.Message.FR == "" || f.Message.AR == "" || f.Message.EN == "" || f.Hint.FR == "" {
				t.Errorf("finding: %+v", f)
			}
			if r := ws.Rows[f.Row]; len(findingsOf(&Workspace{Findings: r.Findings}, declaration.PlaSalary)) != 1 {
				t.Errorf("row findings: %+v", r.Findings)
			}
			if ws.Errors != 0 || ws.Warnings == 0 {
				t.Errorf("a plausibility finding blocks or is not counted: errors %d warnings %d", ws.Errors, ws.Warnings)
			}
			// Plausibility never blocks: the month still generates a ready file.
			if g, err := s.Generate(er.ID, p202601); err != nil || !g.Valid {
				t.Errorf("generate: %v %+v", err, g)
			}
		})
	}
}
