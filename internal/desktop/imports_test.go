package desktop

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/importer"
)

func employeeSheet(t *testing.T, n int) string {
	var b strings.Builder
	b.WriteString("immatriculation;nom;prenom\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%s;NOM%d;PRENOM\n", decltest.Immat(i), i)
	}
	path := filepath.Join(t.TempDir(), "salaries.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportPreviewCancel(t *testing.T) {
	var e *env
	e = newEnv(t, func(o *Options) {
		o.NoSandbox = true
		emit := o.Emit
		o.Emit = func(name string, data any) {
			emit(name, data)
			if p, ok := data.(Progress); ok && name == EventImportProgress && p.Phase == "preview" {
				e.core.Ops().Cancel(p.OpID)
			}
		}
	})
	if _, err := e.core.Create(testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	var er domain.Employer
	e.session(t, func(s *Session) {
		var err error
		if er, err = s.Store.Employers().Create(domain.Employer{Affiliation: "1234567", Name: "A"}); err != nil {
			t.Fatal(err)
		}
	})
	id, pv, err := e.core.ImportPreview(importer.KindEmployees, er.ID, employeeSheet(t, 3000))
	if !isCode(err, CodeCancelled) || id != "" || pv != nil {
		t.Fatalf("cancelled preview: %q %v %v", id, pv != nil, err)
	}
	if len(e.rec.named(EventImportProgress)) == 0 {
		t.Fatal("no progress event during the preview")
	}
	if e.core.Ops().Busy() {
		t.Error("cancelled preview still registered")
	}
}

func TestImportDiscardAndErrors(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.NoSandbox = true })
	if _, err := e.core.Create(testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	var er domain.Employer
	e.session(t, func(s *Session) {
		var err error
		if er, err = s.Store.Employers().Create(domain.Employer{Affiliation: "1234567", Name: "A"}); err != nil {
			t.Fatal(err)
		}
	})
	if _, _, err := e.core.ImportPreview(importer.KindEmployees, er.ID, filepath.Join(t.TempDir(), "absent.xlsx")); !isCode(err, CodeFile) {
		t.Errorf("missing file: %v", err)
	}
	// Too large: refused by the importer's own bounded read (its code and
	// message), not by a read of the whole file here first. Sparse: cheap.
	big := filepath.Join(t.TempDir(), "grand.csv")
	if err := os.WriteFile(big, nil, 0o600); err != nil || os.Truncate(big, 300<<20) != nil {
		t.Fatal("sparse file")
	}
	if _, _, err := e.core.ImportPreview(importer.KindEmployees, er.ID, big); !isCode(err, importer.CodeTooLarge) {
		t.Errorf("300 MiB file: %v", err)
	}
	id, pv, err := e.core.ImportPreview(importer.KindEmployees, er.ID, employeeSheet(t, 5))
	if err != nil || pv.Counts.Create != 5 {
		t.Fatalf("preview: %v %+v", err, pv)
	}
	e.core.DiscardImport(id)
	if _, err := e.core.ImportApply(id, false); !isCode(err, CodeUnknownOp) {
		t.Errorf("apply after discard: %v", err)
	}
	// A preview does not survive the lock.
	id, _, err = e.core.ImportPreview(importer.KindEmployees, er.ID, employeeSheet(t, 5))
	if err != nil {
		t.Fatal(err)
	}
	e.core.Lock(ReasonUser)
	if err := e.core.UnlockPassphrase(testPassphrase); err != nil {
		t.Fatal(err)
	}
	if _, err := e.core.ImportApply(id, false); !isCode(err, CodeUnknownOp) {
		t.Errorf("apply after a lock: %v", err)
	}
}
