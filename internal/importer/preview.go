package importer

import (
	"context"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
)

// Kind is what a preview imports.
type Kind string

// The kinds of import.
const (
	KindEmployers Kind = "employers"
	KindEmployees Kind = "employees"
)

// Kinds lists the kinds of import.
var Kinds = []Kind{KindEmployers, KindEmployees}

// Action is what Apply will do with one row.
type Action string

// The actions of a row.
const (
	// ActionCreate: no stored record matches; one is created.
	ActionCreate Action = "create"
	// ActionUpdate: the stored record Existing is updated (Changes lists the fields).
	ActionUpdate Action = "update"
	// ActionUnchanged: the stored record already holds these values.
	ActionUnchanged Action = "unchanged"
	// ActionError: the row has at least one error; Apply refuses the import
	// (or skips the row with ApplyOptions.SkipErrors).
	ActionError Action = "error"
)

// Actions lists the actions of a row.
var Actions = []Action{ActionCreate, ActionUpdate, ActionUnchanged, ActionError}

// Severity of an Issue: the one severity of findings, declaration's.
type Severity = declaration.Severity

// Severities. An error blocks its row; a warning (e.g. a failing check digit
// on a CNSS number, which CNSS-issued numbers may have) does not; info is a
// remark about the file.
const (
	SeverityError   = declaration.Error
	SeverityWarning = declaration.Warning
	SeverityInfo    = declaration.Info
)

// Issue is one problem found in the file.
type Issue struct {
	// Line is the line (CSV) or row (XLSX) of the file, 0 for the whole file.
	Line int `json:"line,omitempty"`
	// Column is the header of the cell as written in the file, with its letter
	// ("Date de naissance (E)"); empty for a whole row.
	Column string `json:"column,omitempty"`
	// Field is the record field (JSON name, e.g. "birth_date"), if any.
	Field string `json:"field,omitempty"`
	// Code is the stable code of the cause: an identifier check
	// ("id.cin.shape"), a cell parser ("import.date", "money.negative"), the
	// store's validator ("validation.failed" with the field) or an import rule.
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	// Message is the full message (file, line, column, what is wrong) in each
	// language. Messages about CIN, CNSS numbers and RIB never repeat them.
	Message i18n.Text `json:"message"`
	// Detail is the same message without the file and the line, for a view
	// that shows them already (the import preview's row): the column, if
	// any, and what is wrong. For an issue about the whole file it is what
	// is wrong.
	Detail i18n.Text `json:"detail"`
	// Err is the same as an *i18n.Error (Code as above, Field set, the cause
	// wrapped), for Go callers.
	Err *i18n.Error `json:"-"`
}

// Column is one column of the sheet and the field it was mapped to.
type Column struct {
	Index  int    `json:"index"`  // 0-based
	Letter string `json:"letter"` // "A", "B"…
	Header string `json:"header"` // as written, trimmed
	Field  string `json:"field,omitempty"`
}

// label is how messages name the column: « Header » (C), "Header" (C).
func (c Column) label() i18n.Text {
	h := c.Header
	if h == "" {
		h = "—"
	}
	fr := "« " + h + " » (" + c.Letter + ")"
	return i18n.Text{FR: fr, AR: fr, EN: strconv.Quote(h) + " (" + c.Letter + ")"}
}

// Counts sums up a preview.
type Counts struct {
	Rows      int `json:"rows"`
	Create    int `json:"create"`
	Update    int `json:"update"`
	Unchanged int `json:"unchanged"`
	// Errors is the number of rows in error, Warnings the number of rows with
	// at least one warning.
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

// Preview is what an import would do, row by row, before anything is written.
// It is JSON-tagged for the UI. Keep it on the Go side and hand it back to
// Apply when the user confirms.
type Preview struct {
	Kind Kind `json:"kind"`
	TableInfo
	// HeaderLine is the line of the header row (title rows above it are skipped).
	HeaderLine int `json:"header_line"`
	// Columns lists every column of the header; Ignored those that matched no
	// field (an accountant's sheet often has extra columns): they are not imported.
	Columns []Column `json:"columns"`
	Ignored []Column `json:"ignored_columns"`
	// EmployerID is the employer the employees are imported into, when the
	// import was given one (PreviewOptions.EmployerID).
	EmployerID string `json:"employer_id,omitempty"`
	// Notices are remarks about the whole file (ignored columns, encoding…).
	Notices   []Issue       `json:"notices,omitempty"`
	Employers []EmployerRow `json:"employers,omitempty"`
	Employees []EmployeeRow `json:"employees,omitempty"`
	Counts    Counts        `json:"counts"`

	date1904 bool
}

// HasErrors reports whether any row is in error.
func (p *Preview) HasErrors() bool { return p.Counts.Errors > 0 }

// PreviewOptions tunes PreviewEmployers and PreviewEmployees.
type PreviewOptions struct {
	// EmployerID (employees only) imports every row into this employer; the
	// sheet then needs no affiliation column (if it has one, each row's
	// number must be this employer's).
	EmployerID string
	// Progress, if set, is called every few hundred rows with the number of
	// rows read; total is -1 (a streamed sheet does not tell its length).
	Progress func(done, total int)
	// Budget bounds the time of the preview (0: MaxImportTime); once spent,
	// the preview stops with CodeTimeout.
	Budget time.Duration
}

// Error codes about the header and the file as a whole.
const (
	CodeNoHeader       = "import.no_header"
	CodeIgnoredColumns = "import.ignored_columns"
	CodeTitleRows      = "import.title_rows"
	CodeLatinEncoding  = "import.encoding_windows_1252"
	CodeExtraCells     = "import.extra_cells"
	CodeCancelled      = "import.cancelled"
)

var (
	msgCellAt = i18n.Text{
		FR: "%s ligne %d, colonne %s : %s",
		AR: "%s السطر %d، العمود %s: %s",
		EN: "%s line %d, column %s: %s",
	}
	msgRowAt = i18n.Text{
		FR: "%s ligne %d : %s",
		AR: "%s السطر %d: %s",
		EN: "%s line %d: %s",
	}
	msgCellDetail = i18n.Text{
		FR: "colonne %s : %s",
		AR: "العمود %s: %s",
		EN: "column %s: %s",
	}
	msgFileAt = i18n.Text{
		FR: "%s : %s",
		AR: "%s: %s",
		EN: "%s: %s",
	}
	msgHeaderDup = i18n.Text{
		FR: "%s ligne %d : les colonnes %s et %s désignent la même donnée (%s) ; gardez-en une",
		AR: "%s السطر %d: العمودان %s و%s يدلان على نفس المعطى (%s)؛ احتفظ بواحد منهما",
		EN: "%s line %d: columns %s and %s mean the same thing (%s); keep one of them",
	}
	msgHeaderMissing = i18n.Text{
		FR: "%s ligne %d : colonne obligatoire absente : %s (en-têtes reconnus, en français ou en anglais : %s)",
		AR: "%s السطر %d: عمود إلزامي غير موجود: %s (العناوين المعروفة، بالفرنسية أو الإنجليزية: %s)",
		EN: "%s line %d: required column missing: %s (known headers, in French or English: %s)",
	}
	msgNoHeader = i18n.Text{
		FR: "%s ne contient aucune ligne : il faut au moins la ligne d'en-tête",
		AR: "%s لا يحتوي على أي سطر: يلزم على الأقل سطر العناوين",
		EN: "%s has no rows: at least the header row is needed",
	}
	txtIgnoredColumns = i18n.Text{
		FR: "%d colonne(s) non reconnue(s), ignorée(s) (non importée(s)) : %s",
		AR: "%d عمود غير معروف، تم تجاهله (لن يُستورد): %s",
		EN: "%d unrecognised column(s), ignored (not imported): %s",
	}
	txtTitleRow = i18n.Text{
		FR: "ligne %d avant l'en-tête ignorée",
		AR: "تم تجاهل السطر %d قبل سطر العناوين",
		EN: "line %d before the header ignored",
	}
	txtTitleRows = i18n.Text{
		FR: "ligne(s) %d à %d avant l'en-tête ignorée(s)",
		AR: "تم تجاهل السطور من %d إلى %d قبل سطر العناوين",
		EN: "line(s) %d to %d before the header ignored",
	}
	txtLatin = i18n.Text{
		FR: "fichier lu comme Windows-1252 (Latin) car il n'est pas en UTF-8 : vérifiez les accents dans l'aperçu ; de préférence, enregistrez-le au format « CSV UTF-8 »",
		AR: "قُرئ الملف بترميز Windows-1252 (لاتيني) لأنه ليس بترميز UTF-8: تحقق من الحروف المشكولة في المعاينة؛ ويفضل حفظه بصيغة « CSV UTF-8 »",
		EN: "file read as Windows-1252 (Latin) because it is not UTF-8: check the accents in the preview; preferably save it as \"CSV UTF-8\"",
	}
	txtExtraCells = i18n.Text{
		FR: "%d valeur(s) au-delà de la dernière colonne de l'en-tête, ignorée(s)",
		AR: "%d قيمة بعد آخر عمود في سطر العناوين، تم تجاهلها",
		EN: "%d value(s) beyond the last header column, ignored",
	}
	msgCancelled = i18n.Text{
		FR: "import annulé : rien n'a été enregistré",
		AR: "تم إلغاء الاستيراد: لم يُسجَّل أي شيء",
		EN: "import cancelled: nothing was saved",
	}
)

// textOf renders e in every language.
func textOf(e *i18n.Error) i18n.Text {
	return i18n.Text{FR: e.In(i18n.FR), AR: e.In(i18n.AR), EN: e.In(i18n.EN)}
}

// asUserError returns err as an *i18n.Error (wrapping a plain error under
// code "import.error").
func asUserError(err error) *i18n.Error {
	var ue *i18n.Error
	if errors.As(err, &ue) {
		return ue
	}
	return i18n.Wrap(err, "import.error", i18n.Text{FR: "erreur : %s", AR: "خطأ: %s", EN: "error: %s"}, err.Error())
}

// newIssue builds an Issue about a cell (col != nil), a row (line > 0) or the
// file, from the cause err. Code and Field are those of the cause unless
// field is given.
func newIssue(file string, line int, col *Column, field string, sev Severity, err error) Issue {
	cause := asUserError(err)
	if field == "" {
		field = cause.Field
	}
	var e *i18n.Error
	switch {
	case col != nil:
		e = &i18n.Error{Code: cause.Code, Msg: msgCellAt, Args: []any{file, line, col.label(), cause}, Field: field, Err: err}
	case line > 0:
		e = &i18n.Error{Code: cause.Code, Msg: msgRowAt, Args: []any{file, line, cause}, Field: field, Err: err}
	default:
		e = &i18n.Error{Code: cause.Code, Msg: msgFileAt, Args: []any{file, cause}, Field: field, Err: err}
	}
	is := Issue{Line: line, Field: field, Code: cause.Code, Severity: sev, Message: textOf(e), Detail: textOf(cause), Err: e}
	if col != nil {
		is.Column = col.Header + " (" + col.Letter + ")"
		is.Detail = textOf(&i18n.Error{Code: cause.Code, Msg: msgCellDetail, Args: []any{col.label(), cause}})
	}
	return is
}

// fieldErrorCause turns one field error of the store's validator into a
// user-facing error with code "validation.<tag>".
func fieldErrorCause(fe store.FieldError) *i18n.Error {
	return &i18n.Error{Code: fe.Code, Msg: i18n.Text{FR: "%s", AR: "%s", EN: "%s"}, Args: []any{fe.Msg}, Field: fe.Field}
}

// layout is the header of a sheet mapped to fields.
type layout struct {
	line    int
	cols    []Column
	byField map[string]*Column
	ignored []Column
	width   int
}

// col returns the column of field, or nil.
func (l *layout) col(field string) *Column { return l.byField[field] }

// cell returns the cell of field in row, and whether the column exists.
func (l *layout) cell(row Row, field string) (Cell, *Column) {
	c := l.byField[field]
	if c == nil {
		return Cell{}, nil
	}
	if c.Index < len(row.Cells) {
		return row.Cells[c.Index], c
	}
	return Cell{}, c
}

// extraCells counts non-blank cells beyond the header's last column.
func (l *layout) extraCells(row Row) int {
	n := 0
	for i := l.width; i < len(row.Cells); i++ {
		if strings.TrimSpace(row.Cells[i].Text) != "" {
			n++
		}
	}
	return n
}

// sheetSpec describes the columns of one kind of sheet.
type sheetSpec struct {
	aliases aliasSet
	// required lists groups of fields: each group needs at least one column.
	required [][]string
	// known is the list of canonical names shown when a column is missing.
	known []string
}

// maxTitleRows is how many rows above the header may be skipped (titles).
const maxTitleRows = 10

// readHeader finds the header row: the first of the first maxTitleRows rows
// that maps at least two different fields (the rows above it are titles), or
// the first row. Errors: no row at all, a field mapped by two columns, a
// required field without column.
func readHeader(t Table, spec sheetSpec) (*layout, []Issue, error) {
	name := t.Info().Name
	var first, header *Row
	var skipped []int
	for i := 0; i < maxTitleRows && header == nil; i++ {
		row, err := t.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		if first == nil {
			first = &row
		}
		seen := map[string]bool{}
		for _, c := range row.Cells {
			if f, ok := spec.aliases.field(c.Text); ok {
				seen[f] = true
			}
		}
		if len(seen) >= 2 {
			header = &row
		} else {
			skipped = append(skipped, row.Line)
		}
	}
	if first == nil {
		return nil, nil, i18n.New(CodeNoHeader, msgNoHeader, name)
	}
	if header == nil {
		// No row looks like a header: check the first one (and report what
		// it lacks).
		header, skipped = first, nil
	}
	first = header
	var notices []Issue
	switch {
	case len(skipped) == 1:
		notices = append(notices, newIssue(name, 0, nil, "", SeverityInfo, i18n.New(CodeTitleRows, txtTitleRow, skipped[0])))
	case len(skipped) > 1:
		notices = append(notices, newIssue(name, 0, nil, "", SeverityInfo,
			i18n.New(CodeTitleRows, txtTitleRows, skipped[0], skipped[len(skipped)-1])))
	}
	l := &layout{line: first.Line, byField: map[string]*Column{}}
	l.cols = make([]Column, len(first.Cells))
	for i, c := range first.Cells {
		letter, _ := excelize.ColumnNumberToName(i + 1)
		l.cols[i] = Column{Index: i, Letter: letter, Header: strings.TrimSpace(strings.TrimPrefix(c.Text, "\ufeff"))}
	}
	for i := range l.cols {
		c := &l.cols[i]
		f, ok := spec.aliases.field(c.Header)
		if !ok {
			if c.Header != "" {
				l.ignored = append(l.ignored, *c)
			}
			continue
		}
		if prev := l.byField[f]; prev != nil {
			return nil, nil, i18n.New(CodeDupColumn, msgHeaderDup, name, l.line, prev.label(), c.label(), f).WithField(f)
		}
		c.Field = f
		l.byField[f] = c
	}
	l.width = len(l.cols)
	for _, group := range spec.required {
		found := false
		for _, f := range group {
			found = found || l.byField[f] != nil
		}
		if !found {
			return nil, nil, i18n.New(CodeMissingColumn, msgHeaderMissing, name, l.line,
				strings.Join(group, " / "), strings.Join(spec.known, ", ")).WithField(group[0])
		}
	}
	if len(l.ignored) > 0 {
		var hs i18n.Text
		for i, c := range l.ignored {
			lb, sep := c.label(), ""
			if i > 0 {
				sep = ", "
			}
			hs.FR += sep + lb.FR
			hs.AR += sep + lb.AR
			hs.EN += sep + lb.EN
		}
		notices = append(notices, newIssue(name, 0, nil, "", SeverityInfo,
			i18n.New(CodeIgnoredColumns, txtIgnoredColumns, len(l.ignored), hs)))
	}
	if t.Info().Encoding == "windows-1252" {
		notices = append(notices, newIssue(name, 0, nil, "", SeverityWarning, i18n.New(CodeLatinEncoding, txtLatin)))
	}
	return l, notices, nil
}

// knownNames returns the canonical names of an alias set, sorted.
func knownNames(a aliasSet) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range a {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// rowIssues collects the issues of one row; an error on a field hides later
// issues on the same field (the first cause is the precise one).
type rowIssues struct {
	file     string
	line     int
	errs     []Issue
	warns    []Issue
	errField map[string]bool
}

func (r *rowIssues) add(col *Column, field string, sev Severity, err error) {
	if sev == SeverityError && field != "" {
		if r.errField[field] {
			return
		}
		if r.errField == nil {
			r.errField = map[string]bool{}
		}
		r.errField[field] = true
	}
	is := newIssue(r.file, r.line, col, field, sev, err)
	if sev == SeverityError {
		r.errs = append(r.errs, is)
	} else {
		r.warns = append(r.warns, is)
	}
}

func (r *rowIssues) hasError(field string) bool { return r.errField[field] }

// suppress hides later errors on field (its cause is already reported
// under another field).
func (r *rowIssues) suppress(field string) {
	if r.errField == nil {
		r.errField = map[string]bool{}
	}
	r.errField[field] = true
}

// validation adds the store validator's verdict on a record (nil = valid),
// each field error tied to its column when the sheet has one.
func (r *rowIssues) validation(l *layout, err error) {
	if err == nil {
		return
	}
	fes := store.FieldErrors(err)
	if fes == nil {
		r.add(nil, "", SeverityError, err)
		return
	}
	for _, fe := range fes {
		r.add(l.col(fe.Field), fe.Field, SeverityError, fieldErrorCause(fe))
	}
}

// progressEvery is how often (in rows) PreviewOptions.Progress is called and
// the context checked.
const progressEvery = 512

func newPreview(kind Kind, t Table, l *layout, notices []Issue) *Preview {
	p := &Preview{Kind: kind, TableInfo: t.Info(), HeaderLine: l.line, Columns: l.cols,
		Ignored: l.ignored, Notices: notices}
	if p.Ignored == nil {
		p.Ignored = []Column{}
	}
	if xt, ok := t.(*xlsxTable); ok {
		p.date1904 = xt.date1904
	}
	return p
}

// eachRow calls fn for every data row after the header, with its issue
// collector (already holding the extra-cells warning, if any), checking ctx
// and reporting progress. The rows are read ahead in another goroutine
// (prefetch), so that reading the file (XML parsing, for XLSX) and checking
// the rows run on two cores.
func eachRow(ctx context.Context, t Table, l *layout, opts PreviewOptions, p *Preview, fn func(Row, *rowIssues)) error {
	// bctx adds the time budget; ctx itself is checked too (its Err may be
	// all a caller's context offers).
	bctx, cancel := withBudget(ctx, opts.Budget)
	defer cancel()
	halted := func() bool { return ctx.Err() != nil || bctx.Err() != nil }
	stopped := func() error {
		if err := ctx.Err(); err != nil {
			return i18n.Wrap(err, CodeCancelled, msgCancelled)
		}
		return budgetError(bctx, p.Name, opts.Budget, i18n.Wrap(bctx.Err(), CodeCancelled, msgCancelled))
	}
	pf := prefetch(t)
	defer pf.stop()
	n := 0
	for {
		var b rowBatch
		var ok bool
		select {
		case <-bctx.Done():
			return stopped()
		case b, ok = <-pf.batches:
		}
		if !ok {
			break
		}
		for _, row := range b.rows {
			if n%progressEvery == 0 {
				if halted() {
					return stopped()
				}
				if opts.Progress != nil && n > 0 {
					opts.Progress(n, -1)
				}
			}
			n++
			iss := &rowIssues{file: p.Name, line: row.Line}
			if x := l.extraCells(row); x > 0 {
				iss.add(nil, "", SeverityWarning, i18n.New(CodeExtraCells, txtExtraCells, x))
			}
			fn(row, iss)
		}
		if b.err != nil && !errors.Is(b.err, io.EOF) {
			return b.err
		}
	}
	if halted() {
		return stopped()
	}
	if opts.Progress != nil {
		opts.Progress(n, n)
	}
	return nil
}

// prefetcher reads the rows of a table in its own goroutine, in batches.
type prefetcher struct {
	batches chan rowBatch
	quit    chan struct{}
	done    chan struct{}
}

// rowBatch is a few rows, and the error that ended the table (io.EOF at the
// end) in the last batch.
type rowBatch struct {
	rows []Row
	err  error
}

const prefetchBatch = 256

// prefetch starts reading t. Until stop returns, t belongs to the
// prefetcher's goroutine.
func prefetch(t Table) *prefetcher {
	pf := &prefetcher{batches: make(chan rowBatch, 4), quit: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(pf.done)
		defer close(pf.batches)
		for {
			b := rowBatch{rows: make([]Row, 0, prefetchBatch)}
			for len(b.rows) < prefetchBatch && b.err == nil {
				row, err := t.Next()
				if err != nil {
					b.err = err
				} else {
					b.rows = append(b.rows, row)
				}
			}
			select {
			case pf.batches <- b:
			case <-pf.quit:
				return
			}
			if b.err != nil {
				return
			}
		}
	}()
	return pf
}

// stop ends the reading goroutine and waits for it: t may be used again.
func (pf *prefetcher) stop() {
	close(pf.quit)
	<-pf.done
}

func count(c *Counts, a Action, warnings int) {
	c.Rows++
	switch a {
	case ActionCreate:
		c.Create++
	case ActionUpdate:
		c.Update++
	case ActionUnchanged:
		c.Unchanged++
	case ActionError:
		c.Errors++
	}
	if warnings > 0 {
		c.Warnings++
	}
}
