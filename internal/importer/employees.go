package importer

import (
	"context"
	"strconv"
	"strings"
	"sync"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
)

// EmployeeRow is one row of an employee import.
type EmployeeRow struct {
	Line   int    `json:"line"`
	Action Action `json:"action"`
	// Record is the employee as it will be written: for an update, the stored
	// record with the file's non-empty cells applied.
	Record domain.Employee `json:"record"`
	// Existing is the stored employee the row matched; MatchedBy says how
	// ("immatriculation", else "cin").
	Existing  *domain.Employee `json:"existing,omitempty"`
	MatchedBy string           `json:"matched_by,omitempty"`
	// Changes lists the fields an update changes (JSON names).
	Changes  []string `json:"changes,omitempty"`
	Errors   []Issue  `json:"errors,omitempty"`
	Warnings []Issue  `json:"warnings,omitempty"`
}

// employeeSpec: columns of an employee sheet, by canonical field (the JSON
// name of domain.Employee, plus "affiliation", the employer's number), with
// their French and English headers.
// Built on first use (sync.OnceValue): the alias normalisation costs ~3 ms at
// start-up, which every command but an import would pay for nothing.
var employeeSpec = sync.OnceValue(func() sheetSpec {
	a := newAliasSet(map[string][]string{
		"affiliation": {"n_affiliation", "N° d'affiliation", "numéro d'affiliation", "affiliation employeur",
			"affiliation de l'employeur", "employer affiliation", "affiliation CNSS employeur", "employer affiliation number"},
		"immatriculation": {"immat", "n_immatriculation", "N° d'immatriculation", "numéro d'immatriculation",
			"immatriculation CNSS", "matricule CNSS", "N° CNSS", "CNSS", "CNSS number", "registration number",
			"social security number", "n° de sécurité sociale"},
		"cin": {"N° CIN", "CNIE", "N° CNIE", "carte nationale", "carte d'identité", "carte d'identité nationale",
			"national id", "national ID card", "ID card"},
		"last_name":  {"nom", "nom de famille", "last name", "lastname", "surname", "family name"},
		"first_name": {"prenom", "prénom", "prénoms", "first name", "firstname", "given name"},
		"birth_date": {"date_naissance", "date de naissance", "naissance", "birth date", "date of birth",
			"birthdate", "DOB"},
		"hire_date": {"date_embauche", "date d'embauche", "embauche", "date d'entrée", "date entrée",
			"hire date", "hiring date", "date of hire", "start date"},
		"exit_date": {"date_sortie", "date de sortie", "sortie", "date de départ", "départ", "exit date",
			"leaving date", "end date", "termination date"},
		"job_title": {"fonction", "poste", "emploi", "qualification", "job title", "job", "position"},
		"monthly_gross": {"salaire", "salaire_brut", "salaire brut", "salaire brut mensuel", "salaire mensuel",
			"brut", "gross", "gross salary", "monthly gross", "monthly gross salary", "salary", "monthly salary"},
		"children": {"enfants", "nombre d'enfants", "nb enfants", "enfants à charge", "children",
			"number of children", "dependents"},
		"rib": {"iban", "RIB/IBAN", "RIB / IBAN", "compte bancaire", "n° de compte", "bank account", "account number"},
	})
	return sheetSpec{aliases: a, required: [][]string{{"immatriculation", "cin"}, {"last_name"}}, known: knownNames(a)}
})

// employeeFields lists the importable fields of an employee with how to
// compare (as text) and copy them.
var employeeFields = []struct {
	name string
	get  func(e *domain.Employee) string
	set  func(dst, src *domain.Employee)
}{
	{"immatriculation", func(e *domain.Employee) string { return e.Immatriculation }, func(d, s *domain.Employee) { d.Immatriculation = s.Immatriculation }},
	{"cin", func(e *domain.Employee) string { return e.CIN }, func(d, s *domain.Employee) { d.CIN = s.CIN }},
	{"last_name", func(e *domain.Employee) string { return e.LastName }, func(d, s *domain.Employee) { d.LastName = s.LastName }},
	{"first_name", func(e *domain.Employee) string { return e.FirstName }, func(d, s *domain.Employee) { d.FirstName = s.FirstName }},
	{"birth_date", func(e *domain.Employee) string { return dateKey(e.BirthDate) }, func(d, s *domain.Employee) { d.BirthDate = s.BirthDate }},
	{"hire_date", func(e *domain.Employee) string { return dateKey(e.HireDate) }, func(d, s *domain.Employee) { d.HireDate = s.HireDate }},
	{"exit_date", func(e *domain.Employee) string { return dateKey(e.ExitDate) }, func(d, s *domain.Employee) { d.ExitDate = s.ExitDate }},
	{"job_title", func(e *domain.Employee) string { return e.JobTitle }, func(d, s *domain.Employee) { d.JobTitle = s.JobTitle }},
	{"monthly_gross", func(e *domain.Employee) string { return strconv.FormatInt(int64(e.MonthlyGross), 10) }, func(d, s *domain.Employee) { d.MonthlyGross = s.MonthlyGross }},
	{"children", func(e *domain.Employee) string { return strconv.Itoa(e.Children) }, func(d, s *domain.Employee) { d.Children = s.Children }},
	{"rib", func(e *domain.Employee) string { return e.RIB }, func(d, s *domain.Employee) { d.RIB = s.RIB }},
}

func dateKey(d domain.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// Error codes of the employee rules.
const (
	CodeUnknownEmployer   = "import.unknown_employer"
	CodeEmployerMissing   = "import.employer_missing"
	CodeEmployerMismatch  = "import.employer_mismatch"
	CodeIdentityConflict  = "import.identity_conflict"
	CodeImmatMismatch     = "import.immatriculation_mismatch"
	CodeCINChanged        = "import.cin_changed"
	CodeOccasionalNeedCIN = "import.occasional_needs_cin"
)

var (
	txtUnknownEmployer = i18n.Text{
		FR: "aucun employeur enregistré avec ce numéro d'affiliation : importez ou créez d'abord l'employeur",
		AR: "لا يوجد مشغل مسجل بهذا الرقم للانخراط: استورد المشغل أو أنشئه أولاً",
		EN: "no saved employer has this affiliation number: import or create the employer first",
	}
	txtEmployerMissing = i18n.Text{
		FR: "numéro d'affiliation de l'employeur manquant",
		AR: "رقم انخراط المشغل مفقود",
		EN: "the employer's affiliation number is missing",
	}
	txtEmployerMismatch = i18n.Text{
		FR: "numéro d'affiliation différent de celui de l'employeur choisi pour cet import",
		AR: "رقم الانخراط مختلف عن رقم المشغل المختار لهذا الاستيراد",
		EN: "affiliation number differs from the employer chosen for this import",
	}
	txtIdentityConflict = i18n.Text{
		FR: "le numéro d'immatriculation et la CIN désignent deux salariés différents déjà enregistrés : corrigez la ligne",
		AR: "رقم التسجيل ورقم البطاقة الوطنية يشيران إلى أجيرين مختلفين مسجلين مسبقاً: صحح السطر",
		EN: "the CNSS number and the CIN belong to two different saved employees: correct the row",
	}
	txtImmatMismatch = i18n.Text{
		FR: "cette CIN est celle d'un salarié enregistré avec un autre numéro d'immatriculation : corrigez le fichier ou la fiche du salarié",
		AR: "رقم البطاقة الوطنية هذا لأجير مسجل برقم تسجيل آخر: صحح الملف أو بطاقة الأجير",
		EN: "this CIN belongs to an employee saved with another CNSS number: correct the file or the employee's record",
	}
	txtCINChanged = i18n.Text{
		FR: "la CIN enregistrée pour ce salarié (reconnu par son numéro d'immatriculation) sera remplacée par celle du fichier",
		AR: "سيتم تعويض رقم البطاقة الوطنية المسجل لهذا الأجير (المعروف برقم تسجيله) بالرقم الوارد في الملف",
		EN: "the CIN saved for this employee (recognised by the CNSS number) will be replaced by the file's",
	}
	txtOccasionalNeedCIN = i18n.Text{
		FR: "main-d'œuvre occasionnelle (999999999) : la CIN est obligatoire pour reconnaître la personne lors d'un prochain import",
		AR: "اليد العاملة العرضية (999999999): رقم البطاقة الوطنية إلزامي للتعرف على الشخص في استيراد لاحق",
		EN: "occasional labour (999999999): the CIN is required to recognise the person in a later import",
	}
	txtDupImmat = i18n.Text{
		FR: "même salarié que la ligne %d (même numéro d'immatriculation) : une seule ligne par salarié",
		AR: "نفس الأجير المذكور في السطر %d (نفس رقم التسجيل): سطر واحد لكل أجير",
		EN: "same employee as line %d (same CNSS number): one row per employee",
	}
	txtDupCIN = i18n.Text{
		FR: "même salarié que la ligne %d (même CIN) : une seule ligne par salarié",
		AR: "نفس الأجير المذكور في السطر %d (نفس رقم البطاقة الوطنية): سطر واحد لكل أجير",
		EN: "same employee as line %d (same CIN): one row per employee",
	}
)

// employeeIndex is the stored employees of one employer, by their unique keys.
type employeeIndex struct {
	byImm map[string]*domain.Employee
	byCIN map[string]*domain.Employee
}

// employeeBuilder holds what a preview needs across rows.
type employeeBuilder struct {
	st       *store.Store
	l        *layout
	date1904 bool
	target   *domain.Employer
	byAff    map[string]*domain.Employer
	index    map[string]*employeeIndex // by employer ID, loaded on first use
	seenImm  map[string]int            // employer ID + immatriculation → first line
	seenCIN  map[string]int
}

// PreviewEmployees reads an employee sheet and says, row by row, what Apply
// would do, without writing anything.
//
// Each row belongs to the employer opts.EmployerID, or else to the employer
// whose affiliation number is in the row's affiliation column. Rows are
// matched to that employer's stored employees by immatriculation, else by
// CIN: a match is an update (or "unchanged"), no match a creation, so that
// importing the same file again changes nothing and never duplicates. An
// employee saved without immatriculation and found by CIN gets the file's
// immatriculation. Only the non-empty cells of the file change a stored
// record: an empty cell (or a missing column) keeps the stored value.
//
// Required columns: immatriculation or CIN (at least one), and last name;
// affiliation unless opts.EmployerID is set. Dates: JJ/MM/AAAA, AAAA-MM-JJ,
// AAAAMMJJ or Excel dates; salary: domain.ParseMoney or an Excel number.
// A row is in error when a cell cannot be read, an identifier is malformed
// (CIN, RIB/IBAN, immatriculation not 9 digits…), the store's validator
// refuses the record, its employer is unknown, its immatriculation and CIN
// point to two different employees, or an earlier row is the same employee.
// A wrong check digit of the immatriculation is a warning. The returned error
// is for the file as a whole, an unknown opts.EmployerID, or ctx.
func PreviewEmployees(ctx context.Context, st *store.Store, t Table, opts PreviewOptions) (*Preview, error) {
	spec := employeeSpec()
	if opts.EmployerID == "" {
		spec.required = append(append([][]string(nil), spec.required...), []string{"affiliation"})
	}
	b := &employeeBuilder{st: st, index: map[string]*employeeIndex{}, seenImm: map[string]int{}, seenCIN: map[string]int{}}
	if opts.EmployerID != "" {
		er, err := st.Employers().Get(opts.EmployerID)
		if err != nil {
			return nil, err
		}
		b.target = &er
	}
	l, notices, err := readHeader(t, spec)
	if err != nil {
		return nil, err
	}
	b.l = l
	if b.target == nil {
		ers, err := st.Employers().List()
		if err != nil {
			return nil, err
		}
		b.byAff = make(map[string]*domain.Employer, len(ers))
		for i := range ers {
			b.byAff[ers[i].Affiliation] = &ers[i]
		}
	}
	p := newPreview(KindEmployees, t, l, notices)
	p.EmployerID = opts.EmployerID
	b.date1904 = p.date1904
	var storeErr error
	err = eachRow(ctx, t, l, opts, p, func(row Row, iss *rowIssues) {
		if storeErr != nil {
			return
		}
		r, err := b.row(row, iss)
		if err != nil {
			storeErr = err
			return
		}
		p.Employees = append(p.Employees, r)
		count(&p.Counts, r.Action, len(r.Warnings))
	})
	if err == nil {
		err = storeErr
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

// employees returns the index of an employer's stored employees.
func (b *employeeBuilder) employees(employerID string) (*employeeIndex, error) {
	if ix := b.index[employerID]; ix != nil {
		return ix, nil
	}
	list, err := b.st.Employees().List(employerID)
	if err != nil {
		return nil, err
	}
	ix := &employeeIndex{byImm: make(map[string]*domain.Employee, len(list)), byCIN: make(map[string]*domain.Employee, len(list))}
	for i := range list {
		e := &list[i]
		if e.Immatriculation != "" && e.Immatriculation != domain.ImmatOccasional {
			ix.byImm[e.Immatriculation] = e
		}
		if e.CIN != "" {
			ix.byCIN[e.CIN] = e
		}
	}
	b.index[employerID] = ix
	return ix, nil
}

// row parses, matches, merges and validates one employee row. The error is
// the store's (reading the employer's employees), not the row's.
func (b *employeeBuilder) row(row Row, iss *rowIssues) (EmployeeRow, error) {
	l := b.l
	var in domain.Employee
	given := map[string]bool{}
	var affiliation string
	if c, col := l.cell(row, "affiliation"); col != nil && strings.TrimSpace(c.Text) != "" {
		var err error
		if affiliation, err = parseDigitsCell(c, 7); err != nil {
			iss.add(col, "affiliation", SeverityError, err)
		} else if cerr := domain.CheckAffiliation(affiliation); cerr != nil && i18n.Code(cerr) != domain.CodeAffiliationCheck {
			iss.add(col, "affiliation", SeverityError, cerr)
		}
	}
	for _, f := range employeeFields {
		c, col := l.cell(row, f.name)
		if col == nil || strings.TrimSpace(c.Text) == "" {
			continue
		}
		given[f.name] = true
		text := strings.TrimSpace(c.Text)
		var err error
		sev := SeverityError
		switch f.name {
		case "immatriculation":
			if in.Immatriculation, err = parseDigitsCell(c, 9); err == nil {
				if err = domain.CheckImmatriculation(in.Immatriculation); i18n.Code(err) == domain.CodeImmatCheck {
					sev = SeverityWarning
				}
			}
		case "cin":
			in.CIN = domain.NormalizeCIN(text)
			err = domain.CheckCIN(in.CIN)
		case "last_name":
			in.LastName = text
		case "first_name":
			in.FirstName = text
		case "birth_date":
			in.BirthDate, err = parseDateCell(c, b.date1904)
		case "hire_date":
			in.HireDate, err = parseDateCell(c, b.date1904)
		case "exit_date":
			in.ExitDate, err = parseDateCell(c, b.date1904)
		case "job_title":
			in.JobTitle = text
		case "monthly_gross":
			in.MonthlyGross, err = parseMoneyCell(c)
		case "children":
			in.Children, err = parseIntCell(c, 0, 99)
		case "rib":
			if in.RIB, err = parseRIBCell(c); err == nil {
				err = domain.CheckRIB(in.RIB)
			}
		}
		if err != nil {
			iss.add(col, f.name, sev, err)
		}
	}
	in.Normalize()
	// "000000000" (not registered) is no value: it never erases a number.
	given["immatriculation"] = given["immatriculation"] && in.Immatriculation != ""

	r := EmployeeRow{Line: row.Line}
	// The employer.
	var er *domain.Employer
	switch {
	case b.target != nil:
		er = b.target
		if affiliation != "" && !iss.hasError("affiliation") && affiliation != er.Affiliation {
			iss.add(l.col("affiliation"), "affiliation", SeverityError, i18n.New(CodeEmployerMismatch, txtEmployerMismatch))
		}
	case affiliation == "":
		iss.add(l.col("affiliation"), "affiliation", SeverityError, i18n.New(CodeEmployerMissing, txtEmployerMissing))
	case !iss.hasError("affiliation"):
		if er = b.byAff[affiliation]; er == nil {
			iss.add(l.col("affiliation"), "affiliation", SeverityError, i18n.New(CodeUnknownEmployer, txtUnknownEmployer))
		}
	}
	if er == nil {
		iss.suppress("employer_id") // reported on the affiliation
	} else {
		in.EmployerID = er.ID
	}

	// The stored employee: by immatriculation, else by CIN.
	rec := in
	if er != nil {
		ix, err := b.employees(er.ID)
		if err != nil {
			return r, err
		}
		var byImm, byCIN *domain.Employee
		if given["immatriculation"] && !iss.hasError("immatriculation") && in.Immatriculation != domain.ImmatOccasional {
			byImm = ix.byImm[in.Immatriculation]
		}
		if given["cin"] && !iss.hasError("cin") {
			byCIN = ix.byCIN[in.CIN]
		}
		match := byImm
		r.MatchedBy = "immatriculation"
		switch {
		case byImm != nil && byCIN != nil && byImm.ID != byCIN.ID:
			iss.add(nil, "cin", SeverityError, i18n.New(CodeIdentityConflict, txtIdentityConflict))
		case byImm == nil && byCIN != nil:
			match, r.MatchedBy = byCIN, "cin"
			if given["immatriculation"] && byCIN.Immatriculation != "" && byCIN.Immatriculation != in.Immatriculation {
				iss.add(l.col("immatriculation"), "immatriculation", SeverityError, i18n.New(CodeImmatMismatch, txtImmatMismatch))
			}
		case byImm != nil && given["cin"] && byImm.CIN != "" && byImm.CIN != in.CIN && !iss.hasError("cin"):
			iss.add(l.col("cin"), "cin", SeverityWarning, i18n.New(CodeCINChanged, txtCINChanged))
		}
		if match == nil {
			r.MatchedBy = ""
		} else {
			cp := *match
			r.Existing = &cp
			rec = *match
			for _, f := range employeeFields {
				if given[f.name] {
					f.set(&rec, &in)
				}
			}
			rec.Normalize()
			for _, f := range employeeFields {
				if f.get(&rec) != f.get(match) {
					r.Changes = append(r.Changes, f.name)
				}
			}
		}
	}
	if rec.Immatriculation == domain.ImmatOccasional && rec.CIN == "" {
		iss.add(l.col("cin"), "cin", SeverityError, i18n.New(CodeOccasionalNeedCIN, txtOccasionalNeedCIN))
	}
	iss.validation(l, store.Validate(rec))

	// The same employee twice in the file (by the values it will have).
	if er != nil {
		if rec.Immatriculation != "" && rec.Immatriculation != domain.ImmatOccasional {
			key := er.ID + "\x00" + rec.Immatriculation
			if first, dup := b.seenImm[key]; dup {
				iss.add(nil, "", SeverityError, i18n.New(CodeDuplicateRow, txtDupImmat, first))
			} else {
				b.seenImm[key] = row.Line
			}
		}
		if rec.CIN != "" {
			key := er.ID + "\x00" + rec.CIN
			if first, dup := b.seenCIN[key]; dup {
				if len(iss.errs) == 0 || iss.errs[len(iss.errs)-1].Code != CodeDuplicateRow {
					iss.add(nil, "", SeverityError, i18n.New(CodeDuplicateRow, txtDupCIN, first))
				}
			} else {
				b.seenCIN[key] = row.Line
			}
		}
	}

	r.Record, r.Errors, r.Warnings = rec, iss.errs, iss.warns
	switch {
	case len(r.Errors) > 0:
		r.Action = ActionError
	case r.Existing == nil:
		r.Action = ActionCreate
	case len(r.Changes) == 0:
		r.Action = ActionUnchanged
	default:
		r.Action = ActionUpdate
	}
	return r, nil
}
