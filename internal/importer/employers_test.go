package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
)

var update = flag.Bool("update", false, "rewrite the golden files and the generated fuzz seeds")

func TestImportEmployers(t *testing.T) {
	st := openStore(t)
	old := createEmployer(t, st, 1)
	data := "affiliation;raison sociale;ice;ville;code postal;agence\n" +
		affFor(1) + ";Société 1 SARL;" + iceFor(1) + ";Rabat;10000;r1\n" +
		affFor(2) + ";Atlas;;Casablanca;20000;\n"
	p := previewEmployers(t, st, "employeurs.csv", data)
	if p.Counts != (Counts{Rows: 2, Create: 1, Update: 1}) {
		t.Fatalf("counts %+v", p.Counts)
	}
	up := p.Employers[0]
	if up.Action != ActionUpdate || up.Existing.ID != old.ID ||
		!reflect.DeepEqual(up.Changes, []string{"name", "ice", "city", "postal_code", "agency"}) {
		t.Fatalf("update %s %v", up.Action, up.Changes)
	}
	if up.Record.Agency != "R1" || up.Record.ID != old.ID || up.Record.PlatformProfile != domain.ProfileSandbox {
		t.Fatalf("record %+v", up.Record)
	}
	res := apply(t, st, p, ApplyOptions{})
	if res != (Result{Created: 1, Updated: 1, Transactions: 1}) {
		t.Fatalf("%+v", res)
	}
	got, err := st.Employers().FindByAffiliation(affFor(1))
	if err != nil || got.Name != "Société 1 SARL" || got.ICE != iceFor(1) || got.PostalCode != "10000" {
		t.Fatalf("%+v %v", got, err)
	}
	// Re-import: unchanged, never duplicated.
	p = previewEmployers(t, st, "employeurs.csv", data)
	if p.Counts != (Counts{Rows: 2, Unchanged: 2}) {
		t.Fatalf("counts %+v", p.Counts)
	}
	if res := apply(t, st, p, ApplyOptions{}); res != (Result{Unchanged: 2, Transactions: 1}) {
		t.Fatalf("%+v", res)
	}
	if l, _ := st.Employers().List(); len(l) != 2 {
		t.Fatalf("%d employers", len(l))
	}
	// Empty cells keep the stored values.
	p = previewEmployers(t, st, "e.csv", "affiliation;raison sociale;ice;ville\n"+affFor(1)+";Société 1 SARL;;\n")
	if p.Counts.Unchanged != 1 {
		t.Fatalf("counts %+v", p.Counts)
	}
}

func TestImportEmployersBadCells(t *testing.T) {
	st := openStore(t)
	badCheck := affFor(9)[:6] + string(rune('0'+(int(affFor(9)[6]-'0')+1)%10))
	cases := []struct {
		name, row, code, field string
		warn                   bool
	}{
		{"affiliation not 7 digits", "123456;A;;", domain.CodeAffiliationShape, "affiliation", false},
		{"affiliation with letters", "12345AB;A;;", domain.CodeAffiliationShape, "affiliation", false},
		{"bad ICE key", affFor(9) + ";A;" + iceFor(9)[:13] + "00;", domain.CodeICECheck, "ice", false},
		{"ICE with letters", affFor(9) + ";A;ICE123;", domain.CodeICESyntax, "ice", false},
		{"ICE too long", affFor(9) + ";A;1234567890123456;", domain.CodeICELength, "ice", false},
		{"bad IF", affFor(9) + ";A;;12", "validation.if", "if", false},
		{"no name", affFor(9) + ";;;", "validation.required", "name", false},
		{"check digit is a warning", badCheck + ";A;;", domain.CodeAffiliationCheck, "affiliation", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := previewEmployers(t, st, "e.csv", "affiliation;nom;ice;if\n"+tc.row+"\n")
			r := p.Employers[0]
			issues := r.Errors
			if tc.warn {
				issues = r.Warnings
				if r.Action != ActionCreate {
					t.Fatalf("action %s %v", r.Action, codesOf(r.Errors))
				}
			} else if r.Action != ActionError {
				t.Fatalf("action %s", r.Action)
			}
			if got := codesOf(issues); !reflect.DeepEqual(got, []string{tc.code + "@" + tc.field}) {
				t.Fatalf("issues %v", got)
			}
			checkTrilingual(t, issues[0].Err)
		})
	}
	t.Run("duplicate affiliation", func(t *testing.T) {
		p := previewEmployers(t, st, "e.csv", "affiliation;nom\n"+affFor(3)+";A\n"+affFor(3)+";B\n")
		if got := codesOf(p.Employers[1].Errors); !reflect.DeepEqual(got, []string{CodeDuplicateRow + "@affiliation"}) ||
			p.Employers[0].Action != ActionCreate {
			t.Fatalf("%v", got)
		}
		if !strings.Contains(p.Employers[1].Errors[0].Message.FR, "ligne 2") {
			t.Errorf("message does not name the first line: %s", p.Employers[1].Errors[0].Message.FR)
		}
	})
	t.Run("XLSX numbers", func(t *testing.T) {
		// Affiliation and ICE typed as numbers: leading zeros restored.
		aff := affWith("012345")
		affNum, _ := strconv.Atoi(aff)
		data := xlsxOf(t, false, "", sheetData{"E", [][]any{
			{"N° d'affiliation", "Raison sociale", "ICE", "Code postal"},
			{affNum, "Zéro SARL", 100000113, 20000},
		}})
		tb, err := OpenTable("e.xlsx", bytes.NewReader(data), TableOptions{})
		if err != nil {
			t.Fatal(err)
		}
		defer tb.Close()
		p, err := PreviewEmployers(context.Background(), st, tb, PreviewOptions{})
		if err != nil {
			t.Fatal(err)
		}
		r := p.Employers[0]
		if r.Record.Affiliation != aff || r.Record.ICE != "000000100000113" || r.Record.PostalCode != "20000" {
			t.Fatalf("record %q %q %q", r.Record.Affiliation, r.Record.ICE, r.Record.PostalCode)
		}
		if len(r.Errors) != 0 {
			t.Fatalf("errors %v", codesOf(r.Errors))
		}
	})
}

var (
	reUUID = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	reTime = regexp.MustCompile(`"(20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z)"`)
)

// golden compares got with testdata/golden/name (rewritten with -update).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -run %s -update to accept)", name, t.Name())
	}
}

// previewJSON is the preview as the UI receives it, with the store's random
// identifiers and timestamps replaced by placeholders.
func previewJSON(t *testing.T, p *Preview) []byte {
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = reUUID.ReplaceAll(b, []byte("<id>"))
	b = reTime.ReplaceAll(b, []byte(`"<time>"`))
	return append(b, '\n')
}

// TestEmployersPreviewGolden pins the JSON the UI receives for a sheet with
// a title row, an ignored column, an update, a creation, and rows in error
// and in warning (messages in the three languages).
func TestEmployersPreviewGolden(t *testing.T) {
	st := openStore(t)
	createEmployer(t, st, 1)
	data, err := os.ReadFile(filepath.Join("testdata", "employers.csv"))
	if err != nil {
		t.Fatal(err)
	}
	p := previewEmployers(t, st, "employers.csv", string(data))
	golden(t, "employers_preview.json", previewJSON(t, p))
}

// TestEmployeesPreviewGolden: the same for an employee sheet.
func TestEmployeesPreviewGolden(t *testing.T) {
	st := openStore(t)
	er := createEmployer(t, st, 1)
	if _, err := st.Employees().Create(domain.Employee{EmployerID: er.ID, CIN: cinFor(3), LastName: "TROIS"}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "employees.csv"))
	if err != nil {
		t.Fatal(err)
	}
	p := previewEmployees(t, st, er.ID, "employees.csv", string(data))
	golden(t, "employees_preview.json", previewJSON(t, p))
}
