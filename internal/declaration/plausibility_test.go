package declaration

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// built is the declaration of in, with its line numbers.
func built(t *testing.T, in Input) *Parsed {
	t.Helper()
	res, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	return Layout(res.Decl)
}

// previousOf turns a built declaration into the one of the month before.
func previousOf(p *Parsed) *Parsed {
	p.Decl.Employer.Period = p.Decl.Employer.Period.Prev()
	return p
}

func TestEveryPlausibilityCheck(t *testing.T) {
	d := func(y int, m int, day int) domain.Date { return domain.Date{Year: y, Month: timeMonth(m), Day: day} }
	cases := []struct {
		name      string
		cur, prev func(in *Input) // edits of the vector input (nil prev: no previous declaration)
		employees []KnownEmployee
		want      []string
		count     int // number of findings, 0: do not check
	}{
		{"same month twice", func(in *Input) {}, func(in *Input) {}, nil, nil, 0},
		{"no previous, no store", func(in *Input) {}, nil, nil, nil, 0},

		{"PLA-SALARY +50,01 %", func(in *Input) { in.Lines[0].Gross = domain.MAD(12000) + 1 }, func(in *Input) {}, nil, []string{PlaSalary}, 1},
		{"salary +50 % exactly", func(in *Input) { in.Lines[0].Gross = domain.MAD(12000) }, func(in *Input) {}, nil, nil, 0},
		{"PLA-SALARY −60 %", func(in *Input) { in.Lines[0].Gross = domain.MAD(3200) }, func(in *Input) {}, nil, []string{PlaSalary}, 1},

		{"PLA-DAYS 26 → 12", func(in *Input) { in.Lines[0].Days = 12 }, func(in *Input) {}, nil, []string{PlaDays}, 1},
		{"days 26 → 13 (−50 % exactly)", func(in *Input) { in.Lines[0].Days = 13 }, func(in *Input) {}, nil, nil, 0},

		{"PLA-PRESENCE paid last month, gone", func(in *Input) {}, func(in *Input) {
			in.Entrants = append(in.Entrants, EntrantLine{Immat: "143890989", LastName: "TAZI", FirstName: "SALMA", Days: 26, Gross: domain.MAD(5000)})
		}, nil, []string{PlaPresence}, 1},
		{"paid last month, here this month", func(in *Input) {
			in.Entrants = append(in.Entrants, EntrantLine{Immat: "143890989", LastName: "TAZI", FirstName: "SALMA", Days: 26, Gross: domain.MAD(5000)})
		}, func(in *Input) {
			in.Entrants = append(in.Entrants, EntrantLine{Immat: "143890989", LastName: "TAZI", FirstName: "SALMA", Days: 26, Gross: domain.MAD(5000)})
		}, nil, nil, 0},
		{"PLA-PRESENCE left last month, paid this month", func(in *Input) {
			in.Lines[1].Situation, in.Lines[1].Days, in.Lines[1].Gross = domain.SitNormal, 26, domain.MAD(5000)
		}, func(in *Input) {}, nil, []string{PlaPresence}, 1},
		{"PLA-PRESENCE on no line last month, paid now", func(in *Input) {}, func(in *Input) { in.Lines = in.Lines[1:] }, nil, []string{PlaPresence}, 1},

		{"PLA-UNREGISTERED second month", func(in *Input) { in.Entrants[0].Immat = "" }, func(in *Input) { in.Entrants[0].Immat = "" },
			[]KnownEmployee{{CIN: "BK123456", Hire: d(2025, 10, 6)}}, []string{PlaUnregistered}, 2},
		{"unregistered last month, registered now", func(in *Input) {}, func(in *Input) { in.Entrants[0].Immat = "" }, nil, nil, 0},

		{"PLA-DATES days after the exit", func(in *Input) {}, nil, []KnownEmployee{{Immat: "123456785", Exit: d(2025, 12, 31)}}, []string{PlaDates}, 1},
		{"exit on the first day of the month", func(in *Input) {}, nil, []KnownEmployee{{Immat: "123456785", Exit: d(2026, 1, 1)}}, nil, 0},
		{"PLA-DATES days before the hiring", func(in *Input) {}, nil, []KnownEmployee{{CIN: "bk 123456", Hire: d(2026, 2, 1)}}, []string{PlaDates}, 1},
		{"hired on the last day of the month", func(in *Input) {}, nil, []KnownEmployee{{Immat: "112233441", Hire: d(2026, 1, 31)}}, nil, 0},

		{"PLA-CIN-TWICE in the file", func(in *Input) {
			in.Entrants = append(in.Entrants, EntrantLine{Immat: "143890989", CIN: "BK123456", LastName: "IDRISSI", FirstName: "OMAR", Days: 5, Gross: domain.MAD(1500)})
		}, nil, nil, []string{PlaCINTwice}, 1},
		{"PLA-CIN-TWICE across months", func(in *Input) { in.Entrants[0].Immat = "143890989" }, func(in *Input) {}, nil, []string{PlaCINTwice, PlaPresence}, 0},
		{"two CIN, two immatriculations", func(in *Input) {
			in.Entrants = append(in.Entrants, EntrantLine{Immat: "143890989", CIN: "BK123457", LastName: "IDRISSI", FirstName: "ALI", Days: 5, Gross: domain.MAD(1500)})
		}, nil, nil, nil, 0},

		// 20 days in 202601: SAL-MINIMUM up to 2 501,21; the daily SMIG × 20 is 2 632,86.
		{"PLA-SMIG-DAY", func(in *Input) { in.Entrants[0].Gross = domain.MAD(2600) }, nil, nil, []string{PlaSMIGDay}, 1},
		{"at the daily SMIG", func(in *Input) { in.Entrants[0].Gross = 263287 }, nil, nil, nil, 0},

		{"PLA-PAYROLL +32 %", func(in *Input) {
			in.Entrants = append(in.Entrants, EntrantLine{Immat: "143890989", LastName: "TAZI", FirstName: "SALMA", Days: 26, Gross: domain.MAD(4000)})
		}, func(in *Input) {}, nil, []string{PlaPayroll}, 1},
		{"payroll +30 % exactly", func(in *Input) {
			in.Entrants = append(in.Entrants, EntrantLine{Immat: "143890989", LastName: "TAZI", FirstName: "SALMA", Days: 26, Gross: domain.MAD(3750)})
		}, func(in *Input) {}, nil, nil, 0},

		{"PLA-PREVIOUS not the month before", func(in *Input) {}, func(in *Input) {}, nil, []string{PlaPrevious}, 1},
		{"a complementary declaration is not compared month on month", func(in *Input) { in.Sequence, in.Lines = 1, nil }, func(in *Input) {}, nil, nil, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := vectorInput(t)
			tc.cur(&in)
			pin := PlausibilityInput{Current: built(t, in), Employees: tc.employees}
			if !strings.Contains(strings.ToLower(tc.name), "payroll") {
				pin.Ratios.Payroll = 500 // one check at a time
			}
			if tc.prev != nil {
				pv := vectorInput(t)
				tc.prev(&pv)
				pin.Previous = previousOf(built(t, pv))
				if strings.HasPrefix(tc.name, "PLA-PREVIOUS") {
					previousOf(pin.Previous)
				}
			}
			fs := Plausibility(pin)
			rep := &Report{Findings: fs}
			got, want := rules(rep), append([]string(nil), tc.want...)
			sort.Strings(want)
			if strings.Join(got, ",") != strings.Join(want, ",") || (tc.count > 0 && len(fs) != tc.count) {
				t.Errorf("rules %v (%d findings), want %v (%d)\n%s", got, len(fs), want, tc.count, dump(rep))
			}
			if !rep.Valid() {
				t.Errorf("a plausibility finding blocks: %s", dump(rep))
			}
			for _, f := range fs {
				if !strings.HasPrefix(f.Rule, "PLA-") || f.Severity == Error {
					t.Errorf("finding %v", f)
				}
				for _, l := range i18n.Langs {
					if m, h := f.Message(l), f.Hint(l); m == "" || h == "" || strings.Contains(m, "%!") {
						t.Errorf("%s %s: %q / %q", f.Rule, l, m, h)
					}
				}
			}
		})
	}
}

func TestPlausibilityRulesComplete(t *testing.T) {
	for _, r := range PlausibilityRules {
		got, ok := RuleByID(r.ID)
		if !ok || got.Severity == Error || !strings.HasPrefix(r.ID, "PLA-") {
			t.Errorf("%s: %v %v", r.ID, ok, got.Severity)
		}
		for _, l := range i18n.Langs {
			if r.Title.In(l) == "" || r.Hint.In(l) == "" {
				t.Errorf("%s: missing %s text", r.ID, l)
			}
		}
	}
}

func timeMonth(m int) time.Month { return time.Month(m) }
