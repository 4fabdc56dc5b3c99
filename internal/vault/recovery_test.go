package vault

import (
	"strings"
	"testing"
)

func TestRecoveryCodeShape(t *testing.T) {
	if len(recoveryAlphabet) != 32 || strings.ContainsAny(recoveryAlphabet, "01IO") {
		t.Fatalf("alphabet %q", recoveryAlphabet)
	}
	counts := map[rune]int{}
	seen := map[string]bool{}
	for range 2000 {
		c := newRecoveryCode()
		if len(c) != 35 || strings.Count(c, "-") != 5 {
			t.Fatalf("code %q", c)
		}
		if seen[c] {
			t.Fatal("repeated code")
		}
		seen[c] = true
		n, err := normalizeRecoveryCode(c)
		if err != nil || string(n) != strings.ReplaceAll(c, "-", "") {
			t.Fatalf("normalize(%q) = %q, %v", c, n, err)
		}
		for _, r := range string(n) {
			counts[r]++
		}
	}
	// 60 000 symbols over 32: each about 1 875; a stuck or missing symbol
	// would be far off (this bound fails by chance with probability < 1e-12).
	for _, r := range recoveryAlphabet {
		if counts[r] < 1500 || counts[r] > 2250 {
			t.Errorf("symbol %c drawn %d times", r, counts[r])
		}
	}
}

func TestNormalizeRecoveryCode(t *testing.T) {
	const canon = "ABCDE23456FGHJKLMNPQRSTUVWXYZ7"
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"ABCDE-23456-FGHJK-LMNPQ-RSTUV-WXYZ7", true},
		{"abcde-23456-fghjk-lmnpq-rstuv-wxyz7", true},
		{"ABCDE23456FGHJKLMNPQRSTUVWXYZ7", true},
		{"abcde 23456 fghjk lmnpq rstuv wxyz7", true},
		{" AbCdE-23456 fghjk\tLMNPQ-rstuv-WXYZ7\r\n", true},
		{"ABCDE\u00a023456\u202fFGHJK-LMNPQ-RSTUV-WXYZ7", true},
		{"", false},
		{"ABCDE-23456-FGHJK-LMNPQ-RSTUV-WXYZ", false},
		{"ABCDE-23456-FGHJK-LMNPQ-RSTUV-WXYZ77", false},
		{"0BCDE-23456-FGHJK-LMNPQ-RSTUV-WXYZ7", false},
		{"IBCDE-23456-FGHJK-LMNPQ-RSTUV-WXYZ7", false},
		{"ÀBCDE-23456-FGHJK-LMNPQ-RSTUV-WXYZ7", false},
		{"ABCDE_23456_FGHJK_LMNPQ_RSTUV_WXYZ7", false},
		{strings.Repeat("-", 1000) + canon, false},
	} {
		got, err := normalizeRecoveryCode(tc.in)
		if tc.ok != (err == nil) || (tc.ok && string(got) != canon) {
			t.Errorf("normalize(%q) = %q, %v", tc.in, got, err)
		}
		if err != nil {
			wantCode(t, err, CodeRecoveryFormat)
		}
	}
}
