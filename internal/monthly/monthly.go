// Package monthly is the month workspace of one employer: it reconciles the
// CNSS préétabli with the employees of the store and the month's lines,
// prefills a new month from the previous one, runs the rule catalogue on the
// declaration those lines would produce and maps every finding back to its
// row and cell, and generates the DS (or DSC<n>) file into the store. It also
// closes a month for many employers at once. The desktop app's month screen
// and batch close are thin layers over this package. What a declaration
// allows (frozen, can_submit, needs_regenerate…) comes from internal/lifecycle
// and is sent with the workspace.
package monthly

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"time"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/lifecycle"
	"github.com/tasrih/tasrih/internal/params"
	"github.com/tasrih/tasrih/internal/store"
)

// Category of a row of the month workspace.
type Category string

// Categories of the reconciliation.
const (
	Current Category = "current" // in the préétabli and in the employee list
	Leaver  Category = "leaver"  // in the préétabli, left the company before or during the month
	Unknown Category = "unknown" // in the préétabli, known only from it (its record is incomplete)
	Entrant Category = "entrant" // paid this month, not in the préétabli (B04)
)

// Categories lists the categories.
var Categories = []Category{Current, Leaver, Unknown, Entrant}

// Column names of the grid, used to point findings at a cell.
const (
	ColImmat     = "immatriculation"
	ColName      = "name"
	ColCIN       = "cin"
	ColDays      = "days"
	ColGross     = "gross"
	ColSituation = "situation"
)

// Row is one employee of the month.
type Row struct {
	EmployeeID      string           `json:"employee_id"`
	Immatriculation string           `json:"immatriculation"`
	CIN             string           `json:"cin"`
	Name            string           `json:"name"`
	Category        Category         `json:"category"`
	PreetabliLine   int              `json:"preetabli_line"` // 0 for entrants
	Days            int              `json:"days"`
	Gross           domain.Money     `json:"gross"`
	Situation       domain.Situation `json:"situation"`
	// NeedsSituation: a préétabli employee with no pay this month must be
	// given a situation (SO, CS, IL…).
	NeedsSituation bool `json:"needs_situation"`
	// Saved is false while the row only holds prefilled values.
	Saved bool `json:"saved"`
	// Source says where the row's values come from (what the page tells
	// the user): saved, previous_month, employee_file, leaver_default, or
	// none (nothing to propose: the user types them).
	Source   Source    `json:"source"`
	Findings []Finding `json:"findings"`
}

// Source of a row's values.
type Source string

// Sources of a row's values.
const (
	FromSaved         Source = "saved"          // typed (and saved) for this month
	FromPreviousMonth Source = "previous_month" // copied from the lines saved for the month before
	FromEmployeeFile  Source = "employee_file"  // the employee's usual salary, 26 days (no previous month)
	FromLeaverDefault Source = "leaver_default" // a leaver: SO, no days, no pay
	FromNothing       Source = "none"           // nothing to propose
)

// Sources lists where proposed values come from.
var Sources = []Source{FromSaved, FromPreviousMonth, FromEmployeeFile, FromLeaverDefault, FromNothing}

// Finding is a finding of the rule catalogue placed on a row and a cell.
type Finding struct {
	Rule     string               `json:"rule"`
	Severity declaration.Severity `json:"severity"`
	Row      int                  `json:"row"` // index in Workspace.Rows, -1 for the file as a whole
	Column   string               `json:"column"`
	Record   string               `json:"record"`
	Line     int                  `json:"line"`
	Field    string               `json:"field"`
	Message  i18n.Text            `json:"message"`
	Hint     i18n.Text            `json:"hint"`
}

// Workspace is the month of one employer.
type Workspace struct {
	EmployerID   string           `json:"employer_id"`
	Affiliation  string           `json:"affiliation"`
	Period       domain.Period    `json:"period" ts_type:"string"`
	Preetabli    *store.Preetabli `json:"preetabli"` // Raw cleared; nil before import
	Rows         []Row            `json:"rows"`
	Findings     []Finding        `json:"findings"`
	Errors       int              `json:"errors"`
	Warnings     int              `json:"warnings"`
	Totals       Totals           `json:"totals"`
	Estimate     params.Estimate  `json:"estimate"`
	DueDate      domain.Date      `json:"due_date" ts_type:"string"`
	Declarations []Declaration    `json:"declarations"` // without bytes
	// Lifecycle: the month's flags (grid read-only, complementary allowed,
	// regeneration needed), computed by internal/lifecycle.
	Lifecycle lifecycle.MonthFlags `json:"lifecycle"`
	Counts    map[Category]int     `json:"counts"`
	Prefilled bool                 `json:"prefilled"` // no line saved yet: the values are proposals (see each row's Source)
	// PreviousMonth: lines were saved for the month before (the source of
	// the proposals when Prefilled).
	PreviousMonth bool `json:"previous_month"`
	// MaxDays is the period's maximum of declared days (parameter table):
	// the grid refuses more as the user types.
	MaxDays int `json:"max_days"`
}

// Totals are the month's grand totals as the page reads them: the employees
// declared, their days, and the real and capped payroll mass, in centimes
// (the codec's cnssfile.Totals without its file-control fields).
type Totals struct {
	Employees int64        `json:"employees"`
	Days      int64        `json:"days"`
	Real      domain.Money `json:"real"`
	Capped    domain.Money `json:"capped"`
}

func totalsOf(t cnssfile.Totals) Totals {
	return Totals{Employees: t.Count, Days: t.Days, Real: t.Real, Capped: t.Capped}
}

// Declaration is a declaration of the month (without its file) with the
// flags the page renders (internal/lifecycle).
type Declaration struct {
	store.Declaration
	Flags lifecycle.Flags `json:"flags"`
}

func withFlags(decls []store.Declaration) []Declaration {
	out := make([]Declaration, len(decls))
	for i, d := range decls {
		out[i] = Declaration{Declaration: d, Flags: lifecycle.DeclFlags(d.Status, d.Errors, d.SHA256 != "" && d.SHA256 != emptySHA256)}
	}
	return out
}

func monthFlags(decls []Declaration) lifecycle.MonthFlags {
	in := make([]lifecycle.Decl, len(decls))
	for i, d := range decls {
		in[i] = lifecycle.Decl{Principal: d.Kind == store.KindPrincipal, Status: d.Status}
	}
	return lifecycle.Month(in)
}

// emptySHA256 is the digest of an empty file (a draft's).
const emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// Service is the month workspace over a store.
type Service struct {
	st     *store.Store
	params *params.Table
	now    func() time.Time
}

// New returns the service of a store; tab nil means params.Default().
func New(st *store.Store, tab *params.Table) *Service {
	if tab == nil {
		tab = params.Default()
	}
	return &Service{st: st, params: tab, now: time.Now}
}

var (
	msgAffMismatch = i18n.Text{
		FR: "ce préétabli est celui de l'affiliation %s, pas de %s",
		AR: "هذا الملف المعد مسبقاً يخص الانخراط %s وليس %s",
		EN: "this préétabli belongs to affiliation %s, not %s",
	}
	msgPeriodMismatch = i18n.Text{
		FR: "ce préétabli est celui de la période %s, pas de %s",
		AR: "هذا الملف المعد مسبقاً يخص الفترة %s وليس %s",
		EN: "this préétabli is for period %s, not %s",
	}
	msgPreetabliInvalid = i18n.Text{
		FR: "le préétabli contient %d erreur(s) bloquante(s) : il n'a pas été importé",
		AR: "يحتوي الملف المعد مسبقاً على %d خطأ مانع: لم يُستورد",
		EN: "the préétabli has %d blocking error(s): it was not imported",
	}
	msgNoPreetabli = i18n.Text{
		FR: "importez d'abord le préétabli de la période %s",
		AR: "استورد أولاً الملف المعد مسبقاً للفترة %s",
		EN: "import the préétabli of period %s first",
	}
	msgUnknownEmployee = i18n.Text{
		FR: "salarié inconnu dans cette entreprise",
		AR: "أجير غير معروف في هذه المقاولة",
		EN: "unknown employee in this company",
	}
	msgPrincipalFirst = i18n.Text{
		FR: "une déclaration complémentaire ne se prépare qu'après le dépôt de la déclaration principale de %s",
		AR: "لا يُعد التصريح التكميلي إلا بعد إيداع التصريح الرئيسي لـ%s",
		EN: "a complementary declaration can only be prepared after the principal one of %s was deposited",
	}
	msgFrozen = i18n.Text{
		FR: "la déclaration de %s est déjà transmise : ses lignes ne changent plus (préparez une déclaration complémentaire pour les oubliés)",
		AR: "تم إرسال تصريح %s: لم تعد أسطره تتغير (أعد تصريحاً تكميلياً للمنسيين)",
		EN: "the declaration of %s was already sent: its lines no longer change (prepare a complementary declaration for forgotten employees)",
	}
)

// ErrPreetabliInvalid is in the chain of ImportPreetabli's error for a
// préétabli with blocking findings (the findings come with it).
var ErrPreetabliInvalid = errors.New("monthly: invalid préétabli")

// ErrNotPreetabli is in the chain of ImportPreetabli's error for a file that
// is not a préétabli at all (another file picked by mistake): one sentence
// says so, instead of the findings of every line.
var ErrNotPreetabli = errors.New("monthly: not a préétabli")

// Stable code of ErrNotPreetabli.
const CodeNotPreetabli = "monthly.not_preetabli"

var (
	msgNotPreetabli = i18n.Text{
		FR: "Ce fichier n'est pas un préétabli CNSS : il ne contient aucun enregistrement d'en-tête A00 ni A01. Choisissez le fichier AFFEBDS_<affiliation>_<période>.txt envoyé par la CNSS",
		AR: "هذا الملف ليس ملفاً معداً مسبقاً من الضمان الاجتماعي: لا يحتوي على أي تسجيل رأس A00 أو A01. اختر الملف AFFEBDS_<الانخراط>_<الفترة>.txt الذي أرسله الصندوق",
		EN: "This file is not a CNSS préétabli: it has no A00 or A01 header record. Choose the file AFFEBDS_<affiliation>_<period>.txt sent by the CNSS",
	}
	msgIsDeclaration = i18n.Text{
		FR: "Ce fichier n'est pas un préétabli CNSS : c'est un fichier de déclaration (enregistrements B00…). Choisissez le fichier AFFEBDS_<affiliation>_<période>.txt envoyé par la CNSS",
		AR: "هذا الملف ليس ملفاً معداً مسبقاً من الضمان الاجتماعي: إنه ملف تصريح (تسجيلات B00…). اختر الملف AFFEBDS_<الانخراط>_<الفترة>.txt الذي أرسله الصندوق",
		EN: "This file is not a CNSS préétabli: it is a declaration file (B00… records). Choose the file AFFEBDS_<affiliation>_<period>.txt sent by the CNSS",
	}
)

// notPreetabli decides, before any detailed check, whether raw is not a
// préétabli at all: none of its lines starts with a préétabli header record
// (A00 or A01). A préétabli with defects still has them, and gets the
// detailed findings instead.
func notPreetabli(raw []byte) error {
	declarationLike := false
	for len(raw) > 0 {
		line := raw
		if i := bytes.IndexByte(raw, '\n'); i >= 0 {
			line, raw = raw[:i], raw[i+1:]
		} else {
			raw = nil
		}
		line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		if bytes.HasPrefix(line, []byte("A00")) || bytes.HasPrefix(line, []byte("A01")) {
			return nil
		}
		if bytes.HasPrefix(line, []byte("B00")) || bytes.HasPrefix(line, []byte("B01")) {
			declarationLike = true
		}
	}
	if declarationLike {
		return i18n.Wrap(ErrNotPreetabli, CodeNotPreetabli, msgIsDeclaration)
	}
	return i18n.Wrap(ErrNotPreetabli, CodeNotPreetabli, msgNotPreetabli)
}

// ImportPreetabli checks and stores the préétabli of an employer. The
// affiliation and period are read from the file and must match the employer
// (and the period, when given). Employees of the préétabli unknown to the
// store are created from it (immatriculation and name), so that every
// préétabli line has its row; the workspace shows them as "unknown" until
// their record is completed.
func (s *Service) ImportPreetabli(employerID, fileName string, raw []byte, want *domain.Period) (store.Preetabli, *declaration.Report, error) {
	if err := notPreetabli(raw); err != nil {
		return store.Preetabli{}, &declaration.Report{}, err
	}
	pre, rep := declaration.ReadPreetabli(raw)
	if !rep.Valid() {
		return store.Preetabli{}, rep, i18n.Wrap(ErrPreetabliInvalid, "monthly.preetabli_invalid", msgPreetabliInvalid, rep.Errors())
	}
	er, err := s.st.Employers().Get(employerID)
	if err != nil {
		return store.Preetabli{}, rep, err
	}
	e := pre.File.Employer
	if e.Affiliation != er.Affiliation {
		return store.Preetabli{}, rep, i18n.New("monthly.affiliation_mismatch", msgAffMismatch, e.Affiliation, er.Affiliation)
	}
	if want != nil && *want != e.Period {
		return store.Preetabli{}, rep, i18n.New("monthly.period_mismatch", msgPeriodMismatch, e.Period.String(), want.String())
	}
	var out store.Preetabli
	err = s.st.Update(func(tx *store.Tx) error {
		for _, in := range pre.File.Insured {
			if _, err := tx.Employees().FindByImmatriculation(employerID, in.Immat); err == nil {
				continue
			} else if !errors.Is(err, store.ErrNotFound) {
				return err
			}
			if _, err := tx.Employees().Create(domain.Employee{EmployerID: employerID, Immatriculation: in.Immat,
				LastName: in.Name, Children: in.Children}); err != nil {
				return err
			}
		}
		var err error
		out, err = tx.Periods().ImportPreetabli(store.Preetabli{EmployerID: employerID, Period: e.Period, FileName: fileName,
			Raw: raw, TransferID: pre.File.Header.TransferID, Employees: len(pre.File.Insured)})
		if err != nil {
			return err
		}
		// A new préétabli changes the month: a file generated before is outdated.
		_, err = tx.Declarations().Outdate(employerID, e.Period)
		return err
	})
	return out, rep, err
}

// LineInput is the month of one employee as typed in the grid.
type LineInput struct {
	EmployeeID string           `json:"employee_id"`
	Days       int              `json:"days"`
	Gross      domain.Money     `json:"gross"`
	Situation  domain.Situation `json:"situation"`
}

// SaveLines replaces the month's lines of the employer and returns the
// recomputed workspace. Lines of entrants with no days and no pay are not
// saved (they were not paid this month).
func (s *Service) SaveLines(employerID string, p domain.Period, lines []LineInput) (*Workspace, error) {
	if err := s.checkNotFrozen(employerID, p); err != nil {
		return nil, err
	}
	emps, err := s.st.Employees().List(employerID)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]domain.Employee, len(emps))
	for _, e := range emps {
		byID[e.ID] = e
	}
	out := make([]domain.MonthLine, 0, len(lines))
	for _, l := range lines {
		e, ok := byID[l.EmployeeID]
		if !ok {
			return nil, i18n.New("monthly.unknown_employee", msgUnknownEmployee).WithField(l.EmployeeID)
		}
		out = append(out, domain.MonthLine{EmployeeID: e.ID, Immatriculation: e.Immatriculation, Days: l.Days, Gross: l.Gross, Situation: l.Situation})
	}
	err = s.st.Update(func(tx *store.Tx) error {
		before, err := tx.Periods().Lines(employerID, p)
		if err != nil {
			return err
		}
		if err := tx.Periods().ReplaceLines(employerID, p, out); err != nil {
			return err
		}
		after, err := tx.Periods().Lines(employerID, p)
		if err != nil || sameLines(before, after) {
			return err
		}
		// The month changed: a file generated from it is outdated (lifecycle).
		_, err = tx.Declarations().Outdate(employerID, p)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.Load(employerID, p)
}

// sameLines reports whether two sets of month lines hold the same values,
// whatever their order.
func sameLines(a, b []domain.MonthLine) bool {
	if len(a) != len(b) {
		return false
	}
	byID := make(map[string]domain.MonthLine, len(a))
	for _, l := range a {
		byID[l.EmployeeID] = l
	}
	for _, l := range b {
		o, ok := byID[l.EmployeeID]
		if !ok || o.Days != l.Days || o.Gross != l.Gross || o.Situation != l.Situation || o.Immatriculation != l.Immatriculation {
			return false
		}
	}
	return true
}

func (s *Service) checkNotFrozen(employerID string, p domain.Period) error {
	decls, err := s.st.Declarations().List(employerID, p)
	if err != nil {
		return err
	}
	if monthFlags(withFlags(decls)).Frozen {
		return i18n.New("monthly.frozen", msgFrozen, p.Label(i18n.FR))
	}
	return nil
}

// Load returns the month workspace: rows reconciled, prefilled when nothing
// was saved yet, with the findings of the declaration they would produce.
func (s *Service) Load(employerID string, p domain.Period) (*Workspace, error) {
	er, err := s.st.Employers().Get(employerID)
	if err != nil {
		return nil, err
	}
	ws := &Workspace{EmployerID: employerID, Affiliation: er.Affiliation, Period: p, Counts: map[Category]int{}}
	ws.MaxDays = s.params.AtOrFirst(p).MaxDays
	dl, err := s.st.DeadlineExtensions().Effective(s.params, er, p)
	if err != nil {
		return nil, err
	}
	ws.DueDate = dl.Due
	emps, err := s.st.Employees().List(employerID)
	if err != nil {
		return nil, err
	}
	lines, err := s.st.Periods().Lines(employerID, p)
	if err != nil {
		return nil, err
	}
	var pre *declaration.Preetabli
	if sp, err := s.st.Periods().Preetabli(employerID, p); err == nil {
		pre, _ = declaration.ReadPreetabli(sp.Raw)
		sp.Raw = nil
		ws.Preetabli = &sp
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	decls, err := s.st.Declarations().List(employerID, p)
	if err != nil {
		return nil, err
	}
	ws.Declarations = withFlags(decls)
	ws.Lifecycle = monthFlags(ws.Declarations)
	saved := make(map[string]domain.MonthLine, len(lines))
	for _, l := range lines {
		saved[l.EmployeeID] = l
	}
	var prev map[string]domain.MonthLine
	if len(lines) == 0 {
		ws.Prefilled = true
		if pl, err := s.st.Periods().Lines(employerID, p.Prev()); err == nil && len(pl) > 0 {
			ws.PreviousMonth = true
			prev = make(map[string]domain.MonthLine, len(pl))
			for _, l := range pl {
				prev[l.EmployeeID] = l
			}
		}
	}
	byImmat := make(map[string]*domain.Employee, len(emps))
	for i := range emps {
		if emps[i].Immatriculation != "" {
			byImmat[emps[i].Immatriculation] = &emps[i]
		}
	}
	start, end := domain.DateOf(p.First()), domain.DateOf(p.Next().First()).AddDays(-1)
	inPre := map[string]bool{}
	if pre != nil {
		for i, in := range pre.File.Insured {
			inPre[in.Immat] = true
			row := Row{Immatriculation: in.Immat, Name: in.Name, PreetabliLine: pre.Lines[i], Category: Current}
			e := byImmat[in.Immat]
			if e != nil {
				row.EmployeeID, row.CIN = e.ID, e.CIN
				if n := e.FullName(); n != "" {
					row.Name = n
				}
				switch {
				case !e.ExitDate.IsZero() && !end.Before(e.ExitDate):
					row.Category = Leaver
				case e.HireDate.IsZero() && e.CIN == "":
					row.Category = Unknown
				}
			} else {
				row.Category = Unknown
			}
			s.fill(&row, e, saved, prev, start)
			ws.Rows = append(ws.Rows, row)
		}
	}
	for i := range emps {
		e := &emps[i]
		if inPre[e.Immatriculation] && e.Immatriculation != "" {
			continue
		}
		if (!e.HireDate.IsZero() && end.Before(e.HireDate)) || (!e.ExitDate.IsZero() && e.ExitDate.Before(start)) {
			continue // not employed this month
		}
		row := Row{EmployeeID: e.ID, Immatriculation: e.Immatriculation, CIN: e.CIN, Name: e.FullName(), Category: Entrant}
		s.fill(&row, e, saved, prev, start)
		ws.Rows = append(ws.Rows, row)
	}
	for i := range ws.Rows {
		r := &ws.Rows[i]
		// Counters follow situations: a préétabli employee marked SO left.
		if r.Category != Entrant && r.Situation == domain.SitLeft {
			r.Category = Leaver
		}
		ws.Counts[r.Category]++
	}
	if pre != nil {
		s.evaluate(ws, pre, er.AMOSolidarityOnly, emps)
	}
	return ws, nil
}

// fill sets a row's values and says where they come from: the saved line;
// else (nothing saved this month) the previous month's line; else, with no
// previous month, the employee's usual salary for the period's maximum days
// (params) — except for an entrant hired after the first day of the month (a
// part month is not guessed); a leaver defaults to SO.
func (s *Service) fill(r *Row, e *domain.Employee, saved, prev map[string]domain.MonthLine, start domain.Date) {
	r.Source = FromNothing
	if e != nil {
		if l, ok := saved[e.ID]; ok {
			r.Days, r.Gross, r.Situation, r.Saved, r.Source = l.Days, l.Gross, l.Situation, true, FromSaved
		} else if len(saved) > 0 {
			// Lines were saved for the month but not this one: not paid.
		} else if l, ok := prev[e.ID]; ok && r.Category != Leaver {
			r.Days, r.Gross, r.Source = l.Days, l.Gross, FromPreviousMonth
			if l.Situation.RequiresZero() {
				r.Situation = l.Situation // a long leave usually goes on
				r.Days, r.Gross = 0, 0
			}
		} else if prev == nil && e.MonthlyGross > 0 && (r.Category == Current || r.Category == Entrant && !start.Before(e.HireDate)) {
			r.Days, r.Gross, r.Source = s.params.AtOrFirst(start.Period()).MaxDays, e.MonthlyGross, FromEmployeeFile
		}
	}
	if r.Category == Leaver && !r.Saved && r.Situation == "" {
		r.Situation, r.Days, r.Gross, r.Source = domain.SitLeft, 0, 0, FromLeaverDefault
	}
	r.NeedsSituation = r.Category != Entrant && r.Situation == domain.SitNormal && (r.Days == 0 || r.Gross == 0)
}

// input turns the rows into the builder's input; rowOf maps each output
// record line to its row.
func input(ws *Workspace, pre *declaration.Preetabli, amo bool, only map[int]bool, seq int) (declaration.Input, []int) {
	in := declaration.Input{Preetabli: pre, AMOSolidarityOnly: amo, Sequence: seq}
	var lineRows, entRows []int
	for i, r := range ws.Rows {
		if only != nil && !only[i] {
			continue
		}
		if r.Category == Entrant || seq > 0 {
			if r.Days == 0 && r.Gross == 0 {
				continue // not paid this month: not declared
			}
			// Row names are "LASTNAME FIRSTNAME" already (Employee.FullName).
			in.Entrants = append(in.Entrants, declaration.EntrantLine{Immat: r.Immatriculation, CIN: r.CIN, LastName: r.Name, Days: r.Days, Gross: r.Gross})
			entRows = append(entRows, i)
			continue
		}
		in.Lines = append(in.Lines, declaration.MonthLine{Immat: r.Immatriculation, Days: r.Days, Gross: r.Gross, Situation: r.Situation})
		lineRows = append(lineRows, i)
	}
	// Output line of each record: 00, 01, the 02 lines in préétabli order
	// (the rows are in préétabli order already), 03, the 04 lines.
	rowOf := make([]int, 0, len(lineRows)+len(entRows)+8)
	rowOf = append(rowOf, -1, -1)
	if seq > 0 {
		rowOf = append(rowOf, -1) // the empty E02
	}
	rowOf = append(rowOf, lineRows...)
	rowOf = append(rowOf, -1)
	rowOf = append(rowOf, entRows...)
	return in, rowOf
}

func column(field string) string {
	switch field {
	case "N_Jours_Declares", "N_Nbr_Jours":
		return ColDays
	case "N_Salaire_Reel", "N_Sal_Reel", "N_Salaire_Plaf", "N_Sal_Plaf":
		return ColGross
	case "L_Situation", "N_AF_A_Reverser":
		return ColSituation
	case "N_Num_Assure":
		return ColImmat
	case "L_Nom_Prenom":
		return ColName
	case "L_Num_CIN":
		return ColCIN
	}
	return ""
}

// evaluate builds the declaration the rows would produce and places its
// findings, totals and estimate in ws; emps are the employer's employees
// (read once by Load) for the plausibility checks.
func (s *Service) evaluate(ws *Workspace, pre *declaration.Preetabli, amo bool, emps []domain.Employee) {
	in, rowOf := input(ws, pre, amo, nil, 0)
	in.Params = s.params
	res, err := declaration.Build(in)
	if err != nil {
		ws.Findings = append(ws.Findings, Finding{Rule: "", Severity: declaration.Error, Row: -1, Message: i18nText(err)})
		ws.Errors++
		return
	}
	ws.Totals, ws.Estimate = totalsOf(res.Decl.GrandTotals), res.Estimate
	byImmat := map[string]int{}
	for i, r := range ws.Rows {
		if r.Immatriculation != "" && r.Category != Entrant {
			byImmat[r.Immatriculation] = i
		}
	}
	for _, f := range append(res.Report.Findings, s.plausibility(ws.EmployerID, ws.Period, res, emps)...) {
		row := -1
		switch {
		case f.Record != "" && f.Record[0] == 'A':
			// A préétabli line (EMP-MISSING): find the row by immatriculation.
			if im, _, _ := strings.Cut(f.Employee, " "); im != "" {
				if i, ok := byImmat[im]; ok {
					row = i
				}
			}
		case f.Line > 0 && f.Line <= len(rowOf):
			row = rowOf[f.Line-1]
		}
		mf := Finding{Rule: f.Rule, Severity: f.Severity, Row: row, Column: column(f.Field), Record: f.Record, Line: f.Line, Field: f.Field,
			Message: i18n.Text{FR: f.Message(i18n.FR), AR: f.Message(i18n.AR), EN: f.Message(i18n.EN)}}
		if _, ok := declaration.RuleByID(f.Rule); ok {
			mf.Hint = i18n.Text{FR: f.Hint(i18n.FR), AR: f.Hint(i18n.AR), EN: f.Hint(i18n.EN)}
		}
		if row >= 0 {
			ws.Rows[row].Findings = append(ws.Rows[row].Findings, mf)
		}
		ws.Findings = append(ws.Findings, mf)
		if f.Blocking() {
			ws.Errors++
		} else if f.Severity != declaration.Info {
			ws.Warnings++
		}
	}
}

func i18nText(err error) i18n.Text {
	return i18n.Text{FR: i18n.Message(err, i18n.FR), AR: i18n.Message(err, i18n.AR), EN: i18n.Message(err, i18n.EN)}
}

// Generated is the outcome of Generate.
type Generated struct {
	Declaration store.Declaration   `json:"declaration"` // Bytes cleared
	Findings    []Finding           `json:"findings"`
	Valid       bool                `json:"valid"`
	Result      *declaration.Result `json:"-"`
}

// Generate builds the principal declaration of the month from the saved (or
// prefilled) lines and stores it: status ready with its file when it has no
// blocking finding, draft with its findings otherwise. A draft, ready or
// outdated declaration of the month is replaced; a transmitted one never is.
// Any later edit of the month (SaveLines, a new préétabli) sends it back to
// outdated (internal/lifecycle) until it is generated again.
func (s *Service) Generate(employerID string, p domain.Period) (*Generated, error) {
	ws, err := s.Load(employerID, p)
	if err != nil {
		return nil, err
	}
	if err := s.checkNotFrozen(employerID, p); err != nil {
		return nil, err
	}
	return s.generate(ws, nil, 0)
}

// GenerateComplementary builds DSC<n> (n = the next free number) for the
// forgotten employees of lines, after the principal declaration of the month
// was deposited. The month's grid is frozen then, so each line carries the
// employee's days, pay and situation for this file (typed in the
// complementary form); a line with neither days, pay nor situation is
// refused (monthly.complementary_empty) rather than declared at zero.
func (s *Service) GenerateComplementary(employerID string, p domain.Period, lines []LineInput) (*Generated, error) {
	ws, err := s.Load(employerID, p)
	if err != nil {
		return nil, err
	}
	seq, deposited := 1, false
	for _, d := range ws.Declarations {
		if d.Kind == store.KindPrincipal && d.Status.Deposited() {
			deposited = true
		}
		if d.Kind == store.KindComplementary && d.Status.Frozen() && d.Sequence >= seq {
			seq = d.Sequence + 1
		}
	}
	if !deposited {
		return nil, i18n.New("monthly.principal_first", msgPrincipalFirst, p.Label(i18n.FR))
	}
	rowOf := make(map[string]int, len(ws.Rows))
	for i, r := range ws.Rows {
		if r.EmployeeID != "" {
			rowOf[r.EmployeeID] = i
		}
	}
	only := map[int]bool{}
	for _, l := range lines {
		i, ok := rowOf[l.EmployeeID]
		if !ok {
			return nil, i18n.New("monthly.unknown_employee", msgUnknownEmployee).WithField(l.EmployeeID)
		}
		r := &ws.Rows[i]
		if l.Days == 0 && l.Gross == 0 && l.Situation == domain.SitNormal {
			return nil, i18n.New(CodeComplementaryEmpty, msgComplementaryEmpty, r.Name).WithField(l.EmployeeID)
		}
		r.Days, r.Gross, r.Situation = l.Days, l.Gross, l.Situation
		only[i] = true
	}
	return s.generate(ws, only, seq)
}

// CodeComplementaryEmpty: a forgotten employee sent with no days, no pay and no situation.
const CodeComplementaryEmpty = "monthly.complementary_empty"

var msgComplementaryEmpty = i18n.Text{
	FR: "saisissez les jours et le salaire du mois de %s (ou sa situation) : une ligne à zéro ne le déclarerait pas",
	AR: "أدخل أيام وأجر الشهر لـ%s (أو وضعيته): سطر بقيمة صفر لن يصرّح به",
	EN: "type the days and pay of the month for %s (or the situation): a line at zero would not declare them",
}

func (s *Service) generate(ws *Workspace, only map[int]bool, seq int) (*Generated, error) {
	sp, err := s.st.Periods().Preetabli(ws.EmployerID, ws.Period)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, i18n.Wrap(err, "monthly.no_preetabli", msgNoPreetabli, ws.Period.String())
		}
		return nil, err
	}
	er, err := s.st.Employers().Get(ws.EmployerID)
	if err != nil {
		return nil, err
	}
	pre, _ := declaration.ReadPreetabli(sp.Raw)
	in, rowOf := input(ws, pre, er.AMOSolidarityOnly, only, seq)
	in.Params = s.params
	res, err := declaration.Build(in)
	if err != nil {
		return nil, err
	}
	g := &Generated{Valid: res.Report.Valid(), Result: res}
	var findings []store.Finding
	for _, f := range res.Report.Findings {
		findings = append(findings, store.Finding{Rule: f.Rule, Severity: string(f.Severity), Record: f.Record, Line: f.Line, Field: f.Field, Employee: truncate(f.Employee, 80)})
		row := -1
		if f.Line > 0 && f.Line <= len(rowOf) && (f.Record == "" || f.Record[0] != 'A') {
			row = rowOf[f.Line-1]
		}
		g.Findings = append(g.Findings, Finding{Rule: f.Rule, Severity: f.Severity, Row: row, Column: column(f.Field), Record: f.Record, Line: f.Line, Field: f.Field,
			Message: i18n.Text{FR: f.Message(i18n.FR), AR: f.Message(i18n.AR), EN: f.Message(i18n.EN)}})
	}
	kind := store.KindPrincipal
	if seq > 0 {
		kind = store.KindComplementary
	}
	d := store.Declaration{EmployerID: ws.EmployerID, Period: ws.Period, Kind: kind, Sequence: seq, FileName: res.FileName,
		Status: store.StatusDraft, Findings: findings, Bytes: []byte{}}
	if g.Valid {
		d.Status, d.Bytes = store.StatusReady, res.Bytes
	}
	existing := ""
	for _, old := range ws.Declarations {
		if old.Kind == kind && old.Sequence == seq && !old.Status.Frozen() {
			existing = old.ID
		}
	}
	if existing != "" {
		d.ID = existing
		d, err = s.st.Declarations().Update(d)
	} else {
		d, err = s.st.Declarations().Create(d)
	}
	if err != nil {
		return nil, err
	}
	d.Bytes = nil
	g.Declaration = d
	return g, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// BatchState is the outcome of one employer in a batch close.
type BatchState string

// The outcomes of a batch close, one per employer.
const (
	BatchReady       BatchState = "ready"        // generated without blocking finding: may be submitted
	BatchErrors      BatchState = "errors"       // generated as a draft with blocking findings
	BatchNoPreetabli BatchState = "no_preetabli" // nothing to generate: the préétabli is not imported
	BatchFrozen      BatchState = "frozen"       // the month is already submitted: left as it is
	BatchFailed      BatchState = "failed"       // any other error (its message says which)
	BatchCancelled   BatchState = "cancelled"    // not reached before the batch was cancelled
)

// BatchStates lists every outcome (bound as a TypeScript enum).
var BatchStates = []BatchState{BatchReady, BatchErrors, BatchNoPreetabli, BatchFrozen, BatchFailed, BatchCancelled}

// BatchResult is the outcome of one employer in a batch close.
type BatchResult struct {
	EmployerID  string     `json:"employer_id"`
	Affiliation string     `json:"affiliation"`
	Name        string     `json:"name"`
	State       BatchState `json:"state"`
	Errors      int        `json:"errors"`
	Warnings    int        `json:"warnings"`
	Declaration string     `json:"declaration_id,omitempty"`
	Message     i18n.Text  `json:"message"`
}

// Batch validates and generates the declarations of period p for every
// employer of ids, reporting progress after each one; it stops at ctx's
// cancellation (the remaining employers are reported as cancelled).
func (s *Service) Batch(ctx context.Context, ids []string, p domain.Period, progress func(done, total int, r BatchResult)) []BatchResult {
	out := make([]BatchResult, 0, len(ids))
	for i, id := range ids {
		r := BatchResult{EmployerID: id}
		if er, err := s.st.Employers().Get(id); err == nil {
			r.Affiliation, r.Name = er.Affiliation, er.Name
		}
		switch {
		case ctx.Err() != nil:
			r.State = BatchCancelled
		default:
			g, err := s.Generate(id, p)
			switch {
			case err == nil && g.Valid:
				r.State, r.Declaration = BatchReady, g.Declaration.ID
				r.Warnings = g.Declaration.Warnings
			case err == nil:
				r.State, r.Declaration, r.Errors, r.Warnings = BatchErrors, g.Declaration.ID, g.Declaration.Errors, g.Declaration.Warnings
			case i18n.Code(err) == "monthly.no_preetabli":
				r.State, r.Message = BatchNoPreetabli, i18nText(err)
			case i18n.Code(err) == "monthly.frozen":
				r.State, r.Message = BatchFrozen, i18nText(err)
			default:
				r.State, r.Message = BatchFailed, i18nText(err)
			}
		}
		out = append(out, r)
		if progress != nil {
			progress(i+1, len(ids), r)
		}
	}
	return out
}
