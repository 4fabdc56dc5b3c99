package firm

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Every user-facing error of the package has its code and a message in
// each language, with its arguments filled in.
func TestErrorsSpeakThreeLanguages(t *testing.T) {
	cause := errors.New("cause")
	l := Lease{HolderName: "Fatima", Since: time.Now(), Expires: time.Now().Add(time.Hour)}
	for code, err := range map[string]error{
		CodeNoConditional: errNoConditional(cause),
		CodeUnavailable:   errUnavailable(cause),
		CodeTampered:      errTampered("change 3"),
		CodeRollback:      errRollback("lease"),
		CodeMissing:       errMissing("change 2"),
		CodeNoAccess:      errNoAccess(),
		CodeNotMember:     errNotMember(),
		CodeNotFounder:    errNotFounder(),
		CodeLeaseHeld:     errLeaseHeld(l),
		CodeNotHolder:     errNotHolderErr(),
		CodeConflict:      errConflict(&Conflict{Lease: l}),
		CodeBadSeat:       errBadSeat(cause),
		CodeBadBundle:     errBadBundle(cause),
		CodeUnknownSeat:   errUnknownSeat("abc"),
	} {
		if got := i18n.Code(err); got != code {
			t.Errorf("%s: code %q", code, got)
		}
		seen := map[string]bool{}
		for _, lang := range i18n.Langs {
			m := i18n.Message(err, lang)
			if m == "" || seen[m] || strings.Contains(m, "%!") {
				t.Errorf("%s in %s: %q", code, lang, m)
			}
			seen[m] = true
		}
	}
}
