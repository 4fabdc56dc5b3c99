package importer

import (
	"context"
	"strings"
	"sync"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
)

// EmployerRow is one row of an employer import.
type EmployerRow struct {
	Line   int    `json:"line"`
	Action Action `json:"action"`
	// Record is the employer as it will be written: for an update, the stored
	// record with the file's non-empty cells applied.
	Record domain.Employer `json:"record"`
	// Existing is the stored employer the row matched (by affiliation number).
	Existing *domain.Employer `json:"existing,omitempty"`
	// Changes lists the fields an update changes (JSON names).
	Changes  []string `json:"changes,omitempty"`
	Errors   []Issue  `json:"errors,omitempty"`
	Warnings []Issue  `json:"warnings,omitempty"`
}

// employerSpec: columns of an employer sheet, by canonical field (the JSON
// name of domain.Employer), with their French and English headers.
var employerSpec = sync.OnceValue(func() sheetSpec {
	a := newAliasSet(map[string][]string{
		"affiliation": {"n_affiliation", "N° d'affiliation", "numéro d'affiliation", "affiliation CNSS",
			"N° affiliation CNSS", "affiliation number", "affiliate number", "CNSS"},
		"name": {"raison_sociale", "raison sociale", "company_name", "company name", "company", "nom",
			"dénomination", "société", "entreprise", "employeur", "nom de l'employeur", "employer", "employer name"},
		"ice": {"identifiant commun de l'entreprise", "n° ICE"},
		"if":  {"identifiant_fiscal", "identifiant fiscal", "id fiscal", "IF", "n° IF", "tax id", "tax identifier"},
		"rc": {"registre_commerce", "registre de commerce", "registre du commerce", "n° RC", "trade register",
			"commercial register"},
		"activity":    {"activite", "activité", "secteur", "secteur d'activité", "business activity"},
		"address":     {"adresse", "adresse du siège", "siège"},
		"city":        {"ville", "localité"},
		"postal_code": {"code_postal", "code postal", "postal code", "CP", "zip", "zip code", "postcode"},
		"agency":      {"agence", "code agence", "agence CNSS", "CNSS agency", "agency code"},
	})
	return sheetSpec{aliases: a, required: [][]string{{"affiliation"}, {"name"}}, known: knownNames(a)}
})

// employerFields lists the importable fields of an employer: how to read a
// cell into the record and how to compare and copy the value.
var employerFields = []struct {
	name string
	get  func(e *domain.Employer) string
	set  func(dst, src *domain.Employer)
}{
	{"affiliation", func(e *domain.Employer) string { return e.Affiliation }, func(d, s *domain.Employer) { d.Affiliation = s.Affiliation }},
	{"name", func(e *domain.Employer) string { return e.Name }, func(d, s *domain.Employer) { d.Name = s.Name }},
	{"ice", func(e *domain.Employer) string { return e.ICE }, func(d, s *domain.Employer) { d.ICE = s.ICE }},
	{"if", func(e *domain.Employer) string { return e.IF }, func(d, s *domain.Employer) { d.IF = s.IF }},
	{"rc", func(e *domain.Employer) string { return e.RC }, func(d, s *domain.Employer) { d.RC = s.RC }},
	{"activity", func(e *domain.Employer) string { return e.Activity }, func(d, s *domain.Employer) { d.Activity = s.Activity }},
	{"address", func(e *domain.Employer) string { return e.Address }, func(d, s *domain.Employer) { d.Address = s.Address }},
	{"city", func(e *domain.Employer) string { return e.City }, func(d, s *domain.Employer) { d.City = s.City }},
	{"postal_code", func(e *domain.Employer) string { return e.PostalCode }, func(d, s *domain.Employer) { d.PostalCode = s.PostalCode }},
	{"agency", func(e *domain.Employer) string { return e.Agency }, func(d, s *domain.Employer) { d.Agency = s.Agency }},
}

// Error codes of the employer and employee rules.
const (
	CodeDuplicateRow = "import.duplicate_row"
)

var txtDupEmployer = i18n.Text{
	FR: "même employeur que la ligne %d (même numéro d'affiliation) : une seule ligne par employeur",
	AR: "نفس المشغل المذكور في السطر %d (نفس رقم الانخراط): سطر واحد لكل مشغل",
	EN: "same employer as line %d (same affiliation number): one row per employer",
}

// PreviewEmployers reads an employer sheet and says, row by row, what Apply
// would do, without writing anything. Rows are matched to stored employers by
// affiliation number. For an update, only the non-empty cells of the file
// change the record: an empty cell (or a missing column) keeps the stored
// value — an import never erases data.
//
// Required columns: affiliation and name (raison sociale). A row is in error
// when a cell cannot be read, an identifier is malformed (affiliation not 7
// digits, ICE/IF/… refused by the store's validator), or the affiliation number
// already appeared on an earlier row; a wrong check digit of the affiliation
// number is a warning. The returned error is for the file as a whole
// (unreadable, no header, a required column missing) or ctx.
func PreviewEmployers(ctx context.Context, st *store.Store, t Table, opts PreviewOptions) (*Preview, error) {
	l, notices, err := readHeader(t, employerSpec())
	if err != nil {
		return nil, err
	}
	existing, err := st.Employers().List()
	if err != nil {
		return nil, err
	}
	byAff := make(map[string]*domain.Employer, len(existing))
	for i := range existing {
		byAff[existing[i].Affiliation] = &existing[i]
	}
	p := newPreview(KindEmployers, t, l, notices)
	seen := map[string]int{}
	err = eachRow(ctx, t, l, opts, p, func(row Row, iss *rowIssues) {
		r := employerRow(row, l, iss, byAff, seen)
		p.Employers = append(p.Employers, r)
		count(&p.Counts, r.Action, len(r.Warnings))
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// employerRow parses, matches, merges and validates one employer row.
func employerRow(row Row, l *layout, iss *rowIssues, byAff map[string]*domain.Employer, seen map[string]int) EmployerRow {
	var in domain.Employer
	given := map[string]bool{}
	for _, f := range employerFields {
		c, col := l.cell(row, f.name)
		if col == nil || strings.TrimSpace(c.Text) == "" {
			continue
		}
		given[f.name] = true
		text := strings.TrimSpace(c.Text)
		var err error
		switch f.name {
		case "affiliation":
			in.Affiliation, err = parseDigitsCell(c, 7)
			if err == nil {
				if cerr := domain.CheckAffiliation(in.Affiliation); cerr != nil {
					sev := SeverityError
					if i18n.Code(cerr) == domain.CodeAffiliationCheck {
						sev = SeverityWarning
					}
					iss.add(col, f.name, sev, cerr)
				}
			}
		case "name":
			in.Name = text
		case "ice":
			in.ICE, err = parseDigitsCell(c, 0)
			if err == nil {
				if cerr := domain.CheckICE(in.ICE); cerr != nil {
					iss.add(col, f.name, SeverityError, cerr)
				} else {
					in.ICE, _ = domain.NormalizeICE(in.ICE)
				}
			}
		case "if":
			in.IF, err = parseDigitsCell(c, 0)
		case "rc":
			in.RC, err = parseDigitsOrText(c)
		case "activity":
			in.Activity = text
		case "address":
			in.Address = text
		case "city":
			in.City = text
		case "postal_code":
			in.PostalCode, err = parseDigitsCell(c, 0)
		case "agency":
			in.Agency = strings.ToUpper(text)
		}
		if err != nil {
			iss.add(col, f.name, SeverityError, err)
		}
	}
	in.Normalize()

	r := EmployerRow{Line: row.Line}
	rec := in
	if old := byAff[in.Affiliation]; old != nil && in.Affiliation != "" {
		cp := *old
		r.Existing = &cp
		rec = *old
		for _, f := range employerFields {
			if given[f.name] {
				f.set(&rec, &in)
			}
		}
		rec.Normalize()
		for _, f := range employerFields {
			if f.get(&rec) != f.get(old) {
				r.Changes = append(r.Changes, f.name)
			}
		}
	}
	iss.validation(l, store.Validate(rec))
	if in.Affiliation != "" {
		if first, dup := seen[in.Affiliation]; dup {
			iss.add(nil, "affiliation", SeverityError, i18n.New(CodeDuplicateRow, txtDupEmployer, first))
		} else {
			seen[in.Affiliation] = row.Line
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
	return r
}

// parseDigitsOrText reads a free identifier (RC): a Numeric cell is written
// as a whole number when it is one ("12345.0" → "12345"), text as is.
func parseDigitsOrText(c Cell) (string, error) {
	if c.Numeric {
		return parseDigitsCell(c, 0)
	}
	return strings.TrimSpace(c.Text), nil
}
