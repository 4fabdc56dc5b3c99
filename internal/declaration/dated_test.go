package declaration

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/params"
)

// swappedTable is the shipped table reduced to its first row with other
// dated values: 24 days at most, a 5 000,00 MAD ceiling, a SMIG of
// 3 820,00 MAD (20,00 × 191 h).
func swappedTable(t *testing.T) *params.Table {
	t.Helper()
	raw, err := os.ReadFile("../params/params.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version int              `json:"version"`
		Rows    []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	row := doc.Rows[0]
	row["max_days"], row["ceiling"], row["smig_hourly"], row["smig_monthly"] = 24, 500000, 2000, 382000
	doc.Rows = doc.Rows[:1]
	b, _ := json.Marshal(doc)
	tab, err := params.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// TestDatedValuesFollowTheTable swaps the parameter table and checks that
// every rule that depends on a dated value (DAYS-RANGE, SAL-CAP,
// SAL-MINIMUM), its message and its hint, and the builder's capping, follow
// it — and that the same input is clean under the shipped table.
func TestDatedValuesFollowTheTable(t *testing.T) {
	tab := swappedTable(t)
	in := vectorInput(t)
	in.Lines[0].Days = 25                   // ≤ 26, > 24
	in.Entrants[0].Gross = domain.MAD(2600) // 20 days: above 3 422,72 × 19 / 26, below 3 820,00 × 19 / 24
	clean := encodeInput(t, in)             // under the shipped table
	if _, rep := Validate(clean, Options{Preetabli: in.Preetabli}); len(rep.Findings) != 0 {
		t.Fatalf("shipped table: %s", dump(rep))
	}

	_, rep := Validate(clean, Options{Preetabli: in.Preetabli, Params: tab})
	want := map[string][]string{
		DaysRange:  {"25", "24"},       // message: 25 declared, 24 at most; hint: 24
		SalCap:     {"5 000,00"},       // ALAMI: 8 000,00 capped at 6 000,00 instead of 5 000,00
		SalMinimum: {"2 600,00", "19"}, // IDRISSI
	}
	hints := map[string]string{DaysRange: "24", SalCap: "5 000,00", SalMinimum: "3 820,00"}
	got := map[string]bool{}
	for _, f := range rep.Findings {
		got[f.Rule] = true
		for _, l := range i18n.Langs {
			msg, hint := f.Message(l), f.Hint(l)
			for _, w := range want[f.Rule] {
				if !strings.Contains(msg, w) {
					t.Errorf("%s %s message %q lacks %q", f.Rule, l, msg, w)
				}
			}
			if h := hints[f.Rule]; h != "" && (!strings.Contains(hint, h) || strings.Contains(hint, "26") || strings.Contains(hint, "6 000,00")) {
				t.Errorf("%s %s hint %q: want %q and no value of the shipped table", f.Rule, l, hint, h)
			}
			if strings.Contains(hint, "%!") || strings.Contains(msg, "%!") {
				t.Errorf("%s %s: bad format %q / %q", f.Rule, l, msg, hint)
			}
		}
	}
	for id := range want {
		if !got[id] {
			t.Errorf("no %s under the swapped table:\n%s", id, dump(rep))
		}
	}
	if len(got) != len(want) {
		t.Errorf("rules %v, want %v", got, want)
	}

	// The builder caps with the swapped ceiling and blocks on its max days.
	in.Params = tab
	res, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Decl.Lines[0].Capped != domain.MAD(5000) || res.Bytes != nil || !res.Report.Has(DaysRange) {
		t.Errorf("build under the swapped table: capped %s, bytes %v, %s", res.Decl.Lines[0].Capped.FormatMAD(), res.Bytes != nil, dump(res.Report))
	}
	in.Lines[0].Days = 24
	if res, _ = Build(in); res.Bytes == nil || res.Report.Has(DaysRange) {
		t.Errorf("24 days under the swapped table: %s", dump(res.Report))
	}
}

// TestHintsWithoutPeriodQuoteTheNewestRow: a finding made without a period
// (e.g. a rule listed in a catalogue view) quotes the newest row of the
// shipped table, never a format verb.
func TestHintsWithoutPeriodQuoteTheNewestRow(t *testing.T) {
	rows := params.Default().Rows()
	last := rows[len(rows)-1]
	for _, r := range Catalogue {
		f := Finding{Rule: r.ID}
		for _, l := range i18n.Langs {
			if h := f.Hint(l); h == "" || strings.Contains(h, "%!") {
				t.Errorf("%s %s hint %q", r.ID, l, h)
			}
		}
	}
	if h := (Finding{Rule: SalCap}).Hint(i18n.FR); !strings.Contains(h, last.Ceiling.FormatMAD()) {
		t.Errorf("SAL-CAP hint %q", h)
	}
}
