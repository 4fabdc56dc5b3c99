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
	// Progress, if set, is called with the number of rows checked and written
	// so far and the total, when a transaction commits (and once with 0 at
	// the start). The app throttles the events it sends to the UI.
	Progress func(done, total int)
}

// Result says what Apply did.
type Result struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	// Skipped is the number of rows in error left out (SkipErrors).
	Skipped int `json:"skipped"`
	// Transactions is the number of store transactions committed: 1 for an
	// import written at once, more for a large import (see Apply).
	Transactions int `json:"transactions"`
}

// Error codes of Apply.
const (
	CodeHasErrors      = "import.has_errors"
	CodeStale          = "import.stale"
	CodePartial        = "import.partial"
	CodeInvalidPreview = "import.invalid_preview"
)

// Sentinel causes of Apply's errors (errors.Is).
var (
	// ErrHasErrors: the preview has rows in error and SkipErrors is off.
	ErrHasErrors = errors.New("importer: the preview has rows in error")
	// ErrStale: the stored data changed between the preview and Apply.
	ErrStale = errors.New("importer: data changed since the preview")
	// ErrPartial: a large import stopped after some of its transactions
	// were committed (see Apply).
	ErrPartial = errors.New("importer: import partly saved")
)

var (
	msgHasErrors = i18n.Text{
		FR: "l'import contient %d ligne(s) en erreur : rien n'a été enregistré ; corrigez le fichier ou choisissez d'ignorer ces lignes",
		AR: "يحتوي الاستيراد على %d سطر به أخطاء: لم يُسجَّل أي شيء؛ صحح الملف أو اختر تجاهل هذه السطور",
		EN: "the import has %d row(s) in error: nothing was saved; correct the file or choose to skip those rows",
	}
	msgStale = i18n.Text{
		FR: "%s ligne %d : les données enregistrées ont changé depuis l'aperçu (%s) : refaites l'aperçu",
		AR: "%s السطر %d: تغيرت البيانات المسجلة منذ المعاينة (%s): أعد المعاينة",
		EN: "%s line %d: the saved data changed since the preview (%s): preview again",
	}
	txtChangedMeanwhile = i18n.Text{
		FR: "fiche modifiée entre-temps",
		AR: "عُدّلت البطاقة في الأثناء",
		EN: "record modified meanwhile",
	}
	msgPartial = i18n.Text{
		FR: "import interrompu : %d ligne(s) sur %d déjà enregistrée(s), les suivantes non (%s) ; importez à nouveau le même fichier pour terminer : les lignes déjà enregistrées apparaîtront « inchangées »",
		AR: "توقف الاستيراد: سُجّل %d سطر من أصل %d، ولم تُسجَّل السطور الموالية (%s)؛ استورد نفس الملف مرة أخرى لإتمامه: ستظهر السطور المسجلة « دون تغيير »",
		EN: "import interrupted: %d of %d row(s) already saved, the following ones not (%s); import the same file again to finish: the rows already saved will show as \"unchanged\"",
	}
	msgInvalidPreview = i18n.Text{
		FR: "aperçu d'import invalide",
		AR: "معاينة استيراد غير صالحة",
		EN: "invalid import preview",
	}
)

// Transaction sizing. Badger bounds one transaction to 15 % of its 8 MiB
// memtable (security.md) and about 13 100 entries. The store writes 6
// entries for an employee creation (record, two indexes, counter, audit
// entry, audit head) and at most 6 for an update an import can make (record,
// history, audit entry and head, and one index moved: a CIN replaced, or an
// immatriculation added), 5 and 3 for an employer: 2 184 employee creations
// fit, measured. txRows is the number of written rows per transaction (rows
// found unchanged are checked in the same transactions and do not count); a
// transaction the store refuses as too large (store.too_large, nothing
// written) is retried in halves. TestApplyFullTransaction pins that txRows
// rows fit.
const txRows = 2000

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
// inside the write transaction that every record the preview matched is
// still as it was then (its UpdatedAt) and that no record the preview did
// not see now holds a created row's unique numbers (the store refuses the
// creation). If anything changed, Apply fails with import.stale (and the
// transaction holding that row writes nothing; see Atomicity): run the
// preview again. Unchanged rows are checked, not written.
//
// Apply refuses a preview with rows in error (import.has_errors) unless
// opts.SkipErrors, which leaves those rows out.
//
// Atomicity: an import writing up to txRows rows (2 000) is one store transaction:
// all or nothing, even across a crash or a power loss. A larger import cannot
// be one Badger transaction with the store's options (the limit is about
// 2 000 employees, see txRows): it is written in consecutive transactions of
// up to txRows rows, in file order, after the whole preview was validated. It
// is all-or-nothing for every check Apply makes (errors, stale data on the
// first transaction, cancellation before the first commit), but an I/O error,
// a concurrent change detected in a later transaction, a cancellation or a
// crash after the first commit leaves the rows of the committed transactions
// saved: Apply then returns import.partial (errors.Is ErrPartial) with the
// count, and importing the same file again finishes the job (saved rows show
// as "unchanged", re-importing never duplicates). True atomicity above that
// size needs support from the store (see the package README).
//
// ctx cancels the import: before the first commit nothing is written
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
	committed, size := 0, txRows
	var committedRes Result
	for committed < total {
		if err := ctx.Err(); err != nil {
			committedRes.Skipped = res.Skipped
			return committedRes, stopped(committed, total, i18n.Wrap(err, CodeCancelled, msgCancelled))
		}
		// The next transaction: up to size rows to write, with the unchanged
		// rows among them (checked only; reads do not count).
		end, writes := committed, 0
		for end < total && (writes < size || ops[end].action == ActionUnchanged) {
			if ops[end].action != ActionUnchanged {
				writes++
			}
			end++
		}
		var chunk Result
		err := st.Update(func(tx *store.Tx) error {
			chunk = Result{}
			return writeOps(ctx, tx, p.Name, ops[committed:end], &chunk)
		})
		if i18n.Code(err) == store.CodeTooLarge && writes > 1 {
			size = writes / 2
			continue
		}
		if err != nil {
			committedRes.Skipped = res.Skipped
			return committedRes, stopped(committed, total, err)
		}
		committed = end
		committedRes.Created += chunk.Created
		committedRes.Updated += chunk.Updated
		committedRes.Unchanged += chunk.Unchanged
		committedRes.Transactions++
		progress(committed)
	}
	committedRes.Skipped = res.Skipped
	return committedRes, nil
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

// stopped builds the error of an import that stopped: cause as is when
// nothing was committed, import.partial (wrapping cause) otherwise.
func stopped(committed, total int, cause error) error {
	if committed == 0 {
		return cause
	}
	return &i18n.Error{Code: CodePartial, Msg: msgPartial, Args: []any{committed, total, asUserError(cause)},
		Err: errors.Join(ErrPartial, cause)}
}

// writeOps checks and writes ops in tx, counting into res.
func writeOps(ctx context.Context, tx *store.Tx, file string, ops []op, res *Result) error {
	for i := range ops {
		o := &ops[i]
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return i18n.Wrap(err, CodeCancelled, msgCancelled)
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
