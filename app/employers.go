package app

import (
	"context"

	"github.com/tasrih/tasrih/internal/desktop"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/importer"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
)

// Employers is the bound service of the portfolio: the dashboard, the
// employer records, their platform credentials and the employer import.
type Employers struct {
	svc *Services
}

// Dashboard returns the portfolio for period ("AAAAMM"; "" means the period
// due now, the month before today): every employer with its state, due date,
// days left, urgency and the 12 months of payroll and headcount ending with
// the period.
func (e *Employers) Dashboard(period string) (desktop.Dashboard, error) {
	now := e.svc.Core.Now()
	today := domain.DateOf(now)
	p := today.Period().Prev()
	if period != "" {
		var err error
		if p, err = desktop.ParsePeriod(period); err != nil {
			return desktop.Dashboard{}, err
		}
	}
	var d desktop.Dashboard
	err := e.svc.Core.Use(func(s *desktop.Session) (err error) {
		d, err = s.Dashboard(p, today)
		return err
	})
	return d, err
}

// List returns every employer, sorted by name.
func (e *Employers) List() ([]domain.Employer, error) {
	var out []domain.Employer
	err := e.svc.Core.Use(func(s *desktop.Session) (err error) { out, err = s.Store.Employers().List(); return err })
	return nonNil(out), err
}

// Get returns one employer.
func (e *Employers) Get(id string) (domain.Employer, error) {
	var out domain.Employer
	err := e.svc.Core.Use(func(s *desktop.Session) (err error) { out, err = s.Store.Employers().Get(id); return err })
	return out, err
}

// Create stores a new employer (validation.failed with every field at once;
// store.affiliation_taken).
func (e *Employers) Create(er domain.Employer) (domain.Employer, error) {
	var out domain.Employer
	err := e.svc.Core.Use(func(s *desktop.Session) (err error) {
		out, err = s.Store.Employers().Create(er)
		return err
	})
	return out, err
}

// Update replaces an employer.
func (e *Employers) Update(er domain.Employer) (domain.Employer, error) {
	var out domain.Employer
	err := e.svc.Core.Use(func(s *desktop.Session) (err error) {
		if err = e.svc.Core.FirmEditable(s, er.ID); err != nil {
			return err
		}
		out, err = s.Store.Employers().Update(er)
		return err
	})
	return out, err
}

// Delete removes an employer without employees nor declarations
// (store.employer_in_use otherwise).
func (e *Employers) Delete(id string) error {
	return e.svc.Core.Use(func(s *desktop.Session) error {
		if err := e.svc.Core.FirmEditable(s, id); err != nil {
			return err
		}
		return s.Store.Employers().Delete(id)
	})
}

// Validate checks an employer as Create would, without saving: the refused
// fields, none when it is valid (works while locked: no store access).
func (e *Employers) Validate(er domain.Employer) []FieldError {
	return validationFields(store.Validate(er), e.svc.lang())
}

// Warnings returns what is worth saying about an employer without refusing
// it (employer.affiliation_check: a check digit that does not match), in the
// user's language; saving is not blocked (works while locked).
func (e *Employers) Warnings(er domain.Employer) []FieldError {
	out := []FieldError{}
	lang := e.svc.lang()
	for _, w := range desktop.EmployerWarnings(er) {
		out = append(out, FieldError{Field: w.Field, Code: w.Code, Message: w.Msg.In(lang)})
	}
	return out
}

// SaveCredentials keeps the password of a platform login in the OS keyring
// (credentials.keyring_unavailable when it does not answer: nothing is kept).
func (e *Employers) SaveCredentials(profile, login, password string) error {
	pr, err := parseProfile(profile)
	if err != nil {
		return err
	}
	return e.svc.Core.Use(func(s *desktop.Session) error {
		ctx, cancel := context.WithTimeout(context.Background(), 2*vault.DefaultKeyringTimeout)
		defer cancel()
		return s.Creds.Save(ctx, pr, login, password)
	})
}

// DeleteCredentials forgets a platform login and its password.
func (e *Employers) DeleteCredentials(profile, login string) error {
	pr, err := parseProfile(profile)
	if err != nil {
		return err
	}
	return e.svc.Core.Use(func(s *desktop.Session) error {
		ctx, cancel := context.WithTimeout(context.Background(), 2*vault.DefaultKeyringTimeout)
		defer cancel()
		return s.Creds.Delete(ctx, pr, login)
	})
}

// Logins returns the logins known for a platform profile, most recent first
// (never a password).
func (e *Employers) Logins(profile string) ([]string, error) {
	pr, err := parseProfile(profile)
	if err != nil {
		return nil, err
	}
	var out []string
	err = e.svc.Core.Use(func(s *desktop.Session) (err error) { out, err = s.Creds.Logins(pr); return err })
	return nonNil(out), err
}

// ChooseImportFile asks for an employer or employee spreadsheet (CSV, XLSX):
// its token for ImportPreview and its name (empty when cancelled).
func (e *Employers) ChooseImportFile() (Chosen, error) {
	p, err := e.svc.shell.OpenFile(spreadsheetDialog("Importer des employeurs"))
	return e.svc.paths.issue(choiceImport, p, err)
}

// ImportPreview reads the employer spreadsheet chosen with ChooseImportFile
// (its token, single use) and returns what importing it would do
// (import:progress events with its op_id, Cancel(opID)).
func (e *Employers) ImportPreview(token string) (ImportPreview, error) {
	path, err := e.svc.paths.take(choiceImport, token)
	if err != nil {
		return ImportPreview{}, err
	}
	id, pv, err := e.svc.Core.ImportPreview(importer.KindEmployers, "", path)
	return ImportPreview{OpID: id, Preview: pv}, err
}

// ImportApply writes the preview of opID (import:progress events).
func (e *Employers) ImportApply(opID string, skipErrors bool) (importer.Result, error) {
	return e.svc.Core.ImportApply(opID, skipErrors)
}

// ImportDiscard drops a preview the user did not apply.
func (e *Employers) ImportDiscard(opID string) { e.svc.Core.DiscardImport(opID) }

// Cancel stops a running import; false when opID is unknown.
func (e *Employers) Cancel(opID string) bool { return e.svc.Core.Ops().Cancel(opID) }

// ImportPreview is the answer of ImportPreview: the operation id to apply,
// cancel or discard it, and the preview row by row.
type ImportPreview struct {
	OpID    string            `json:"op_id"`
	Preview *importer.Preview `json:"preview"`
}

func spreadsheetDialog(title string) FileDialog {
	return FileDialog{Title: title, Filters: [][2]string{{"Tableur (XLSX, CSV)", "*.xlsx;*.csv;*.txt"}}}
}

func parseProfile(s string) (domain.PlatformProfile, error) {
	p, ok := domain.ParsePlatformProfile(s)
	if !ok {
		return "", i18n.New("profile.invalid", i18n.Text{
			FR: "profil de plateforme inconnu « %s » : sandbox, manual ou remote:<nom>",
			AR: "ملف منصة غير معروف « %s »: sandbox أو manual أو remote:<الاسم>",
			EN: "unknown platform profile %q: sandbox, manual or remote:<name>",
		}, s).WithField("profile")
	}
	return p, nil
}

// validationFields turns a validation error into the fields the form shows.
func validationFields(err error, lang i18n.Lang) []FieldError {
	out := []FieldError{}
	for _, f := range store.FieldErrors(err) {
		out = append(out, FieldError{Field: f.Field, Code: f.Code, Message: f.Msg.In(lang)})
	}
	if len(out) == 0 && err != nil {
		out = append(out, formatError(err, lang).Fields...)
	}
	return out
}

// nonNil makes an empty list cross the bridge as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
