package params

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
)

type partWant struct{ employer, employee domain.Money }

func TestEstimate(t *testing.T) {
	for _, tc := range []struct {
		name            string
		period          string
		real, capped    domain.Money
		solidarityOnly  bool
		ps, af, amo, tf partWant
		employer        domain.Money
		employee        domain.Money
	}{
		{
			// real 8 000,00, capped 6 000,00.
			// PS  on capped: 600000 × 898 = 538 800 000 / 10⁴ = 53880; 600000 × 448 → 26880.
			// AF  on real:   800000 × 640 = 512 000 000 → 51200.
			// AMO on real:   800000 × (226+185) = 328 800 000 → 32880; 800000 × 226 → 18080.
			// TFP on real:   800000 × 160 = 128 000 000 → 12800.
			// Employer 53880+51200+32880+12800 = 150760; employee 26880+18080 = 44960.
			name: "8000 MAD", period: "202601", real: 800000, capped: 600000,
			ps: partWant{53880, 26880}, af: partWant{51200, 0}, amo: partWant{32880, 18080}, tf: partWant{12800, 0},
			employer: 150760, employee: 44960,
		},
		{
			// Same with the AMO solidarity-only flag: AMO employer 800000 × 185 =
			// 148 000 000 → 14800, AMO employee 0.
			// Employer 53880+51200+14800+12800 = 132680; employee 26880.
			name: "8000 MAD, AMO solidarity only", period: "202601", real: 800000, capped: 600000, solidarityOnly: true,
			ps: partWant{53880, 26880}, af: partWant{51200, 0}, amo: partWant{14800, 0}, tf: partWant{12800, 0},
			employer: 132680, employee: 26880,
		},
		{
			// Half-up rounding per branch and part, on 25,00 MAD:
			// PS  2500 × 898 = 2 245 000 → 224,5 → 225; 2500 × 448 = 1 120 000 → 112.
			// AF  2500 × 640 = 1 600 000 → 160.
			// AMO 2500 × 411 = 1 027 500 → 102,75 → 103; 2500 × 226 = 565 000 → 56,5 → 57.
			// TFP 2500 × 160 = 400 000 → 40.
			// Employer 225+160+103+40 = 528 (21,09 % of the whole would give 527,25 → 527:
			// the rounding is per branch); employee 112+57 = 169.
			name: "rounding", period: "202601", real: 2500, capped: 2500,
			ps: partWant{225, 112}, af: partWant{160, 0}, amo: partWant{103, 57}, tf: partWant{40, 0},
			employer: 528, employee: 169,
		},
		{
			// Solidarity only on 75,00 MAD: AMO 7500 × 185 = 1 387 500 → 138,75 → 139.
			// PS 7500 × 898 = 6 735 000 → 673,5 → 674; 7500 × 448 = 3 360 000 → 336.
			// AF 7500 × 640 = 4 800 000 → 480. TFP 7500 × 160 = 1 200 000 → 120.
			// Employer 674+480+139+120 = 1413; employee 336.
			name: "rounding, solidarity only", period: "202412", real: 7500, capped: 7500, solidarityOnly: true,
			ps: partWant{674, 336}, af: partWant{480, 0}, amo: partWant{139, 0}, tf: partWant{120, 0},
			employer: 1413, employee: 336,
		},
		{
			name: "zero", period: "202501",
			employer: 0, employee: 0,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Default().At(per(t, tc.period))
			if err != nil {
				t.Fatal(err)
			}
			e := p.Estimate(tc.real, tc.capped, tc.solidarityOnly)
			if len(e.Branches) != 4 {
				t.Fatalf("%d branches", len(e.Branches))
			}
			wants := []partWant{tc.ps, tc.af, tc.amo, tc.tf}
			bases := []domain.Money{tc.capped, tc.real, tc.real, tc.real}
			for i, code := range []string{BranchPS, BranchAF, BranchAMO, BranchTFP} {
				b := e.Branches[i]
				if b.Branch != code || b.Base != bases[i] || b.Label.FR == "" || b.Label.AR == "" || b.Label.EN == "" {
					t.Errorf("branch %d = %+v", i, b)
				}
				if b.Employer != wants[i].employer || b.Employee != wants[i].employee {
					t.Errorf("%s = %d / %d, want %d / %d", code, b.Employer, b.Employee, wants[i].employer, wants[i].employee)
				}
				if b.Employer != b.Base.MulRate(b.EmployerRate) || b.Employee != b.Base.MulRate(b.EmployeeRate) {
					t.Errorf("%s: amounts do not match the reported rates", code)
				}
			}
			if e.Employer != tc.employer || e.Employee != tc.employee || e.Total != tc.employer+tc.employee {
				t.Errorf("totals %d / %d / %d, want %d / %d", e.Employer, e.Employee, e.Total, tc.employer, tc.employee)
			}
			amo := e.Branches[2]
			if tc.solidarityOnly && (amo.EmployerRate != 185 || amo.EmployeeRate != 0) ||
				!tc.solidarityOnly && (amo.EmployerRate != 411 || amo.EmployeeRate != 226) {
				t.Errorf("AMO rates %d / %d", amo.EmployerRate, amo.EmployeeRate)
			}
		})
	}
}

func TestEstimateJSON(t *testing.T) {
	p, _ := Default().At(per(t, "202601"))
	b, err := json.Marshal(p.Estimate(800000, 600000, false))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{`"branches":[{"branch":"PS"`, `"label":{"fr":"Prestations sociales"`, `"employer_rate":898`, `"total":195720`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("JSON lacks %s: %s", k, b)
		}
	}
}

func TestBelowMinimum(t *testing.T) {
	for _, tc := range []struct {
		period string
		days   int
		real   domain.Money
		want   bool
	}{
		// 202601: SMIG 3 422,72; 26 days: real × 26 ≤ 342272 × 25 = 8 556 800.
		// 329107 × 26 = 8 556 782 ≤ 8 556 800; 329108 × 26 = 8 556 808 >.
		{"202601", 26, 329107, true},
		{"202601", 26, 329108, false},
		// 2 days: real × 26 ≤ 342272. 13164 × 26 = 342 264; 13165 × 26 = 342 290.
		{"202601", 2, 13164, true},
		{"202601", 2, 13165, false},
		// Equality counts (≤): 14 days, 342272 × 13 = 4 449 536 = 171136 × 26.
		{"202601", 14, 171136, true},
		{"202601", 14, 171137, false},
		// 0 or 1 day: never below the minimum.
		{"202601", 1, 0, false},
		{"202601", 0, 0, false},
		{"202601", -3, 0, false},
		// Period boundaries: 202412 uses SMIG 3 111,39: 311139 × 25 = 7 778 475;
		// 299172 × 26 = 7 778 472 ≤; 299173 × 26 = 7 778 498 >.
		{"202412", 26, 299172, true},
		{"202412", 26, 299173, false},
		// 202501: SMIG 3 266,10: 326610 × 25 = 8 165 250; 314048 × 26 = 8 165 248 ≤;
		// 314049 × 26 = 8 165 274 >.
		{"202501", 26, 314048, true},
		{"202501", 26, 314049, false},
		// 202512 still 2025's SMIG: 329107 (below in 2026) is above in 2025.
		{"202512", 26, 314049, false},
		{"202512", 26, 299173, true},
		// No overflow on absurd amounts.
		{"202601", 26, math.MaxInt64, false},
	} {
		p, err := Default().At(per(t, tc.period))
		if err != nil {
			t.Fatal(err)
		}
		if got := p.BelowMinimum(tc.days, tc.real); got != tc.want {
			t.Errorf("%s: BelowMinimum(%d, %d) = %v, want %v", tc.period, tc.days, tc.real, got, tc.want)
		}
	}
}

func BenchmarkEstimate(b *testing.B) {
	p, err := Default().At(per(b, "202601"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		e := p.Estimate(125_000_00, 60_000_00, false)
		if e.Total == 0 {
			b.Fatal("zero")
		}
	}
}

func BenchmarkAt(b *testing.B) {
	tab, p := Default(), per(b, "202512")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tab.At(p); err != nil {
			b.Fatal(err)
		}
	}
}
