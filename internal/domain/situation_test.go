package domain

import "testing"

// TestSituations pins every code of cnss-edi.md §6: rank, the zero
// constraint (AT, CS, MS, MP) and the allowance reversal (SO, DE).
func TestSituations(t *testing.T) {
	for _, tc := range []struct {
		sit      Situation
		rank     int64
		zero, af bool
	}{
		{SitNormal, 0, false, false},
		{SitLeft, 1, false, true},
		{SitDeceased, 2, false, true},
		{SitMaternity, 3, false, false},
		{SitSick, 4, false, false},
		{SitWorkAcc, 5, true, false},
		{SitUnpaid, 6, true, false},
		{SitKeptNoPay, 7, true, false},
		{SitOccDisease, 8, true, false},
	} {
		if !tc.sit.Valid() || tc.sit.Rank() != tc.rank || tc.sit.RequiresZero() != tc.zero || tc.sit.ReversesAF() != tc.af {
			t.Errorf("%q: valid %v rank %d zero %v af %v, want rank %d zero %v af %v", tc.sit, tc.sit.Valid(), tc.sit.Rank(),
				tc.sit.RequiresZero(), tc.sit.ReversesAF(), tc.rank, tc.zero, tc.af)
		}
		if got, ok := ParseSituation(tc.sit.Field()); !ok || got != tc.sit {
			t.Errorf("ParseSituation(%q) = %q, %v", tc.sit.Field(), got, ok)
		}
	}
	for _, bad := range []string{"MA", "MT", "so", "S", " SO", "XX"} {
		if s, ok := ParseSituation(bad); ok || Situation(bad).Valid() || Situation(bad).RequiresZero() || Situation(bad).Rank() != 0 {
			t.Errorf("%q accepted as %q", bad, s)
		}
	}
}
