package params

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func per(t testing.TB, s string) domain.Period {
	t.Helper()
	p, err := domain.ParsePeriod(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func day(t testing.TB, s string) domain.Date {
	t.Helper()
	d, err := domain.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDefaultTableIsTheEmbeddedFile(t *testing.T) {
	tab, err := Parse(embedded)
	if err != nil {
		t.Fatalf("embedded params.json: %v", err)
	}
	if Default() == nil || len(Default().Rows()) != len(tab.Rows()) || Default().First() != per(t, "202309") {
		t.Fatal("Default() is not the embedded table")
	}
}

func TestAt(t *testing.T) {
	for _, tc := range []struct {
		period           string
		from             string
		smigHourly, smig domain.Money
		smag             domain.Money
		furtherMonthRate int64
	}{
		{"202309", "202309", 1629, 311139, 0, 100},
		{"202312", "202309", 1629, 311139, 0, 100},
		{"202412", "202309", 1629, 311139, 0, 100},
		{"202501", "202501", 1710, 326610, 0, 50}, // SMIG 2025 and the late-payment reform
		{"202503", "202501", 1710, 326610, 0, 50},
		{"202504", "202504", 1710, 326610, 9300, 50}, // SMAG 93,00
		{"202512", "202504", 1710, 326610, 9300, 50},
		{"202601", "202601", 1792, 342272, 9300, 50}, // SMIG 2026
		{"202603", "202601", 1792, 342272, 9300, 50},
		{"202604", "202604", 1792, 342272, 9744, 50}, // SMAG 97,44
		{"203012", "202604", 1792, 342272, 9744, 50},
	} {
		p, err := Default().At(per(t, tc.period))
		if err != nil {
			t.Fatalf("At(%s): %v", tc.period, err)
		}
		if p.From.String() != tc.from || p.SMIGHourly != tc.smigHourly || p.SMIGMonthly != tc.smig ||
			p.SMAGDaily != tc.smag || p.LatePaymentFurtherMonth != tc.furtherMonthRate {
			t.Errorf("At(%s) = %+v", tc.period, p)
		}
		// Values unchanged since the first row (parameters.md §1, §2, §4).
		want := Rates{Employer: 898, Employee: 448}
		if p.Ceiling != 600000 || p.MaxDays != 26 || p.DueDay != 10 || p.PS != want ||
			p.AF != (Rates{Employer: 640}) || p.AMO != (Rates{Employer: 226, EmployerSolidarity: 185, Employee: 226}) ||
			p.TFP != (Rates{Employer: 160}) || p.LateDeclarationPerEmployee != 5000 || p.LateDeclarationCap != 500000 ||
			p.LatePaymentFirstMonthLow != 300 || p.LatePaymentFirstMonthHigh != 500 {
			t.Errorf("At(%s): carried-over values wrong: %+v", tc.period, p)
		}
		// Totals of parameters.md §1: employer 21,09 %, employee 6,74 %.
		if emp := p.PS.Employer + p.AF.Employer + p.AMOEmployerRate(false) + p.TFP.Employer; emp != 2109 {
			t.Errorf("employer total %d", emp)
		}
		if ee := p.PS.Employee + p.AF.Employee + p.AMOEmployeeRate(false) + p.TFP.Employee; ee != 674 {
			t.Errorf("employee total %d", ee)
		}
	}
	for _, bad := range []domain.Period{per(t, "202308"), per(t, "195001"), {}} {
		_, err := Default().At(bad)
		if i18n.Code(err) != CodeBeforeFirst {
			t.Errorf("At(%v) = %v, want %s", bad, err, CodeBeforeFirst)
		}
	}
	if Default().Note(per(t, "202502")) == "" || Default().Note(per(t, "202001")) != "" {
		t.Error("Note")
	}
}

// The resolved table (every row with its carried-over values) is pinned by a
// golden file; go test ./internal/params -update rewrites it after a deliberate
// change of params.json.
func TestResolvedTableGolden(t *testing.T) {
	got, err := json.MarshalIndent(Default().Rows(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "resolved.golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("resolved table differs from %s (run with -update after a deliberate change):\n%s", path, got)
	}
}

// baseRow is a complete first row; tests mutate copies of it.
func baseRow() map[string]any {
	return map[string]any{
		"from": "202401", "ceiling": 600000, "smig_hourly": 1629, "smig_monthly": 311139,
		"smig_monthly_hours": 191, "smag_daily": 0, "max_days": 26,
		"ps_employer": 898, "ps_employee": 448, "af_employer": 640, "af_employee": 0,
		"amo_employer": 226, "amo_employer_solidarity": 185, "amo_employee": 226,
		"tfp_employer": 160, "tfp_employee": 0, "due_day": 10,
		"late_declaration_per_employee": 5000, "late_declaration_cap": 500000,
		"late_payment_first_month_low": 300, "late_payment_first_month_high": 500,
		"late_payment_further_month": 100,
	}
}

func tableJSON(t testing.TB, rows ...map[string]any) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{"version": 1, "rows": rows})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func with(m map[string]any, kv ...any) map[string]any {
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(m, kv[i].(string))
		} else {
			m[kv[i].(string)] = kv[i+1]
		}
	}
	return m
}

func TestParseRefusesMalformedTables(t *testing.T) {
	for _, tc := range []struct {
		name    string
		data    []byte
		code    string
		mention string // a word the French message must contain
	}{
		{"not JSON", []byte("rows: []"), CodeSyntax, ""},
		{"empty input", []byte(""), CodeSyntax, ""},
		{"no version", []byte(`{"rows":[]}`), CodeVersion, "0"},
		{"future version", []byte(`{"version":2,"rows":[]}`), CodeVersion, "2"},
		{"unknown top-level field", []byte(`{"version":1,"rows":[],"comment":"x"}`), CodeSyntax, "comment"},
		{"trailing data", append(tableJSON(t, baseRow()), []byte(" {}")...), CodeSyntax, ""},
		{"no rows", []byte(`{"version":1,"rows":[]}`), CodeEmpty, ""},
		{"row not an object", []byte(`{"version":1,"rows":[1]}`), CodeSyntax, ""},
		{"null row", []byte(`{"version":1,"rows":[null]}`), CodeSyntax, ""},
		{"missing from", tableJSON(t, with(baseRow(), "from", nil)), CodeFrom, "1"},
		{"bad from", tableJSON(t, with(baseRow(), "from", "202613")), CodeFrom, "1"},
		{"numeric from", tableJSON(t, with(baseRow(), "from", 202401)), CodeFrom, "1"},
		{"first row incomplete", tableJSON(t, with(baseRow(), "ceiling", nil)), CodeMissing, "ceiling"},
		{"unknown field", tableJSON(t, with(baseRow(), "celing", 600000)), CodeUnknownField, "celing"},
		{"bad note", tableJSON(t, with(baseRow(), "note", 3)), CodeUnknownField, "note"},
		{"rate as a percentage", tableJSON(t, with(baseRow(), "ps_employer", 8.98)), CodeNotInteger, "ps_employer"},
		{"rate as a string", tableJSON(t, with(baseRow(), "ps_employer", "898")), CodeNotInteger, "ps_employer"},
		{"money in dirhams with decimals", tableJSON(t, with(baseRow(), "ceiling", 6000.5)), CodeNotInteger, "centimes"},
		{"null value", tableJSON(t, with(baseRow(), "due_day", json.RawMessage("null"))), CodeNotInteger, "due_day"},
		{"negative ceiling", tableJSON(t, with(baseRow(), "ceiling", -1)), CodeRange, "ceiling"},
		{"rate above 100 %", tableJSON(t, with(baseRow(), "af_employer", 10001)), CodeRange, "af_employer"},
		{"due day 31", tableJSON(t, with(baseRow(), "due_day", 31)), CodeRange, "due_day"},
		{"32 max days", tableJSON(t, with(baseRow(), "max_days", 32)), CodeRange, "max_days"},
		{"smig inconsistent", tableJSON(t, with(baseRow(), "smig_monthly", 311140)), CodeSMIG, "3 111,40"},
		{"smig hourly changed alone", tableJSON(t, baseRow(), map[string]any{"from": "202501", "smig_hourly": 1710}), CodeSMIG, "202501"},
		{"cap below per employee", tableJSON(t, with(baseRow(), "late_declaration_cap", 4999)), CodeLateDecl, "49,99"},
		{"low above high", tableJSON(t, with(baseRow(), "late_payment_first_month_low", 600)), CodeLatePayment, "600"},
		{"rows out of order", tableJSON(t, baseRow(), map[string]any{"from": "202312", "smag_daily": 9300}), CodeOrder, "202312"},
		{"duplicate from", tableJSON(t, baseRow(), map[string]any{"from": "202401", "smag_daily": 9300}), CodeOrder, "202401"},
		{"row changing nothing", tableJSON(t, baseRow(), map[string]any{"from": "202501", "note": "nothing"}), CodeEmptyRow, "202501"},
		{"bad value in a later row", tableJSON(t, baseRow(), map[string]any{"from": "202501", "ceiling": 0}), CodeRange, "2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tab, err := Parse(tc.data)
			if err == nil || tab != nil {
				t.Fatalf("Parse accepted a malformed table")
			}
			if i18n.Code(err) != tc.code {
				t.Fatalf("code %q, want %q (%v)", i18n.Code(err), tc.code, err)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error does not wrap ErrInvalid")
			}
			var ue *i18n.Error
			if !errors.As(err, &ue) || ue.Msg.FR == "" || ue.Msg.AR == "" || ue.Msg.EN == "" {
				t.Fatalf("not a trilingual *i18n.Error: %#v", err)
			}
			for _, l := range i18n.Langs {
				if m := i18n.Message(err, l); strings.Contains(m, "%!") {
					t.Errorf("%s: bad format: %s", l, m)
				}
			}
			if fr := i18n.Message(err, i18n.FR); !strings.Contains(fr, tc.mention) {
				t.Errorf("message %q does not mention %q", fr, tc.mention)
			}
		})
	}
}

func TestParseCarriesValuesOver(t *testing.T) {
	tab, err := Parse(tableJSON(t,
		with(baseRow(), "note", "base"),
		map[string]any{"from": "202501", "due_day": 15, "max_days": 27},
		map[string]any{"from": "202503", "ceiling": 700000},
	))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		p       string
		dueDay  int
		maxDays int
		ceiling domain.Money
	}{
		{"202401", 10, 26, 600000},
		{"202412", 10, 26, 600000},
		{"202501", 15, 27, 600000},
		{"202502", 15, 27, 600000},
		{"202503", 15, 27, 700000},
	} {
		got, err := tab.At(per(t, tc.p))
		if err != nil || got.DueDay != tc.dueDay || got.MaxDays != tc.maxDays || got.Ceiling != tc.ceiling || got.PS.Employer != 898 {
			t.Errorf("At(%s) = %+v, %v", tc.p, got, err)
		}
	}
	if tab.Note(per(t, "202402")) != "base" || tab.Note(per(t, "202501")) != "" {
		t.Error("notes")
	}
	// Rows returns a copy.
	rows := tab.Rows()
	rows[0].Ceiling = 1
	if p, _ := tab.At(per(t, "202401")); p.Ceiling != 600000 {
		t.Error("Rows exposes the table")
	}
}
