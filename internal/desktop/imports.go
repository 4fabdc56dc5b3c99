package desktop

import (
	"context"
	"os"
	"path/filepath"

	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/importer"
)

// EventImportProgress is the progress event of an import: phase "preview"
// (rows read, total -1) then "apply" (rows written of total).
const EventImportProgress = "import:progress"

// opImport is the kind of the operation holding an import preview.
const opImport = "import"

// ImportPreview reads the spreadsheet at path and returns what importing it
// would do, row by row, without writing anything: employers (kind
// importer.KindEmployers) or the employees of employerID. The preview stays
// on the Go side under the returned operation id until ImportApply,
// DiscardImport or the session locks; its progress events carry that id
// (Cancel(opID) stops the reading).
func (c *Core) ImportPreview(kind importer.Kind, employerID, path string) (string, *importer.Preview, error) {
	op := c.ops.New(context.Background(), opImport, EventImportProgress)
	op.SetPhase("preview")
	var pv *importer.Preview
	err := c.Use(func(s *Session) error {
		// The importer bounds what it reads (MaxTableSize) itself.
		f, err := os.Open(path)
		if err != nil {
			return i18n.Wrap(err, CodeFile, msgFile, filepath.Base(path))
		}
		defer f.Close()
		t, err := importer.OpenTable(filepath.Base(path), f, importer.TableOptions{})
		if err != nil {
			return err
		}
		defer t.Close()
		po := importer.PreviewOptions{EmployerID: employerID, Progress: op.ProgressFunc()}
		if kind == importer.KindEmployers {
			pv, err = importer.PreviewEmployers(op.Context(), s.Store, t, po)
		} else {
			pv, err = importer.PreviewEmployees(op.Context(), s.Store, t, po)
		}
		return err
	})
	if err != nil {
		cancelled := op.Context().Err()
		c.ops.Finish(op)
		if cancelled != nil {
			return "", nil, CancelledError(cancelled)
		}
		return "", nil, err
	}
	op.SetValue(pv)
	op.Wait()
	return op.ID, pv, nil
}

// ImportApply writes the preview of opID (import:progress events, phase
// "apply"; Cancel(opID) stops it: see importer.Apply for what a
// cancellation leaves). skipErrors leaves the rows in error out; without it
// a preview with errors is refused (import.has_errors). The preview is
// dropped once applied.
func (c *Core) ImportApply(opID string, skipErrors bool) (importer.Result, error) {
	op, err := c.ops.Get(opID, opImport)
	if err != nil {
		return importer.Result{}, err
	}
	pv, _ := op.Value().(*importer.Preview)
	if pv == nil {
		return importer.Result{}, UnknownOpError()
	}
	op.SetPhase("apply")
	var res importer.Result
	err = c.Use(func(s *Session) error {
		// A dossier another seat of the firm holds is not ours to edit: the
		// whole import is refused, nothing is written.
		for _, id := range importTouches(pv) {
			if err := c.FirmEditable(s, id); err != nil {
				return err
			}
		}
		var err error
		res, err = importer.Apply(op.Context(), s.Store, pv, importer.ApplyOptions{SkipErrors: skipErrors, Progress: op.ProgressFunc()})
		if err != nil || pv.Kind != importer.KindEmployees || pv.EmployerID == "" || res.Created+res.Updated == 0 {
			return err
		}
		// Employees changed: the employer's generated files are outdated (lifecycle).
		_, err = s.Store.Declarations().OutdateEmployer(pv.EmployerID)
		return err
	})
	if err != nil && !skipErrors && i18n.Code(err) == importer.CodeHasErrors {
		op.Wait() // the user may still choose to skip the rows in error
		return res, err
	}
	c.ops.Finish(op)
	return res, err
}

// DiscardImport drops the preview of opID (the user closed the dialog).
func (c *Core) DiscardImport(opID string) {
	if op, err := c.ops.Get(opID, opImport); err == nil {
		c.ops.Finish(op)
	}
}

// importTouches lists the employers whose dossier applying pv writes: the
// employer the employees go into, every employer a row updates or adds an
// employee to (a new employer is nobody's dossier yet).
func importTouches(pv *importer.Preview) []string {
	seen := map[string]bool{}
	var out []string
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	add(pv.EmployerID)
	for _, r := range pv.Employers {
		if r.Action == importer.ActionUpdate && r.Existing != nil {
			add(r.Existing.ID)
		}
	}
	for _, r := range pv.Employees {
		if r.Action != importer.ActionCreate && r.Action != importer.ActionUpdate {
			continue
		}
		add(r.Record.EmployerID)
		if r.Existing != nil {
			add(r.Existing.EmployerID)
		}
	}
	return out
}
