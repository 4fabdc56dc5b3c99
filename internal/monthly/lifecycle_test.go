package monthly

import (
	"bytes"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/lifecycle"
	"github.com/tasrih/tasrih/internal/store"
)

// generated prepares the month of the test vector and generates it: ready.
func generated(t *testing.T) (*Service, *store.Store, domain.Employer, []LineInput, *Generated) {
	t.Helper()
	s, st, er := setup(t)
	if _, _, err := s.ImportPreetabli(er.ID, "AFFEBDS_1234567_202601.txt", vectorPreetabli(t), &p202601); err != nil {
		t.Fatal(err)
	}
	ws, err := s.Load(er.ID, p202601)
	if err != nil {
		t.Fatal(err)
	}
	lines := []LineInput{
		{EmployeeID: rowOf(t, ws, "123456785").EmployeeID, Days: 26, Gross: domain.MAD(8000)},
		{EmployeeID: rowOf(t, ws, "187654325").EmployeeID, Situation: domain.SitLeft},
	}
	if _, err := s.SaveLines(er.ID, p202601, lines); err != nil {
		t.Fatal(err)
	}
	g, err := s.Generate(er.ID, p202601)
	if err != nil || !g.Valid {
		t.Fatalf("generate: %v %+v", err, g)
	}
	return s, st, er, lines, g
}

// Issue 15.2: changing a salary after "Générer" sends the declaration back
// to "to regenerate"; its old file can no longer be queued; regenerating
// gives a file with the new amount, which can.
func TestEditAfterGenerateOutdatesTheDeclaration(t *testing.T) {
	s, st, er, lines, g := generated(t)
	ws, err := s.Load(er.ID, p202601)
	if err != nil {
		t.Fatal(err)
	}
	if f := ws.Declarations[0].Flags; !f.CanSubmit || f.NeedsRegenerate || ws.Lifecycle.NeedsRegenerate {
		t.Fatalf("flags after generate: %+v %+v", f, ws.Lifecycle)
	}
	old, _ := st.Declarations().Get(g.Declaration.ID)

	// Saving the very same lines (an autosave with nothing typed) changes nothing.
	if ws, err = s.SaveLines(er.ID, p202601, lines); err != nil {
		t.Fatal(err)
	}
	if ws.Declarations[0].Status != store.StatusReady {
		t.Fatalf("an unchanged save outdated the declaration: %s", ws.Declarations[0].Status)
	}

	lines[0].Gross = domain.MAD(9000)
	if ws, err = s.SaveLines(er.ID, p202601, lines); err != nil {
		t.Fatal(err)
	}
	d := ws.Declarations[0]
	if d.Status != store.StatusOutdated || !d.Flags.NeedsRegenerate || d.Flags.CanSubmit || d.Flags.CanExport || !ws.Lifecycle.NeedsRegenerate {
		t.Fatalf("after the edit: %s %+v %+v", d.Status, d.Flags, ws.Lifecycle)
	}
	if _, err := st.Submissions().Enqueue(d.ID); i18n.Code(err) != lifecycle.CodeOutdated {
		t.Fatalf("enqueue of the outdated file: %v", err)
	}
	// The edit is in the audit log as a transition of the declaration.
	entries, _ := st.AuditEntries(1, 1<<20)
	found := false
	for _, e := range entries {
		found = found || e.Action == "declaration.outdated" && e.EntityID == d.ID
	}
	if !found {
		t.Fatal("no declaration.outdated audit entry")
	}

	g2, err := s.Generate(er.ID, p202601)
	if err != nil || !g2.Valid || g2.Declaration.ID != g.Declaration.ID || g2.Declaration.Status != store.StatusReady {
		t.Fatalf("regenerate: %v %+v", err, g2)
	}
	nd, _ := st.Declarations().Get(g2.Declaration.ID)
	if bytes.Equal(nd.Bytes, old.Bytes) || !bytes.Contains(nd.Bytes, []byte("000000900000")) {
		t.Fatalf("the regenerated file does not carry the new salary:\n%s", nd.Bytes)
	}
	if _, err := st.Submissions().Enqueue(nd.ID); err != nil {
		t.Fatalf("enqueue after regenerate: %v", err)
	}
}

// A new préétabli for a generated month outdates its declaration too.
func TestPreetabliReimportOutdates(t *testing.T) {
	s, st, er, _, g := generated(t)
	if _, _, err := s.ImportPreetabli(er.ID, "again.txt", vectorPreetabli(t), &p202601); err != nil {
		t.Fatal(err)
	}
	if d, _ := st.Declarations().Get(g.Declaration.ID); d.Status != store.StatusOutdated {
		t.Fatalf("after a new préétabli: %s", d.Status)
	}
}
