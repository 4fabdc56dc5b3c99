package manual_test

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/lifecycle"
	"github.com/tasrih/tasrih/internal/platform/manual"
	"github.com/tasrih/tasrih/internal/store"
)

var (
	p202601 = domain.Period{Year: 2026, Month: time.January}
	today   = time.Date(2026, 2, 7, 12, 0, 0, 0, time.UTC)
)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(t.TempDir(), bytes.Repeat([]byte{9}, store.KeySize),
		store.Options{Actor: "test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// newDecl stores an employer and a ready declaration (sequence seq) of p202601.
func newDecl(t *testing.T, st *store.Store, n, seq int, findings []store.Finding) (domain.Employer, store.Declaration) {
	t.Helper()
	er, err := st.Employers().FindByAffiliation(decltest.Affiliation(n))
	if store.IsNotFound(err) {
		er, err = st.Employers().Create(domain.Employer{Affiliation: decltest.Affiliation(n), Name: "Société Test"})
	}
	if err != nil {
		t.Fatal(err)
	}
	kind := store.KindPrincipal
	if seq > 0 {
		kind = store.KindComplementary
	}
	status := store.StatusReady
	if len(findings) > 0 {
		status = store.StatusDraft
	}
	d, err := st.Declarations().Create(store.Declaration{EmployerID: er.ID, Period: p202601, Kind: kind, Sequence: seq,
		Status: status, FileName: "whatever.txt", Bytes: []byte("B00 fichier de test\nB06\n"), Findings: findings})
	if err != nil {
		t.Fatal(err)
	}
	return er, d
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if i18n.Code(err) != code {
		t.Fatalf("want %s, got %q: %v", code, i18n.Code(err), err)
	}
	var ue *i18n.Error
	errors.As(err, &ue)
	for _, l := range i18n.Langs {
		if m := ue.In(l); m == "" || (l != i18n.FR && m == ue.In(i18n.FR)) {
			t.Fatalf("%s: no message in %s", code, l)
		}
	}
}

func TestExport(t *testing.T) {
	st := openStore(t)
	svc := manual.New(st, manual.Options{Now: func() time.Time { return today }})
	er, d := newDecl(t, st, 123456, 0, nil)
	_, dsc := newDecl(t, st, 123456, 2, nil)
	dir := t.TempDir()

	path, err := svc.Export(d.ID, dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "DS_"+er.Affiliation+"_202601.txt"); path != want {
		t.Fatalf("path %s, want %s", path, want)
	}
	if got, _ := os.ReadFile(path); string(got) != "B00 fichier de test\nB06\n" {
		t.Fatal("content")
	}
	path2, err := svc.Export(dsc.ID, dir)
	if err != nil || filepath.Base(path2) != "DSC2_"+er.Affiliation+"_202601.txt" {
		t.Fatal(path2, err)
	}
	// Exporting again replaces the file; no temporary file is left behind.
	if _, err := svc.Export(d.ID, dir); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 2 {
		t.Fatalf("%d files in the folder", len(ents))
	}
	// Exporting does not freeze: the declaration stays ready.
	if got, _ := st.Declarations().Get(d.ID); got.Status != store.StatusReady {
		t.Fatal(got.Status)
	}
	entries, _ := st.AuditEntries(1, 1000)
	n := 0
	for _, e := range entries {
		if e.Action == "declaration.export_manual" && e.EntityID == d.ID {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("%d export audit entries", n)
	}

	// Refusals.
	_, bad := newDecl(t, st, 234567, 0, []store.Finding{{Rule: "CTR-LINE", Severity: store.SeverityError}})
	_, err = svc.Export(bad.ID, dir)
	wantCode(t, err, manual.CodeNotExportable)
	_, err = svc.Export(d.ID, filepath.Join(dir, "absent"))
	wantCode(t, err, manual.CodeFolder)
	_, err = svc.Export(d.ID, path)
	wantCode(t, err, manual.CodeFolder)
	if _, err := st.Submissions().Enqueue(d.ID); err != nil {
		t.Fatal(err)
	}
	_, err = svc.Export(d.ID, dir)
	wantCode(t, err, manual.CodeNotExportable)
	if !errors.Is(err, manual.ErrNotExportable) {
		t.Fatal(err)
	}
}

func TestExportReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		// root writes into a read-only folder: use a path whose parent is a file.
		st := openStore(t)
		_, d := newDecl(t, st, 123456, 0, nil)
		f := filepath.Join(t.TempDir(), "file")
		os.WriteFile(f, nil, 0o600)
		_, err := manual.New(st, manual.Options{}).Export(d.ID, f)
		wantCode(t, err, manual.CodeFolder)
		return
	}
	st := openStore(t)
	_, d := newDecl(t, st, 123456, 0, nil)
	dir := t.TempDir()
	os.Chmod(dir, 0o500)
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	_, err := manual.New(st, manual.Options{}).Export(d.ID, dir)
	wantCode(t, err, manual.CodeWrite)
}

func TestCheckEvidence(t *testing.T) {
	pdf := []byte("%PDF-1.4\n%âãÏÓ\n")
	ok := manual.Evidence{DepositReference: " DAM/2026-000123 ", DepositDate: domain.Date{Year: 2026, Month: time.February, Day: 5}, PaymentReference: "PAY 77", ControlReportPDF: pdf}
	got, err := manual.CheckEvidence(ok, p202601, today)
	if err != nil || got.DepositReference != "DAM/2026-000123" {
		t.Fatal(got, err)
	}
	for _, tc := range []struct {
		name  string
		edit  func(e *manual.Evidence)
		field string
	}{
		{"no reference", func(e *manual.Evidence) { e.DepositReference = "  " }, "deposit_reference"},
		{"reference with markup", func(e *manual.Evidence) { e.DepositReference = "<script>" }, "deposit_reference"},
		{"reference too long", func(e *manual.Evidence) { e.DepositReference = strings.Repeat("7", 101) }, "deposit_reference"},
		{"payment reference", func(e *manual.Evidence) { e.PaymentReference = "a\nb" }, "payment_reference"},
		{"no date", func(e *manual.Evidence) { e.DepositDate = domain.Date{} }, "deposit_date"},
		{"date in the month declared", func(e *manual.Evidence) { e.DepositDate = domain.Date{Year: 2026, Month: time.January, Day: 31} }, "deposit_date"},
		{"date in the future", func(e *manual.Evidence) { e.DepositDate = domain.Date{Year: 2026, Month: time.February, Day: 9} }, "deposit_date"},
		{"not a PDF", func(e *manual.Evidence) { e.ControlReportPDF = []byte("<html>") }, "control_report_pdf"},
		{"PDF too large", func(e *manual.Evidence) {
			e.ControlReportPDF = append([]byte("%PDF-"), make([]byte, manual.MaxControlReportPDF)...)
		}, "control_report_pdf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := ok
			tc.edit(&e)
			_, err := manual.CheckEvidence(e, p202601, today)
			wantCode(t, err, manual.CodeEvidence)
			var ue *i18n.Error
			if errors.As(err, &ue); ue.Field != tc.field {
				t.Fatalf("field %q, want %q", ue.Field, tc.field)
			}
		})
	}
	// Tomorrow is accepted (time zones), the day of the deadline too.
	ok.DepositDate = domain.Date{Year: 2026, Month: time.February, Day: 8}
	if _, err := manual.CheckEvidence(ok, p202601, today); err != nil {
		t.Fatal(err)
	}
}

func TestRecordEvidence(t *testing.T) {
	st := openStore(t)
	var hooked []store.ManualDeposit
	svc := manual.New(st, manual.Options{Now: func() time.Time { return today },
		OnRecorded: func(d store.Declaration, md store.ManualDeposit) {
			if d.Status != store.StatusManual || d.Bytes != nil {
				t.Errorf("hook got %s with bytes %v", d.Status, d.Bytes != nil)
			}
			hooked = append(hooked, md)
		}})
	_, d := newDecl(t, st, 123456, 0, nil)
	pdf := []byte("%PDF-1.7\ncontrol report")
	ev := manual.Evidence{DepositReference: "DAM-1", DepositDate: domain.Date{Year: 2026, Month: time.February, Day: 5}, PaymentReference: "PAY-1", ControlReportPDF: pdf}
	md, err := svc.RecordEvidence(d.ID, ev)
	if err != nil {
		t.Fatal(err)
	}
	if md.SHA256 != d.SHA256 || len(hooked) != 1 || !bytes.Equal(hooked[0].ControlReportPDF, pdf) {
		t.Fatalf("record: %+v, %d hook calls", md, len(hooked))
	}
	got, err := st.Declarations().Get(d.ID)
	if err != nil || got.Status != store.StatusManual || got.FrozenAt.IsZero() {
		t.Fatalf("declaration after evidence: %s %v", got.Status, err)
	}
	back, err := st.ManualDeposits().Get(d.ID)
	if err != nil || back.DepositReference != "DAM-1" || !bytes.Equal(back.ControlReportPDF, pdf) {
		t.Fatal(err)
	}
	// Invalid evidence changes nothing and calls no hook.
	_, err = svc.RecordEvidence(d.ID, manual.Evidence{DepositReference: "DAM-2"})
	wantCode(t, err, manual.CodeEvidence)
	if len(hooked) != 1 {
		t.Fatal("hook called for refused evidence")
	}
	// A declaration in the outbox is refused by the store.
	_, d2 := newDecl(t, st, 234567, 0, nil)
	if _, err := st.Submissions().Enqueue(d2.ID); err != nil {
		t.Fatal(err)
	}
	_, err = svc.RecordEvidence(d2.ID, ev)
	wantCode(t, err, store.CodeManualRefused)
	// The chain is intact.
	if _, broken, err := st.VerifyAudit(); err != nil || broken >= 0 {
		t.Fatal(broken, err)
	}
}

// Issue 15.2: the manual export refuses the file of an outdated declaration
// (the month changed after generation) and writes nothing.
func TestExportRefusesAnOutdatedDeclaration(t *testing.T) {
	st := openStore(t)
	svc := manual.New(st, manual.Options{Now: func() time.Time { return today }})
	er, d := newDecl(t, st, 123456, 0, nil)
	if _, err := st.Declarations().Outdate(er.ID, d.Period); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	_, err := svc.Export(d.ID, dir)
	wantCode(t, err, lifecycle.CodeOutdated)
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Fatalf("files written: %v", left)
	}
}
