package importer

import (
	"context"
	"errors"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
)

// ApplyOptions tunes Apply.
type ApplyOptions struct {
	// SkipErrors writes the rows without error and leaves the rows in error
	// out. Without it, a preview with any row in error is refused.
	SkipErrors bool
	// Progress, if set, is called with the number of rows checked and
	// prepared so far and the total: once with 0 at the start, every 256 rows
	// (never with the total before the commit), and once with the total when
	// the import is saved. The app throttles the events it sends to the UI.
	Progress func(done, total int)
}

// Result says what Apply did.
type Result struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	// Skipped is the number of rows in error left out (SkipErrors).
	Skipped int `json:"skipped"`
	// Transactions is the number of atomic commits: always 1 for an import
	// that succeeded, whatever its size (see Apply; larger imports used to
	// be split).
	Transactions int `json:"transactions"`
	// Staged is true when the import was too large for one store transaction
	// and took several, with undo records and one commit point
	// (store.UpdateBulk): it is just as atomic.
	Staged bool `json:"staged"`
}

// Error codes of Apply.
const (
	CodeHasErrors      = "import.has_errors"
	CodeStale          = "import.stale"
	CodeInvalidPreview = "import.invalid_preview"
)

// Sentinel causes of Apply's errors (errors.Is).
var (
	// ErrHasErrors: the preview has rows in error and SkipErrors is off.
	ErrHasErrors = errors.New("importer: the preview has rows in error")
	// ErrStale: the stored data changed between the preview and Apply.
	ErrStale = errors.New("importer: data changed since the preview")
)

var (
	msgHasErrors = i18n.Text{
		FR: "l'import contient %d ligne(s) en erreur : rien n'a été enregistré ; corrigez le fichier ou choisissez d'ignorer ces lignes",
		AR: "يحتوي الاستيراد على %d سطر به أخطاء: لم يُسجَّل أي شيء؛ صحح الملف أو اختر تجاهل هذه السطور",
		EN: "the import has %d row(s) in error: nothing was saved; correct the file or choose to skip those rows",
	}
	msgStale = i18n.Text{
		FR: "%s ligne %d : les données enregistrées ont changé depuis l'aperçu (%s) : rien n'a été enregistré ; refaites l'aperçu",
		AR: "%s السطر %d: تغيرت البيانات المسجلة منذ المعاينة (%s): لم يُسجَّل أي شيء؛ أعد المعاينة",
		EN: "%s line %d: the saved data changed since the preview (%s): nothing was saved; preview again",
	}
	txtChangedMeanwhile = i18n.Text{
		FR: "fiche modifiée entre-temps",
		AR: "عُدّلت البطاقة في الأثناء",
		EN: "record modified meanwhile",
	}
	msgInvalidPreview = i18n.Text{
		FR: "aperçu d'import invalide",
		AR: "معاينة استيراد غير صالحة",
		EN: "invalid import preview",
	}
)

// applyCheckEvery is how often (in rows) Apply checks ctx and calls Progress.
const applyCheckEvery = 256

// op is one row Apply checks (and writes unless unchanged).
type op struct {
	line     int
	action   Action
	employer *domain.Employer // record to write (employer import)
	employee *domain.Employee // record to write (employee import)
	// The stored record the preview matched (update, unchanged).
	id, employerID string
	updatedAt      time.Time
}

// Apply writes the rows of a preview: creations and updates, after checking
// inside the write that every record the preview matched is still as it was
// then (its UpdatedAt) and that no record the preview did not see now holds
// a created row's unique numbers (the store refuses the creation). If
// anything changed, Apply fails with import.stale and writes nothing: run
// the preview again. Unchanged rows are checked, not written.
//
// Apply refuses a preview with rows in error (import.has_errors) unless
// opts.SkipErrors, which leaves those rows out.
//
// Atomicity: the whole import is one atomic change, whatever its size,
// written with store.UpdateBulk: one Badger transaction when it fits
// (about 2 000 employees), else several with undo records and a single
// commit point. Either every row is saved or none, after an error, a
// cancellation or a crash (the store undoes an interrupted import when it is
// next opened), and readers never see part of it.
//
// ctx cancels the import until its commit point: nothing is written
// (import.cancelled, errors.Is context.Canceled).
func Apply(ctx context.Context, st *store.Store, p *Preview, opts ApplyOptions) (Result, error) {
	var res Result
	if p == nil || (p.Kind != KindEmployers && p.Kind != KindEmployees) {
		return res, i18n.New(CodeInvalidPreview, msgInvalidPreview)
	}
	if p.Counts.Errors > 0 && !opts.SkipErrors {
		return res, i18n.Wrap(ErrHasErrors, CodeHasErrors, msgHasErrors, p.Counts.Errors)
	}
	ops := make([]op, 0, p.Counts.Rows)
	addOp := func(line int, a Action) *op {
		if a == ActionError {
			res.Skipped++
			return nil
		}
		ops = append(ops, op{line: line, action: a})
		return &ops[len(ops)-1]
	}
	for i := range p.Employers {
		r := &p.Employers[i]
		if o := addOp(r.Line, r.Action); o != nil {
			rec := r.Record
			o.employer = &rec
			if err := o.stamp(r.Action, r.Existing != nil, func() (string, string, time.Time) {
				return r.Existing.ID, "", r.Existing.UpdatedAt
			}); err != nil {
				return res, err
			}
		}
	}
	for i := range p.Employees {
		r := &p.Employees[i]
		if o := addOp(r.Line, r.Action); o != nil {
			rec := r.Record
			o.employee = &rec
			if err := o.stamp(r.Action, r.Existing != nil, func() (string, string, time.Time) {
				return r.Existing.ID, r.Existing.EmployerID, r.Existing.UpdatedAt
			}); err != nil {
				return res, err
			}
		}
	}
	total := len(ops)
	progress := func(done int) {
		if opts.Progress != nil {
			opts.Progress(done, total)
		}
	}
	progress(0)
	var done Result
	bs, err := st.UpdateBulk(ctx, func(tx *store.Tx) error {
		done = Result{}
		return writeOps(ctx, tx, p.Name, ops, &done, func(n int) { progress(min(n, total-1)) })
	})
	if err != nil {
		if i18n.Code(err) == store.CodeCancelled {
			err = i18n.Wrap(err, CodeCancelled, msgCancelled)
		}
		return Result{Skipped: res.Skipped}, err
	}
	progress(total)
	done.Skipped, done.Transactions, done.Staged = res.Skipped, 1, bs.Staged
	return done, nil
}

// stamp records the identity of the stored record an update or unchanged
// row matched; a create must have none.
func (o *op) stamp(a Action, hasExisting bool, get func() (id, employerID string, updatedAt time.Time)) error {
	switch a {
	case ActionCreate:
		if hasExisting {
			return i18n.New(CodeInvalidPreview, msgInvalidPreview)
		}
	case ActionUpdate, ActionUnchanged:
		if !hasExisting {
			return i18n.New(CodeInvalidPreview, msgInvalidPreview)
		}
		o.id, o.employerID, o.updatedAt = get()
	default:
		return i18n.New(CodeInvalidPreview, msgInvalidPreview)
	}
	return nil
}

// writeOps checks and writes ops in tx, counting into res; it calls
// progress with the number of rows done every applyCheckEvery rows.
func writeOps(ctx context.Context, tx *store.Tx, file string, ops []op, res *Result, progress func(int)) error {
	for i := range ops {
		o := &ops[i]
		if i%applyCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return i18n.Wrap(err, CodeCancelled, msgCancelled)
			}
			if i > 0 {
				progress(i)
			}
		}
		var err error
		switch {
		case o.employer != nil:
			err = writeEmployer(tx, o, res)
		case o.employee != nil:
			err = writeEmployee(tx, o, res)
		}
		if err != nil {
			return staleError(file, o.line, err)
		}
	}
	return nil
}

// errChanged is the cause of a stale error when a matched record changed.
var errChanged = i18n.New("import.changed", txtChangedMeanwhile)

func writeEmployer(tx *store.Tx, o *op, res *Result) error {
	r := tx.Employers()
	if o.action == ActionCreate {
		if _, err := r.Create(*o.employer); err != nil {
			return err
		}
		res.Created++
		return nil
	}
	cur, err := r.Get(o.id)
	if err != nil {
		return err
	}
	if !cur.UpdatedAt.Equal(o.updatedAt) {
		return errChanged
	}
	if o.action == ActionUnchanged {
		res.Unchanged++
		return nil
	}
	if _, err := r.Update(*o.employer); err != nil {
		return err
	}
	res.Updated++
	return nil
}

func writeEmployee(tx *store.Tx, o *op, res *Result) error {
	r := tx.Employees()
	if o.action == ActionCreate {
		if _, err := r.Create(*o.employee); err != nil {
			return err
		}
		res.Created++
		return nil
	}
	cur, err := r.Get(o.employerID, o.id)
	if err != nil {
		return err
	}
	if !cur.UpdatedAt.Equal(o.updatedAt) {
		return errChanged
	}
	if o.action == ActionUnchanged {
		res.Unchanged++
		return nil
	}
	if _, err := r.Update(*o.employee); err != nil {
		return err
	}
	res.Updated++
	return nil
}

// staleError reports a row whose write failed because the stored data
// changed (a record gone, modified, or a number now taken); other errors
// (I/O, too large, cancellation) pass through.
func staleError(file string, line int, err error) error {
	switch i18n.Code(err) {
	case "import.changed", store.CodeNotFound, store.CodeAffiliationUsed, store.CodeImmatUsed, store.CodeCINUsed:
		return &i18n.Error{Code: CodeStale, Msg: msgStale, Args: []any{file, line, asUserError(err)},
			Err: errors.Join(ErrStale, err)}
	}
	return err
}
