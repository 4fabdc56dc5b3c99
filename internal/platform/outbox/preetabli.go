package outbox

import (
	"context"
	"fmt"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
)

// FetchPreetabli downloads the préétabli of an employer and period from the
// platform of profile ("" : the employer's), checks it with
// declaration.ReadPreetabli, and stores it with Options.ImportPreetabli (as
// an import of the file would). A préétabli with blocking findings is refused with
// them (outbox.preetabli_invalid; errors.As gives a *PreetabliError with the
// report), one of another affiliation or period too
// (outbox.preetabli_mismatch); nothing is stored then. Without a session it
// answers platform.login_required.
func (w *Worker) FetchPreetabli(ctx context.Context, profile domain.PlatformProfile, employerID string, p domain.Period) (store.Preetabli, error) {
	if w.o.ImportPreetabli == nil {
		return store.Preetabli{}, i18n.Wrap(ErrRefused, CodeNoImporter, msgNoImporter)
	}
	er, err := w.st.Employers().Get(employerID)
	if err != nil {
		return store.Preetabli{}, err
	}
	if profile == "" {
		profile = er.PlatformProfile
	}
	if err := checkSubmitProfile(profile); err != nil {
		return store.Preetabli{}, err
	}
	ps, err := w.profile(profile)
	if err != nil {
		return store.Preetabli{}, err
	}
	tok := ps.client.Token()
	if tok == "" {
		return store.Preetabli{}, loginRequired()
	}
	cctx, cancel := context.WithTimeout(ctx, w.o.CallTimeout)
	raw, err := ps.client.Preetabli(cctx, er.Affiliation, p)
	cancel()
	if err != nil {
		if i18n.Code(err) == "platform.token_expired" {
			w.mu.Lock()
			if ps.client.Token() == tok {
				ps.client.SetToken("")
				ps.needsLogin = true
			}
			w.mu.Unlock()
		}
		return store.Preetabli{}, err
	}
	pre, rep := declaration.ReadPreetabli(raw)
	if !rep.Valid() {
		return store.Preetabli{}, i18n.Wrap(&PreetabliError{Report: rep}, CodePreetabliInvalid, msgPreetabliInvalid, rep.Errors())
	}
	if e := pre.File.Employer; e.Affiliation != er.Affiliation || e.Period != p {
		return store.Preetabli{}, i18n.New(CodePreetabliMismatch, msgPreetabliMismatch,
			e.Affiliation+" "+e.Period.String(), er.Affiliation+" "+p.String())
	}
	name := fmt.Sprintf("AFFEBDS_%s_%s.txt", er.Affiliation, p)
	return w.o.ImportPreetabli(employerID, name, raw, p)
}
