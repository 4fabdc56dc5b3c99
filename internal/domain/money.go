package domain

import (
	"math"
	"strconv"
	"strings"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Money is an amount in centimes of dirham (MAD). Never a float.
type Money int64

// MAD returns whole dirhams as Money.
func MAD(dirhams int64) Money { return Money(dirhams * 100) }

var (
	msgMoneyEmpty = i18n.Text{
		FR: "montant vide",
		AR: "المبلغ فارغ",
		EN: "empty amount",
	}
	msgMoneySyntax = i18n.Text{
		FR: "montant invalide « %s » : écrivez un nombre comme 8000, 8000,50 ou 8 000,50",
		AR: "مبلغ غير صالح « %s »: اكتب رقماً مثل 8000 أو 8000,50 أو 8 000,50",
		EN: "invalid amount %q: write a number such as 8000, 8000.50 or 8 000,50",
	}
	msgMoneyDecimals = i18n.Text{
		FR: "montant « %s » : au plus deux décimales (centimes)",
		AR: "المبلغ « %s »: رقمان عشريان على الأكثر (سنتيمات)",
		EN: "amount %q: at most two decimals (centimes)",
	}
	msgMoneyNegative = i18n.Text{
		FR: "montant « %s » négatif : un salaire ne peut pas être négatif",
		AR: "المبلغ « %s » سالب: لا يمكن أن يكون الأجر سالباً",
		EN: "amount %q is negative: a salary cannot be negative",
	}
	msgMoneyTooLarge = i18n.Text{
		FR: "montant « %s » trop grand",
		AR: "المبلغ « %s » كبير جداً",
		EN: "amount %q is too large",
	}
)

// Error codes of ParseMoney.
const (
	CodeMoneyEmpty    = "money.empty"
	CodeMoneySyntax   = "money.syntax"
	CodeMoneyDecimals = "money.decimals"
	CodeMoneyNegative = "money.negative"
	CodeMoneyTooLarge = "money.too_large"
)

// ParseMoney parses user text into centimes: "8000", "8000.5", "8000,50",
// "8 000,50", "8.000,50", "8,000.50", "1.234.567", with an optional "MAD"/"DH"
// suffix. Spaces (including no-break spaces) group thousands. When both '.'
// and ',' occur, the last one is the decimal mark; a separator repeated in a
// group pattern groups thousands; a lone separator is the decimal mark, so
// the ambiguous "8.000" is refused (three decimals) instead of guessed.
// At most two decimals; negative amounts are refused.
func ParseMoney(s string) (Money, error) {
	if m, ok := parsePlainMoney(s); ok {
		return m, nil
	}
	return parseMoney(s)
}

// parsePlainMoney reads the usual payroll amount, 1 to 16 digits optionally
// followed by '.' or ',' and 1 or 2 decimals ("600000", "8000,5", "3291.07"),
// without allocating; ok is false for anything else, which parseMoney reads
// (TestParsePlainMoneyAgrees: both give the same amount).
func parsePlainMoney(s string) (Money, bool) {
	var whole, cents int64
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		whole = whole*10 + int64(s[i]-'0')
		i++
	}
	if i == 0 || i > 16 {
		return 0, false
	}
	if i < len(s) {
		if s[i] != '.' && s[i] != ',' {
			return 0, false
		}
		frac := s[i+1:]
		if len(frac) < 1 || len(frac) > 2 {
			return 0, false
		}
		for j := 0; j < 2; j++ {
			cents *= 10
			if j < len(frac) {
				c := frac[j]
				if c < '0' || c > '9' {
					return 0, false
				}
				cents += int64(c - '0')
			}
		}
	}
	return Money(whole*100 + cents), true
}

// parseMoney is ParseMoney for every form of amount.
func parseMoney(s string) (Money, error) {
	orig := s
	s = strings.TrimSpace(s)
	for _, suf := range []string{"MAD", "mad", "DH", "dh", "Dh", "DHS", "dhs"} {
		if t, ok := strings.CutSuffix(s, suf); ok {
			s = strings.TrimSpace(t)
			break
		}
	}
	if s == "" {
		return 0, i18n.New(CodeMoneyEmpty, msgMoneyEmpty)
	}
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		s = strings.TrimSpace(s[1:])
	}
	// Drop grouping spaces: ASCII space, NBSP, narrow NBSP, thin space, apostrophe.
	if strings.ContainsAny(s, " \u00a0\u202f\u2009'") {
		var b strings.Builder
		for _, r := range s {
			switch r {
			case ' ', '\u00a0', '\u202f', '\u2009', '\'':
				continue
			}
			b.WriteRune(r)
		}
		s = b.String()
	}
	intPart, frac, err := splitDecimal(s)
	if err != nil || intPart == "" && frac == "" {
		return 0, i18n.New(CodeMoneySyntax, msgMoneySyntax, orig)
	}
	for _, c := range intPart + frac {
		if c < '0' || c > '9' {
			return 0, i18n.New(CodeMoneySyntax, msgMoneySyntax, orig)
		}
	}
	if len(frac) > 2 {
		return 0, i18n.New(CodeMoneyDecimals, msgMoneyDecimals, orig)
	}
	if neg && strings.Trim(intPart+frac, "0") != "" {
		return 0, i18n.New(CodeMoneyNegative, msgMoneyNegative, orig)
	}
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > 16 {
		return 0, i18n.New(CodeMoneyTooLarge, msgMoneyTooLarge, orig)
	}
	var whole int64
	if intPart != "" {
		whole, err = strconv.ParseInt(intPart, 10, 64)
		if err != nil {
			return 0, i18n.New(CodeMoneyTooLarge, msgMoneyTooLarge, orig)
		}
	}
	for len(frac) < 2 {
		frac += "0"
	}
	cents, _ := strconv.ParseInt(frac, 10, 64)
	if whole > (math.MaxInt64-cents)/100 {
		return 0, i18n.New(CodeMoneyTooLarge, msgMoneyTooLarge, orig)
	}
	return Money(whole*100 + cents), nil
}

// splitDecimal splits s (no spaces) into integer digits and decimal digits,
// removing thousands separators.
func splitDecimal(s string) (string, string, error) {
	lastDot, lastComma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	switch {
	case lastDot < 0 && lastComma < 0:
		return s, "", nil
	case lastDot >= 0 && lastComma >= 0:
		dec, grp := byte('.'), ","
		if lastComma > lastDot {
			dec, grp = ',', "."
		}
		i := strings.LastIndexByte(s, dec)
		ip := s[:i]
		if strings.Contains(s[i+1:], grp) || strings.IndexByte(ip, dec) >= 0 || !groupedOK(ip, grp[0]) {
			return "", "", errSyntax
		}
		return strings.ReplaceAll(ip, grp, ""), s[i+1:], nil
	default:
		sep := byte('.')
		if lastComma >= 0 {
			sep = ','
		}
		if strings.Count(s, string(sep)) > 1 {
			// "1.234.567" or "1,234,567": grouping only.
			if !groupedOK(s, sep) {
				return "", "", errSyntax
			}
			return strings.ReplaceAll(s, string(sep), ""), "", nil
		}
		// A lone separator is the decimal mark: "8,500" is refused (three
		// decimals) rather than guessed, since it means 8,5 to a French
		// reader and 8 500 to an English one.
		i := strings.IndexByte(s, sep)
		return s[:i], s[i+1:], nil
	}
}

type syntaxError struct{}

func (syntaxError) Error() string { return "syntax" }

var errSyntax error = syntaxError{}

// groupedOK reports whether s, split on sep, is a valid thousands grouping
// (first group 1–3 digits, the others exactly 3). A string without sep is fine.
func groupedOK(s string, sep byte) bool {
	parts := strings.Split(s, string(sep))
	if len(parts) == 1 {
		return true
	}
	if len(parts[0]) < 1 || len(parts[0]) > 3 {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return false
		}
	}
	return true
}

// String formats m in French: "1 234,56" (space-grouped thousands, comma decimal).
func (m Money) String() string {
	var buf [32]byte
	i := len(buf)
	neg := m < 0
	u := uint64(m)
	if neg {
		u = uint64(-m)
	}
	cents := u % 100
	u /= 100
	buf[i-1] = byte('0' + cents%10)
	buf[i-2] = byte('0' + cents/10)
	buf[i-3] = ','
	i -= 3
	n := 0
	for {
		if n > 0 && n%3 == 0 {
			i--
			buf[i] = ' '
		}
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
		n++
		if u == 0 {
			break
		}
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

// FormatMAD formats m as "1 234,56 MAD".
func (m Money) FormatMAD() string { return m.String() + " MAD" }

// Centimes returns m as a plain integer number of centimes.
func (m Money) Centimes() int64 { return int64(m) }

// MulRate returns m × rate, where rate is in hundredths of a percent
// (basis points × 1: 898 = 8.98 %), rounded half up to the centime.
// Amounts are never negative in this domain; a negative m rounds half away from zero.
func (m Money) MulRate(bp int64) Money {
	p := int64(m) * bp
	if p >= 0 {
		return Money((p + 5000) / 10000)
	}
	return Money((p - 5000) / 10000)
}
