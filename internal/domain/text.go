package domain

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/tasrih/tasrih/internal/i18n"
)

// CodeTextCharset is the code of the FileText error: a character that cannot be
// written in a CNSS file even after upper-casing and accent stripping.
const CodeTextCharset = "text.charset"

var msgTextCharset = i18n.Text{
	FR: "caractère « %s » (%s) non autorisé dans un fichier CNSS : seuls les lettres latines A à Z, les chiffres 0 à 9 et l'espace sont acceptés (écrivez les noms en lettres latines, comme sur la CIN)",
	AR: "الحرف « %s » (%s) غير مقبول في ملف الصندوق: تقبل فقط الحروف اللاتينية من A إلى Z والأرقام من 0 إلى 9 والمسافة (اكتب الأسماء بالحروف اللاتينية كما في البطاقة الوطنية)",
	EN: "character « %s » (%s) is not allowed in a CNSS file: only the Latin letters A to Z, the digits 0 to 9 and the space are accepted (write names in Latin letters, as on the national ID card)",
}

// CharsetError is the cause wrapped in a CodeTextCharset error: the first
// character of the input that has no representation in the CNSS charset.
type CharsetError struct {
	Rune rune
}

var _ error = (*CharsetError)(nil)

// Error describes the character (no surrounding text, so no personal data).
func (e *CharsetError) Error() string {
	return fmt.Sprintf("character %U outside the CNSS file charset", e.Rune)
}

// ligatures are the letters that Unicode does not decompose but that French
// writes as two letters. Everything else goes through NFD.
var ligatures = map[rune]string{
	'Œ': "OE", 'œ': "OE", 'Æ': "AE", 'æ': "AE", 'ß': "SS",
}

// isSeparator reports whether r becomes a space in a CNSS text: white space,
// the punctuation of names (- ' . , _ and typographic apostrophes) and every
// Unicode dash (a name typed in a word processor often carries U+2010 or U+2013).
func isSeparator(r rune) bool {
	switch r {
	case ' ', '-', '\'', '.', ',', '_', '’', '‘', 'ʼ', '`', '´':
		return true
	}
	return unicode.IsSpace(r) || unicode.Is(unicode.Pd, r)
}

// FileText turns user text (a name, a CIN…) into the CNSS file charset
// (cnss-edi.md §2): upper-case, accents stripped (Unicode NFD, combining marks
// dropped: É→E, Ç→C; Œ→OE, Æ→AE, ß→SS), the separators - ' . , _ ’ (and white
// space, dashes) turned into spaces, runs of spaces collapsed, ends trimmed.
// A character still outside A–Z, 0–9 and space (Arabic letters, Ø, @, /…)
// yields a CodeTextCharset *i18n.Error naming it, wrapping a *CharsetError.
// The result contains only bytes for which FileCharOK is true, and never a TAB.
func FileText(s string) (string, error) {
	if isFileText(s) {
		return s, nil // already normalised: no allocation
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false // a separator is pending
	emit := func(c byte) {
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(c)
	}
	// one handles a rune after decomposition; it reports false when the rune
	// has no place in the file.
	one := func(r rune) bool {
		switch {
		case r >= 'a' && r <= 'z':
			emit(byte(r - 'a' + 'A'))
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			emit(byte(r))
		case isSeparator(r):
			space = true
		case unicode.Is(unicode.Mn, r):
			// combining mark (accent, cedilla…): dropped
		default:
			u := unicode.ToUpper(r) // ı → I, ſ → S
			if u < utf8.RuneSelf && (u >= 'A' && u <= 'Z') {
				emit(byte(u))
				return true
			}
			return false
		}
		return true
	}
	var src [utf8.UTFMax]byte
	var decBuf [4 * utf8.UTFMax]byte
	dec := decBuf[:0]
	for _, r := range s {
		if r < utf8.RuneSelf {
			if !one(r) {
				return "", charsetError(r)
			}
			continue
		}
		if lig, ok := ligatures[r]; ok {
			for i := 0; i < len(lig); i++ {
				emit(lig[i])
			}
			continue
		}
		// Canonical decomposition of this rune alone: NFD of a string is the
		// concatenation of its runes' decompositions up to the reordering of
		// combining marks, which are dropped anyway.
		n := utf8.EncodeRune(src[:], r)
		dec = norm.NFD.Append(dec[:0], src[:n]...)
		for _, d := range string(dec) {
			if !one(d) {
				return "", charsetError(r)
			}
		}
	}
	return b.String(), nil
}

// isFileText reports whether s is already a FileText result: A–Z, 0–9 and
// single inner spaces only.
func isFileText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == ' ' && i > 0 && i < len(s)-1 && s[i-1] != ' ':
		default:
			return false
		}
	}
	return true
}

func charsetError(r rune) error {
	code := fmt.Sprintf("%U", r)
	show := string(r)
	if r == utf8.RuneError || !unicode.IsGraphic(r) || unicode.Is(unicode.Mn, r) {
		show = code
	}
	return i18n.Wrap(&CharsetError{Rune: r}, CodeTextCharset, msgTextCharset, show, code)
}

// FileCharOK reports whether c is one of the 38 bytes allowed in an
// alphanumeric field of a CNSS file: A–Z, 0–9, space and TAB.
func FileCharOK(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || c == '\t'
}
