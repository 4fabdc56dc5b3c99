package app

import (
	"github.com/tasrih/tasrih/internal/desktop"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/importer"
	"github.com/tasrih/tasrih/internal/store"
)

// Employees is the bound service of the employees of an employer and of the
// employee import (CSV/XLSX with a preview). Events: import:progress
// {op_id, phase: "preview"|"apply", done, total}.
type Employees struct {
	svc *Services
}

// List returns the employees of an employer, sorted by name.
func (e *Employees) List(employerID string) ([]domain.Employee, error) {
	var out []domain.Employee
	err := e.svc.Core.Use(func(s *desktop.Session) (err error) { out, err = s.Store.Employees().List(employerID); return err })
	return nonNil(out), err
}

// Get returns one employee of an employer.
func (e *Employees) Get(employerID, id string) (domain.Employee, error) {
	var out domain.Employee
	err := e.svc.Core.Use(func(s *desktop.Session) (err error) { out, err = s.Store.Employees().Get(employerID, id); return err })
	return out, err
}

// Create stores a new employee (validation.failed, store.immatriculation_taken,
// store.cin_taken); the employer's generated declarations not yet frozen
// become "to regenerate".
func (e *Employees) Create(em domain.Employee) (domain.Employee, error) {
	var out domain.Employee
	err := e.svc.Core.Use(func(s *desktop.Session) (err error) {
		if err = e.svc.Core.FirmEditable(s, em.EmployerID); err != nil {
			return err
		}
		out, err = s.CreateEmployee(em)
		return err
	})
	return out, err
}

// Update replaces an employee (its previous version goes to its history);
// the employer's generated declarations not yet frozen become "to regenerate".
func (e *Employees) Update(em domain.Employee) (domain.Employee, error) {
	var out domain.Employee
	err := e.svc.Core.Use(func(s *desktop.Session) (err error) {
		if err = e.svc.Core.FirmEditable(s, em.EmployerID); err != nil {
			return err
		}
		out, err = s.UpdateEmployee(em)
		return err
	})
	return out, err
}

// Validate checks an employee as Create would, without saving.
func (e *Employees) Validate(em domain.Employee) []FieldError {
	return validationFields(store.Validate(em), e.svc.lang())
}

// History returns the previous versions of an employee, oldest first.
func (e *Employees) History(employerID, employeeID string) ([]store.EmployeeVersion, error) {
	var out []store.EmployeeVersion
	err := e.svc.Core.Use(func(s *desktop.Session) (err error) {
		out, err = s.Store.Employees().History(employerID, employeeID)
		return err
	})
	return nonNil(out), err
}

// ChooseImportFile asks for an employee spreadsheet: its token for
// ImportPreview and its name (empty when cancelled).
func (e *Employees) ChooseImportFile() (Chosen, error) {
	p, err := e.svc.shell.OpenFile(spreadsheetDialog("Importer des salariés"))
	return e.svc.paths.issue(choiceImport, p, err)
}

// ImportPreview reads the employee spreadsheet chosen with ChooseImportFile
// (its token, single use) for employerID and returns what importing it would
// do, row by row (import:progress events, phase "preview", carry the
// returned op_id).
func (e *Employees) ImportPreview(employerID, token string) (ImportPreview, error) {
	path, err := e.svc.paths.take(choiceImport, token)
	if err != nil {
		return ImportPreview{}, err
	}
	id, pv, err := e.svc.Core.ImportPreview(importer.KindEmployees, employerID, path)
	return ImportPreview{OpID: id, Preview: pv}, err
}

// ImportApply writes the preview of opID (import:progress, phase "apply";
// Cancel(opID)). Without skipErrors a preview with rows in error is refused
// (import.has_errors) and kept, so the user may retry with skipErrors.
func (e *Employees) ImportApply(opID string, skipErrors bool) (importer.Result, error) {
	return e.svc.Core.ImportApply(opID, skipErrors)
}

// ImportDiscard drops a preview the user did not apply.
func (e *Employees) ImportDiscard(opID string) { e.svc.Core.DiscardImport(opID) }

// Cancel stops a running import; false when opID is unknown.
func (e *Employees) Cancel(opID string) bool { return e.svc.Core.Ops().Cancel(opID) }
