package monthly

import (
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/store"
)

// plausibility returns the plausibility findings (PLA-*, never blocking) of
// the declaration the month's rows produce: compared with the previous
// month's DS stored for the employer, when there is one, and with the hiring
// and exit dates of the employer's employees (emps: the list Load already
// read). A store error only leaves out the comparison it would have fed.
func (s *Service) plausibility(employerID string, p domain.Period, res *declaration.Result, emps []domain.Employee) []declaration.Finding {
	in := declaration.PlausibilityInput{Current: declaration.Layout(res.Decl), Previous: s.previousDS(employerID, p), Params: s.params}
	in.Employees = make([]declaration.KnownEmployee, len(emps))
	for i, e := range emps {
		in.Employees[i] = declaration.KnownEmployee{Immat: e.Immatriculation, CIN: e.CIN, Hire: e.HireDate, Exit: e.ExitDate}
	}
	return declaration.Plausibility(in)
}

// previousDS reads the principal declaration of the month before p that
// has a file: the last deposited one, else the last generated one; nil when
// there is none.
func (s *Service) previousDS(employerID string, p domain.Period) *declaration.Parsed {
	decls, err := s.st.Declarations().List(employerID, p.Prev())
	if err != nil {
		return nil
	}
	best := -1
	for i, d := range decls {
		if d.Kind != store.KindPrincipal || d.SHA256 == "" || d.SHA256 == emptySHA256 {
			continue
		}
		if best < 0 || d.Status.Deposited() || !decls[best].Status.Deposited() {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	d, err := s.st.Declarations().Get(decls[best].ID)
	if err != nil || len(d.Bytes) == 0 {
		return nil
	}
	parsed, _ := declaration.Validate(d.Bytes, declaration.Options{Params: s.params, FileName: d.FileName})
	return parsed
}
