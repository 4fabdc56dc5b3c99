package vault

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Passphrase length limits, in characters (Unicode code points after NFC).
const (
	MinPassphraseLen = 12
	MaxPassphraseLen = 1024
	// oneClassMinLen: a passphrase of one character class only (all lower
	// case letters, all digits…) is accepted from this length on.
	oneClassMinLen = 20
	// minResidual: characters that no weak pattern (common word, name,
	// city, sequence, repetition, year) explains; fewer is refused.
	minResidual = 8
)

// normPassphrase is the form fed to Argon2id: NFC, so that "é" typed as one
// code point (Windows, Linux) or as e + combining accent (macOS) is the same
// passphrase. Nothing else is changed (no trimming, no case folding).
func normPassphrase(p string) []byte { return []byte(norm.NFC.String(p)) }

// appNames may not appear in a passphrase: an attacker tries them first.
var appNames = []string{"tasrih", "cnss", "damancom", "تصريح"}

//go:embed common_passphrases.txt
var commonList string

// commonWords maps each listed word (lower case, letters only) to true;
// maxCommonLen is the longest one in runes.
var commonWords = sync.OnceValues(func() (map[string]bool, int) {
	m := make(map[string]bool)
	longest := 0
	for _, line := range strings.Split(commonList, "\n") {
		w := strings.TrimSpace(line)
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		w = foldLeet(norm.NFC.String(strings.ToLower(w)))
		if utf8.RuneCountInString(w) < 3 {
			continue
		}
		m[w] = true
		longest = max(longest, utf8.RuneCountInString(w))
	}
	return m, longest
})

// leet maps the usual letter substitutions back, for dictionary matching.
var leet = map[rune]rune{'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's', '€': 'e', '|': 'i', '!': 'i'}

// foldLeet undoes the usual substitutions, rune for rune.
func foldLeet(s string) string {
	return strings.Map(func(r rune) rune {
		if l, ok := leet[r]; ok {
			return l
		}
		return r
	}, s)
}

// keyboardRows: consecutive keys count as a sequence (AZERTY and QWERTY).
var keyboardRows = []string{"1234567890", "azertyuiop", "qsdfghjklm", "wxcvbn", "qwertyuiop", "asdfghjkl", "zxcvbnm"}

var keyboardNext = sync.OnceValue(func() map[[2]rune]bool {
	m := make(map[[2]rune]bool)
	for _, row := range keyboardRows {
		r := []rune(row)
		for i := 0; i+1 < len(r); i++ {
			m[[2]rune{r[i], r[i+1]}] = true
			m[[2]rune{r[i+1], r[i]}] = true
		}
	}
	return m
})

// CheckPassphrase tells whether p is strong enough to protect a vault, with
// a reason the user can act on (for live feedback in the UI as well as
// Create and ChangePassphrase). It returns nil or an *i18n.Error with field
// "passphrase", one of the CodePass… codes, wrapping ErrWeakPassphrase.
//
// Rules: at least 12 characters; not one character class only unless it has
// at least 20; no "tasrih", "cnss" or "damancom"; and at least 8 characters
// not explained by a weak pattern: words of an embedded list of common
// passwords, first names, Moroccan cities and clubs (also in "l33t" spelling),
// keyboard or alphabet sequences, repetitions and years.
func CheckPassphrase(p string) error {
	s := norm.NFC.String(p)
	n := utf8.RuneCountInString(s)
	switch {
	case n < MinPassphraseLen:
		return weak(CodePassTooShort, i18n.Text{
			FR: "phrase de passe trop courte : au moins %d caractères (une phrase de plusieurs mots se retient plus facilement)",
			AR: "عبارة المرور قصيرة جداً: %d حرفاً على الأقل (جملة من عدة كلمات أسهل للحفظ)",
			EN: "passphrase too short: at least %d characters (a sentence of several words is easier to remember)",
		}, MinPassphraseLen)
	case n > MaxPassphraseLen:
		return weak(CodePassTooLong, i18n.Text{
			FR: "phrase de passe trop longue : au plus %d caractères",
			AR: "عبارة المرور طويلة جداً: %d حرفاً على الأكثر",
			EN: "passphrase too long: at most %d characters",
		}, MaxPassphraseLen)
	}
	lower := []rune(strings.ToLower(s))
	folded := []rune(foldLeet(string(lower)))
	compact := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}
		return -1
	}, string(folded))
	for _, name := range appNames {
		if strings.Contains(compact, name) || strings.Contains(string(lower), name) {
			return weak(CodePassAppName, i18n.Text{
				FR: "la phrase de passe ne doit pas contenir le nom de l'application ou de l'organisme (tasrih, cnss, damancom) : c'est ce qu'un attaquant essaie en premier",
				AR: "يجب ألا تحتوي عبارة المرور على اسم التطبيق أو الهيئة (tasrih، cnss، damancom): هذا أول ما يجربه المهاجم",
				EN: "the passphrase must not contain the name of the application or the institution (tasrih, cnss, damancom): an attacker tries those first",
			})
		}
	}
	if n < oneClassMinLen && classes(lower, []rune(s)) == 1 {
		return weak(CodePassOneClass, i18n.Text{
			FR: "la phrase de passe n'utilise qu'un seul type de caractères : mélangez lettres, chiffres, espaces ou symboles, ou allongez-la jusqu'à %d caractères",
			AR: "تستعمل عبارة المرور نوعاً واحداً من الأحرف: امزج الحروف والأرقام والمسافات أو الرموز، أو أطلها إلى %d حرفاً",
			EN: "the passphrase uses one kind of character only: mix letters, digits, spaces or symbols, or make it %d characters long",
		}, oneClassMinLen)
	}
	residual, reason := explain(lower, folded)
	if residual >= minResidual {
		return nil
	}
	switch reason {
	case CodePassSequence:
		return weak(CodePassSequence, i18n.Text{
			FR: "la phrase de passe est surtout une suite (abcd, 1234, azerty…) : ajoutez des mots inattendus",
			AR: "عبارة المرور في معظمها تسلسل (abcd، 1234، azerty…): أضف كلمات غير متوقعة",
			EN: "the passphrase is mostly a sequence (abcd, 1234, qwerty…): add unexpected words",
		})
	case CodePassRepeated:
		return weak(CodePassRepeated, i18n.Text{
			FR: "la phrase de passe est surtout faite de répétitions : ajoutez des mots différents",
			AR: "عبارة المرور في معظمها تكرار: أضف كلمات مختلفة",
			EN: "the passphrase is mostly repetition: add different words",
		})
	}
	return weak(CodePassCommon, i18n.Text{
		FR: "la phrase de passe ressemble trop à un mot de passe courant, un prénom, une ville ou une date : ajoutez des mots inattendus",
		AR: "عبارة المرور تشبه كثيراً كلمة مرور شائعة أو اسماً أو مدينة أو تاريخاً: أضف كلمات غير متوقعة",
		EN: "the passphrase is too close to a common password, a first name, a city or a date: add unexpected words",
	})
}

func weak(code string, msg i18n.Text, args ...any) error {
	return i18n.Wrap(fmt.Errorf("%w (%s)", ErrWeakPassphrase, code), code, msg, args...).WithField("passphrase")
}

// classes counts the character classes of a passphrase: lower case, upper
// case, caseless letters (Arabic…), digits, spaces, others.
func classes(lower, orig []rune) int {
	var seen [6]bool
	for _, r := range orig {
		switch {
		case unicode.IsUpper(r):
			seen[0] = true
		case unicode.IsLower(r):
			seen[1] = true
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			seen[2] = true
		case unicode.IsDigit(r):
			seen[3] = true
		case unicode.IsSpace(r):
			seen[4] = true
		default:
			seen[5] = true
		}
	}
	n := 0
	for _, ok := range seen {
		if ok {
			n++
		}
	}
	return n
}

// explain marks the characters a weak pattern accounts for and returns how
// many non-space characters are left, with the pattern that explained most.
func explain(lower, folded []rune) (residual int, reason string) {
	n := len(lower)
	covered := make([]string, n) // "" or the code of the pattern
	mark := func(i, j int, code string) {
		for k := i; k < j; k++ {
			if covered[k] == "" {
				covered[k] = code
			}
		}
	}
	// Runs of one character.
	for i := 0; i < n; {
		j := i + 1
		for j < n && lower[j] == lower[i] {
			j++
		}
		if j-i >= 3 {
			mark(i, j, CodePassRepeated)
		}
		i = j
	}
	// Alphabet, digit and keyboard sequences (either direction), 3 or more.
	next := keyboardNext()
	seq := func(a, b rune) bool {
		if d := b - a; (d == 1 || d == -1) && (unicode.IsLetter(a) || unicode.IsDigit(a)) {
			return true
		}
		return next[[2]rune{a, b}]
	}
	for i := 0; i < n; {
		j := i + 1
		for j < n && seq(lower[j-1], lower[j]) {
			j++
		}
		if j-i >= 3 {
			mark(i, j, CodePassSequence)
		}
		i = j
	}
	// Years 1900–2099.
	for i := 0; i+4 <= n; i++ {
		y := string(lower[i : i+4])
		if (strings.HasPrefix(y, "19") || strings.HasPrefix(y, "20")) && isDigits(y) &&
			(i == 0 || !unicode.IsDigit(lower[i-1])) && (i+4 == n || !unicode.IsDigit(lower[i+4])) {
			mark(i, i+4, CodePassCommon)
		}
	}
	// Dictionary words, longest match first at each position.
	words, longest := commonWords()
	for i := 0; i < n; i++ {
		for l := min(longest, n-i); l >= 3; l-- {
			if words[string(folded[i:i+l])] {
				mark(i, i+l, CodePassCommon)
				break
			}
		}
	}
	// A chunk of 3 or more characters seen earlier (bounded: quadratic).
	if n <= 256 {
		for i := 1; i < n; {
			best := 0
			for j := 0; j < i; j++ {
				l := 0
				for i+l < n && lower[j+l] == lower[i+l] {
					l++
				}
				best = max(best, l)
			}
			if best >= 3 {
				mark(i, i+best, CodePassRepeated)
				i += best
			} else {
				i++
			}
		}
	}
	count := map[string]int{}
	for i, c := range covered {
		switch {
		case c != "":
			count[c]++
		case !unicode.IsSpace(lower[i]):
			residual++
		}
	}
	reason = CodePassCommon
	for _, c := range []string{CodePassSequence, CodePassRepeated} {
		if count[c] > count[reason] {
			reason = c
		}
	}
	return residual, reason
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
