package importer

import (
	"errors"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

const head = "immatriculation;cin;nom;prenom;jours;salaire;situation\n"

func TestReadPayroll(t *testing.T) {
	rows, err := ReadPayroll("paie.csv", strings.NewReader("\ufeff"+head+
		"123456785;;Alami;Ahmed;26;8 000,50;\r\n"+
		"\n"+
		"187654325;;Bennani;Sara;;;so\n"+
		";bk 123456;Idrissi;Omar;20;4500.5;\n"+
		"999999999;;;;3;900;;;\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []PayrollRow{
		{Line: 2, Immat: "123456785", LastName: "Alami", FirstName: "Ahmed", Days: 26, Gross: 800050},
		{Line: 4, Immat: "187654325", LastName: "Bennani", FirstName: "Sara", Situation: domain.SitLeft},
		{Line: 5, CIN: "BK123456", LastName: "Idrissi", FirstName: "Omar", Days: 20, Gross: 450050},
		{Line: 6, Immat: "999999999", Days: 3, Gross: 90000},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows: %+v", len(rows), rows)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d: %+v, want %+v", i, rows[i], want[i])
		}
	}
}

func TestReadPayrollErrors(t *testing.T) {
	cases := []struct {
		name, data, code, field string
	}{
		{"missing salary column", "immatriculation;jours\n", CodeMissingColumn, "salary"},
		{"unknown column", "immatriculation;jours;salaire;age\n", CodeUnknownColumn, "age"},
		{"duplicate column (alias)", "immatriculation;jours;salaire;days\n", CodeDupColumn, "days"},
		{"bad money", head + "123456785;;A;B;26;12,345;\n", CodeCell, "salary"},
		{"negative money", head + "123456785;;A;B;26;-1;\n", CodeCell, "salary"},
		{"bad days", head + "123456785;;A;B;x;1;\n", CodeCell, "days"},
		{"bad immat", head + "12345678X;;A;B;1;1;\n", CodeCell, "immatriculation"},
		{"long situation", head + "123456785;;A;B;1;1;SOR\n", CodeCell, "situation"},
		{"latin-1", head + "123456785;;\xe9;B;1;1;\n", CodeEncoding, ""},
		{"too few cells", head + "123456785;;A\n", CodeFieldCount, ""},
		{"empty", "", CodeEmpty, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadPayroll("paie.csv", strings.NewReader(tc.data))
			var ue *i18n.Error
			if !errors.As(err, &ue) || ue.Code != tc.code || ue.Field != tc.field {
				t.Fatalf("got %#v (%v), want code %s field %s", ue, err, tc.code, tc.field)
			}
			for _, l := range i18n.Langs {
				if m := i18n.Message(err, l); !strings.Contains(m, "paie.csv") {
					t.Errorf("%s message lacks the file name: %s", l, m)
				}
			}
		})
	}
}

// FuzzReadPayroll: the payroll reader never panics; whatever it accepts is
// within the domain's bounds.
func FuzzReadPayroll(f *testing.F) {
	f.Add([]byte(head + "123456785;;ALAMI;AHMED;26;8 000,00;\n187654325;;;;;;SO\n"))
	f.Add([]byte("immatriculation,days,salary\n112233441,20,4500.00\n"))
	f.Add([]byte(head + "\"123456785\";\"\";\"A;B\";\"\";1;1;\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ReadPayroll("f.csv", strings.NewReader(string(data)))
		if err != nil {
			if i18n.Code(err) == "" {
				t.Fatalf("untranslated error: %v", err)
			}
			return
		}
		for _, r := range rows {
			if r.Days < 0 || r.Gross < 0 || (r.Immat != "" && !domain.ImmatriculationShapeOK(r.Immat)) || len(r.Situation) > 2 || r.Line < 2 {
				t.Fatalf("out of bounds row %+v", r)
			}
		}
	})
}
