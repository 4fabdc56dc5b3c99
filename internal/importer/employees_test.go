package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
)

const empHead = "Immatriculation;CIN;Nom;Prénom;Date de naissance;Date d'embauche;Fonction;Salaire brut;Enfants;RIB\n"

// empLine returns a valid CSV row for employee n.
func empLine(n int) string {
	return fmt.Sprintf("%s;%s;NOM%d;Prénom;15/03/1990;2020-01-02;Comptable;8 000,50;2;%s\n", immatFor(1, n), cinFor(n), n, ribFor(n))
}

func TestImportEmployeesCreateThenUnchanged(t *testing.T) {
	st := openStore(t)
	er := createEmployer(t, st, 1)
	data := empHead + empLine(1) + empLine(2) + empLine(3)
	p := previewEmployees(t, st, er.ID, "salariés.csv", data)
	if p.Counts != (Counts{Rows: 3, Create: 3}) || p.HasErrors() {
		t.Fatalf("counts %+v", p.Counts)
	}
	r := p.Employees[0]
	want := domain.Employee{EmployerID: er.ID, Immatriculation: immatFor(1, 1), CIN: cinFor(1), LastName: "NOM1",
		FirstName: "Prénom", BirthDate: domain.Date{Year: 1990, Month: 3, Day: 15}, HireDate: domain.Date{Year: 2020, Month: 1, Day: 2},
		JobTitle: "Comptable", MonthlyGross: 800050, Children: 2, RIB: ribFor(1)}
	if r.Line != 2 || r.Action != ActionCreate || !reflect.DeepEqual(r.Record, want) {
		t.Fatalf("row %d %s: record differs from the expected one", r.Line, r.Action)
	}
	res := apply(t, st, p, ApplyOptions{})
	if res != (Result{Created: 3, Transactions: 1}) {
		t.Fatalf("result %+v", res)
	}
	if n := countEmployees(t, st, er.ID); n != 3 {
		t.Fatalf("%d employees", n)
	}
	got, err := st.Employees().FindByCIN(er.ID, cinFor(2))
	if err != nil || got.MonthlyGross != 800050 || got.Immatriculation != immatFor(1, 2) {
		t.Fatalf("stored employee differs (%v)", err)
	}

	// The same file again: every row unchanged, nothing written, no duplicate.
	p2 := previewEmployees(t, st, er.ID, "salariés.csv", data)
	if p2.Counts != (Counts{Rows: 3, Unchanged: 3}) {
		t.Fatalf("re-import counts %+v", p2.Counts)
	}
	for _, r := range p2.Employees {
		if r.MatchedBy != "immatriculation" || r.Existing == nil || len(r.Changes) != 0 {
			t.Fatalf("row %d: matched by %q, changes %v", r.Line, r.MatchedBy, r.Changes)
		}
	}
	res = apply(t, st, p2, ApplyOptions{})
	if res != (Result{Unchanged: 3, Transactions: 1}) {
		t.Fatalf("re-import result %+v", res)
	}
	if n := countEmployees(t, st, er.ID); n != 3 {
		t.Fatalf("%d employees after re-import", n)
	}
	h, _ := st.Employees().History(er.ID, got.ID)
	if len(h) != 0 {
		t.Fatalf("re-import wrote %d versions", len(h))
	}
}

func TestImportEmployeesUpdateMergesNonEmptyCells(t *testing.T) {
	st := openStore(t)
	er := createEmployer(t, st, 1)
	apply(t, st, previewEmployees(t, st, er.ID, "a.csv", empHead+empLine(1)), ApplyOptions{})
	// A sheet with fewer columns and an empty cell: only the salary changes.
	p := previewEmployees(t, st, er.ID, "b.csv", "immatriculation;nom;salaire;fonction\n"+immatFor(1, 1)+";NOM1;9000;\n")
	r := p.Employees[0]
	if r.Action != ActionUpdate || !reflect.DeepEqual(r.Changes, []string{"monthly_gross"}) {
		t.Fatalf("action %s changes %v", r.Action, r.Changes)
	}
	if r.Record.JobTitle != "Comptable" || r.Record.RIB != ribFor(1) || r.Record.MonthlyGross != 900000 {
		t.Fatalf("merge lost stored values")
	}
	if res := apply(t, st, p, ApplyOptions{}); res.Updated != 1 {
		t.Fatalf("result %+v", res)
	}
	got, _ := st.Employees().FindByImmatriculation(er.ID, immatFor(1, 1))
	if got.MonthlyGross != 900000 || got.JobTitle != "Comptable" {
		t.Fatalf("stored employee not updated as expected")
	}
	if h, _ := st.Employees().History(er.ID, got.ID); len(h) != 1 {
		t.Fatalf("%d versions in history", len(h))
	}
}

func TestImportEmployeesUpdateByCIN(t *testing.T) {
	st := openStore(t)
	er := createEmployer(t, st, 1)
	// Saved before the person was registered: CIN only.
	old, err := st.Employees().Create(domain.Employee{EmployerID: er.ID, CIN: cinFor(7), LastName: "NOM7"})
	if err != nil {
		t.Fatal(err)
	}
	p := previewEmployees(t, st, er.ID, "s.csv", "immatriculation;cin;nom\n"+immatFor(1, 7)+";"+strings.ToLower(cinFor(7))+";NOM7\n")
	r := p.Employees[0]
	if r.Action != ActionUpdate || r.MatchedBy != "cin" || r.Existing.ID != old.ID ||
		!reflect.DeepEqual(r.Changes, []string{"immatriculation"}) {
		t.Fatalf("action %s matched by %q changes %v", r.Action, r.MatchedBy, r.Changes)
	}
	apply(t, st, p, ApplyOptions{})
	got, err := st.Employees().FindByImmatriculation(er.ID, immatFor(1, 7))
	if err != nil || got.ID != old.ID {
		t.Fatalf("not found by its new immatriculation: %v", err)
	}
	if n := countEmployees(t, st, er.ID); n != 1 {
		t.Fatalf("%d employees", n)
	}
	// Now known by both: the same file is unchanged.
	if p := previewEmployees(t, st, er.ID, "s.csv", "immatriculation;cin;nom\n"+immatFor(1, 7)+";"+cinFor(7)+";NOM7\n"); p.Counts.Unchanged != 1 {
		t.Fatalf("counts %+v", p.Counts)
	}
}

// TestImportEmployeesBadCells: each kind of bad cell is an error of its row,
// with the field, the column and a precise code; the other rows are fine.
func TestImportEmployeesBadCells(t *testing.T) {
	st := openStore(t)
	er := createEmployer(t, st, 1)
	good := strings.Split(strings.TrimSuffix(empLine(50), "\n"), ";")
	set := func(col int, v string) string {
		f := append([]string(nil), good...)
		f[col] = v
		return strings.Join(f, ";") + "\n"
	}
	cases := []struct {
		name   string
		row    string
		code   string
		field  string
		column string
		warn   bool
	}{
		{"bad CIN", set(1, "12AB"), domain.CodeCINShape, "cin", "CIN (B)", false},
		{"bad immatriculation", set(0, "12345"), domain.CodeImmatShape, "immatriculation", "Immatriculation (A)", false},
		{"letters in immatriculation", set(0, "12345678X"), domain.CodeImmatShape, "immatriculation", "Immatriculation (A)", false},
		{"bad date", set(4, "31/02/1990"), CodeDate, "birth_date", "Date de naissance (E)", false},
		{"two-digit year", set(5, "01/02/20"), CodeDate, "hire_date", "Date d'embauche (F)", false},
		{"negative salary", set(7, "-100"), domain.CodeMoneyNegative, "monthly_gross", "Salaire brut (H)", false},
		{"three decimals", set(7, "100,125"), domain.CodeMoneyDecimals, "monthly_gross", "Salaire brut (H)", false},
		{"children", set(8, "x"), CodeInteger, "children", "Enfants (I)", false},
		{"bad RIB key", set(9, ribFor(50)[:22]+"00"), domain.CodeRIBCheck, "rib", "RIB (J)", false},
		{"short RIB", set(9, "1234"), domain.CodeRIBLength, "rib", "RIB (J)", false},
		{"bad IBAN", set(9, "FR7630006000011234567890189"), domain.CodeIBANCountry, "rib", "RIB (J)", false},
		{"name too long", set(2, strings.Repeat("A", 61)), "validation.max", "last_name", "Nom (C)", false},
		{"no name", set(2, ""), "validation.required", "last_name", "Nom (C)", false},
		{"check digit is a warning", set(0, badCheckImmat(50)), domain.CodeImmatCheck, "immatriculation", "Immatriculation (A)", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := previewEmployees(t, st, er.ID, "s.csv", empHead+empLine(1)+tc.row+empLine(2))
			if len(p.Employees) != 3 {
				t.Fatalf("%d rows", len(p.Employees))
			}
			r := p.Employees[1]
			issues := r.Errors
			if tc.warn {
				issues = r.Warnings
				if r.Action != ActionCreate || len(r.Errors) != 0 {
					t.Fatalf("warning row: action %s errors %v", r.Action, codesOf(r.Errors))
				}
			} else if r.Action != ActionError || p.Counts.Errors != 1 || p.Counts.Create != 2 {
				t.Fatalf("action %s counts %+v", r.Action, p.Counts)
			}
			if len(issues) != 1 {
				t.Fatalf("issues %v", codesOf(issues))
			}
			is := issues[0]
			if is.Code != tc.code || is.Field != tc.field || is.Column != tc.column || is.Line != 3 {
				t.Fatalf("issue %s field %s column %q line %d", is.Code, is.Field, is.Column, is.Line)
			}
			if is.Err == nil || i18n.Code(is.Err) != tc.code || is.Err.Field != tc.field {
				t.Fatalf("Err %v", is.Err)
			}
			checkTrilingual(t, is.Err)
			for _, m := range []string{is.Message.FR, is.Message.AR, is.Message.EN} {
				if !strings.Contains(m, "s.csv") || !strings.Contains(m, "3") {
					t.Errorf("message lacks the file or line")
				}
				if strings.Contains(m, cinFor(50)) || strings.Contains(m, ribFor(50)[:20]) {
					t.Errorf("message repeats personal data")
				}
			}
			// The detail, for the preview's row that shows the line already
			// (issue 15.8): neither the file nor the line, the column and the cause.
			d := is.Detail
			for _, m := range []string{d.FR, d.AR, d.EN} {
				if m == "" || strings.Contains(m, "s.csv") || strings.Contains(m, "ligne 3") || strings.Contains(m, "line 3") || strings.Contains(m, "السطر 3") {
					t.Errorf("detail %q names the file or the line (or is empty)", m)
				}
				if !strings.Contains(m, tc.column[:len(tc.column)-4]) {
					t.Errorf("detail %q does not name the column %s", m, tc.column)
				}
				if strings.Contains(m, cinFor(50)) || strings.Contains(m, ribFor(50)[:20]) {
					t.Errorf("detail repeats personal data")
				}
			}
			if !strings.HasSuffix(is.Message.FR, d.FR[strings.Index(d.FR, " : ")+3:]) {
				t.Errorf("detail %q is not the message's cause %q", d.FR, is.Message.FR)
			}
		})
	}
	t.Run("exit before hire", func(t *testing.T) {
		p := previewEmployees(t, st, er.ID, "s.csv", "immatriculation;nom;date d'embauche;date de sortie\n"+
			immatFor(1, 3)+";A;01/02/2024;01/01/2024\n")
		r := p.Employees[0]
		if r.Action != ActionError || !reflect.DeepEqual(codesOf(r.Errors), []string{"validation.exit_after_hire@exit_date"}) {
			t.Fatalf("%s %v", r.Action, codesOf(r.Errors))
		}
	})
}

func TestImportEmployeesRowRules(t *testing.T) {
	st := openStore(t)
	er := createEmployer(t, st, 1)
	a, err := st.Employees().Create(domain.Employee{EmployerID: er.ID, Immatriculation: immatFor(1, 1), CIN: cinFor(1), LastName: "A"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Employees().Create(domain.Employee{EmployerID: er.ID, Immatriculation: immatFor(1, 2), CIN: cinFor(2), LastName: "B"}); err != nil {
		t.Fatal(err)
	}
	head := "immatriculation;cin;nom\n"
	cases := []struct {
		name  string
		rows  string
		codes [][]string // errors per row
		warns [][]string
	}{
		{"duplicate immatriculation in the file", head + immatFor(1, 5) + ";;X\n" + immatFor(1, 5) + ";;Y\n",
			[][]string{nil, {CodeDuplicateRow + "@"}}, nil},
		{"duplicate CIN in the file", head + ";" + cinFor(5) + ";X\n;" + cinFor(5) + ";Y\n",
			[][]string{nil, {CodeDuplicateRow + "@"}}, nil},
		{"two rows for one stored employee", head + immatFor(1, 1) + ";;A\n;" + cinFor(1) + ";A\n",
			[][]string{nil, {CodeDuplicateRow + "@"}}, nil},
		{"immatriculation and CIN of two stored employees", head + immatFor(1, 1) + ";" + cinFor(2) + ";A\n",
			[][]string{{CodeIdentityConflict + "@cin"}}, nil},
		{"CIN of an employee with another immatriculation", head + immatFor(1, 9) + ";" + cinFor(2) + ";B\n",
			[][]string{{CodeImmatMismatch + "@immatriculation"}}, nil},
		{"new CIN for a known immatriculation", head + immatFor(1, 1) + ";" + cinFor(8) + ";A\n",
			[][]string{nil}, [][]string{{CodeCINChanged + "@cin"}}},
		{"occasional labour without CIN", head + "999999999;;C\n",
			[][]string{{CodeOccasionalNeedCIN + "@cin"}}, nil},
		{"neither immatriculation nor CIN", head + ";;C\n",
			[][]string{{"validation.imm_or_cin@cin"}}, nil},
		{"not registered (000000000) with CIN", head + "000000000;" + cinFor(9) + ";C\n",
			[][]string{nil}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := previewEmployees(t, st, er.ID, "s.csv", tc.rows)
			for i, want := range tc.codes {
				if got := codesOf(p.Employees[i].Errors); !reflect.DeepEqual(got, want) {
					t.Errorf("row %d errors %v, want %v", i, got, want)
				}
			}
			for i, want := range tc.warns {
				if got := codesOf(p.Employees[i].Warnings); !reflect.DeepEqual(got, want) {
					t.Errorf("row %d warnings %v, want %v", i, got, want)
				}
			}
		})
	}
	// The new CIN replaces the stored one.
	p := previewEmployees(t, st, er.ID, "s.csv", head+immatFor(1, 1)+";"+cinFor(8)+";A\n")
	if r := p.Employees[0]; r.Action != ActionUpdate || r.Existing.ID != a.ID || !reflect.DeepEqual(r.Changes, []string{"cin"}) {
		t.Fatalf("%s %v", r.Action, r.Changes)
	}
}

func TestImportEmployeesByAffiliation(t *testing.T) {
	st := openStore(t)
	e1, e2 := createEmployer(t, st, 1), createEmployer(t, st, 2)
	data := "N° d'affiliation;Immatriculation;Nom\n" +
		e1.Affiliation + ";" + immatFor(1, 1) + ";A\n" +
		e2.Affiliation + ";" + immatFor(1, 1) + ";A\n" + // same person, other employer: fine
		affFor(3) + ";" + immatFor(1, 2) + ";B\n" + // unknown employer
		";" + immatFor(1, 3) + ";C\n" + // no employer
		"12;" + immatFor(1, 4) + ";D\n" // malformed affiliation
	p := previewEmployees(t, st, "", "s.csv", data)
	want := [][]string{nil, nil, {CodeUnknownEmployer + "@affiliation"}, {CodeEmployerMissing + "@affiliation"},
		{domain.CodeAffiliationShape + "@affiliation"}}
	for i, w := range want {
		if got := codesOf(p.Employees[i].Errors); !reflect.DeepEqual(got, w) {
			t.Errorf("row %d: %v, want %v", i, got, w)
		}
	}
	res := apply(t, st, p, ApplyOptions{SkipErrors: true})
	if res != (Result{Created: 2, Skipped: 3, Transactions: 1}) {
		t.Fatalf("result %+v", res)
	}
	if countEmployees(t, st, e1.ID) != 1 || countEmployees(t, st, e2.ID) != 1 {
		t.Fatal("employees not in their employers")
	}
	// Into a chosen employer, a row with another employer's number is an error.
	p = previewEmployees(t, st, e1.ID, "s.csv", "affiliation;immatriculation;nom\n"+e2.Affiliation+";"+immatFor(1, 5)+";E\n"+
		e1.Affiliation+";"+immatFor(1, 6)+";F\n")
	if got := codesOf(p.Employees[0].Errors); !reflect.DeepEqual(got, []string{CodeEmployerMismatch + "@affiliation"}) {
		t.Fatalf("%v", got)
	}
	if p.Employees[1].Action != ActionCreate {
		t.Fatalf("row 2: %s", p.Employees[1].Action)
	}
	// Without a chosen employer, the affiliation column is required.
	tb := csvTableOf(t, "s.csv", "immatriculation;nom\n1;2\n")
	_, err := PreviewEmployees(context.Background(), st, tb, PreviewOptions{})
	if ue := wantUserError(t, err, CodeMissingColumn); ue.Field != "affiliation" {
		t.Fatalf("field %s", ue.Field)
	}
	// An unknown chosen employer.
	_, err = PreviewEmployees(context.Background(), st, csvTableOf(t, "s.csv", "immatriculation;nom\n"), PreviewOptions{EmployerID: "nope"})
	wantUserError(t, err, store.CodeNotFound)
}

func TestImportEmployeesHeader(t *testing.T) {
	st := openStore(t)
	er := createEmployer(t, st, 1)
	t.Run("title rows, unknown columns", func(t *testing.T) {
		p := previewEmployees(t, st, er.ID, "s.csv", "Liste du personnel;;\nau 31/12/2025;;\n"+
			"N°;Nom;Immatriculation;Téléphone;Observations\n1;A;"+immatFor(1, 1)+";0600000000;ok\n")
		if p.HeaderLine != 3 || p.Counts.Create != 1 {
			t.Fatalf("header line %d counts %+v", p.HeaderLine, p.Counts)
		}
		var ign []string
		for _, c := range p.Ignored {
			ign = append(ign, c.Header+"@"+c.Letter)
		}
		if !reflect.DeepEqual(ign, []string{"N°@A", "Téléphone@D", "Observations@E"}) {
			t.Fatalf("ignored %v", ign)
		}
		var codes []string
		for _, n := range p.Notices {
			codes = append(codes, n.Code)
			checkTrilingual(t, n.Err)
		}
		if !reflect.DeepEqual(codes, []string{CodeTitleRows, CodeIgnoredColumns}) {
			t.Fatalf("notices %v", codes)
		}
		if !strings.Contains(p.Notices[1].Message.FR, "« Téléphone » (D)") {
			t.Errorf("ignored column not named: %s", p.Notices[1].Message.FR)
		}
	})
	cases := []struct {
		name, data, code, field string
	}{
		{"no identifier column", "nom;prenom\nA;B\n", CodeMissingColumn, "immatriculation"},
		{"no name column", "cin;prenom\nA;B\n", CodeMissingColumn, "last_name"},
		{"same field twice", "nom;cin;N° CIN\n", CodeDupColumn, "cin"},
		{"empty file", "\n\n", CodeEmpty, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tb, err := OpenTable("s.csv", strings.NewReader(tc.data), TableOptions{})
			if err == nil {
				_, err = PreviewEmployees(context.Background(), st, tb, PreviewOptions{EmployerID: er.ID})
			}
			if ue := wantUserError(t, err, tc.code); ue.Field != tc.field {
				t.Fatalf("field %q", ue.Field)
			}
		})
	}
	t.Run("extra cells", func(t *testing.T) {
		p := previewEmployees(t, st, er.ID, "s.csv", "immatriculation;nom\n"+immatFor(1, 2)+";A;x;y\n")
		if got := codesOf(p.Employees[0].Warnings); !reflect.DeepEqual(got, []string{CodeExtraCells + "@"}) {
			t.Fatalf("%v", got)
		}
	})
}

// TestImportEmployeesXLSX: a real workbook with numbers, dates and text.
func TestImportEmployeesXLSX(t *testing.T) {
	st := openStore(t)
	er := createEmployer(t, st, 1)
	immat := immatFor(0, 4242) // starts with 0: Excel keeps 8 digits
	immatNum, _ := strconv.Atoi(immat)
	birth := time.Date(1985, 7, 4, 0, 0, 0, 0, time.UTC)
	data := xlsxOf(t, false, "", sheetData{"Salariés", [][]any{
		{"Société 1 — personnel"},
		{"N° CNSS", "CIN", "Nom", "Prénom", "Date de naissance", "Date d'embauche", "Salaire brut (MAD)", "Enfants", "RIB", "Email"},
		{immatNum, cinFor(1), "EL FASSI", "Sara", birth, "01/09/2021", 8000.5, 3, ribFor(1), "x@example.invalid"},
		{immatFor(1, 2), cinFor(2), "ALAMI", "Omar", "1990-12-31", 20210901, "12 500,00", "0", "MA64" + ribFor(2), nil},
	}})
	tb, err := OpenTable("personnel.xlsx", bytes.NewReader(data), TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	p, err := PreviewEmployees(context.Background(), st, tb, PreviewOptions{EmployerID: er.ID})
	if err != nil {
		t.Fatal(err)
	}
	if p.Format != "xlsx" || p.Sheet != "Salariés" || p.HeaderLine != 2 || p.Counts != (Counts{Rows: 2, Create: 2}) {
		t.Fatalf("preview %s %s line %d counts %+v", p.Format, p.Sheet, p.HeaderLine, p.Counts)
	}
	if len(p.Ignored) != 1 || p.Ignored[0].Header != "Email" {
		t.Fatalf("ignored %+v", p.Ignored)
	}
	want := []domain.Employee{
		{EmployerID: er.ID, Immatriculation: immat, CIN: cinFor(1), LastName: "EL FASSI", FirstName: "Sara",
			BirthDate: domain.DateOf(birth), HireDate: domain.Date{Year: 2021, Month: 9, Day: 1}, MonthlyGross: 800050,
			Children: 3, RIB: ribFor(1)},
		{EmployerID: er.ID, Immatriculation: immatFor(1, 2), CIN: cinFor(2), LastName: "ALAMI", FirstName: "Omar",
			BirthDate: domain.Date{Year: 1990, Month: 12, Day: 31}, HireDate: domain.Date{Year: 2021, Month: 9, Day: 1},
			MonthlyGross: 1250000, RIB: "MA64" + ribFor(2)},
	}
	for i, w := range want {
		if !reflect.DeepEqual(p.Employees[i].Record, w) {
			t.Errorf("row %d: record differs (line %d, warnings %v)", i, p.Employees[i].Line, codesOf(p.Employees[i].Warnings))
		}
	}
	if res := apply(t, st, p, ApplyOptions{}); res.Created != 2 {
		t.Fatalf("%+v", res)
	}
	if _, err := st.Employees().FindByImmatriculation(er.ID, immat); err != nil {
		t.Fatalf("padded immatriculation not stored: %v", err)
	}
}

// TestApplyAllOrNothing: a bad row 500 leaves the store untouched; so does a
// conflict found while writing.
func TestApplyAllOrNothing(t *testing.T) {
	st := openStore(t)
	er := createEmployer(t, st, 1)
	var b strings.Builder
	b.WriteString(empHead)
	for i := 1; i <= 600; i++ {
		if i == 499 { // data line 500 of the file
			b.WriteString(strings.Replace(empLine(i), "15/03/1990", "32/13/1990", 1))
			continue
		}
		b.WriteString(empLine(i))
	}
	p := previewEmployees(t, st, er.ID, "s.csv", b.String())
	if p.Counts.Errors != 1 || p.Employees[498].Line != 500 || p.Employees[498].Action != ActionError {
		t.Fatalf("counts %+v", p.Counts)
	}
	_, err := Apply(context.Background(), st, p, ApplyOptions{})
	wantUserError(t, err, CodeHasErrors)
	if !errors.Is(err, ErrHasErrors) {
		t.Fatal("not ErrHasErrors")
	}
	if n := countEmployees(t, st, er.ID); n != 0 {
		t.Fatalf("%d employees written", n)
	}
	entries, _, _ := st.VerifyAudit()

	// A valid file, but someone saves row 500's employee between the preview
	// and Apply: the write transaction fails there and nothing is written.
	b.Reset()
	b.WriteString(empHead)
	for i := 1; i <= 600; i++ {
		b.WriteString(empLine(i))
	}
	p = previewEmployees(t, st, er.ID, "s.csv", b.String())
	if p.HasErrors() {
		t.Fatal("errors")
	}
	if _, err := st.Employees().Create(domain.Employee{EmployerID: er.ID, CIN: cinFor(499), LastName: "X"}); err != nil {
		t.Fatal(err)
	}
	_, err = Apply(context.Background(), st, p, ApplyOptions{})
	ue := wantUserError(t, err, CodeStale)
	if !errors.Is(err, ErrStale) || !strings.Contains(ue.In("en"), "line 500") {
		t.Fatalf("%v", ue.In("en"))
	}
	if n := countEmployees(t, st, er.ID); n != 1 {
		t.Fatalf("%d employees", n)
	}
	if after, broken, _ := st.VerifyAudit(); after != entries+1 || broken != -1 {
		t.Fatalf("audit %d → %d entries (broken %d)", entries, after, broken)
	}
}

func TestApplyStaleUpdate(t *testing.T) {
	st := openStore(t)
	er := createEmployer(t, st, 1)
	apply(t, st, previewEmployees(t, st, er.ID, "a.csv", empHead+empLine(1)+empLine(2)), ApplyOptions{})
	p := previewEmployees(t, st, er.ID, "b.csv", "immatriculation;nom;salaire\n"+immatFor(1, 1)+";NOM1;1\n"+immatFor(1, 2)+";NOM2;2\n")
	// Edited in the app meanwhile.
	e, _ := st.Employees().FindByImmatriculation(er.ID, immatFor(1, 2))
	e.JobTitle = "Directeur"
	if _, err := st.Employees().Update(e); err != nil {
		t.Fatal(err)
	}
	_, err := Apply(context.Background(), st, p, ApplyOptions{})
	wantUserError(t, err, CodeStale)
	got, _ := st.Employees().FindByImmatriculation(er.ID, immatFor(1, 1))
	if got.MonthlyGross != 800050 {
		t.Fatal("row 1 written although the import failed")
	}
}

func TestApplySkipErrors(t *testing.T) {
	st := openStore(t)
	er := createEmployer(t, st, 1)
	p := previewEmployees(t, st, er.ID, "s.csv", empHead+empLine(1)+strings.Replace(empLine(2), cinFor(2), "??", 1)+empLine(3))
	res := apply(t, st, p, ApplyOptions{SkipErrors: true})
	if res != (Result{Created: 2, Skipped: 1, Transactions: 1}) {
		t.Fatalf("%+v", res)
	}
	if _, err := st.Employees().FindByImmatriculation(er.ID, immatFor(1, 2)); !store.IsNotFound(err) {
		t.Fatal("error row written")
	}
}

// cancelAfter is a context whose Err turns to Canceled after n calls: it
// cancels at a deterministic point of a long operation.
type cancelAfter struct {
	context.Context
	n int
}

func (c *cancelAfter) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

func TestCancellation(t *testing.T) {
	st := openStore(t)
	er := createEmployer(t, st, 1)
	var b strings.Builder
	b.WriteString(empHead)
	for i := 1; i <= 1500; i++ {
		b.WriteString(empLine(i))
	}
	data := b.String()

	t.Run("during the preview", func(t *testing.T) {
		tb := csvTableOf(t, "s.csv", data)
		_, err := PreviewEmployees(&cancelAfter{context.Background(), 1}, st, tb, PreviewOptions{EmployerID: er.ID})
		wantUserError(t, err, CodeCancelled)
		if !errors.Is(err, context.Canceled) {
			t.Fatal("not context.Canceled")
		}
	})
	p := previewEmployees(t, st, er.ID, "s.csv", data)
	t.Run("inside the write transaction", func(t *testing.T) {
		// The first check passes, the one after 256 rows cancels.
		_, err := Apply(&cancelAfter{context.Background(), 2}, st, p, ApplyOptions{})
		wantUserError(t, err, CodeCancelled)
		if !errors.Is(err, context.Canceled) {
			t.Fatal("not context.Canceled")
		}
		if n := countEmployees(t, st, er.ID); n != 0 {
			t.Fatalf("%d employees written", n)
		}
	})
	t.Run("before starting", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Apply(ctx, st, p, ApplyOptions{})
		wantUserError(t, err, CodeCancelled)
		if n := countEmployees(t, st, er.ID); n != 0 {
			t.Fatalf("%d employees written", n)
		}
	})
	res := apply(t, st, p, ApplyOptions{})
	if res.Created != 1500 || res.Transactions != 1 {
		t.Fatalf("%+v", res)
	}
}

// TestApplyLargeImport: an import beyond one store transaction's capacity is
// still all or nothing: a cancellation during the write, or a record changed
// since the preview and found late in the import, saves no row at all; then
// the whole import is saved at once.
func TestApplyLargeImport(t *testing.T) {
	st := openStore(t)
	er := createEmployer(t, st, 1)
	const n = 4500
	file := func(first string) string {
		var b strings.Builder
		b.WriteString(empHead)
		for i := 1; i <= n; i++ {
			b.WriteString(strings.Replace(empLine(i), ";Prénom;", ";"+first+";", 1))
		}
		return b.String()
	}
	data := file("Prénom")
	p := previewEmployees(t, st, er.ID, "s.csv", data)

	// Cancelled once half the rows are prepared: nothing saved.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls [][2]int
	_, err := Apply(ctx, st, p, ApplyOptions{Progress: func(done, total int) {
		calls = append(calls, [2]int{done, total})
		if done > n/2 {
			cancel()
		}
	}})
	wantUserError(t, err, CodeCancelled)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cause lost: %v", err)
	}
	if saved := countEmployees(t, st, er.ID); saved != 0 {
		t.Fatalf("%d rows saved by a cancelled import", saved)
	}
	if calls[0] != [2]int{0, n} {
		t.Fatalf("progress %v", calls)
	}

	calls = nil
	res := apply(t, st, p, ApplyOptions{Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }})
	if res != (Result{Created: n, Transactions: 1, Staged: true}) {
		t.Fatalf("result %+v", res)
	}
	for i, c := range calls {
		if c[1] != n || (i > 0 && c[0] < calls[i-1][0]) || (c[0] == n) != (i == len(calls)-1) {
			t.Fatalf("progress %v", calls)
		}
	}
	if got := countEmployees(t, st, er.ID); got != n {
		t.Fatalf("%d employees", got)
	}
	if p := previewEmployees(t, st, er.ID, "s.csv", data); p.Counts.Unchanged != n {
		t.Fatalf("counts %+v", p.Counts)
	}

	// Every row updated, but row 4000's employee changed since the preview:
	// import.stale, and no row updated, the first ones included.
	p = previewEmployees(t, st, er.ID, "s.csv", file("Autre"))
	if p.Counts.Update != n {
		t.Fatalf("counts %+v", p.Counts)
	}
	e, err := st.Employees().FindByImmatriculation(er.ID, immatFor(1, 4000))
	if err != nil {
		t.Fatal(err)
	}
	e.JobTitle = "Chef d'équipe"
	if _, err := st.Employees().Update(e); err != nil {
		t.Fatal(err)
	}
	entries, _, _ := st.VerifyAudit()
	_, err = Apply(context.Background(), st, p, ApplyOptions{})
	ue := wantUserError(t, err, CodeStale)
	if !errors.Is(err, ErrStale) || !strings.Contains(ue.In("en"), "line 4001") {
		t.Fatalf("stale error: %v", err)
	}
	if e1, _ := st.Employees().FindByImmatriculation(er.ID, immatFor(1, 1)); e1.FirstName != "Prénom" {
		t.Fatal("row 1 updated by a failed import")
	}
	if after, broken, err := st.VerifyAudit(); err != nil || broken != -1 || after != entries {
		t.Fatalf("audit: %d entries (was %d), broken at %d, %v", after, entries, broken, err)
	}
}
func TestApplyRefusesBadPreview(t *testing.T) {
	st := openStore(t)
	for _, p := range []*Preview{nil, {}, {Kind: KindEmployees, Employees: []EmployeeRow{{Line: 2, Action: ActionUpdate}}},
		{Kind: KindEmployees, Employees: []EmployeeRow{{Line: 2, Action: "delete"}}}} {
		_, err := Apply(context.Background(), st, p, ApplyOptions{})
		wantUserError(t, err, CodeInvalidPreview)
	}
}

// TestApplyLargeKinds: each kind of write an import makes (creations, an
// immatriculation added, a CIN replaced), more than one store transaction
// holds, is saved in full by the staged bulk write, with its history and
// audit entries.
func TestApplyLargeKinds(t *testing.T) {
	st := openStore(t)
	er := createEmployer(t, st, 1)
	const rows = 5000
	file := func(f func(i int) string) string {
		var b strings.Builder
		b.WriteString("immatriculation;cin;nom\n")
		for i := 1; i <= rows; i++ {
			b.WriteString(f(i))
		}
		return b.String()
	}
	steps := []struct {
		name string
		data string
		want Result
	}{
		{"creations", file(func(i int) string { return ";" + cinFor(i) + ";N\n" }), Result{Created: rows, Transactions: 1, Staged: true}},
		{"immatriculations added", file(func(i int) string { return immatFor(1, i) + ";" + cinFor(i) + ";N\n" }), Result{Updated: rows, Transactions: 1, Staged: true}},
		{"CINs replaced", file(func(i int) string { return immatFor(1, i) + ";" + cinFor(i+500000) + ";N\n" }), Result{Updated: rows, Transactions: 1, Staged: true}},
	}
	for _, s := range steps {
		p := previewEmployees(t, st, er.ID, "s.csv", s.data)
		if p.HasErrors() {
			t.Fatalf("%s: %+v", s.name, p.Counts)
		}
		if res := apply(t, st, p, ApplyOptions{}); res != s.want {
			t.Fatalf("%s: %+v", s.name, res)
		}
		if p := previewEmployees(t, st, er.ID, "s.csv", s.data); p.Counts.Unchanged != rows {
			t.Fatalf("%s: not all saved: %+v", s.name, p.Counts)
		}
	}
	e, err := st.Employees().FindByCIN(er.ID, cinFor(rows+500000))
	if err != nil || e.Immatriculation != immatFor(1, rows) {
		t.Fatalf("last row: %v", err)
	}
	if h, err := st.Employees().History(er.ID, e.ID); err != nil || len(h) != 2 {
		t.Fatalf("history: %d versions, %v", len(h), err)
	}
	if n, broken, err := st.VerifyAudit(); err != nil || broken != -1 || n < 3*rows {
		t.Fatalf("audit: %d entries, broken at %d, %v", n, broken, err)
	}
}
