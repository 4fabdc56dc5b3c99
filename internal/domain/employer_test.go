package domain

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestParsePlatformProfile(t *testing.T) {
	tests := []struct {
		in   string
		want PlatformProfile
		ok   bool
	}{
		{"", ProfileSandbox, true},
		{"sandbox", ProfileSandbox, true},
		{"  manual ", ProfileManual, true},
		{"remote:cabinet-1", "remote:cabinet-1", true},
		{"remote:a.b_c", "remote:a.b_c", true},
		{"remote:" + strings.Repeat("x", 40), PlatformProfile("remote:" + strings.Repeat("x", 40)), true},
		{"remote:" + strings.Repeat("x", 41), "", false},
		{"remote:", "", false},
		{"remote:with space", "", false},
		{"remote:é", "", false},
		{"Sandbox", "", false},
		{"remote", "", false},
		{"damancom", "", false},
	}
	for _, tc := range tests {
		got, ok := ParsePlatformProfile(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParsePlatformProfile(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
		if ok && !got.Valid() {
			t.Errorf("%q parsed but not Valid", tc.in)
		}
	}
	if PlatformProfile("").Valid() || PlatformProfile(" manual").Valid() {
		t.Error("non-canonical profile reported valid")
	}
	r := RemoteProfile("gw")
	if !r.IsRemote() || r.RemoteName() != "gw" || ProfileManual.IsRemote() || ProfileSandbox.RemoteName() != "" {
		t.Error("remote profile accessors")
	}
}

func FuzzParsePlatformProfile(f *testing.F) {
	for _, s := range []string{"", "sandbox", "manual", "remote:x", "remote:", "remote:a-b.c_d", " manual ", "remote:\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := ParsePlatformProfile(s)
		if !ok {
			if p != "" {
				t.Fatalf("refused %q but returned %q", s, p)
			}
			return
		}
		if !p.Valid() {
			t.Fatalf("%q → %q is not Valid", s, p)
		}
		if q, ok2 := ParsePlatformProfile(string(p)); !ok2 || q != p {
			t.Fatalf("not idempotent: %q → %q → %q", s, p, q)
		}
		if p.IsRemote() != (p != ProfileSandbox && p != ProfileManual) {
			t.Fatalf("%q: IsRemote inconsistent", p)
		}
	})
}

func TestEmployerNormalize(t *testing.T) {
	e := Employer{
		Affiliation: " 1234567 ", Name: "  ACME  ", ICE: "1 234 567 ", Agency: " a1 ",
		PlatformProfile: " manual ", City: " Fès ",
		DeadlineOverrides: []DeadlineOverride{{Note: "  communiqué  "}},
	}
	e.Normalize()
	if e.Affiliation != "1234567" || e.Name != "ACME" || e.ICE != "000000001234567" || e.Agency != "A1" ||
		e.PlatformProfile != ProfileManual || e.City != "Fès" || e.DeadlineOverrides[0].Note != "communiqué" {
		t.Fatalf("Normalize: %+v", e)
	}
	// Invalid values are left for validation to refuse, not silently dropped.
	bad := Employer{ICE: "12A", PlatformProfile: "remote:"}
	bad.Normalize()
	if bad.ICE != "12A" || bad.PlatformProfile != "remote:" {
		t.Fatalf("Normalize changed invalid values: %+v", bad)
	}
	empty := Employer{}
	empty.Normalize()
	if empty.PlatformProfile != ProfileSandbox || empty.ICE != "" {
		t.Fatalf("defaults: %+v", empty)
	}
}

func TestEmployerDeadlines(t *testing.T) {
	jan := Period{2026, time.January}
	feb := Period{2026, time.February}
	e := Employer{DeadlineOverrides: []DeadlineOverride{
		{Period: jan, Date: Date{2026, time.February, 16}},
		{Period: feb, Date: Date{2026, time.March, 12}},
	}}
	if d, ok := e.Deadline(feb); !ok || d != (Date{2026, time.March, 12}) {
		t.Fatalf("Deadline(feb) = %v, %v", d, ok)
	}
	if _, ok := e.Deadline(Period{2026, time.March}); ok {
		t.Fatal("override for a period without one")
	}
	if e.DuplicateOverride() != -1 {
		t.Fatal("false duplicate")
	}
	e.DeadlineOverrides = append(e.DeadlineOverrides, DeadlineOverride{Period: jan})
	if e.DuplicateOverride() != 2 {
		t.Fatalf("DuplicateOverride = %d", e.DuplicateOverride())
	}
}

func TestEmployerJSON(t *testing.T) {
	e := Employer{
		ID: "x", Affiliation: "1234567", Name: "ACME", PlatformProfile: RemoteProfile("gw"), AMOSolidarityOnly: true,
		DeadlineOverrides: []DeadlineOverride{{Period: Period{2026, time.January}, Date: Date{2026, time.February, 16}, Note: "n"}},
	}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"affiliation":"1234567"`, `"platform_profile":"remote:gw"`, `"amo_solidarity_only":true`,
		`"deadline_overrides":[{"period":"202601","date":"20260216","note":"n"}]`} {
		if !strings.Contains(string(b), want) {
			t.Fatalf("JSON lacks %s: %s", want, b)
		}
	}
	var back Employer
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.DeadlineOverrides[0].Date != e.DeadlineOverrides[0].Date || back.PlatformProfile != e.PlatformProfile {
		t.Fatalf("round trip: %+v", back)
	}
}
