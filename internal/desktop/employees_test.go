package desktop

import (
	"bytes"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/importer"
	"github.com/tasrih/tasrih/internal/store"
)

// Issue 15.2: every way of changing an employer's employees after
// "Générer" — the form (create, update) and the spreadsheet import — sends
// its generated declarations back to "to regenerate".
func TestEmployeeEditsOutdateGeneratedDeclarations(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.NoSandbox = true })
	if _, err := e.core.Create(testPassphrase, false); err != nil {
		t.Fatal(err)
	}
	var er domain.Employer
	var decl store.Declaration
	ready := func() {
		e.session(t, func(s *Session) {
			var err error
			if decl.ID == "" {
				decl, err = s.Store.Declarations().Create(store.Declaration{EmployerID: er.ID, Period: testPeriod(), Kind: store.KindPrincipal,
					Status: store.StatusReady, FileName: "DS.txt", Bytes: bytes.Repeat([]byte("B00\n"), 3)})
			} else {
				decl, err = s.Store.Declarations().SetStatus(decl.ID, store.StatusReady)
			}
			if err != nil {
				t.Fatal(err)
			}
		})
	}
	status := func() store.DeclStatus {
		var d store.Declaration
		e.session(t, func(s *Session) { d, _ = s.Store.Declarations().Get(decl.ID) })
		return d.Status
	}
	e.session(t, func(s *Session) {
		var err error
		if er, err = s.Store.Employers().Create(domain.Employer{Affiliation: "1234567", Name: "A"}); err != nil {
			t.Fatal(err)
		}
	})
	ready()
	var em domain.Employee
	e.session(t, func(s *Session) {
		var err error
		if em, err = s.CreateEmployee(domain.Employee{EmployerID: er.ID, CIN: "AB12345", LastName: "TAZI", FirstName: "SALMA"}); err != nil {
			t.Fatal(err)
		}
	})
	if st := status(); st != store.StatusOutdated {
		t.Fatalf("after a new hire: %s", st)
	}
	ready()
	e.session(t, func(s *Session) {
		em.FirstName = "SALWA"
		if _, err := s.UpdateEmployee(em); err != nil {
			t.Fatal(err)
		}
	})
	if st := status(); st != store.StatusOutdated {
		t.Fatalf("after a name change: %s", st)
	}
	ready()
	id, _, err := e.core.ImportPreview(importer.KindEmployees, er.ID, employeeSheet(t, 2))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.core.ImportApply(id, false); err != nil {
		t.Fatal(err)
	}
	if st := status(); st != store.StatusOutdated {
		t.Fatalf("after an import: %s", st)
	}
}
