package monthly

import (
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
)

// TestLeaverDefaultsToSO: a préétabli employee whose exit date is in or
// before the month comes up as a leaver with situation SO and no days or
// salary (fill), unless a line was saved; a current employee does not.
func TestLeaverDefaultsToSO(t *testing.T) {
	s, st, er := setup(t)
	if _, _, err := s.ImportPreetabli(er.ID, "AFFEBDS_1234567_202601.txt", vectorPreetabli(t), &p202601); err != nil {
		t.Fatal(err)
	}
	// The import created the employees of the préétabli: complete them.
	for immat, exit := range map[string]domain.Date{
		"187654325": {Year: 2026, Month: 1, Day: 31},
		"123456785": {Year: 2026, Month: 2, Day: 1},
	} {
		e, err := st.Employees().FindByImmatriculation(er.ID, immat)
		if err != nil {
			t.Fatal(err)
		}
		e.HireDate, e.ExitDate, e.MonthlyGross = domain.Date{Year: 2020, Month: 3, Day: 1}, exit, domain.MAD(8000)
		if _, err := st.Employees().Update(e); err != nil {
			t.Fatal(err)
		}
	}
	ws, err := s.Load(er.ID, p202601)
	if err != nil {
		t.Fatal(err)
	}
	if r := rowOf(t, ws, "187654325"); r.Category != Leaver || r.Situation != domain.SitLeft || r.Days != 0 || r.Gross != 0 || r.NeedsSituation {
		t.Errorf("leaver (exit on the last day of the month): %+v", r)
	}
	// Near miss: leaving the day after the month ends is a normal month.
	if r := rowOf(t, ws, "123456785"); r.Category != Current || r.Situation != domain.SitNormal || r.Days != 26 || r.Gross != domain.MAD(8000) {
		t.Errorf("current employee (exit next month): %+v", r)
	}
}
