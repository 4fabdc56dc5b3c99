package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// Replication of an employer's records from another seat of a firm
// (internal/firm carries them, internal/desktop maps them). The records
// arrive with their ids, timestamps and states as the other seat's store
// made them: Replicate writes them as they are (the repositories' Create
// would give them new ids), keeps this store's indexes (whose tokens are
// keyed by this store's own index key) and counters right, and audits each
// write as a firm.apply entry. The firm's state (the seat's keys and
// positions) is kept in the same transaction (SetFirmState), so that a
// crash neither loses nor repeats a change.

// keyFirmState holds the firm mode's seat identity and sync state (JSON,
// keys included: only ever inside the encrypted store).
var keyFirmState = []byte("m/firm")

// FirmState returns what SetFirmState last wrote (nil if never).
func (s *Store) FirmState() ([]byte, error) {
	var out []byte
	err := s.View(func(tx *Tx) error {
		var err error
		out, err = tx.FirmState()
		return err
	})
	return out, err
}

// FirmState returns what SetFirmState last wrote (nil if never).
func (tx *Tx) FirmState() ([]byte, error) {
	b, err := tx.getRaw(keyFirmState)
	if errors.Is(err, errMissing) {
		return nil, nil
	}
	return b, err
}

// SetFirmState keeps the firm mode's state (nil removes it).
func (tx *Tx) SetFirmState(b []byte) error {
	if err := tx.writeCheck(); err != nil {
		return err
	}
	if b == nil {
		return tx.del(keyFirmState)
	}
	return tx.putRaw(keyFirmState, b)
}

// Replicate writes e (with its id) as another seat of the firm has it.
func (r Employers) Replicate(e domain.Employer) error {
	e.Normalize()
	if err := Validate(e); err != nil {
		return err
	}
	if !validID(e.ID) {
		return notFound(kindEmployer)
	}
	return r.update(func(tx *Tx) error {
		old, err := tx.employer(e.ID)
		exists := err == nil
		if err != nil && !IsNotFound(err) {
			return err
		}
		if !exists || old.Affiliation != e.Affiliation {
			if err := tx.checkAffiliationFree(e.Affiliation, e.ID); err != nil {
				return err
			}
			if exists {
				if err := tx.del(tx.s.keyAffIdx(old.Affiliation)); err != nil {
					return err
				}
			}
			if err := tx.putRaw(tx.s.keyAffIdx(e.Affiliation), []byte(e.ID)); err != nil {
				return err
			}
		}
		if !exists {
			if err := tx.putCount(e.ID, 0); err != nil {
				return err
			}
		}
		if err := tx.put(keyEmployer(e.ID), e); err != nil {
			return err
		}
		var before any
		if exists {
			before = old
		}
		_, err = tx.Audit(ActionFirmApply, kindEmployer, e.ID, before, e)
		return err
	})
}

// Replicate writes e (with its id) as another seat of the firm has it; its
// employer must be there.
func (r Employees) Replicate(e domain.Employee) error {
	e.Normalize()
	if err := Validate(e); err != nil {
		return err
	}
	if !validID(e.ID) {
		return notFound(kindEmployee)
	}
	return r.update(func(tx *Tx) error {
		if _, err := tx.employer(e.EmployerID); err != nil {
			return err
		}
		old, err := tx.employee(e.EmployerID, e.ID)
		exists := err == nil
		if err != nil && !IsNotFound(err) {
			return err
		}
		var prev *domain.Employee
		if exists {
			prev = &old
		}
		if err := tx.checkEmployeeUnique(e, prev); err != nil {
			return err
		}
		if err := tx.put(keyEmployee(e.EmployerID, e.ID), e); err != nil {
			return err
		}
		if err := tx.indexEmployee(e, prev); err != nil {
			return err
		}
		if !exists {
			n, err := tx.getCount(e.EmployerID)
			if err != nil {
				return err
			}
			if err := tx.putCount(e.EmployerID, n+1); err != nil {
				return err
			}
		}
		var before any
		if exists {
			before = old
		}
		_, err = tx.Audit(ActionFirmApply, kindEmployee, e.ID, before, e)
		return err
	})
}

// LinePeriods returns the periods of an employer that have month lines, in
// order.
func (r Periods) LinePeriods(employerID string) ([]domain.Period, error) {
	var out []domain.Period
	err := r.view(func(tx *Tx) error {
		pfx := prefix(pLines, employerID)
		return tx.scan(pfx, true, func(key, _ []byte) error {
			p, err := domain.ParsePeriod(string(key[len(pfx):]))
			if err != nil {
				return errCorrupt("month lines key", err)
			}
			out = append(out, p)
			return nil
		})
	})
	return out, err
}

// ListEmployer returns every declaration of an employer (metadata only),
// period by period.
func (r Declarations) ListEmployer(employerID string) ([]Declaration, error) {
	var out []Declaration
	err := r.view(func(tx *Tx) error {
		pfx := prefix(pDeclIdx, employerID)
		var ids []string
		if err := tx.scan(pfx, true, func(key, _ []byte) error {
			rest := string(key[len(pfx):])
			for i := len(rest) - 1; i >= 0; i-- {
				if rest[i] == '/' {
					ids = append(ids, rest[i+1:])
					break
				}
			}
			return nil
		}); err != nil {
			return err
		}
		for _, id := range ids {
			d, err := tx.declaration(id, false)
			if err != nil {
				return err
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// Replicate writes d (with its id, status and file bytes) as another seat
// of the firm has it; its employer must be there.
func (r Declarations) Replicate(d Declaration) error {
	if !validID(d.ID) {
		return notFound(kindDeclaration)
	}
	if err := validateDecl(d); err != nil {
		return err
	}
	return r.update(func(tx *Tx) error {
		if _, err := tx.employer(d.EmployerID); err != nil {
			return err
		}
		old, err := tx.declaration(d.ID, false)
		exists := err == nil
		if err != nil && !IsNotFound(err) {
			return err
		}
		if exists && (old.EmployerID != d.EmployerID || old.Period != d.Period) {
			return errCorrupt("replicated declaration", errors.New("employer or period changed"))
		}
		if err := tx.putDecl(d); err != nil {
			return err
		}
		if err := tx.putRaw(keyDeclIdx(d.EmployerID, d.Period, d.ID), nil); err != nil {
			return err
		}
		if err := tx.refreshDecls(d.EmployerID, d.Period); err != nil {
			return err
		}
		var before any
		if exists {
			before = declMeta(old)
		}
		_, err = tx.Audit(ActionFirmApply, kindDeclaration, d.ID, before, declMeta(d))
		return err
	})
}

// ListEmployer returns every submission of an employer's declarations.
func (r Submissions) ListEmployer(employerID string) ([]Submission, error) {
	decls, err := Declarations(r).ListEmployer(employerID)
	if err != nil {
		return nil, err
	}
	var out []Submission
	for _, d := range decls {
		subs, err := r.ListByDeclaration(d.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, subs...)
	}
	return out, nil
}

// Replicate writes sub (with its id, idempotency key and state) as another
// seat of the firm has it; its declaration must be there. An idempotency
// key this store already gave another submission is refused.
func (r Submissions) Replicate(sub Submission) error {
	if !validID(sub.ID) || sub.IdempotencyKey == "" {
		return notFound(kindSubmission)
	}
	if err := Validate(sub); err != nil {
		return err
	}
	return r.update(func(tx *Tx) error {
		if _, err := tx.declaration(sub.DeclarationID, false); err != nil {
			return err
		}
		old, err := tx.submission(sub.ID)
		exists := err == nil
		if err != nil && !IsNotFound(err) {
			return err
		}
		owner, err := tx.getRaw(keyIdem(sub.IdempotencyKey))
		switch {
		case errors.Is(err, errMissing):
		case err != nil:
			return err
		case string(owner) != sub.ID:
			return i18n.Wrap(ErrDuplicate, CodeIdemUsed, msgIdemUsed).WithField("idempotency_key")
		}
		if exists && (old.IdempotencyKey != sub.IdempotencyKey || old.DeclarationID != sub.DeclarationID) {
			return errCorrupt("replicated submission", errors.New("key or declaration changed"))
		}
		if err := tx.put(keySub(sub.ID), sub); err != nil {
			return err
		}
		if err := tx.putRaw(keySubIdx(sub.DeclarationID, sub.ID), nil); err != nil {
			return err
		}
		if err := tx.putRaw(keyIdem(sub.IdempotencyKey), []byte(sub.ID)); err != nil {
			return err
		}
		var before any
		if exists {
			before = old
		}
		_, err = tx.Audit(ActionFirmApply, kindSubmission, sub.ID, before, sub)
		return err
	})
}

// PreetabliPeriods returns the periods of an employer that have an
// imported préétabli, in order.
func (r Periods) PreetabliPeriods(employerID string) ([]domain.Period, error) {
	var out []domain.Period
	err := r.view(func(tx *Tx) error {
		pfx := prefix(pPreetabli, employerID)
		return tx.scan(pfx, true, func(key, _ []byte) error {
			p, err := domain.ParsePeriod(string(key[len(pfx):]))
			if err != nil {
				return errCorrupt("préétabli key", err)
			}
			out = append(out, p)
			return nil
		})
	})
	return out, err
}

// ReplicatePreetabli writes a préétabli (raw bytes, digest and import time
// kept) as another seat of the firm has it; its employer must be there.
func (r Periods) ReplicatePreetabli(p Preetabli) error {
	if err := Validate(p); err != nil {
		return err
	}
	sum := sha256.Sum256(p.Raw)
	if p.SHA256 != hex.EncodeToString(sum[:]) {
		return errCorrupt("replicated préétabli", errors.New("digest"))
	}
	return r.update(func(tx *Tx) error {
		if _, err := tx.employer(p.EmployerID); err != nil {
			return err
		}
		var before any
		if old, err := tx.preetabliMeta(p.EmployerID, p.Period); err == nil {
			before = old
		} else if !IsNotFound(err) {
			return err
		}
		meta, err := tx.writePreetabli(p)
		if err != nil {
			return err
		}
		_, err = tx.Audit(ActionFirmApply, kindPreetabli, periodEntity(p.EmployerID, p.Period), before, meta)
		return err
	})
}

// Replicate writes a receipt (with its id and PDF) as another seat of the
// firm has it; its declaration (and submission, if any) must be there.
func (r Receipts) Replicate(rc Receipt) error {
	if !validID(rc.ID) {
		return notFound(kindReceipt)
	}
	if err := Validate(rc); err != nil {
		return err
	}
	return r.update(func(tx *Tx) error {
		if _, err := tx.declaration(rc.DeclarationID, false); err != nil {
			return err
		}
		if rc.SubmissionID != "" {
			if _, err := tx.submission(rc.SubmissionID); err != nil {
				return err
			}
		}
		var before any
		var old Receipt
		if err := tx.get(keyReceipt(rc.ID), kindReceipt, &old); err == nil {
			if old.DeclarationID != rc.DeclarationID {
				return errCorrupt("replicated receipt", errors.New("declaration changed"))
			}
			before = old
		} else if !errors.Is(err, errMissing) {
			return err
		}
		meta := rc
		meta.PDF = nil
		if err := tx.put(keyReceipt(rc.ID), meta); err != nil {
			return err
		}
		if err := tx.putRaw(keyReceiptPDF(rc.ID), rc.PDF); err != nil {
			return err
		}
		if err := tx.putRaw(keyReceiptIdx(rc.DeclarationID, rc.ID), nil); err != nil {
			return err
		}
		_, err := tx.Audit(ActionFirmApply, kindReceipt, rc.ID, before, meta)
		return err
	})
}

// Replicate writes the evidence of a manual deposit (its control report
// PDF included) as another seat of the firm has it; its declaration must
// be there (its status travels with the declaration's record).
func (r ManualDeposits) Replicate(md ManualDeposit) error {
	if err := Validate(md); err != nil {
		return err
	}
	pdf := md.ControlReportPDF
	return r.update(func(tx *Tx) error {
		d, err := tx.declaration(md.DeclarationID, false)
		if err != nil {
			return err
		}
		if d.EmployerID != md.EmployerID {
			return errCorrupt("replicated manual deposit", errors.New("employer"))
		}
		var before any
		var old ManualDeposit
		if err := tx.get(keyManualDeposit(d.ID), kindManualDeposit, &old); err == nil {
			before = old
		} else if !errors.Is(err, errMissing) {
			return err
		}
		meta := md
		meta.ControlReportPDF = nil
		if err := tx.put(keyManualDeposit(d.ID), meta); err != nil {
			return err
		}
		if len(pdf) > 0 {
			err = tx.putRaw(keyManualPDF(d.ID), pdf)
		} else {
			err = tx.del(keyManualPDF(d.ID))
		}
		if err != nil {
			return err
		}
		_, err = tx.Audit(ActionFirmApply, kindManualDeposit, d.ID, before, meta)
		return err
	})
}
