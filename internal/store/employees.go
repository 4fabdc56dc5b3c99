package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"sort"
	"strings"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// Employees is the repository of employees, always addressed through their
// employer. Each update keeps the previous version (History).
type Employees struct{ scope }

// Employees returns the employee repository of the store.
func (s *Store) Employees() Employees { return Employees{scope{s: s}} }

// Employees returns the employee repository bound to tx.
func (tx *Tx) Employees() Employees { return Employees{scope{s: tx.s, tx: tx}} }

// Create stores a new employee of e.EmployerID. The immatriculation (except
// 999999999, occasional labour) and the CIN must be unique within the employer.
func (r Employees) Create(e domain.Employee) (domain.Employee, error) {
	e.Normalize()
	e.ID = ""
	if err := Validate(e); err != nil {
		return domain.Employee{}, err
	}
	err := r.update(func(tx *Tx) error {
		if _, err := tx.employer(e.EmployerID); err != nil {
			return err
		}
		if err := tx.checkEmployeeUnique(e, nil); err != nil {
			return err
		}
		e.ID = newID()
		e.CreatedAt, e.UpdatedAt = tx.now, tx.now
		if err := tx.put(keyEmployee(e.EmployerID, e.ID), e); err != nil {
			return err
		}
		if err := tx.indexEmployee(e, nil); err != nil {
			return err
		}
		n, err := tx.getCount(e.EmployerID)
		if err != nil {
			return err
		}
		if err := tx.putCount(e.EmployerID, n+1); err != nil {
			return err
		}
		_, err = tx.Audit(ActionEmployeeCreate, kindEmployee, e.ID, nil, e)
		return err
	})
	if err != nil {
		return domain.Employee{}, err
	}
	return e, nil
}

// Update replaces the employee e.ID of e.EmployerID by e and keeps the
// previous version in its history (with the time and the actor). An update
// that changes nothing writes nothing. The employer of an employee cannot change.
func (r Employees) Update(e domain.Employee) (domain.Employee, error) {
	e.Normalize()
	if err := Validate(e); err != nil {
		return domain.Employee{}, err
	}
	err := r.update(func(tx *Tx) error {
		old, err := tx.employee(e.EmployerID, e.ID)
		if err != nil {
			return err
		}
		e.CreatedAt, e.UpdatedAt = old.CreatedAt, old.UpdatedAt
		if sameEmployee(old, e) {
			e = old
			return nil
		}
		e.UpdatedAt = tx.now
		if err := tx.checkEmployeeUnique(e, &old); err != nil {
			return err
		}
		if err := tx.put(keyEmployee(e.EmployerID, e.ID), e); err != nil {
			return err
		}
		if err := tx.indexEmployee(e, &old); err != nil {
			return err
		}
		seq, err := tx.Audit(ActionEmployeeUpdate, kindEmployee, e.ID, old, e)
		if err != nil {
			return err
		}
		return tx.put(keyHistory(e.EmployerID, e.ID, seq), EmployeeVersion{
			Seq: seq, At: tx.now, Author: tx.s.actor, Previous: old,
		})
	})
	if err != nil {
		return domain.Employee{}, err
	}
	return e, nil
}

func sameEmployee(a, b domain.Employee) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

// Get returns one employee of an employer.
func (r Employees) Get(employerID, id string) (domain.Employee, error) {
	var e domain.Employee
	err := r.view(func(tx *Tx) error {
		var err error
		e, err = tx.employee(employerID, id)
		return err
	})
	return e, err
}

// List returns the employees of an employer sorted by last name, first name.
func (r Employees) List(employerID string) ([]domain.Employee, error) {
	var out []domain.Employee
	err := r.view(func(tx *Tx) error {
		if _, err := tx.employer(employerID); err != nil {
			return err
		}
		return tx.scan(prefix(pEmployee, employerID), false, func(_, val []byte) error {
			var e domain.Employee
			if err := jsonDecode(val, &e, kindEmployee); err != nil {
				return err
			}
			out = append(out, e)
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.LastName != b.LastName {
			return a.LastName < b.LastName
		}
		if a.FirstName != b.FirstName {
			return a.FirstName < b.FirstName
		}
		return a.ID < b.ID
	})
	return out, err
}

// Count returns the number of employees of an employer (from its counter).
func (r Employees) Count(employerID string) (int, error) {
	n := 0
	err := r.view(func(tx *Tx) error {
		if _, err := tx.employer(employerID); err != nil {
			return err
		}
		var err error
		n, err = tx.getCount(employerID)
		return err
	})
	return n, err
}

// FindByImmatriculation returns the employee of the employer with this
// immatriculation. The shared number 999999999 (occasional labour) and the
// empty number find nobody.
func (r Employees) FindByImmatriculation(employerID, imm string) (domain.Employee, error) {
	imm = strings.TrimSpace(imm)
	if imm == "" || imm == domain.ImmatOccasional || imm == domain.ImmatNotRegistered {
		return domain.Employee{}, notFound(kindEmployee)
	}
	return r.findBy(employerID, func(s *Store) []byte { return s.keyImmIdx(employerID, imm) })
}

// FindByCIN returns the employee of the employer with this CIN (normalised first).
func (r Employees) FindByCIN(employerID, cin string) (domain.Employee, error) {
	cin = domain.NormalizeCIN(cin)
	if cin == "" {
		return domain.Employee{}, notFound(kindEmployee)
	}
	return r.findBy(employerID, func(s *Store) []byte { return s.keyCINIdx(employerID, cin) })
}

func (r Employees) findBy(employerID string, key func(*Store) []byte) (domain.Employee, error) {
	var e domain.Employee
	err := r.view(func(tx *Tx) error {
		if !validID(employerID) {
			return notFound(kindEmployee)
		}
		id, err := tx.getRaw(key(tx.s))
		if errors.Is(err, errMissing) {
			return notFound(kindEmployee)
		}
		if err != nil {
			return err
		}
		e, err = tx.employee(employerID, string(id))
		return err
	})
	return e, err
}

// History returns the previous versions of an employee, oldest first.
func (r Employees) History(employerID, id string) ([]EmployeeVersion, error) {
	var out []EmployeeVersion
	err := r.view(func(tx *Tx) error {
		if _, err := tx.employee(employerID, id); err != nil {
			return err
		}
		return tx.scan(prefix(pHistory, employerID, id), false, func(_, val []byte) error {
			var v EmployeeVersion
			if err := jsonDecode(val, &v, kindEmployee); err != nil {
				return err
			}
			out = append(out, v)
			return nil
		})
	})
	return out, err
}

func (tx *Tx) employee(er, id string) (domain.Employee, error) {
	var e domain.Employee
	if !validID(er) || !validID(id) {
		return e, notFound(kindEmployee)
	}
	err := tx.get(keyEmployee(er, id), kindEmployee, &e)
	if errors.Is(err, errMissing) {
		return e, notFound(kindEmployee)
	}
	return e, err
}

// indexedImm reports whether an immatriculation goes into the unique index.
func indexedImm(imm string) bool { return imm != "" && imm != domain.ImmatOccasional }

func (tx *Tx) checkEmployeeUnique(e domain.Employee, old *domain.Employee) error {
	if indexedImm(e.Immatriculation) && (old == nil || old.Immatriculation != e.Immatriculation) {
		ok, err := tx.exists(tx.s.keyImmIdx(e.EmployerID, e.Immatriculation))
		if err != nil {
			return err
		}
		if ok {
			return i18n.Wrap(ErrDuplicate, CodeImmatUsed, msgImmatUsed).WithField("immatriculation")
		}
	}
	if e.CIN != "" && (old == nil || old.CIN != e.CIN) {
		ok, err := tx.exists(tx.s.keyCINIdx(e.EmployerID, e.CIN))
		if err != nil {
			return err
		}
		if ok {
			return i18n.Wrap(ErrDuplicate, CodeCINUsed, msgCINUsed).WithField("cin")
		}
	}
	return nil
}

// indexEmployee moves the unique-index entries of an employee from old to e.
func (tx *Tx) indexEmployee(e domain.Employee, old *domain.Employee) error {
	var oldImm, oldCIN string
	if old != nil {
		oldImm, oldCIN = old.Immatriculation, old.CIN
	}
	if oldImm != e.Immatriculation {
		if indexedImm(oldImm) {
			if err := tx.del(tx.s.keyImmIdx(e.EmployerID, oldImm)); err != nil {
				return err
			}
		}
		if indexedImm(e.Immatriculation) {
			if err := tx.putRaw(tx.s.keyImmIdx(e.EmployerID, e.Immatriculation), []byte(e.ID)); err != nil {
				return err
			}
		}
	}
	if oldCIN != e.CIN {
		if oldCIN != "" {
			if err := tx.del(tx.s.keyCINIdx(e.EmployerID, oldCIN)); err != nil {
				return err
			}
		}
		if e.CIN != "" {
			if err := tx.putRaw(tx.s.keyCINIdx(e.EmployerID, e.CIN), []byte(e.ID)); err != nil {
				return err
			}
		}
	}
	return nil
}
