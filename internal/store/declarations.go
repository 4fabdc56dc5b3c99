package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/lifecycle"
)

// Declarations is the repository of declaration files produced for an
// employer and period. The file bytes are stored apart from the metadata:
// Get returns them, List does not.
type Declarations struct{ scope }

// Declarations returns the declaration repository of the store.
func (s *Store) Declarations() Declarations { return Declarations{scope{s: s}} }

// Declarations returns the declaration repository bound to tx.
func (tx *Tx) Declarations() Declarations { return Declarations{scope{s: tx.s, tx: tx}} }

const pDeclBytes = "db/"

func keyDeclBytes(id string) []byte { return k(pDeclBytes, id) }

var (
	msgNotReady = i18n.Text{
		FR: "cette déclaration a %d erreur(s) bloquante(s) : corrigez-les avant de la déclarer prête ou de la soumettre",
		AR: "لهذا التصريح %d خطأ(أخطاء) مانع(ة): صححها قبل اعتباره جاهزاً أو إرساله",
		EN: "this declaration has %d blocking error(s): fix them before marking it ready or submitting it",
	}
)

// Create stores a new declaration. The store assigns ID and timestamps,
// computes SHA256 and the error and warning counts from the findings, and sets
// the status to draft when empty.
func (r Declarations) Create(d Declaration) (Declaration, error) {
	d.ID = ""
	if d.Status == "" {
		d.Status = StatusDraft
	}
	prepareDecl(&d)
	if err := validateDecl(d); err != nil {
		return Declaration{}, err
	}
	err := r.update(func(tx *Tx) error {
		if _, err := tx.employer(d.EmployerID); err != nil {
			return err
		}
		if err := readyCheck(d); err != nil {
			return err
		}
		d.ID = newID()
		d.CreatedAt, d.UpdatedAt = tx.now, tx.now
		if d.Status.Frozen() {
			d.FrozenAt = tx.now
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
		_, err := tx.Audit(ActionDeclarationCreate, kindDeclaration, d.ID, nil, declMeta(d))
		return err
	})
	if err != nil {
		return Declaration{}, err
	}
	return d, nil
}

// Update replaces a declaration's metadata and, when d.Bytes is not nil, its
// file (the result carries Bytes only when they were given). Employer, period, kind, sequence and creation time never change. Once
// frozen (status queued or later) the file, file name and findings cannot
// change (store.declaration_frozen) and the status cannot go back to draft or
// ready. ready and queued require no blocking finding.
func (r Declarations) Update(d Declaration) (Declaration, error) {
	prepareDecl(&d)
	if err := validateDecl(d); err != nil {
		return Declaration{}, err
	}
	err := r.update(func(tx *Tx) error {
		old, err := tx.declaration(d.ID, false)
		if err != nil {
			return err
		}
		d.EmployerID, d.Period, d.Kind, d.Sequence, d.CreatedAt = old.EmployerID, old.Period, old.Kind, old.Sequence, old.CreatedAt
		if d.Bytes == nil {
			d.SHA256 = old.SHA256
		}
		if old.Status.Frozen() {
			if !d.Status.Frozen() && d.Status != StatusReady || d.SHA256 != old.SHA256 || d.FileName != old.FileName || !sameFindings(old.Findings, d.Findings) {
				return i18n.Wrap(ErrFrozen, CodeFrozen, msgFrozen, string(old.Status))
			}
			d.FrozenAt = old.FrozenAt
			if !d.Status.Frozen() {
				d.FrozenAt = time.Time{}
			}
		} else if d.Status.Frozen() {
			d.FrozenAt = tx.now
		}
		// Every status change follows the lifecycle's table.
		if err := lifecycle.Check(old.Status, d.Status); err != nil {
			return err
		}
		if err := readyCheck(d); err != nil {
			return err
		}
		d.UpdatedAt = tx.now
		if d.Bytes == nil {
			if err := tx.put(keyDecl(d.ID), declMeta(d)); err != nil {
				return err
			}
		} else if err := tx.putDecl(d); err != nil {
			return err
		}
		if err := tx.refreshDecls(d.EmployerID, d.Period); err != nil {
			return err
		}
		_, err = tx.Audit(lifecycle.AuditAction(old.Status, d.Status, ActionDeclarationUpdate), kindDeclaration, d.ID, declMeta(old), declMeta(d))
		return err
	})
	if err != nil {
		return Declaration{}, err
	}
	return d, nil
}

// Outdate moves every generated declaration of an employer and period that
// is not frozen (draft or ready) to outdated — the month changed after it
// was generated, its file must not be deposited — with the lifecycle's
// audit entry, in the caller's transaction when bound to one. It returns
// the declarations it changed.
func (r Declarations) Outdate(employerID string, p domain.Period) ([]Declaration, error) {
	var out []Declaration
	err := r.update(func(tx *Tx) error {
		decls, err := tx.declarationsOf(employerID, p)
		if err != nil {
			return err
		}
		for _, d := range decls {
			st, ok := lifecycle.OnEdit(d.Status)
			if !ok {
				continue
			}
			d.Status = st
			u, err := tx.Declarations().Update(d)
			if err != nil {
				return err
			}
			out = append(out, u)
		}
		return nil
	})
	return out, err
}

// OutdateEmployer is Outdate for every period of an employer: an edit of
// the employer's employees (a name, a CIN, a new hire) changes what any
// generated file of it would hold.
func (r Declarations) OutdateEmployer(employerID string) ([]Declaration, error) {
	var out []Declaration
	err := r.update(func(tx *Tx) error {
		var periods []domain.Period
		seen := map[string]bool{}
		pre := prefix(pDeclIdx, employerID)
		if err := tx.scan(pre, true, func(key, _ []byte) error {
			rest := string(key[len(pre):])
			if i := strings.IndexByte(rest, '/'); i > 0 && !seen[rest[:i]] {
				seen[rest[:i]] = true
				p, err := domain.ParsePeriod(rest[:i])
				if err != nil {
					return errCorrupt(kindDeclaration, err)
				}
				periods = append(periods, p)
			}
			return nil
		}); err != nil {
			return err
		}
		for _, p := range periods {
			ch, err := tx.Declarations().Outdate(employerID, p)
			if err != nil {
				return err
			}
			out = append(out, ch...)
		}
		return nil
	})
	return out, err
}

// SetStatus changes only the status of a declaration (same rules as Update);
// the result carries no file bytes.
func (r Declarations) SetStatus(id string, st DeclStatus) (Declaration, error) {
	var out Declaration
	err := r.update(func(tx *Tx) error {
		d, err := tx.declaration(id, false)
		if err != nil {
			return err
		}
		d.Status = st
		out, err = tx.Declarations().Update(d)
		return err
	})
	return out, err
}

// Get returns a declaration with its file bytes.
func (r Declarations) Get(id string) (Declaration, error) {
	var d Declaration
	err := r.view(func(tx *Tx) error {
		var err error
		d, err = tx.declaration(id, true)
		return err
	})
	return d, err
}

// List returns the declarations of an employer and period, oldest first,
// without their file bytes.
func (r Declarations) List(employerID string, p domain.Period) ([]Declaration, error) {
	var out []Declaration
	err := r.view(func(tx *Tx) error {
		if _, err := tx.employer(employerID); err != nil {
			return err
		}
		var err error
		out, err = tx.declarationsOf(employerID, p)
		return err
	})
	return out, err
}

func (tx *Tx) declarationsOf(er string, p domain.Period) ([]Declaration, error) {
	var ids []string
	pre := prefix(pDeclIdx, er, p.String())
	if err := tx.scan(pre, true, func(key, _ []byte) error {
		ids = append(ids, string(key[len(pre):]))
		return nil
	}); err != nil {
		return nil, err
	}
	out := make([]Declaration, 0, len(ids))
	for _, id := range ids {
		d, err := tx.declaration(id, false)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].CreatedAt.Equal(out[j].CreatedAt) {
			return out[i].CreatedAt.Before(out[j].CreatedAt)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

func (tx *Tx) declaration(id string, withBytes bool) (Declaration, error) {
	var d Declaration
	if !validID(id) {
		return d, notFound(kindDeclaration)
	}
	err := tx.get(keyDecl(id), kindDeclaration, &d)
	if errors.Is(err, errMissing) {
		return d, notFound(kindDeclaration)
	}
	if err != nil || !withBytes {
		return d, err
	}
	d.Bytes, err = tx.getRaw(keyDeclBytes(id))
	if errors.Is(err, errMissing) {
		d.Bytes, err = nil, nil
	}
	return d, err
}

func (tx *Tx) putDecl(d Declaration) error {
	if err := tx.put(keyDecl(d.ID), declMeta(d)); err != nil {
		return err
	}
	return tx.putRaw(keyDeclBytes(d.ID), d.Bytes)
}

// refreshDecls recomputes the declaration part of a period summary.
func (tx *Tx) refreshDecls(er string, p domain.Period) error {
	decls, err := tx.declarationsOf(er, p)
	if err != nil {
		return err
	}
	return tx.updateSummary(er, p, func(s *periodSummary) error {
		s.Declarations = len(decls)
		s.Latest = nil
		if n := len(decls); n > 0 {
			d := decls[n-1]
			s.Latest = &declDigest{ID: d.ID, Kind: d.Kind, Sequence: d.Sequence, Status: d.Status, Errors: d.Errors, Warnings: d.Warnings}
		}
		return nil
	})
}

// declMeta returns d without its file bytes (what the metadata record and the
// audit entries hold).
func declMeta(d Declaration) Declaration {
	d.Bytes = nil
	return d
}

// prepareDecl sets the digest and the finding counts.
func prepareDecl(d *Declaration) {
	if d.Bytes != nil {
		sum := sha256.Sum256(d.Bytes)
		d.SHA256 = hex.EncodeToString(sum[:])
	}
	d.Errors, d.Warnings = 0, 0
	for _, f := range d.Findings {
		switch f.Severity {
		case SeverityError:
			d.Errors++
		case SeverityWarning:
			d.Warnings++
		}
	}
}

func validateDecl(d Declaration) error {
	err := Validate(d)
	okSeq := d.Kind == KindPrincipal && d.Sequence == 0 || d.Kind == KindComplementary && d.Sequence >= 1 && d.Sequence <= 9
	if okSeq || d.Kind != KindPrincipal && d.Kind != KindComplementary {
		return err
	}
	fields := FieldErrors(err)
	fields = append(fields, FieldError{
		Field: "sequence", Code: "validation.sequence_kind",
		Msg: joinLabel(fieldLabels["sequence"], tagMessages["sequence_kind"]),
	})
	return newValidationError(fields)
}

func readyCheck(d Declaration) error {
	if (d.Status == StatusReady || d.Status == StatusQueued) && d.Errors > 0 {
		return i18n.New(CodeNotReady, msgNotReady, d.Errors)
	}
	return nil
}

func sameFindings(a, b []Finding) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
