package importer

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// headerKey normalises a column header for matching: lower case, accents
// removed, spaces, dashes and dots turned into underscores, trimmed.
func headerKey(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(s, "\ufeff"))
	if !asciiText(s) { // an ASCII text has no accent to remove (the chain's buffers cost 8 KB a header)
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		if r, _, err := transform.String(t, s); err == nil {
			s = r
		}
	}
	s = strings.ToLower(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '.', '\'':
			return '_'
		}
		return r
	}, s)
	for strings.Contains(s, "__") {
		s = strings.ReplaceAll(s, "__", "_")
	}
	return strings.Trim(s, "_")
}

// asciiText reports whether s is only ASCII bytes.
func asciiText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// columnSet maps normalised header aliases to a canonical column name.
type columnSet map[string]string

func (c columnSet) canonical(header string) (string, bool) {
	name, ok := c[headerKey(header)]
	return name, ok
}

// names lists the accepted headers, for error messages.
func (c columnSet) names() string {
	seen := map[string]bool{}
	var out []string
	for k, v := range c {
		if k == v && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	sortStrings(out)
	return strings.Join(out, ", ")
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// fieldKey reduces a column header to the words that carry its meaning, for
// the employer and employee sheets: headerKey, then split on anything that is
// not a letter or a digit ("N° d'affiliation", "Salaire brut (MAD)"), then drop
// filler words ("n°", "de", "d'", "du", "la", "numéro", "number", "nombre",
// "mad"…). "N° d'affiliation", "Numéro affiliation" and "affiliation" all give
// "affiliation"; "Date de naissance" gives "date_naissance". A header made only
// of filler words (e.g. "N°") gives "".
func fieldKey(s string) string {
	words := strings.FieldsFunc(headerKey(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	keep := words[:0]
	for _, w := range words {
		if !fillerWords[w] {
			keep = append(keep, w)
		}
	}
	return strings.Join(keep, "_")
}

var fillerWords = map[string]bool{
	"n": true, "nº": true, "no": true, "nr": true, "num": true, "numero": true, "number": true,
	"nb": true, "nbre": true, "nombre": true,
	"d": true, "de": true, "du": true, "des": true, "l": true, "la": true, "le": true, "les": true,
	"the": true, "of": true,
	"mad": true, "dh": true, "dhs": true, "dirhams": true,
}

// aliasSet maps the fieldKey of every accepted header to the canonical field
// name (the record's JSON name).
type aliasSet map[string]string

// newAliasSet builds an aliasSet from canonical field → aliases written as a
// user would ("N° d'affiliation"). The canonical name is always an alias. Two
// fields sharing an alias is a programming error: it panics when the set is
// built (the employer and employee sets are built on first use, and
// TestHeaderMapping builds both).
func newAliasSet(fields map[string][]string) aliasSet {
	a := aliasSet{}
	add := func(field, alias string) {
		k := fieldKey(alias)
		if k == "" {
			panic("importer: empty alias for " + field)
		}
		if prev, ok := a[k]; ok && prev != field {
			panic("importer: alias " + alias + " of both " + prev + " and " + field)
		}
		a[k] = field
	}
	for field, aliases := range fields {
		add(field, field)
		for _, al := range aliases {
			add(field, al)
		}
	}
	return a
}

// field returns the canonical field of a header.
func (a aliasSet) field(header string) (string, bool) {
	f, ok := a[fieldKey(header)]
	return f, ok
}
