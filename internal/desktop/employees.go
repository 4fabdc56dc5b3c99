package desktop

import (
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/store"
)

// CreateEmployee stores a new employee and, in the same transaction, sends
// every generated declaration of its employer that is not frozen back to
// "to regenerate" (a new hire changes the month's file: internal/lifecycle).
func (s *Session) CreateEmployee(em domain.Employee) (domain.Employee, error) {
	var out domain.Employee
	err := s.Store.Update(func(tx *store.Tx) (err error) {
		if out, err = tx.Employees().Create(em); err != nil {
			return err
		}
		_, err = tx.Declarations().OutdateEmployer(out.EmployerID)
		return err
	})
	return out, err
}

// UpdateEmployee replaces an employee and, in the same transaction, outdates
// the generated declarations of its employer that are not frozen (a name or
// CIN changed after "Générer" must not leave the old file ready).
func (s *Session) UpdateEmployee(em domain.Employee) (domain.Employee, error) {
	var out domain.Employee
	err := s.Store.Update(func(tx *store.Tx) (err error) {
		if out, err = tx.Employees().Update(em); err != nil {
			return err
		}
		_, err = tx.Declarations().OutdateEmployer(out.EmployerID)
		return err
	})
	return out, err
}
