package app

import (
	"errors"
	"path/filepath"

	"github.com/tasrih/tasrih/internal/desktop"
	"github.com/tasrih/tasrih/internal/lifecycle"
	"github.com/tasrih/tasrih/internal/monthly"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/store"
)

// Month is the bound service of the month workspace of one employer: the
// préétabli (import or download), the grid (load, save as you go), the
// declaration (generate, complementary, export).
type Month struct {
	svc *Services
}

// PreetabliImport is the answer of ImportPreetabli and FetchPreetabli.
type PreetabliImport struct {
	// Imported is false when the préétabli has blocking findings: nothing
	// was stored and Findings say why.
	Imported  bool                    `json:"imported"`
	Preetabli *store.Preetabli        `json:"preetabli"` // raw bytes cleared
	Findings  []desktop.ReportFinding `json:"findings"`
}

// Load returns the month workspace: rows reconciled with the préétabli,
// prefilled from the previous month when nothing was saved, with findings
// placed on their cells.
func (m *Month) Load(employerID, period string) (*monthly.Workspace, error) {
	p, err := desktop.ParsePeriod(period)
	if err != nil {
		return nil, err
	}
	var ws *monthly.Workspace
	err = m.svc.Core.Use(func(s *desktop.Session) (err error) { ws, err = s.Month.Load(employerID, p); return err })
	return ws, err
}

// SaveLines replaces the month's lines (the grid saves as you go, debounced)
// and returns the recomputed workspace.
func (m *Month) SaveLines(employerID, period string, lines []monthly.LineInput) (*monthly.Workspace, error) {
	p, err := desktop.ParsePeriod(period)
	if err != nil {
		return nil, err
	}
	var ws *monthly.Workspace
	err = m.svc.Core.Use(func(s *desktop.Session) (err error) {
		if err = m.svc.Core.FirmEditable(s, employerID); err != nil {
			return err
		}
		ws, err = s.Month.SaveLines(employerID, p, lines)
		return err
	})
	return ws, err
}

// ChoosePreetabli asks for a préétabli file (AFFEBDS_…txt): its token for
// ImportPreetabli and its name (empty when cancelled).
func (m *Month) ChoosePreetabli() (Chosen, error) {
	p, err := m.svc.shell.OpenFile(FileDialog{Title: "Importer le préétabli", Filters: [][2]string{{"Préétabli CNSS (AFFEBDS)", "*.txt;*.TXT"}}})
	return m.svc.paths.issue(choicePreetabli, p, err)
}

// ImportPreetabli checks and stores the préétabli chosen with
// ChoosePreetabli (its token, single use) for the employer and period.
func (m *Month) ImportPreetabli(employerID, period, token string) (PreetabliImport, error) {
	p, err := desktop.ParsePeriod(period)
	if err != nil {
		return PreetabliImport{}, err
	}
	path, err := m.svc.paths.take(choicePreetabli, token)
	if err != nil {
		return PreetabliImport{}, err
	}
	raw, err := desktop.ReadFile(path, sandbox.MaxPreetabliSize)
	if err != nil {
		return PreetabliImport{}, err
	}
	var out PreetabliImport
	err = m.svc.Core.Use(func(s *desktop.Session) error {
		if err := m.svc.Core.FirmEditable(s, employerID); err != nil {
			return err
		}
		pre, rep, err := s.Month.ImportPreetabli(employerID, filepath.Base(path), raw, &p)
		out.Findings = desktop.ReportFindings(rep)
		if errors.Is(err, monthly.ErrPreetabliInvalid) {
			return nil
		}
		if err != nil {
			return err
		}
		pre.Raw = nil
		out.Imported, out.Preetabli = true, &pre
		return nil
	})
	return out, err
}

// FetchPreetabli downloads the préétabli of the period from the employer's
// platform (platform.login_required: log in first) and stores it.
func (m *Month) FetchPreetabli(employerID, period string) (PreetabliImport, error) {
	p, err := desktop.ParsePeriod(period)
	if err != nil {
		return PreetabliImport{}, err
	}
	out := PreetabliImport{Findings: []desktop.ReportFinding{}}
	err = m.svc.Core.Use(func(s *desktop.Session) error {
		if err := m.svc.Core.FirmEditable(s, employerID); err != nil {
			return err
		}
		ctx, cancel := s.CallContext()
		defer cancel()
		pre, err := s.Outbox.FetchPreetabli(ctx, "", employerID, p)
		var pe *outbox.PreetabliError
		if errors.As(err, &pe) {
			out.Findings = desktop.ReportFindings(pe.Report)
			return nil
		}
		if err != nil {
			return err
		}
		pre.Raw = nil
		out.Imported, out.Preetabli = true, &pre
		return nil
	})
	return out, err
}

// Generate builds the principal declaration of the month and stores it
// (ready without blocking finding, draft otherwise).
func (m *Month) Generate(employerID, period string) (*monthly.Generated, error) {
	p, err := desktop.ParsePeriod(period)
	if err != nil {
		return nil, err
	}
	var g *monthly.Generated
	err = m.svc.Core.Use(func(s *desktop.Session) (err error) {
		if err = m.svc.Core.FirmEditable(s, employerID); err != nil {
			return err
		}
		g, err = s.Month.Generate(employerID, p)
		return err
	})
	return g, err
}

// GenerateComplementary builds DSC<n> for forgotten employees (their days,
// pay and situation of the month in lines), after the principal declaration
// was deposited (monthly.complementary_empty for a line at zero).
func (m *Month) GenerateComplementary(employerID, period string, lines []monthly.LineInput) (*monthly.Generated, error) {
	p, err := desktop.ParsePeriod(period)
	if err != nil {
		return nil, err
	}
	var g *monthly.Generated
	err = m.svc.Core.Use(func(s *desktop.Session) (err error) {
		if err = m.svc.Core.FirmEditable(s, employerID); err != nil {
			return err
		}
		g, err = s.Month.GenerateComplementary(employerID, p, lines)
		return err
	})
	return g, err
}

// Declarations lists the declarations of an employer and period, oldest
// first (without their file).
func (m *Month) Declarations(employerID, period string) ([]store.Declaration, error) {
	p, err := desktop.ParsePeriod(period)
	if err != nil {
		return nil, err
	}
	var out []store.Declaration
	err = m.svc.Core.Use(func(s *desktop.Session) (err error) {
		out, err = s.Store.Declarations().List(employerID, p)
		return err
	})
	return nonNil(out), err
}

// ExportDeclaration asks where to save the declaration file (its official
// name proposed) and writes it there; "" when cancelled.
func (m *Month) ExportDeclaration(declarationID string) (string, error) {
	var d store.Declaration
	if err := m.svc.Core.Use(func(s *desktop.Session) (err error) { d, err = s.Store.Declarations().Get(declarationID); return err }); err != nil {
		return "", err
	}
	if err := lifecycle.CheckUsable(d.Status); err != nil {
		return "", err // the month changed after generation: never export the old file
	}
	path, err := m.svc.shell.SaveFile(FileDialog{Title: "Exporter la déclaration", DefaultName: d.FileName,
		Filters: [][2]string{{"Déclaration CNSS", "*.txt"}}})
	if err != nil || path == "" {
		return "", err
	}
	if err := desktop.WriteFileAtomic(path, d.Bytes); err != nil {
		return "", err
	}
	return path, nil
}
