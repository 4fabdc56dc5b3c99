package desktop

import (
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// Issue 15.8: a wrong affiliation check digit is said at once, without blocking.
func TestEmployerWarnings(t *testing.T) {
	for _, c := range []struct {
		aff  string
		warn bool
	}{
		{"1234567", false}, // the spec's example: C7 = 7
		{"1234568", true},
		{"1900001", false},
		{"1900000", true},
		{"123456", false}, // wrong shape: Validate refuses it, no warning on top
		{"", false},
	} {
		ws := EmployerWarnings(domain.Employer{Affiliation: c.aff})
		if (len(ws) > 0) != c.warn {
			t.Errorf("%q: warnings %+v", c.aff, ws)
			continue
		}
		for _, w := range ws {
			if w.Field != "affiliation" || w.Code != CodeAffiliationCheck {
				t.Errorf("%q: %+v", c.aff, w)
			}
			for _, l := range i18n.Langs {
				if w.Msg.In(l) == "" {
					t.Errorf("no %s message", l)
				}
			}
		}
	}
}
