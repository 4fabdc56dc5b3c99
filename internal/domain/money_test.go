package domain

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/i18n"
)

func TestParseMoney(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Money
		code string
	}{
		{"8000", 800000, ""},
		{"8000.5", 800050, ""},
		{"8000,50", 800050, ""},
		{"8 000,50", 800050, ""},
		{"8\u00a0000,50", 800050, ""}, // no-break space
		{"8\u202f000,50", 800050, ""}, // narrow no-break space
		{"8'000.50", 800050, ""},
		{"8.000,50", 800050, ""},
		{"8,000.50", 800050, ""},
		{"1.234.567", 123456700, ""},
		{"1,234,567.89", 123456789, ""},
		{"1 234 567,89", 123456789, ""},
		// A lone separator is the decimal mark: "8.000" and "12,500" are
		// ambiguous (8 or 8 000? 12,5 or 12 500?) and refused.
		{"8.000", 0, CodeMoneyDecimals},
		{"12,500", 0, CodeMoneyDecimals},
		{"0.500", 0, CodeMoneyDecimals}, // not a grouping: three decimals
		{"1234.567", 0, CodeMoneyDecimals},
		{"0,005", 0, CodeMoneyDecimals},
		{"8000 MAD", 800000, ""},
		{"8000MAD", 800000, ""},
		{"8000 DH", 800000, ""},
		{"8000 dhs", 800000, ""},
		{"8000 Dh", 800000, ""},
		{"  42  ", 4200, ""},
		{"00012", 1200, ""},
		{".5", 50, ""},
		{"5.", 500, ""},
		{"+5", 500, ""},
		{"-0", 0, ""},
		{"-0,00", 0, ""},
		{"0", 0, ""},
		{"9999999999999999,99", 999999999999999999, ""},
		{"10000000000000000", 0, CodeMoneyTooLarge}, // 17 integer digits
		{"-5", 0, CodeMoneyNegative},
		{"-8 000,50", 0, CodeMoneyNegative},
		{"", 0, CodeMoneyEmpty},
		{"   ", 0, CodeMoneyEmpty},
		{"MAD", 0, CodeMoneyEmpty},
		{"abc", 0, CodeMoneySyntax},
		{"1e3", 0, CodeMoneySyntax},
		{"١٢٣", 0, CodeMoneySyntax}, // Arabic-Indic digits
		{".", 0, CodeMoneySyntax},
		{",", 0, CodeMoneySyntax},
		{"+", 0, CodeMoneySyntax},
		{"1.234.56", 0, CodeMoneySyntax},
		{"1.23.456", 0, CodeMoneySyntax},
		{"12345.678,9", 0, CodeMoneySyntax},
		{"1,2.3,4", 0, CodeMoneySyntax},
		{"--5", 0, CodeMoneySyntax},
	} {
		got, err := ParseMoney(tc.in)
		if got != tc.want || i18n.Code(err) != tc.code {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d, code %q", tc.in, got, err, tc.want, tc.code)
		}
		if err != nil {
			checkTrilingual(t, err)
		}
	}
}

func TestMoneyString(t *testing.T) {
	for _, tc := range []struct {
		m    Money
		want string
	}{
		{0, "0,00"},
		{5, "0,05"},
		{99, "0,99"},
		{100, "1,00"},
		{123456, "1 234,56"},
		{100000000, "1 000 000,00"},
		{MAD(8000), "8 000,00"},
		{-123456, "-1 234,56"},
		{math.MaxInt64, "92 233 720 368 547 758,07"},
		{math.MinInt64, "-92 233 720 368 547 758,08"},
	} {
		if got := tc.m.String(); got != tc.want {
			t.Errorf("Money(%d).String() = %q, want %q", int64(tc.m), got, tc.want)
		}
	}
	if got := Money(123456).FormatMAD(); got != "1 234,56 MAD" {
		t.Errorf("FormatMAD = %q", got)
	}
	if MAD(6000) != 600000 || MAD(6000).Centimes() != 600000 {
		t.Error("MAD/Centimes")
	}
}

func TestMulRate(t *testing.T) {
	for _, tc := range []struct {
		m    Money
		bp   int64
		want Money
	}{
		// 6 000,00 × 8,98 % = 600000 × 898 / 10000 = 53880 exactly.
		{600000, 898, 53880},
		// 25,00 × 8,98 %: 2500 × 898 = 2 245 000 → 224,5 centimes → 225 (half up).
		{2500, 898, 225},
		// 75,00 × 2,26 %: 7500 × 226 = 1 695 000 → 169,5 → 170.
		{7500, 226, 170},
		// 50,00 × 4,11 %: 5000 × 411 = 2 055 000 → 205,5 → 206.
		{5000, 411, 206},
		// 10,00 × 1,85 %: 1000 × 185 = 185 000 → 18,5 → 19.
		{1000, 185, 19},
		// 123,45 × 4,48 %: 12345 × 448 = 5 530 560 → 553,056 → 553.
		{12345, 448, 553},
		// 0,01 × 50 % = 0,5 centime → 1; 0,01 × 49,99 % → 0.
		{1, 5000, 1},
		{1, 4999, 0},
		{0, 898, 0},
		{123456, 0, 0},
		// Negative amounts round half away from zero.
		{-1, 5000, -1},
		{-1, 4999, 0},
		{-2500, 898, -225},
	} {
		if got := tc.m.MulRate(tc.bp); got != tc.want {
			t.Errorf("Money(%d).MulRate(%d) = %d, want %d", int64(tc.m), tc.bp, int64(got), int64(tc.want))
		}
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"8000", "8 000,50", "8.000,50", "8,000.50", "8.000", "0.500", "-0", "-5", "1e3", "", "MAD", "9999999999999999,99", "10000000000000000", "1.234.567", "8'000.50 DH", "\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s)
		if err != nil {
			if m != 0 || !strings.HasPrefix(i18n.Code(err), "money.") {
				t.Fatalf("ParseMoney(%q) = %d, %v", s, m, err)
			}
			checkTrilingual(t, err)
			return
		}
		if m < 0 {
			t.Fatalf("ParseMoney(%q) = %d < 0", s, m)
		}
		for _, text := range []string{m.String(), m.FormatMAD()} {
			back, err := ParseMoney(text)
			if err != nil || back != m {
				t.Fatalf("ParseMoney(%q) = %d, but %q reads back as %d, %v", s, m, text, back, err)
			}
		}
	})
}

// parsePlainMoney, ParseMoney's path for the usual amount, reads what the
// general parser reads: the same amount for every string it accepts, on
// 200 000 random strings of digits, separators, signs and spaces, and the
// edges of its form (16 and 17 digits, 0, 1, 2 and 3 decimals).
func TestParsePlainMoneyAgrees(t *testing.T) {
	cases := []string{"0", "5", "600000", "8000,5", "3291.07", "5.", ".5", "5,123", "1,2,3", "9999999999999999,99",
		"99999999999999999", "0000000000000001", "00000000000000001", "1.5x", "1 5", "+5", "-0", "5,-1", "٣"}
	r := rand.New(rand.NewPCG(3, 4))
	const alphabet = "0123456789000.,,- +x"
	for range 200_000 {
		b := make([]byte, r.IntN(21))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	plain := 0
	for _, s := range cases {
		m, ok := parsePlainMoney(s)
		if !ok {
			continue
		}
		plain++
		want, err := parseMoney(s)
		if err != nil || m != want {
			t.Fatalf("%q: plain path %d, general path %d, %v", s, m, want, err)
		}
	}
	if plain < 1000 {
		t.Fatalf("only %d strings took the plain path", plain)
	}
	for _, s := range []string{"5.", ".5", "5,123", "99999999999999999", "+5", "1 5", ""} {
		if _, ok := parsePlainMoney(s); ok {
			t.Errorf("%q took the plain path", s)
		}
	}
}
