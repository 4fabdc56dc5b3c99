package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
)

// Periods is the repository of what belongs to one employer and one period:
// the imported préétabli and the month lines.
type Periods struct{ scope }

// Periods returns the period repository of the store.
func (s *Store) Periods() Periods { return Periods{scope{s: s}} }

// Periods returns the period repository bound to tx.
func (tx *Tx) Periods() Periods { return Periods{scope{s: tx.s, tx: tx}} }

// Extra key prefixes: the raw préétabli bytes live apart from their summary,
// so that listings and period summaries never load them.
const pPreetabliRaw = "pr/"

func keyPreetabliRaw(er string, p domain.Period) []byte { return k(pPreetabliRaw, er, p.String()) }

// ImportPreetabli stores (or replaces) the préétabli of p.EmployerID and
// p.Period. The store sets SHA256 and ImportedAt.
func (r Periods) ImportPreetabli(p Preetabli) (Preetabli, error) {
	if err := Validate(p); err != nil {
		return Preetabli{}, err
	}
	sum := sha256.Sum256(p.Raw)
	p.SHA256 = hex.EncodeToString(sum[:])
	err := r.update(func(tx *Tx) error {
		if _, err := tx.employer(p.EmployerID); err != nil {
			return err
		}
		var before *Preetabli
		if old, err := tx.preetabliMeta(p.EmployerID, p.Period); err == nil {
			before = &old
		} else if !IsNotFound(err) {
			return err
		}
		p.ImportedAt = tx.now
		meta, err := tx.writePreetabli(p)
		if err != nil {
			return err
		}
		_, err = tx.Audit(ActionPreetabliImport, kindPreetabli, periodEntity(p.EmployerID, p.Period), before, meta)
		return err
	})
	if err != nil {
		return Preetabli{}, err
	}
	return p, nil
}

// Preetabli returns the préétabli of an employer and period, raw bytes included.
func (r Periods) Preetabli(employerID string, p domain.Period) (Preetabli, error) {
	var out Preetabli
	err := r.view(func(tx *Tx) error {
		var err error
		if out, err = tx.preetabliMeta(employerID, p); err != nil {
			return err
		}
		out.Raw, err = tx.getRaw(keyPreetabliRaw(employerID, p))
		if errors.Is(err, errMissing) {
			return errCorrupt(kindPreetabli, errors.New("raw bytes missing"))
		}
		return err
	})
	return out, err
}

func (tx *Tx) preetabliMeta(er string, p domain.Period) (Preetabli, error) {
	var out Preetabli
	if !validID(er) || !p.Valid() {
		return out, notFound(kindPreetabli)
	}
	err := tx.get(keyPreetabli(er, p), kindPreetabli, &out)
	if errors.Is(err, errMissing) {
		return out, notFound(kindPreetabli)
	}
	return out, err
}

// ReplaceLines replaces every month line of an employer and period by lines,
// in one transaction, with the period's totals (PeriodTotals). Each line must name an employee of the employer, at most
// once; an empty Immatriculation is filled from the employee record. An empty
// list removes the lines.
func (r Periods) ReplaceLines(employerID string, p domain.Period, lines []domain.MonthLine) error {
	doc := monthLines{Lines: append([]domain.MonthLine(nil), lines...)}
	if err := Validate(doc); err != nil {
		return err
	}
	return r.update(func(tx *Tx) error {
		if _, err := tx.employer(employerID); err != nil {
			return err
		}
		if !p.Valid() {
			return invalidPeriod()
		}
		if err := tx.checkLines(employerID, doc.Lines); err != nil {
			return err
		}
		old, err := tx.lines(employerID, p)
		if err != nil {
			return err
		}
		if err := tx.putLines(employerID, p, doc.Lines); err != nil {
			return err
		}
		_, err = tx.Audit(ActionMonthLinesReplace, kindMonthLines, periodEntity(employerID, p), nilIfEmpty(old), nilIfEmpty(doc.Lines))
		return err
	})
}

// SetLine adds or replaces (by EmployeeID) one month line of a period, and
// updates the period's totals in the same transaction.
func (r Periods) SetLine(employerID string, p domain.Period, line domain.MonthLine) error {
	if err := Validate(monthLines{Lines: []domain.MonthLine{line}}); err != nil {
		return err
	}
	return r.update(func(tx *Tx) error {
		if _, err := tx.employer(employerID); err != nil {
			return err
		}
		if !p.Valid() {
			return invalidPeriod()
		}
		one := []domain.MonthLine{line}
		if err := tx.checkLines(employerID, one); err != nil {
			return err
		}
		line = one[0]
		lines, err := tx.lines(employerID, p)
		if err != nil {
			return err
		}
		var before any
		replaced := false
		for i := range lines {
			if lines[i].EmployeeID == line.EmployeeID {
				before = lines[i]
				lines[i] = line
				replaced = true
				break
			}
		}
		if !replaced {
			lines = append(lines, line)
		}
		if err := tx.putLines(employerID, p, lines); err != nil {
			return err
		}
		_, err = tx.Audit(ActionMonthLinesSet, kindMonthLines, periodEntity(employerID, p)+"/"+line.EmployeeID, before, line)
		return err
	})
}

// Lines returns the month lines of an employer and period, in the order they
// were given (none: an empty list).
func (r Periods) Lines(employerID string, p domain.Period) ([]domain.MonthLine, error) {
	var out []domain.MonthLine
	err := r.view(func(tx *Tx) error {
		if _, err := tx.employer(employerID); err != nil {
			return err
		}
		var err error
		out, err = tx.lines(employerID, p)
		return err
	})
	return out, err
}

func (tx *Tx) lines(er string, p domain.Period) ([]domain.MonthLine, error) {
	var doc monthLines
	err := tx.get(keyLines(er, p), kindMonthLines, &doc)
	if errors.Is(err, errMissing) {
		return nil, nil
	}
	return doc.Lines, err
}

// checkLines verifies that every line names a distinct employee of the
// employer and fills missing immatriculations.
func (tx *Tx) checkLines(er string, lines []domain.MonthLine) error {
	var fields []FieldError
	seen := make(map[string]bool, len(lines))
	for i := range lines {
		l := &lines[i]
		path := "lines[" + strconv.Itoa(i) + "].employee_id"
		if seen[l.EmployeeID] {
			fields = append(fields, lineFieldError(path, "duplicate_employee"))
			continue
		}
		seen[l.EmployeeID] = true
		emp, err := tx.employee(er, l.EmployeeID)
		if IsNotFound(err) {
			fields = append(fields, lineFieldError(path, "unknown_employee"))
			continue
		}
		if err != nil {
			return err
		}
		if l.Immatriculation == "" {
			l.Immatriculation = emp.Immatriculation
		}
	}
	if len(fields) > 0 {
		return newValidationError(fields)
	}
	return nil
}

func lineFieldError(path, tag string) FieldError {
	lbl := fieldLabel(path)
	m := tagMessages[tag]
	return FieldError{Field: path, Code: "validation." + tag, Msg: joinLabel(lbl, m)}
}

func periodEntity(er string, p domain.Period) string { return er + "/" + p.String() }

func nilIfEmpty(l []domain.MonthLine) any {
	if len(l) == 0 {
		return nil
	}
	return l
}

func invalidPeriod() error {
	return newValidationError([]FieldError{{
		Field: "period", Code: "validation.period",
		Msg: joinLabel(fieldLabels["period"], tagMessages["period"]),
	}})
}

// periodSummary is kept per employer and period so that the portfolio listing
// reads two small records per employer and never scans employees.
type periodSummary struct {
	Preetabli          bool        `json:"preetabli"`
	PreetabliEmployees int         `json:"preetabli_employees"`
	Lines              int         `json:"lines"`
	Declarations       int         `json:"declarations"`
	Latest             *declDigest `json:"latest,omitempty"`
	UpdatedAt          time.Time   `json:"updated_at"`
}

// declDigest is what the listing needs of the latest declaration of a period.
type declDigest struct {
	ID       string     `json:"id"`
	Kind     DeclKind   `json:"kind"`
	Sequence int        `json:"sequence"`
	Status   DeclStatus `json:"status"`
	Errors   int        `json:"errors"`
	Warnings int        `json:"warnings"`
}

func (tx *Tx) summary(er string, p domain.Period) (periodSummary, error) {
	var s periodSummary
	err := tx.get(keySummary(er, p), "period summary", &s)
	if errors.Is(err, errMissing) {
		return periodSummary{}, nil
	}
	return s, err
}

func (tx *Tx) updateSummary(er string, p domain.Period, fn func(*periodSummary) error) error {
	s, err := tx.summary(er, p)
	if err != nil {
		return err
	}
	if err := fn(&s); err != nil {
		return err
	}
	s.UpdatedAt = tx.now
	return tx.put(keySummary(er, p), s)
}

// writePreetabli stores p (its metadata and raw bytes apart) and marks its
// period as having one; it returns the metadata kept (p without Raw), what
// the audit entry records. Importing and replicating share it.
func (tx *Tx) writePreetabli(p Preetabli) (Preetabli, error) {
	meta := p
	meta.Raw = nil
	if err := tx.put(keyPreetabli(p.EmployerID, p.Period), meta); err != nil {
		return Preetabli{}, err
	}
	if err := tx.putRaw(keyPreetabliRaw(p.EmployerID, p.Period), p.Raw); err != nil {
		return Preetabli{}, err
	}
	err := tx.updateSummary(p.EmployerID, p.Period, func(s *periodSummary) error {
		s.Preetabli, s.PreetabliEmployees = true, p.Employees
		return nil
	})
	return meta, err
}
