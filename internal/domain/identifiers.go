package domain

import (
	"strings"
	"unicode"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Identifier checks of parameters.md §5. The Valid*/…OK functions are pure
// predicates; the Check* functions return a precise *i18n.Error (nil when the
// value is fine) for forms and importers.
//
// Messages about personal identifiers (immatriculation, CIN, RIB/IBAN) never
// repeat the value itself, so that an error that ends up in a log leaks
// nothing; they describe what is wrong (length, character class, key).

// Special immatriculation numbers (cnss-edi.md §3, B04).
const (
	// ImmatNotRegistered is written for an entrant who has no immatriculation yet
	// (the CIN is then required).
	ImmatNotRegistered = "000000000"
	// ImmatOccasional is the immatriculation of occasional labour.
	ImmatOccasional = "999999999"
)

// Error codes of the Check* functions. The *.check codes are about a check digit
// or key whose algorithm is not confirmed on real data for affiliation and
// immatriculation: callers treat CodeAffiliationCheck and CodeImmatCheck as
// warnings, every other code as an error.
const (
	CodeAffiliationShape = "id.affiliation.shape"
	CodeAffiliationCheck = "id.affiliation.check"
	CodeImmatShape       = "id.immatriculation.shape"
	CodeImmatCheck       = "id.immatriculation.check"
	CodeCINEmpty         = "id.cin.empty"
	CodeCINShape         = "id.cin.shape"
	CodeICEEmpty         = "id.ice.empty"
	CodeICESyntax        = "id.ice.syntax"
	CodeICELength        = "id.ice.length"
	CodeICECheck         = "id.ice.check"
	CodeRIBSyntax        = "id.rib.syntax"
	CodeRIBLength        = "id.rib.length"
	CodeRIBCheck         = "id.rib.check"
	CodeIBANCountry      = "id.iban.country"
	CodeIBANCheck        = "id.iban.check"
)

var (
	msgAffiliationShape = i18n.Text{
		FR: "numéro d'affiliation CNSS « %s » invalide : il faut exactement 7 chiffres",
		AR: "رقم الانخراط في الصندوق « %s » غير صالح: يجب أن يتكون من 7 أرقام بالضبط",
		EN: "invalid CNSS affiliation number %q: exactly 7 digits are required",
	}
	msgAffiliationCheck = i18n.Text{
		FR: "numéro d'affiliation CNSS « %s » : le chiffre de contrôle ne correspond pas (attendu %d) ; vérifiez le numéro",
		AR: "رقم الانخراط في الصندوق « %s »: رقم المراقبة غير مطابق (المتوقع %d)؛ تحقق من الرقم",
		EN: "CNSS affiliation number %q: the check digit does not match (expected %d); please check the number",
	}
	msgImmatShape = i18n.Text{
		FR: "numéro d'immatriculation CNSS invalide : il faut exactement 9 chiffres (%d caractère(s) saisi(s))",
		AR: "رقم التسجيل في الصندوق غير صالح: يجب أن يتكون من 9 أرقام بالضبط (تم إدخال %d حرف)",
		EN: "invalid CNSS immatriculation number: exactly 9 digits are required (%d character(s) entered)",
	}
	msgImmatCheck = i18n.Text{
		FR: "numéro d'immatriculation CNSS : le chiffre de contrôle ne correspond pas ; vérifiez le numéro sur la carte CNSS du salarié",
		AR: "رقم التسجيل في الصندوق: رقم المراقبة غير مطابق؛ تحقق من الرقم في بطاقة الأجير",
		EN: "CNSS immatriculation number: the check digit does not match; check the number on the employee's CNSS card",
	}
	msgCINEmpty = i18n.Text{
		FR: "numéro de CIN vide",
		AR: "رقم البطاقة الوطنية فارغ",
		EN: "empty national ID (CIN) number",
	}
	msgCINShape = i18n.Text{
		FR: "numéro de CIN invalide : attendu 1 ou 2 lettres suivies de 1 à 6 chiffres (par exemple A123456 ou BK123456)",
		AR: "رقم البطاقة الوطنية غير صالح: المتوقع حرف أو حرفان متبوعان بـ 1 إلى 6 أرقام (مثلاً A123456 أو BK123456)",
		EN: "invalid national ID (CIN) number: expected 1 or 2 letters followed by 1 to 6 digits (e.g. A123456 or BK123456)",
	}
	msgICEEmpty = i18n.Text{
		FR: "ICE vide",
		AR: "المعرف الموحد للمقاولة فارغ",
		EN: "empty ICE",
	}
	msgICESyntax = i18n.Text{
		FR: "ICE « %s » invalide : seuls des chiffres sont acceptés",
		AR: "المعرف الموحد للمقاولة « %s » غير صالح: تقبل الأرقام فقط",
		EN: "invalid ICE %q: only digits are accepted",
	}
	msgICELength = i18n.Text{
		FR: "ICE « %s » invalide : 15 chiffres au plus (%d saisis)",
		AR: "المعرف الموحد للمقاولة « %s » غير صالح: 15 رقماً على الأكثر (تم إدخال %d)",
		EN: "invalid ICE %q: at most 15 digits (%d entered)",
	}
	msgICECheck = i18n.Text{
		FR: "ICE « %s » invalide : la clé de contrôle (2 derniers chiffres) ne correspond pas",
		AR: "المعرف الموحد للمقاولة « %s » غير صالح: مفتاح المراقبة (الرقمان الأخيران) غير مطابق",
		EN: "invalid ICE %q: the check key (last 2 digits) does not match",
	}
	msgRIBSyntax = i18n.Text{
		FR: "RIB invalide : seuls des chiffres (et des espaces) sont acceptés",
		AR: "رقم الحساب البنكي غير صالح: تقبل الأرقام (والمسافات) فقط",
		EN: "invalid RIB: only digits (and spaces) are accepted",
	}
	msgRIBLength = i18n.Text{
		FR: "RIB invalide : il faut 24 chiffres (%d saisis)",
		AR: "رقم الحساب البنكي غير صالح: يجب أن يتكون من 24 رقماً (تم إدخال %d)",
		EN: "invalid RIB: 24 digits are required (%d entered)",
	}
	msgRIBCheck = i18n.Text{
		FR: "RIB invalide : la clé RIB (2 derniers chiffres) ne correspond pas ; vérifiez le numéro",
		AR: "رقم الحساب البنكي غير صالح: مفتاح الحساب (الرقمان الأخيران) غير مطابق؛ تحقق من الرقم",
		EN: "invalid RIB: the RIB key (last 2 digits) does not match; please check the number",
	}
	msgIBANCountry = i18n.Text{
		FR: "IBAN invalide : seul un IBAN marocain (MA suivi de 26 chiffres) est accepté",
		AR: "رقم IBAN غير صالح: يقبل فقط رقم IBAN مغربي (MA متبوعاً بـ 26 رقماً)",
		EN: "invalid IBAN: only a Moroccan IBAN (MA followed by 26 digits) is accepted",
	}
	msgIBANCheck = i18n.Text{
		FR: "IBAN invalide : les chiffres de contrôle ne correspondent pas ; vérifiez le numéro",
		AR: "رقم IBAN غير صالح: أرقام المراقبة غير مطابقة؛ تحقق من الرقم",
		EN: "invalid IBAN: the check digits do not match; please check the number",
	}
)

// allDigits reports whether s is non-empty and made only of ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// AffiliationShapeOK reports whether s is exactly 7 ASCII digits.
func AffiliationShapeOK(s string) bool { return len(s) == 7 && allDigits(s) }

// affiliationKey computes C7 from C1…C6 (parameters.md §5): doubled digits are
// not digit-summed (this is not Luhn).
func affiliationKey(s string) int {
	d := func(i int) int { return int(s[i-1] - '0') } // 1-based, as in the spec
	sum := 2*(d(2)+d(4)+d(6)) + d(1) + d(3) + d(5)
	return (10 - sum%10) % 10
}

// AffiliationCheckOK reports whether the 7th digit of s is the check digit
// C7 = (10 − (2·(C2+C4+C6) + C1+C3+C5) mod 10) mod 10. It is false when the
// shape is wrong.
func AffiliationCheckOK(s string) bool {
	return AffiliationShapeOK(s) && int(s[6]-'0') == affiliationKey(s)
}

// ImmatriculationShapeOK reports whether s is exactly 9 ASCII digits.
func ImmatriculationShapeOK(s string) bool { return len(s) == 9 && allDigits(s) }

func immatKey(s string) int {
	d := func(i int) int { return int(s[i-1] - '0') }
	sum := 2*(d(2)+d(4)+d(6)+d(8)) + d(3) + d(5) + d(7)
	return (10 - sum%10) % 10
}

// ImmatriculationCheckOK reports whether the 9th digit of s is the check digit
// C9 = (10 − (2·(C2+C4+C6+C8) + C3+C5+C7) mod 10) mod 10 (C1 unused). The
// special values ImmatNotRegistered and ImmatOccasional are exempt (true).
// It is false when the shape is wrong.
func ImmatriculationCheckOK(s string) bool {
	if !ImmatriculationShapeOK(s) {
		return false
	}
	if s == ImmatNotRegistered || s == ImmatOccasional {
		return true
	}
	return int(s[8]-'0') == immatKey(s)
}

// NormalizeCIN trims s, upper-cases it and drops inner white space.
func NormalizeCIN(s string) string {
	if cinNormal(s) {
		return s // nothing to change: no copy
	}
	return normalizeCIN(s)
}

// normalizeCIN is NormalizeCIN for any text (TestNormalizeCINFastPath).
func normalizeCIN(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// cinNormal reports whether NormalizeCIN(s) is s: s is printable ASCII
// without white space or lower-case letters (white space, ASCII or not,
// is a byte ≤ ' ' or ≥ 0x80; unicode.ToUpper changes only a–z in ASCII).
func cinNormal(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x80 || 'a' <= c && c <= 'z' {
			return false
		}
	}
	return true
}

// ValidCIN reports whether NormalizeCIN(s) is 1–2 ASCII letters followed by
// 1–6 ASCII digits (hence at most 8 characters).
func ValidCIN(s string) bool {
	c := NormalizeCIN(s)
	if len(c) > 8 {
		return false
	}
	i := 0
	for i < len(c) && c[i] >= 'A' && c[i] <= 'Z' {
		i++
	}
	if i < 1 || i > 2 {
		return false
	}
	n := len(c) - i
	return n >= 1 && n <= 6 && allDigits(c[i:])
}

// stripSpaces removes every Unicode white-space rune from s.
func stripSpaces(s string) string {
	if strings.IndexFunc(s, unicode.IsSpace) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// mod97 returns the decimal number written in digits (ASCII digits only) modulo
// 97, processed in chunks so that any length works without big integers.
func mod97(digits string) int {
	r := 0
	for i := 0; i < len(digits); i++ {
		r = (r*10 + int(digits[i]-'0')) % 97
	}
	return r
}

// NormalizeICE drops white space from s and left-pads it with zeros to 15
// digits. It fails (*i18n.Error) when s is empty, holds a non-digit or has more
// than 15 digits. It does not check the key: see ValidICE.
func NormalizeICE(s string) (string, error) {
	c := stripSpaces(s)
	if c == "" {
		return "", i18n.New(CodeICEEmpty, msgICEEmpty)
	}
	if !allDigits(c) {
		return "", i18n.New(CodeICESyntax, msgICESyntax, strings.TrimSpace(s))
	}
	if len(c) > 15 {
		return "", i18n.New(CodeICELength, msgICELength, c, len(c))
	}
	return strings.Repeat("0", 15-len(c)) + c, nil
}

// ValidICE reports whether s normalises (NormalizeICE) to 15 digits whose
// whole number is divisible by 97. All zeros is refused: it is no company.
func ValidICE(s string) bool {
	c, err := NormalizeICE(s)
	return err == nil && mod97(c) == 0 && strings.Trim(c, "0") != ""
}

// ValidRIB reports whether s (white space allowed) is 24 digits whose whole
// number is divisible by 97. All zeros is refused.
func ValidRIB(s string) bool {
	c := stripSpaces(s)
	return len(c) == 24 && allDigits(c) && mod97(c) == 0 && strings.Trim(c, "0") != ""
}

// ibanParts splits a white-space-free, upper-cased IBAN into its check digits
// and its RIB when it has the Moroccan shape "MA" + 2 digits + 24 digits.
func ibanParts(s string) (check, rib string, ok bool) {
	c := strings.ToUpper(stripSpaces(s))
	if len(c) != 28 || c[:2] != "MA" || !allDigits(c[2:]) {
		return "", "", false
	}
	return c[2:4], c[4:], true
}

// ibanMod97 is the ISO 13616 remainder of a Moroccan IBAN: the RIB, then the
// country code with letters as numbers (M = 22, A = 10), then the check digits.
func ibanMod97(check, rib string) int { return mod97(rib + "2210" + check) }

// ValidIBAN reports whether s (white space allowed, any case) is a Moroccan
// IBAN: "MA", 2 check digits and a RIB, with the ISO 13616 remainder 1 and a
// valid RIB. (With a valid RIB the check digits are always 64.)
func ValidIBAN(s string) bool {
	check, rib, ok := ibanParts(s)
	return ok && ibanMod97(check, rib) == 1 && ValidRIB(rib)
}

// RIBFromIBAN returns the 24-digit RIB inside a valid Moroccan IBAN.
func RIBFromIBAN(iban string) (string, bool) {
	if !ValidIBAN(iban) {
		return "", false
	}
	_, rib, _ := ibanParts(iban)
	return rib, true
}

// ValidIF reports whether s is a tax identifier (identifiant fiscal): 7 or 8
// ASCII digits.
func ValidIF(s string) bool { return (len(s) == 7 || len(s) == 8) && allDigits(s) }

// CheckAffiliation returns nil when s is a 7-digit affiliation number with a
// correct check digit, a CodeAffiliationShape error when it is not 7 digits, and
// a CodeAffiliationCheck error (a warning for callers) when only the check
// digit is wrong.
func CheckAffiliation(s string) error {
	if !AffiliationShapeOK(s) {
		return i18n.New(CodeAffiliationShape, msgAffiliationShape, s)
	}
	if !AffiliationCheckOK(s) {
		return i18n.New(CodeAffiliationCheck, msgAffiliationCheck, s, affiliationKey(s))
	}
	return nil
}

// CheckImmatriculation returns nil when s is a 9-digit immatriculation with a
// correct check digit (or one of the exempt special values), a CodeImmatShape
// error when it is not 9 digits and a CodeImmatCheck error (a warning for
// callers) when only the check digit is wrong.
func CheckImmatriculation(s string) error {
	if !ImmatriculationShapeOK(s) {
		return i18n.New(CodeImmatShape, msgImmatShape, len([]rune(s)))
	}
	if !ImmatriculationCheckOK(s) {
		return i18n.New(CodeImmatCheck, msgImmatCheck)
	}
	return nil
}

// CheckCIN returns nil when s is a valid CIN (see ValidCIN), a CodeCINEmpty
// error when it is blank and a CodeCINShape error otherwise.
func CheckCIN(s string) error {
	if NormalizeCIN(s) == "" {
		return i18n.New(CodeCINEmpty, msgCINEmpty)
	}
	if !ValidCIN(s) {
		return i18n.New(CodeCINShape, msgCINShape)
	}
	return nil
}

// CheckICE returns nil when s is a valid ICE (see ValidICE), otherwise the
// error of NormalizeICE or a CodeICECheck error.
func CheckICE(s string) error {
	c, err := NormalizeICE(s)
	if err != nil {
		return err
	}
	if !ValidICE(c) {
		return i18n.New(CodeICECheck, msgICECheck, c)
	}
	return nil
}

// CheckRIB accepts a 24-digit RIB or a Moroccan IBAN (anything starting with
// letters is read as an IBAN) and returns nil when it is valid, otherwise a
// precise error: CodeRIBSyntax, CodeRIBLength, CodeRIBCheck, CodeIBANCountry or
// CodeIBANCheck.
func CheckRIB(s string) error {
	c := strings.ToUpper(stripSpaces(s))
	if c != "" && c[0] >= 'A' && c[0] <= 'Z' {
		check, rib, ok := ibanParts(c)
		if !ok {
			return i18n.New(CodeIBANCountry, msgIBANCountry)
		}
		if !ValidRIB(rib) {
			return i18n.New(CodeRIBCheck, msgRIBCheck)
		}
		if ibanMod97(check, rib) != 1 {
			return i18n.New(CodeIBANCheck, msgIBANCheck)
		}
		return nil
	}
	if c != "" && !allDigits(c) {
		return i18n.New(CodeRIBSyntax, msgRIBSyntax)
	}
	if len(c) != 24 {
		return i18n.New(CodeRIBLength, msgRIBLength, len(c))
	}
	if !ValidRIB(c) {
		return i18n.New(CodeRIBCheck, msgRIBCheck)
	}
	return nil
}
