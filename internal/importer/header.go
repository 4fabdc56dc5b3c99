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
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	if r, _, err := transform.String(t, s); err == nil {
		s = r
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
