package monthly

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
)

var (
	p202601 = domain.NewPeriod(2026, 1)
	key     = bytes.Repeat([]byte{7}, store.KeySize)
)

func setup(t *testing.T) (*Service, *store.Store, domain.Employer) {
	t.Helper()
	st, err := store.Open(t.TempDir(), key, store.Options{Actor: "t", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	er, err := st.Employers().Create(domain.Employer{Affiliation: "1234567", Name: "Société Exemple SARL"})
	if err != nil {
		t.Fatal(err)
	}
	return New(st, nil), st, er
}

func vectorPreetabli(t *testing.T) []byte {
	b, err := os.ReadFile("../cli/testdata/AFFEBDS_1234567_202601.txt")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func rowOf(t *testing.T, ws *Workspace, immat string) Row {
	for _, r := range ws.Rows {
		if r.Immatriculation == immat {
			return r
		}
	}
	t.Fatalf("no row %s", immat)
	return Row{}
}

// TestVectorThroughTheStore prepares the test vector of cnss-edi.md §8 the way
// the desktop app does — import the préétabli, complete the rows, add an
// entrant, generate — and gets the golden file byte for byte.
func TestVectorThroughTheStore(t *testing.T) {
	s, st, er := setup(t)
	if _, err := s.Load(er.ID, p202601); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Generate(er.ID, p202601); err == nil {
		t.Fatal("generate without a préétabli")
	}
	if _, _, err := s.ImportPreetabli(er.ID, "AFFEBDS_1234567_202601.txt", vectorPreetabli(t), &p202601); err != nil {
		t.Fatal(err)
	}
	ws, err := s.Load(er.ID, p202601)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws.Rows) != 2 || ws.Counts[Unknown] != 2 || !ws.Prefilled {
		t.Fatalf("rows after import: %+v", ws.Rows)
	}
	alami := rowOf(t, ws, "123456785")
	if !alami.NeedsSituation || len(alami.Findings) == 0 || alami.Findings[0].Rule != "SIT-NORMAL" || alami.Findings[0].Column != ColDays {
		t.Errorf("unpaid préétabli row: %+v", alami)
	}
	// An entrant hired in January.
	idrissi, err := st.Employees().Create(domain.Employee{EmployerID: er.ID, Immatriculation: "112233441", CIN: "BK123456",
		LastName: "IDRISSI", FirstName: "OMAR", HireDate: domain.Date{Year: 2026, Month: 1, Day: 5}, MonthlyGross: domain.MAD(4500)})
	if err != nil {
		t.Fatal(err)
	}
	ws, _ = s.Load(er.ID, p202601)
	// Hired on the 5th and no previous month: nothing is guessed (issue 15.7).
	if r := rowOf(t, ws, "112233441"); r.Category != Entrant || r.Days != 0 || r.Gross != 0 || r.Source != FromNothing {
		t.Errorf("entrant prefill: %+v", r)
	}
	ws, err = s.SaveLines(er.ID, p202601, []LineInput{
		{EmployeeID: alami.EmployeeID, Days: 26, Gross: domain.MAD(8000)},
		{EmployeeID: rowOf(t, ws, "187654325").EmployeeID, Situation: domain.SitLeft},
		{EmployeeID: idrissi.ID, Days: 20, Gross: domain.MAD(4500)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if ws.Errors != 0 || ws.Warnings != 0 || ws.Prefilled || ws.Totals.Real != domain.MAD(12500) || ws.Estimate.Total != 320955 {
		t.Fatalf("workspace: errors %d warnings %d totals %+v estimate %d findings %+v", ws.Errors, ws.Warnings, ws.Totals, ws.Estimate.Total, ws.Findings)
	}
	g, err := s.Generate(er.ID, p202601)
	if err != nil || !g.Valid || g.Declaration.Status != store.StatusReady {
		t.Fatalf("generate: %v %+v", err, g)
	}
	d, _ := st.Declarations().Get(g.Declaration.ID)
	gold, _ := os.ReadFile("../declaration/testdata/golden/DS_1234567_202601.txt")
	if !bytes.Equal(d.Bytes, gold) {
		t.Errorf("stored file differs from the golden vector:\n%s", d.Bytes)
	}
	// Generating again replaces the ready declaration instead of adding one.
	if g2, _ := s.Generate(er.ID, p202601); g2.Declaration.ID != g.Declaration.ID {
		t.Error("a second ready declaration was created")
	}
	// Once transmitted, the month is frozen; a complementary declaration
	// then carries a forgotten entrant.
	if _, err := st.Submissions().Enqueue(g.Declaration.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveLines(er.ID, p202601, nil); err == nil {
		t.Error("lines changed after the declaration was queued")
	}
	if _, err := s.GenerateComplementary(er.ID, p202601, nil); err == nil {
		t.Error("complementary before the deposit")
	}
	if _, err := st.Declarations().SetStatus(g.Declaration.ID, store.StatusSubmitted); err != nil {
		t.Fatal(err)
	}
	late, _ := st.Employees().Create(domain.Employee{EmployerID: er.ID, CIN: "AB12345", LastName: "TAZI", FirstName: "SALMA", MonthlyGross: domain.MAD(3000)})
	// A forgotten employee sent at zero is refused, not declared at zero.
	if _, err := s.GenerateComplementary(er.ID, p202601, []LineInput{{EmployeeID: late.ID}}); i18n.Code(err) != CodeComplementaryEmpty {
		t.Fatalf("complementary at zero: %v", err)
	}
	c, err := s.GenerateComplementary(er.ID, p202601, []LineInput{{EmployeeID: late.ID, Days: 10, Gross: domain.MAD(1250)}})
	if err != nil || !c.Valid || c.Declaration.FileName != "DSC1_1234567_202601.txt" {
		t.Fatalf("complementary: %v %+v", err, c)
	}
	// The file carries the typed days and pay.
	if dsc, _ := st.Declarations().Get(c.Declaration.ID); !bytes.Contains(dsc.Bytes, []byte("000000125000")) {
		t.Errorf("the DSC does not carry the typed pay:\n%s", dsc.Bytes)
	}
}

func TestImportRefusals(t *testing.T) {
	s, st, er := setup(t)
	other, _ := st.Employers().Create(domain.Employer{Affiliation: "2703892", Name: "Autre"})
	if _, _, err := s.ImportPreetabli(other.ID, "x", vectorPreetabli(t), nil); err == nil {
		t.Error("préétabli of another affiliation accepted")
	}
	feb := p202601.Next()
	if _, _, err := s.ImportPreetabli(er.ID, "x", vectorPreetabli(t), &feb); err == nil {
		t.Error("préétabli of another period accepted")
	}
	if _, _, err := s.ImportPreetabli(er.ID, "x", []byte("garbage"), nil); err == nil {
		t.Error("garbage préétabli accepted")
	}
}

func TestPrefillFromPreviousMonthAndBatch(t *testing.T) {
	s, _, er := setup(t)
	if _, _, err := s.ImportPreetabli(er.ID, "x", vectorPreetabli(t), nil); err != nil {
		t.Fatal(err)
	}
	ws, _ := s.Load(er.ID, p202601)
	if _, err := s.SaveLines(er.ID, p202601, []LineInput{
		{EmployeeID: rowOf(t, ws, "123456785").EmployeeID, Days: 22, Gross: domain.MAD(7000)},
		{EmployeeID: rowOf(t, ws, "187654325").EmployeeID, Situation: domain.SitUnpaid},
	}); err != nil {
		t.Fatal(err)
	}
	// February has no préétabli yet: the rows are the employees, prefilled
	// from January.
	feb, err := s.Load(er.ID, p202601.Next())
	if err != nil {
		t.Fatal(err)
	}
	if r := rowOf(t, feb, "123456785"); r.Days != 22 || r.Gross != domain.MAD(7000) {
		t.Errorf("prefill: %+v", r)
	}
	if r := rowOf(t, feb, "187654325"); r.Situation != domain.SitUnpaid {
		t.Errorf("long leave carried: %+v", r)
	}
	// Batch: January is ready; February has no préétabli; a cancelled
	// context stops the rest.
	var seen []int
	res := s.Batch(context.Background(), []string{er.ID}, p202601, func(done, total int, r BatchResult) { seen = append(seen, done) })
	if len(res) != 1 || res[0].State != "ready" || len(seen) != 1 {
		t.Errorf("batch: %+v", res)
	}
	if res = s.Batch(context.Background(), []string{er.ID}, p202601.Next(), nil); res[0].State != "no_preetabli" {
		t.Errorf("batch without préétabli: %+v", res)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if res = s.Batch(ctx, []string{er.ID, er.ID}, p202601, nil); res[0].State != "cancelled" || res[1].State != "cancelled" {
		t.Errorf("cancelled batch: %+v", res)
	}
}
