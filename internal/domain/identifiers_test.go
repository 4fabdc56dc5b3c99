package domain

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/i18n"
)

// The identifiers below are the synthetic test values of parameters.md §5 and
// cnss-edi.md §8, or values derived from them by hand; none is real data.

func TestAffiliation(t *testing.T) {
	for _, tc := range []struct {
		in           string
		shape, check bool
	}{
		// 2703892: 2·(7+3+9) + (2+0+8) = 38 + 10 = 48; (10 − 8) mod 10 = 2 = C7.
		{"2703892", true, true},
		// 1234567: 2·(2+4+6) + (1+3+5) = 24 + 9 = 33; (10 − 3) mod 10 = 7 = C7.
		{"1234567", true, true},
		{"2703891", true, false},
		{"1234560", true, false},
		// 0000000: sum 0, (10 − 0) mod 10 = 0 = C7.
		{"0000000", true, true},
		// Not Luhn: with C2 = 9 the doubled 18 is not reduced to 9.
		// 1900000: 2·9 + 1 = 19; (10 − 9) mod 10 = 1 → 1900001 (Luhn would give 0).
		{"1900001", true, true},
		{"1900000", true, false},
		{"", false, false},
		{"123456", false, false},
		{"12345678", false, false},
		{"12345a7", false, false},
		{" 234567", false, false},
		{"١٢٣٤٥٦٧", false, false}, // Arabic-Indic digits are not ASCII digits
	} {
		if got := AffiliationShapeOK(tc.in); got != tc.shape {
			t.Errorf("AffiliationShapeOK(%q) = %v, want %v", tc.in, got, tc.shape)
		}
		if got := AffiliationCheckOK(tc.in); got != tc.check {
			t.Errorf("AffiliationCheckOK(%q) = %v, want %v", tc.in, got, tc.check)
		}
	}
}

// Exactly one of the ten possible last digits satisfies the check.
func TestAffiliationOneKeyPerPrefix(t *testing.T) {
	for prefix := 0; prefix < 1_000_000; prefix += 997 {
		p := strings.Repeat("0", 6-len(itoa(prefix))) + itoa(prefix)
		n := 0
		for c := '0'; c <= '9'; c++ {
			if AffiliationCheckOK(p + string(c)) {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("prefix %s: %d valid check digits", p, n)
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestImmatriculation(t *testing.T) {
	for _, tc := range []struct {
		in           string
		shape, check bool
	}{
		// 143890989: 2·(4+8+0+8) + (3+9+9) = 40 + 21 = 61; (10 − 1) mod 10 = 9 = C9.
		{"143890989", true, true},
		// 149613335: 2·(4+6+3+3) + (9+1+3) = 32 + 13 = 45 → 5.
		{"149613335", true, true},
		// 174049688: 2·(7+0+9+8) + (4+4+6) = 48 + 14 = 62 → 8.
		{"174049688", true, true},
		// 182760581: C2+C4+C6+C8 = 8+7+0+8 = 23 → 46; C3+C5+C7 = 2+6+5 = 13; 59 → 1.
		{"182760581", true, true},
		// 123456785: 2·(2+4+6+8) + (3+5+7) = 40 + 15 = 55 → 5.
		{"123456785", true, true},
		// 187654325: 2·(8+6+4+2) + (7+5+3) = 40 + 15 = 55 → 5.
		{"187654325", true, true},
		// 112233441: 2·(1+2+3+4) + (2+3+4) = 20 + 9 = 29 → 1.
		{"112233441", true, true},
		// C1 is not used: any first digit keeps the number valid.
		{"043890989", true, true},
		{"943890989", true, true},
		{"143890980", true, false},
		{"123456784", true, false},
		// Special values are exempt; 999999999 would fail the formula
		// (2·36 + 27 = 99 → 1 ≠ 9).
		{ImmatNotRegistered, true, true},
		{ImmatOccasional, true, true},
		{"", false, false},
		{"14389098", false, false},
		{"1438909890", false, false},
		{"14389098x", false, false},
		{"143 890 989", false, false},
	} {
		if got := ImmatriculationShapeOK(tc.in); got != tc.shape {
			t.Errorf("ImmatriculationShapeOK(%q) = %v, want %v", tc.in, got, tc.shape)
		}
		if got := ImmatriculationCheckOK(tc.in); got != tc.check {
			t.Errorf("ImmatriculationCheckOK(%q) = %v, want %v", tc.in, got, tc.check)
		}
	}
	if immatKey(ImmatOccasional) == 9 {
		t.Error("999999999 should fail the plain formula (it is exempt, not valid)")
	}
}

func TestCIN(t *testing.T) {
	for _, tc := range []struct {
		in, norm string
		ok       bool
	}{
		{"A123456", "A123456", true},
		{"BK123456", "BK123456", true},
		{"bk 123456", "BK123456", true},
		{"  a1 ", "A1", true},
		{"Z9", "Z9", true},
		{"AB1", "AB1", true},
		{"\tBE\u00a0123\n", "BE123", true},
		{"", "", false},
		{"123456", "123456", false},
		{"ABC12345", "ABC12345", false},
		{"A1234567", "A1234567", false},   // 7 digits
		{"BK1234567", "BK1234567", false}, // 9 characters
		{"A12B34", "A12B34", false},
		{"AB", "AB", false},
		{"A-123", "A-123", false},
		{"é123", "É123", false},
	} {
		if got := NormalizeCIN(tc.in); got != tc.norm {
			t.Errorf("NormalizeCIN(%q) = %q, want %q", tc.in, got, tc.norm)
		}
		if got := ValidCIN(tc.in); got != tc.ok {
			t.Errorf("ValidCIN(%q) = %v, want %v", tc.in, got, tc.ok)
		}
	}
}

func TestICE(t *testing.T) {
	for _, tc := range []struct {
		in, norm, code string
		valid          bool
	}{
		// 1561191000065 mod 97 = 96: the example of the spec is invalid.
		{"001561191000065", "001561191000065", "", false},
		// 1561191000066 = 1561191000065 + 1 ≡ 96 + 1 ≡ 0 (mod 97).
		{"001561191000066", "001561191000066", "", true},
		{"1561191000066", "001561191000066", "", true},
		{"001 561 191 000 066", "001561191000066", "", true},
		{"97", "000000000000097", "", true},
		{"000000000000000", "000000000000000", "", false}, // divisible, but no company
		{"", "", CodeICEEmpty, false},
		{"   ", "", CodeICEEmpty, false},
		{"00156119100006A", "", CodeICESyntax, false},
		{"0015-6119", "", CodeICESyntax, false},
		{"1234567890123456", "", CodeICELength, false},
	} {
		got, err := NormalizeICE(tc.in)
		if got != tc.norm || i18n.Code(err) != tc.code {
			t.Errorf("NormalizeICE(%q) = %q, %v; want %q, code %q", tc.in, got, err, tc.norm, tc.code)
		}
		if tc.code != "" {
			var ue *i18n.Error
			if !errors.As(err, &ue) {
				t.Errorf("NormalizeICE(%q): error %T is not *i18n.Error", tc.in, err)
			}
		}
		if v := ValidICE(tc.in); v != tc.valid {
			t.Errorf("ValidICE(%q) = %v, want %v", tc.in, v, tc.valid)
		}
	}
}

const (
	testRIB  = "011519000001205000534921"
	testIBAN = "MA64011519000001205000534921"
)

func TestRIBAndIBAN(t *testing.T) {
	for _, tc := range []struct {
		in          string
		rib, iban   bool
		ribFromIBAN string
	}{
		// 011519000001205000534921 mod 97 = 0.
		{testRIB, true, false, ""},
		{"011 519 0000012050005349 21", true, false, ""},
		// RIB + 1: remainder 1.
		{"011519000001205000534922", false, false, ""},
		{"01151900000120500053492", false, false, ""},
		{"0115190000012050005349211", false, false, ""},
		{"01151900000120500053492A", false, false, ""},
		{"000000000000000000000000", false, false, ""},
		{"", false, false, ""},
		// IBAN: RIB·10⁶ + 2210·10² + 64 ≡ 0 + 34 + 64 = 98 ≡ 1 (mod 97)
		// (10⁶ ≡ 27, 221000 ≡ 34). With a valid RIB the check digits are always 64.
		{testIBAN, false, true, testRIB},
		{"ma64 0115 1900 0001 2050 0053 4921", false, true, testRIB},
		{"MA65011519000001205000534921", false, false, ""},
		{"FR64011519000001205000534921", false, false, ""},
		{"MA6401151900000120500053492", false, false, ""},
		// ISO-valid but the RIB key is wrong: (RIB+1)·10⁶ ≡ 27, 27 + 34 + 37 = 98 ≡ 1.
		{"MA37011519000001205000534922", false, false, ""},
	} {
		if got := ValidRIB(tc.in); got != tc.rib {
			t.Errorf("ValidRIB(%q) = %v, want %v", tc.in, got, tc.rib)
		}
		if got := ValidIBAN(tc.in); got != tc.iban {
			t.Errorf("ValidIBAN(%q) = %v, want %v", tc.in, got, tc.iban)
		}
		rib, ok := RIBFromIBAN(tc.in)
		if rib != tc.ribFromIBAN || ok != (tc.ribFromIBAN != "") {
			t.Errorf("RIBFromIBAN(%q) = %q, %v", tc.in, rib, ok)
		}
	}
	if mod97("221000") != 34 || mod97("1000000") != 27 {
		t.Error("mod97 arithmetic of the comments above")
	}
}

// The ISO remainder is 1 for the IBAN of every valid RIB when the check digits
// are 64, and for no other check digits.
func TestIBANCheckDigitsAre64(t *testing.T) {
	for _, rib := range []string{testRIB, "000000000000000000000097", "123456789012345678901234"} {
		if !ValidRIB(rib) {
			continue // only the first two are RIBs
		}
		for cc := 0; cc < 100; cc++ {
			d := string([]byte{byte('0' + cc/10), byte('0' + cc%10)})
			if got := ValidIBAN("MA" + d + rib); got != (cc == 64) {
				t.Errorf("ValidIBAN(MA%s+RIB) = %v", d, got)
			}
		}
	}
}

func TestValidIF(t *testing.T) {
	for in, want := range map[string]bool{
		"1234567": true, "12345678": true,
		"123456": false, "123456789": false, "12a4567": false, "": false, " 1234567": false,
	} {
		if got := ValidIF(in); got != want {
			t.Errorf("ValidIF(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestCheckFunctions(t *testing.T) {
	for _, tc := range []struct {
		name string
		fn   func(string) error
		in   string
		code string // "" = nil error
	}{
		{"affiliation", CheckAffiliation, "2703892", ""},
		{"affiliation", CheckAffiliation, "2703891", CodeAffiliationCheck},
		{"affiliation", CheckAffiliation, "270389", CodeAffiliationShape},
		{"affiliation", CheckAffiliation, "", CodeAffiliationShape},
		{"immatriculation", CheckImmatriculation, "123456785", ""},
		{"immatriculation", CheckImmatriculation, ImmatNotRegistered, ""},
		{"immatriculation", CheckImmatriculation, ImmatOccasional, ""},
		{"immatriculation", CheckImmatriculation, "123456784", CodeImmatCheck},
		{"immatriculation", CheckImmatriculation, "12345678", CodeImmatShape},
		{"immatriculation", CheckImmatriculation, "12345678O", CodeImmatShape},
		{"cin", CheckCIN, "BK123456", ""},
		{"cin", CheckCIN, " bk123456 ", ""},
		{"cin", CheckCIN, "  ", CodeCINEmpty},
		{"cin", CheckCIN, "BK1234567", CodeCINShape},
		{"ice", CheckICE, "001561191000066", ""},
		{"ice", CheckICE, "001561191000065", CodeICECheck},
		{"ice", CheckICE, "", CodeICEEmpty},
		{"ice", CheckICE, "ICE1234", CodeICESyntax},
		{"ice", CheckICE, "1234567890123456", CodeICELength},
		{"rib", CheckRIB, testRIB, ""},
		{"rib", CheckRIB, testIBAN, ""},
		{"rib", CheckRIB, "ma64 0115 1900 0001 2050 0053 4921", ""},
		{"rib", CheckRIB, "011519000001205000534922", CodeRIBCheck},
		{"rib", CheckRIB, "01151900000120500053492", CodeRIBLength},
		{"rib", CheckRIB, "", CodeRIBLength},
		{"rib", CheckRIB, "0115-1900", CodeRIBSyntax},
		{"rib", CheckRIB, "MA65011519000001205000534921", CodeIBANCheck},
		{"rib", CheckRIB, "MA37011519000001205000534922", CodeRIBCheck},
		{"rib", CheckRIB, "FR7630006000011234567890189", CodeIBANCountry},
		{"rib", CheckRIB, "MA64 0115", CodeIBANCountry},
	} {
		err := tc.fn(tc.in)
		if got := i18n.Code(err); got != tc.code || (err == nil) != (tc.code == "") {
			t.Errorf("Check %s(%q) = %v (code %q), want code %q", tc.name, tc.in, err, got, tc.code)
			continue
		}
		if err != nil {
			checkTrilingual(t, err)
		}
	}
}

// checkTrilingual asserts that err is an *i18n.Error whose message exists in
// the three languages, without an unfilled or mismatched verb.
func checkTrilingual(t *testing.T, err error) {
	t.Helper()
	var ue *i18n.Error
	if !errors.As(err, &ue) {
		t.Fatalf("%T is not an *i18n.Error", err)
	}
	if ue.Msg.FR == "" || ue.Msg.AR == "" || ue.Msg.EN == "" {
		t.Errorf("%s: missing translation %+v", ue.Code, ue.Msg)
	}
	for _, l := range i18n.Langs {
		if n := countVerbs(ue.Msg.In(l)); n != len(ue.Args) {
			t.Errorf("%s in %s: %d verbs for %d arguments", ue.Code, l, n, len(ue.Args))
		}
	}
}

// countVerbs counts the fmt verbs of a format string ("%%" is not one).
func countVerbs(format string) int {
	n := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			i++
			continue
		}
		n++
	}
	return n
}

// Errors about personal identifiers must not carry the value, so that a
// logged error leaks nothing (security rule: no personal data in logs).
func TestPersonalIdentifierErrorsDoNotLeakTheValue(t *testing.T) {
	for _, tc := range []struct {
		fn func(string) error
		in string
	}{
		{CheckImmatriculation, "123456784"},
		{CheckImmatriculation, "98765432"},
		{CheckCIN, "XYZ98765"},
		{CheckRIB, "011519000001205000534922"},
		{CheckRIB, "98765432109876543210"},
		{CheckRIB, "MA65011519000001205000534921"},
		{CheckRIB, "MA37011519000001205000534922"},
	} {
		err := tc.fn(tc.in)
		if err == nil {
			t.Fatalf("no error for test value #%d", len(tc.in))
		}
		for _, l := range i18n.Langs {
			m := i18n.Message(err, l)
			if strings.Contains(m, tc.in) || strings.Contains(m, tc.in[len(tc.in)-6:]) {
				t.Errorf("%s message in %s repeats the identifier", i18n.Code(err), l)
			}
		}
	}
}

func FuzzNormalizeICE(f *testing.F) {
	for _, s := range []string{"001561191000065", "1561191000066", "001 561 191 000 066", "", "97", "1234567890123456", "0015-6119", "١٢٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := NormalizeICE(s)
		if err != nil {
			if n != "" {
				t.Fatalf("non-empty result with an error")
			}
			checkTrilingual(t, err)
			if ValidICE(s) || CheckICE(s) == nil {
				t.Fatalf("ValidICE/CheckICE accept what NormalizeICE refuses")
			}
			return
		}
		if len(n) != 15 || !allDigits(n) {
			t.Fatalf("NormalizeICE result is not 15 digits: %q", n)
		}
		if again, err := NormalizeICE(n); err != nil || again != n {
			t.Fatalf("NormalizeICE not idempotent: %q → %q, %v", n, again, err)
		}
		if ValidICE(s) != (CheckICE(s) == nil) {
			t.Fatalf("ValidICE and CheckICE disagree on %q", s)
		}
	})
}

func FuzzCheckRIB(f *testing.F) {
	for _, s := range []string{testRIB, testIBAN, "ma64 0115 1900 0001 2050 0053 4921", "MA37011519000001205000534922", "", "MA", "FR76", "0115-1900", "011519000001205000534922"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := CheckRIB(s)
		if (err == nil) != (ValidRIB(s) || ValidIBAN(s)) {
			t.Fatalf("CheckRIB = %v but ValidRIB = %v, ValidIBAN = %v", err, ValidRIB(s), ValidIBAN(s))
		}
		if err != nil {
			checkTrilingual(t, err)
		}
		if rib, ok := RIBFromIBAN(s); ok != ValidIBAN(s) || ok && !ValidRIB(rib) {
			t.Fatalf("RIBFromIBAN inconsistent")
		}
	})
}

// TestNormalizeCINFastPath: NormalizeCIN returns its argument only when the
// full normalisation would give the same text, on random texts of ASCII
// letters of both cases, digits, white space, control and non-ASCII
// characters.
func TestNormalizeCINFastPath(t *testing.T) {
	pieces := []string{"A", "b", "Z", "z", "0", "9", " ", "\t", "\r", "\x01", "\x7f", "-", "é", "É", "\u00a0", "\u0085", "ǅ", "ı", "\xff", "\u2028"}
	r := rand.New(rand.NewPCG(3, 4))
	same := 0
	for range 200_000 {
		var b strings.Builder
		for range r.IntN(9) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		got, want := NormalizeCIN(s), normalizeCIN(s)
		if got != want {
			t.Fatalf("NormalizeCIN(%q) = %q, want %q", s, got, want)
		}
		if cinNormal(s) {
			same++
		}
	}
	if same < 1000 {
		t.Fatalf("the fast path took only %d texts", same)
	}
}

func FuzzCIN(f *testing.F) {
	for _, s := range []string{"A123456", "bk 123456", "", "BK1234567", "é123", "ǅ1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeCIN(s)
		if NormalizeCIN(n) != n {
			t.Fatalf("NormalizeCIN not idempotent")
		}
		if ValidCIN(s) {
			if len(n) > 8 || len(n) < 2 || strings.ContainsFunc(n, func(r rune) bool { return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') }) {
				t.Fatalf("ValidCIN accepted a malformed value")
			}
			if _, err := FileText(n); err != nil {
				t.Fatalf("a valid CIN is not file text")
			}
		}
		if ValidCIN(s) != (CheckCIN(s) == nil) {
			t.Fatalf("ValidCIN and CheckCIN disagree")
		}
	})
}
