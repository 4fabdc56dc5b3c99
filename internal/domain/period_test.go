package domain

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
)

func TestParsePeriod(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Period
		ok   bool
	}{
		{"202601", Period{2026, time.January}, true},
		{"202412", Period{2024, time.December}, true},
		{"195001", Period{1950, time.January}, true},
		{"219912", Period{2199, time.December}, true},
		{"202613", Period{}, false},
		{"202600", Period{}, false},
		{"194912", Period{}, false},
		{"220001", Period{}, false},
		{"20261", Period{}, false},
		{"2026011", Period{}, false},
		{"2026-1", Period{}, false},
		{"abcdef", Period{}, false},
		{" 02601", Period{}, false},
		{"", Period{}, false},
	} {
		got, err := ParsePeriod(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParsePeriod(%q) = %v, %v", tc.in, got, err)
		}
		if err != nil {
			if i18n.Code(err) != CodePeriodSyntax {
				t.Errorf("ParsePeriod(%q): code %q", tc.in, i18n.Code(err))
			}
			checkTrilingual(t, err)
		}
	}
}

func TestPeriodArithmetic(t *testing.T) {
	p := NewPeriod(2026, time.January)
	for _, tc := range []struct {
		got  Period
		want string
	}{
		{p.Next(), "202602"},
		{p.Prev(), "202512"},
		{p.AddMonths(0), "202601"},
		{p.AddMonths(11), "202612"},
		{p.AddMonths(12), "202701"},
		{p.AddMonths(-12), "202501"},
		{p.AddMonths(-13), "202412"},
		{NewPeriod(2024, time.December).Next(), "202501"},
		{NewPeriod(2025, time.January).Prev(), "202412"},
	} {
		if tc.got.String() != tc.want {
			t.Errorf("got %s, want %s", tc.got, tc.want)
		}
	}
	if p.Int() != 202601 || p.Index() != 2026*12 {
		t.Errorf("Int/Index: %d %d", p.Int(), p.Index())
	}
	if !p.Prev().Before(p) || p.Before(p) || p.Next().Before(p) {
		t.Error("Before")
	}
	if got := p.First(); !got.Equal(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("First = %v", got)
	}
	if (Period{}).Valid() || !p.Valid() {
		t.Error("Valid")
	}
}

func TestPeriodLabel(t *testing.T) {
	p := NewPeriod(2026, time.August)
	for l, want := range map[i18n.Lang]string{i18n.FR: "août 2026", i18n.AR: "غشت 2026", i18n.EN: "August 2026", "xx": "août 2026"} {
		if got := p.Label(l); got != want {
			t.Errorf("Label(%s) = %q, want %q", l, got, want)
		}
	}
	// An invalid period does not panic.
	if got := (Period{}).Label(i18n.FR); got != "000000" {
		t.Errorf("zero Label = %q", got)
	}
}

func TestPeriodJSON(t *testing.T) {
	type doc struct {
		P Period `json:"p"`
		Z Period `json:"z"`
	}
	in := doc{P: NewPeriod(2026, time.January)}
	b, err := json.Marshal(in)
	if err != nil || string(b) != `{"p":"202601","z":""}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var out doc
	if err := json.Unmarshal(b, &out); err != nil || out != in {
		t.Fatalf("Unmarshal = %+v, %v", out, err)
	}
	if err := json.Unmarshal([]byte(`{"p":"202613"}`), &out); i18n.Code(err) != CodePeriodSyntax {
		t.Errorf("bad period: %v", err)
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Date
		ok   bool
	}{
		{"20260131", Date{2026, time.January, 31}, true},
		{"20240229", Date{2024, time.February, 29}, true}, // leap year
		{"20000229", Date{2000, time.February, 29}, true}, // divisible by 400
		{"19000101", Date{1900, time.January, 1}, true},
		{"21991231", Date{2199, time.December, 31}, true},
		{"20250229", Date{}, false},
		{"21000229", Date{}, false}, // 2100 is not a leap year
		{"20260132", Date{}, false},
		{"20260431", Date{}, false},
		{"20261301", Date{}, false},
		{"20260100", Date{}, false},
		{"18991231", Date{}, false},
		{"2026013", Date{}, false},
		{"2026-01-31", Date{}, false},
		{"", Date{}, false},
	} {
		got, err := ParseDate(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseDate(%q) = %v, %v", tc.in, got, err)
		}
		if err != nil && i18n.Code(err) != CodeDateSyntax {
			t.Errorf("ParseDate(%q): code %q", tc.in, i18n.Code(err))
		}
		if err == nil && got.String() != tc.in {
			t.Errorf("ParseDate(%q).String() = %q", tc.in, got)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	d := Date{2025, time.December, 31}
	if got := d.AddDays(1); got != (Date{2026, time.January, 1}) {
		t.Errorf("AddDays(1) = %v", got)
	}
	if got := (Date{2024, time.February, 28}).AddDays(1); got != (Date{2024, time.February, 29}) {
		t.Errorf("leap AddDays = %v", got)
	}
	if got := (Date{2026, time.March, 1}).AddDays(-1); got != (Date{2026, time.February, 28}) {
		t.Errorf("AddDays(-1) = %v", got)
	}
	if !d.Before(d.AddDays(1)) || d.Before(d) {
		t.Error("Before")
	}
	if d.Period() != NewPeriod(2025, time.December) {
		t.Error("Period")
	}
	if DateOf(time.Date(2026, 2, 10, 23, 59, 0, 0, time.UTC)) != (Date{2026, time.February, 10}) {
		t.Error("DateOf")
	}
	if !(Date{}).IsZero() || d.IsZero() {
		t.Error("IsZero")
	}
}

func TestDateJSON(t *testing.T) {
	type doc struct {
		D Date `json:"d"`
		Z Date `json:"z"`
	}
	in := doc{D: Date{2026, time.February, 10}}
	b, err := json.Marshal(in)
	if err != nil || string(b) != `{"d":"20260210","z":""}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var out doc
	if err := json.Unmarshal(b, &out); err != nil || out != in {
		t.Fatalf("Unmarshal = %+v, %v", out, err)
	}
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"202601", "202412", "195001", "219912", "202613", "000000", "", "2026-1", "99999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			if p != (Period{}) || i18n.Code(err) != CodePeriodSyntax {
				t.Fatalf("ParsePeriod(%q) = %v, %v", s, p, err)
			}
			return
		}
		if !p.Valid() || p.String() != s {
			t.Fatalf("ParsePeriod(%q) = %v (valid %v)", s, p, p.Valid())
		}
		if p.Next().Prev() != p || p.AddMonths(-7).AddMonths(7) != p {
			t.Fatalf("month arithmetic does not round-trip for %v", p)
		}
		b, _ := p.MarshalText()
		var q Period
		if err := q.UnmarshalText(b); err != nil || q != p {
			t.Fatalf("text round-trip: %v, %v", q, err)
		}
		_ = p.Label(i18n.AR)
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"20260131", "20240229", "20250229", "21991231", "00000000", "", "2026-01-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if d != (Date{}) || i18n.Code(err) != CodeDateSyntax {
				t.Fatalf("ParseDate(%q) = %v, %v", s, d, err)
			}
			return
		}
		if !d.Valid() || d.String() != s {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
		if DateOf(d.Time()) != d || d.AddDays(1).AddDays(-1) != d {
			t.Fatalf("date arithmetic does not round-trip for %v", d)
		}
	})
}
