package store

import (
	"encoding/binary"
	"errors"
	"sort"
	"strings"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// Employers is the repository of employers. Get it from Store.Employers (each
// call is a transaction) or Tx.Employers (calls join the transaction).
type Employers struct{ scope }

// Employers returns the employer repository of the store.
func (s *Store) Employers() Employers { return Employers{scope{s: s}} }

// Employers returns the employer repository bound to tx.
func (tx *Tx) Employers() Employers { return Employers{scope{s: tx.s, tx: tx}} }

// Create stores a new employer and returns it with its ID and timestamps.
// The affiliation number must be unique (store.affiliation_taken).
func (r Employers) Create(e domain.Employer) (domain.Employer, error) {
	e.Normalize()
	e.ID = ""
	if err := Validate(e); err != nil {
		return domain.Employer{}, err
	}
	err := r.update(func(tx *Tx) error {
		if err := tx.checkAffiliationFree(e.Affiliation, ""); err != nil {
			return err
		}
		e.ID = newID()
		e.CreatedAt, e.UpdatedAt = tx.now, tx.now
		if err := tx.put(keyEmployer(e.ID), e); err != nil {
			return err
		}
		if err := tx.putRaw(tx.s.keyAffIdx(e.Affiliation), []byte(e.ID)); err != nil {
			return err
		}
		if err := tx.putCount(e.ID, 0); err != nil {
			return err
		}
		_, err := tx.Audit(ActionEmployerCreate, kindEmployer, e.ID, nil, e)
		return err
	})
	if err != nil {
		return domain.Employer{}, err
	}
	return e, nil
}

// Update replaces the employer with e.ID by e (CreatedAt is kept).
func (r Employers) Update(e domain.Employer) (domain.Employer, error) {
	e.Normalize()
	if err := Validate(e); err != nil {
		return domain.Employer{}, err
	}
	err := r.update(func(tx *Tx) error {
		old, err := tx.employer(e.ID)
		if err != nil {
			return err
		}
		if old.Affiliation != e.Affiliation {
			if err := tx.checkAffiliationFree(e.Affiliation, e.ID); err != nil {
				return err
			}
			if err := tx.del(tx.s.keyAffIdx(old.Affiliation)); err != nil {
				return err
			}
			if err := tx.putRaw(tx.s.keyAffIdx(e.Affiliation), []byte(e.ID)); err != nil {
				return err
			}
		}
		e.CreatedAt, e.UpdatedAt = old.CreatedAt, tx.now
		if err := tx.put(keyEmployer(e.ID), e); err != nil {
			return err
		}
		_, err = tx.Audit(ActionEmployerUpdate, kindEmployer, e.ID, old, e)
		return err
	})
	if err != nil {
		return domain.Employer{}, err
	}
	return e, nil
}

// Get returns the employer with this ID (store.not_found if none).
func (r Employers) Get(id string) (domain.Employer, error) {
	var e domain.Employer
	err := r.view(func(tx *Tx) error {
		var err error
		e, err = tx.employer(id)
		return err
	})
	return e, err
}

// FindByAffiliation returns the employer with this affiliation number.
func (r Employers) FindByAffiliation(aff string) (domain.Employer, error) {
	var e domain.Employer
	err := r.view(func(tx *Tx) error {
		id, err := tx.getRaw(tx.s.keyAffIdx(strings.TrimSpace(aff)))
		if errors.Is(err, errMissing) {
			return notFound(kindEmployer)
		}
		if err != nil {
			return err
		}
		e, err = tx.employer(string(id))
		return err
	})
	return e, err
}

// List returns every employer, sorted by name then affiliation.
func (r Employers) List() ([]domain.Employer, error) {
	var out []domain.Employer
	err := r.view(func(tx *Tx) error {
		return tx.scan([]byte(pEmployer), false, func(_, val []byte) error {
			var e domain.Employer
			if err := jsonDecode(val, &e, kindEmployer); err != nil {
				return err
			}
			out = append(out, e)
			return nil
		})
	})
	sortEmployers(out)
	return out, err
}

func sortEmployers(es []domain.Employer) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := strings.ToLower(es[i].Name), strings.ToLower(es[j].Name)
		if a != b {
			return a < b
		}
		return es[i].Affiliation < es[j].Affiliation
	})
}

var msgEmployerInUse = i18n.Text{
	FR: "impossible de supprimer cet employeur : il a encore %d salarié(s) et %d déclaration(s)",
	AR: "لا يمكن حذف هذا المشغل: لا يزال لديه %d من الأجراء و%d من التصاريح",
	EN: "cannot delete this employer: it still has %d employee(s) and %d declaration(s)",
}

// Delete removes an employer that has no employee and no declaration
// (store.employer_in_use otherwise), with its préétablis, month lines and
// period summaries.
func (r Employers) Delete(id string) error {
	return r.update(func(tx *Tx) error {
		old, err := tx.employer(id)
		if err != nil {
			return err
		}
		nEmp, err := tx.count(prefix(pEmployee, id))
		if err != nil {
			return err
		}
		nDecl, err := tx.count(prefix(pDeclIdx, id))
		if err != nil {
			return err
		}
		if nEmp > 0 || nDecl > 0 {
			return i18n.Wrap(ErrInUse, CodeEmployerInUse, msgEmployerInUse, nEmp, nDecl)
		}
		for _, p := range []string{pPreetabli, pLines, pSummary, pTotals, pHistory, pImmIdx, pCINIdx} {
			if err := tx.deletePrefix(prefix(p, id)); err != nil {
				return err
			}
		}
		for _, key := range [][]byte{keyEmployer(id), keyEmployerCount(id), tx.s.keyAffIdx(old.Affiliation)} {
			if err := tx.del(key); err != nil {
				return err
			}
		}
		_, err = tx.Audit(ActionEmployerDelete, kindEmployer, id, old, nil)
		return err
	})
}

// employer loads one employer.
func (tx *Tx) employer(id string) (domain.Employer, error) {
	var e domain.Employer
	if !validID(id) {
		return e, notFound(kindEmployer)
	}
	err := tx.get(keyEmployer(id), kindEmployer, &e)
	if errors.Is(err, errMissing) {
		return e, notFound(kindEmployer)
	}
	return e, err
}

func (tx *Tx) checkAffiliationFree(aff, self string) error {
	id, err := tx.getRaw(tx.s.keyAffIdx(aff))
	if errors.Is(err, errMissing) {
		return nil
	}
	if err != nil {
		return err
	}
	if string(id) == self {
		return nil
	}
	return i18n.Wrap(ErrDuplicate, CodeAffiliationUsed, msgAffiliationUsed).WithField("affiliation")
}

// employee counter of an employer (portfolio listing).
func (tx *Tx) getCount(er string) (int, error) {
	b, err := tx.getRaw(keyEmployerCount(er))
	if errors.Is(err, errMissing) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	if len(b) != 8 {
		return 0, errCorrupt("employee count", errors.New("bad length"))
	}
	return int(binary.BigEndian.Uint64(b)), nil
}

func (tx *Tx) putCount(er string, n int) error {
	return tx.putRaw(keyEmployerCount(er), binary.BigEndian.AppendUint64(nil, uint64(n)))
}
