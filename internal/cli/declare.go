package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tasrih/tasrih/internal/atomicfile"
	"github.com/tasrih/tasrih/internal/cli/cmdline"
	"github.com/tasrih/tasrih/internal/cli/early"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/importer"
	"github.com/tasrih/tasrih/internal/params"
)

func init() {
	register("declare", "prépare la déclaration DS d'un mois à partir du préétabli et de la paie", runDeclare)
}

var (
	msgDeclareArgs = i18n.Text{
		FR: "--preetabli et --payroll sont obligatoires",
		AR: "الخياران --preetabli و--payroll إلزاميان",
		EN: "--preetabli and --payroll are required",
	}
	msgExtraArgs = i18n.Text{
		FR: "argument inattendu « %s »",
		AR: "وسيط غير منتظر « %s »",
		EN: "unexpected argument %q",
	}
	txtWritten = i18n.Text{
		FR: "Fichier écrit : %s\nSHA-256 : %s",
		AR: "تمت كتابة الملف: %s\nSHA-256: %s",
		EN: "File written: %s\nSHA-256: %s",
	}
	txtNotWritten = i18n.Text{
		FR: "Aucun fichier écrit : corrigez les erreurs ci-dessus puis relancez la commande.",
		AR: "لم يُكتب أي ملف: صحح الأخطاء أعلاه ثم أعد تشغيل الأمر.",
		EN: "No file written: fix the errors above, then run the command again.",
	}
	txtDeclSummary = i18n.Text{
		FR: "%s — affiliation %s — %s\n%d salarié(s) du préétabli, %d entrant(s) ; %d jours ; salaire réel %s ; plafonné %s",
		AR: "%s — الانخراط %s — %s\n%d أجيراً من الملف المعد مسبقاً، %d وافداً؛ %d يوماً؛ الأجر الحقيقي %s؛ المسقف %s",
		EN: "%s — affiliation %s — %s\n%d préétabli employee(s), %d entrant(s); %d days; real salary %s; capped %s",
	}
	txtEstimate = i18n.Text{
		FR: "Cotisations estimées : %s (part patronale %s, part salariale %s)",
		AR: "الاشتراكات التقديرية: %s (حصة المشغل %s، حصة الأجير %s)",
		EN: "Estimated contributions: %s (employer %s, employee %s)",
	}
	msgSeq = i18n.Text{
		FR: "--complementary %d : le numéro de la déclaration complémentaire va de 1 à 9",
		AR: "--complementary %d: رقم التصريح التكميلي من 1 إلى 9",
		EN: "--complementary %d: the complementary declaration number is 1 to 9",
	}
	txtDue = i18n.Text{
		FR: "Échéance : %s",
		AR: "آخر أجل: %s",
		EN: "Due date: %s",
	}
)

func runDeclare(env *Env) int {
	fs := newFlags(env, "declare", cmdline.DeclareUsage)
	var c cmdline.Declare
	c.Register(fs)
	args, err := cmdline.ParseInterleaved(fs, env.Args)
	if err != nil {
		return ExitUsage
	}
	l, err := checkOutput(&c.Output)
	if err != nil {
		return usageError(env, l, err)
	}
	if len(args) > 0 {
		return usageError(env, l, i18n.New("cli.args", msgExtraArgs, args[0]))
	}
	if c.Preetabli == "" || c.Payroll == "" {
		fs.Usage()
		return usageError(env, l, i18n.New("cli.args", msgDeclareArgs))
	}
	env.tuneGC(early.InputSize(c.Preetabli, c.Payroll, c.Previous))
	// The préétabli is read and checked while the payroll is opened and
	// read; its read error, if any, is still the one reported first.
	pre := readPreetabliFile(c.Preetabli)
	fail := func(err error) int {
		if perr := pre.wait(); perr != nil {
			err = perr
		}
		return usageError(env, l, err)
	}
	// The payroll goes to the importer's bounded read (MaxPayrollSize).
	payFile, err := openFile(c.Payroll)
	if err != nil {
		return fail(err)
	}
	defer payFile.Close()
	if c.Complementary < 0 || c.Complementary > 9 {
		return fail(i18n.New(declaration.CodeSequence, msgSeq, c.Complementary))
	}
	prev, err := readPrevious(c.Previous)
	if err != nil {
		return fail(err)
	}
	stage := newEarlyWrite(c.Out)
	res, prep, err := prepare(pre, payFile, filepath.Base(c.Payroll), c.Complementary, l, stage.start)
	if err != nil {
		stage.discard()
		return usageError(env, l, err)
	}
	if res == nil {
		// The préétabli itself is wrong: nothing can be built on it.
		return declareReport(env, c.Format, l, c.Preetabli, prep.Findings, nil, nil)
	}
	// The plausibility checks run while the file is written and synced.
	plausible := make(chan []declaration.Finding, 1)
	go func() {
		plausible <- declaration.Plausibility(declaration.PlausibilityInput{Current: declaration.Layout(res.Decl), Previous: prev})
	}()
	outPath := filepath.Join(c.Out, res.FileName)
	var written *string
	if res.Bytes == nil {
		stage.discard()
	} else {
		if !stage.commit(outPath) {
			if err := writeFileAtomic(outPath, res.Bytes); err != nil {
				return usageError(env, l, err)
			}
		}
		written = &outPath
	}
	findings := append(res.Report.Findings, <-plausible...)
	return declareReport(env, c.Format, l, outPath, findings, res, written)
}

// preetabliRead is a préétabli being read and checked on another goroutine.
type preetabliRead struct {
	done chan struct{}
	err  error // the file could not be read
	pre  *declaration.Preetabli
	rep  *declaration.Report
}

// readPreetabli starts reading the préétabli's text with read and checking
// it (declaration.ReadPreetabliString).
func readPreetabli(read func() (string, error)) *preetabliRead {
	r := &preetabliRead{done: make(chan struct{})}
	go func() {
		defer close(r.done)
		r.load(read)
	}()
	return r
}

// readPreetabliFile is readPreetabli of the file at path, taking the one
// read and checked since the program started when there is one (early).
func readPreetabliFile(path string) *preetabliRead {
	r := &preetabliRead{done: make(chan struct{})}
	go func() {
		defer close(r.done)
		if r.pre, r.rep = early.Preetabli(path, maxDeclarationFile); r.pre == nil {
			r.load(func() (string, error) { return readCNSSFile(path) })
		}
	}()
	return r
}

func (r *preetabliRead) load(read func() (string, error)) {
	raw, err := read()
	if err != nil {
		r.err = err
		return
	}
	r.pre, r.rep = declaration.ReadPreetabliString(raw)
}

// wait waits for the préétabli and returns its read error.
func (r *preetabliRead) wait() error {
	<-r.done
	return r.err
}

// prepare is the in-process work of `tasrih declare`: the préétabli (being
// read by pr) and the payroll are read concurrently, reconciled, built and
// re-validated. A nil result with a report means the préétabli has blocking
// findings. The préétabli's read error comes before the payroll's errors.
// encoded, when set, is declaration.Input.Encoded.
func prepare(pr *preetabliRead, pay io.Reader, payName string, seq int, l i18n.Lang, encoded func(name string, data []byte)) (*declaration.Result, *declaration.Report, error) {
	rows, err := importer.ReadPayroll(payName, pay)
	if perr := pr.wait(); perr != nil {
		return nil, nil, perr
	}
	if err != nil {
		return nil, nil, err
	}
	pre, prep := pr.pre, pr.rep
	if !prep.Valid() {
		return nil, prep, nil
	}
	src := func(line int) string { return fmt.Sprintf("%s, %s %d", payName, txtLine.In(l), line) }
	in := importer.DeclarationInput(pre, rows, src)
	if seq > 0 {
		// A complementary declaration holds only entrants: every row is one,
		// even a préétabli employee's (who belongs in the principal DS).
		in.Lines, in.Entrants, in.Sequence = nil, importer.Entrants(rows), seq
	}
	in.Encoded = encoded
	res, err := declaration.Build(in)
	return res, prep, err
}

func declareReport(env *Env, format string, l i18n.Lang, file string, fs []declaration.Finding, res *declaration.Result, written *string) int {
	rep := &declaration.Report{Findings: fs}
	if format == "json" {
		writeJSONDeclare(env.Stdout, reportJSON{File: file, Valid: rep.Valid() && res != nil, Errors: rep.Errors(),
			Warnings: rep.Warnings(), Findings: findingsJSON(fs, l)}, written)
	} else {
		if res != nil {
			printDeclSummary(env.Stdout, res, l)
		}
		printFindings(env.Stdout, filepath.Base(file), fs, l)
		if written != nil {
			fmt.Fprintln(env.Stdout, txtWritten.Format(l, *written, res.SHA256))
		} else {
			fmt.Fprintln(env.Stdout, txtNotWritten.In(l))
		}
	}
	if written == nil {
		return ExitFindings
	}
	return ExitOK
}

// writeJSONDeclare prints the declare report with "output" always present
// (the path written, or null).
func writeJSONDeclare(w io.Writer, r reportJSON, output *string) {
	type declareJSON struct {
		reportJSON
		Output *string `json:"output"`
	}
	writeJSON(w, declareJSON{reportJSON: r, Output: output})
}

func printDeclSummary(w io.Writer, res *declaration.Result, l i18n.Lang) {
	d := res.Decl
	entrants := int(d.EntrantTotals.Count)
	fmt.Fprintln(w, txtDeclSummary.Format(l, d.Employer.Name, d.Employer.Affiliation, d.Employer.Period.Label(l),
		d.LineTotals.Count, entrants, d.GrandTotals.Days, d.GrandTotals.Real.FormatMAD(), d.GrandTotals.Capped.FormatMAD()))
	e := res.Estimate
	fmt.Fprintln(w, txtEstimate.Format(l, e.Total.FormatMAD(), e.Employer.FormatMAD(), e.Employee.FormatMAD()))
	for _, b := range e.Branches {
		fmt.Fprintf(w, "  %-40s %16s %16s\n", b.Label.In(l), b.Employer.FormatMAD(), b.Employee.FormatMAD())
	}
	fmt.Fprintln(w, "  "+params.EstimateNote.In(l))
	due := d.Employer.DueDate
	if due.IsZero() {
		due = params.DueDate(d.Employer.Period)
	}
	fmt.Fprintln(w, txtDue.Format(l, formatDate(due)))
	fmt.Fprintln(w)
}

func formatDate(d domain.Date) string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// earlyWrite writes the DS while Build still validates it: the file is
// staged (written and synced under a temporary name, atomicfile.Stage) as
// soon as it is encoded, so that the write and the wait for the disk
// overlap the validation; it becomes visible (Commit) only if the
// declaration has no blocking finding, and is removed otherwise. Only into
// an existing folder: a folder created for a file that turns out blocked
// would stay behind. Whatever fails here falls back to writeFileAtomic
// after the validation, which reports the error.
type earlyWrite struct {
	dir  string
	done chan staged // nil until start
}

type staged struct {
	s    *atomicfile.Staged
	path string
	err  error
}

func newEarlyWrite(dir string) *earlyWrite { return &earlyWrite{dir: dir} }

// start is declaration.Input.Encoded: it stages data as dir/name on
// another goroutine.
func (w *earlyWrite) start(name string, data []byte) {
	if st, err := os.Stat(w.dir); err != nil || !st.IsDir() || w.done != nil {
		return
	}
	w.done = make(chan staged, 1)
	path := filepath.Join(w.dir, name)
	go func() {
		s, err := atomicfile.Stage(path, 0o644, func(f io.Writer) error {
			_, err := f.Write(data)
			return err
		})
		w.done <- staged{s: s, path: path, err: err}
	}()
}

// commit publishes the staged file if it is path's and was staged without
// error; false means nothing was published (the caller writes the file).
func (w *earlyWrite) commit(path string) bool {
	if w.done == nil {
		return false
	}
	st := <-w.done
	w.done = nil
	switch {
	case st.err != nil:
		return false
	case st.path != path:
		st.s.Discard()
		return false
	}
	return st.s.Commit() == nil
}

// discard removes the staged file, if any.
func (w *earlyWrite) discard() {
	if w.done == nil {
		return
	}
	if st := <-w.done; st.err == nil {
		st.s.Discard()
	}
	w.done = nil
}
