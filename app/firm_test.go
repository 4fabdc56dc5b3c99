package app

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/desktop"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/firm/objstore"
	"github.com/tasrih/tasrih/internal/monthly"
	"github.com/tasrih/tasrih/internal/store"
)

// firmSeat is an unlocked app whose firm mode talks to mem.
func firmSeat(t *testing.T, mem *objstore.Mem, name string) (*Services, *fakeShell) {
	t.Helper()
	svc, sh, _ := testServices(t)
	must[Created](t)(svc.Session.Create(passphrase, false))
	svc.Core.SetFirmOptions(desktop.FirmOptions{OpenStore: func(objstore.Config) (objstore.Store, error) { return mem, nil }})
	must[desktop.FirmStatus](t)(svc.Firm.NewSeat(name))
	return svc, sh
}

// Through the bound services: an employer another seat holds is read-only
// here (every edit method says who holds it since when), becomes editable
// once handed over, and travels as a bundle file through the Go dialogs.
func TestFirmBoundEditsRefusedWithoutTheLease(t *testing.T) {
	mem := objstore.NewMem()
	karim, _ := firmSeat(t, mem, "Karim")
	fatima, fsh := firmSeat(t, mem, "Fatima")
	set := desktop.FirmSettings{Endpoint: "http://127.0.0.1:9", Bucket: "cabinet", AccessKey: "AK"}
	st := must[desktop.FirmStatus](t)(karim.Firm.Create(set, "secret"))
	must[desktop.FirmStatus](t)(karim.Firm.Invite(must[desktop.FirmStatus](t)(fatima.Firm.Status()).Invitation))
	fst := must[desktop.FirmStatus](t)(fatima.Firm.Join(set, "secret", st.Ref))

	er := must[domain.Employer](t)(karim.Employers.Create(domain.Employer{Affiliation: "1234567", Name: "Atlas Cabinet SARL"}))
	em := must[domain.Employee](t)(karim.Employees.Create(domain.Employee{EmployerID: er.ID, Immatriculation: decltest.Immat(1), LastName: "NOM"}))
	must[desktop.FirmDossier](t)(karim.Firm.Share(er.ID, []string{fst.SeatID}))
	op := must[string](t)(fatima.Firm.StartSync())
	fsh.waitFor(t, "fatima's sync", func() bool {
		for _, ev := range fsh.named(desktop.EventFirmSyncDone) {
			if d := ev.(desktop.FirmSyncDone); d.OpID == op {
				if d.ErrorCode != "" {
					t.Fatalf("sync: %s", d.ErrorCode)
				}
				return true
			}
		}
		return false
	})
	rows := must[[]desktop.FirmDossier](t)(fatima.Firm.Dossiers())
	if len(rows) != 1 || rows[0].HolderName != "Karim" || rows[0].EmployerID != er.ID {
		t.Fatalf("fatima's dossiers: %+v", rows)
	}

	em.LastName = "AUTRE"
	period := "202601"
	edits := map[string]error{}
	_, edits["Employees.Update"] = fatima.Employees.Update(em)
	_, edits["Employees.Create"] = fatima.Employees.Create(domain.Employee{EmployerID: er.ID, Immatriculation: decltest.Immat(2), LastName: "NOUVEAU"})
	_, edits["Employers.Update"] = fatima.Employers.Update(er)
	edits["Employers.Delete"] = fatima.Employers.Delete(er.ID)
	_, edits["Month.SaveLines"] = fatima.Month.SaveLines(er.ID, period, []monthly.LineInput{{EmployeeID: em.ID, Days: 26, Gross: domain.MAD(4000)}})
	_, edits["Month.Generate"] = fatima.Month.Generate(er.ID, period)
	_, edits["Month.GenerateComplementary"] = fatima.Month.GenerateComplementary(er.ID, period, nil)
	_, edits["Month.FetchPreetabli"] = fatima.Month.FetchPreetabli(er.ID, period)
	// Both imports: the preview reads, the apply is refused and writes nothing.
	importVia := func(name, content string, choose func() (Chosen, error), preview func(string) (ImportPreview, error)) string {
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		fsh.answer(p)
		pv := must[ImportPreview](t)(preview(must[Chosen](t)(choose()).Token))
		if pv.Preview.Counts.Errors != 0 || pv.Preview.Counts.Create+pv.Preview.Counts.Update != 1 {
			t.Fatalf("%s preview: %+v", name, pv.Preview.Counts)
		}
		return pv.OpID
	}
	eop := importVia("salaries.csv", "immatriculation;nom;prenom\n"+decltest.Immat(3)+";IMPORTE;PAR FATIMA\n",
		fatima.Employees.ChooseImportFile, func(tok string) (ImportPreview, error) { return fatima.Employees.ImportPreview(er.ID, tok) })
	_, edits["Employees.ImportApply"] = fatima.Employees.ImportApply(eop, true)
	rop := importVia("employeurs.csv", "affiliation;raison sociale\n1234567;Atlas Renommee SARL\n",
		fatima.Employers.ChooseImportFile, fatima.Employers.ImportPreview)
	_, edits["Employers.ImportApply"] = fatima.Employers.ImportApply(rop, true)
	// The batch close reports karim's dossier failed, with who holds it.
	bop := must[string](t)(fatima.Batch.Start([]string{er.ID}, period))
	fsh.waitFor(t, "fatima's batch", func() bool {
		for _, ev := range fsh.named(EventBatchDone) {
			if d := ev.(desktop.BatchDone); d.OpID == bop {
				if len(d.Results) != 1 || d.Results[0].State != "failed" || !strings.Contains(d.Results[0].Message.FR, "Karim") {
					t.Fatalf("batch on karim's dossier: %+v", d.Results)
				}
				edits["Batch.Start"] = desktop.ErrFirmReadOnly
				return true
			}
		}
		return false
	})
	if ds := must[[]store.Declaration](t)(fatima.Month.Declarations(er.ID, period)); len(ds) != 0 {
		t.Fatalf("fatima's batch generated %d declarations", len(ds))
	}
	for name, err := range edits {
		if name == "Batch.Start" {
			continue
		}
		if code(err) != desktop.CodeFirmReadOnly {
			t.Errorf("%s on karim's dossier: %v", name, err)
		}
	}
	if ees := must[[]domain.Employee](t)(fatima.Employees.List(er.ID)); len(ees) != 1 {
		t.Fatalf("fatima's import wrote %d employees", len(ees))
	}
	if got := must[domain.Employer](t)(fatima.Employers.Get(er.ID)); got.Name != er.Name {
		t.Fatalf("fatima's employer import renamed it: %s", got.Name)
	}
	checkEveryWriteIsGuarded(t, fatima, edits)
	if got := must[domain.Employee](t)(fatima.Employees.Get(er.ID, em.ID)); got.LastName != "NOM" {
		t.Fatalf("fatima's copy changed: %s", got.LastName)
	}
	// Karim edits freely; after the hand-over, Fatima does and Karim cannot.
	must[domain.Employee](t)(karim.Employees.Update(em))
	must[desktop.FirmDossier](t)(karim.Firm.HandOver(er.ID, fst.SeatID))
	must[desktop.FirmDossier](t)(fatima.Firm.Take(er.ID)) // renews, brings karim's last change
	if got := must[domain.Employee](t)(fatima.Employees.Get(er.ID, em.ID)); got.LastName != "AUTRE" {
		t.Fatalf("fatima's copy after the hand-over: %s", got.LastName)
	}
	em.LastName = "PAR-FATIMA"
	must[domain.Employee](t)(fatima.Employees.Update(em))
	if _, err := karim.Employees.Update(em); code(err) != desktop.CodeFirmReadOnly {
		t.Fatalf("karim edits after the hand-over: %v", err)
	}

	// A bundle file through the dialogs: written where the dialog said, read back.
	path := filepath.Join(t.TempDir(), "atlas.tasrih-bundle")
	karimInv := must[desktop.FirmStatus](t)(karim.Firm.Status()).Invitation
	fsh.answer(path)
	ch := must[Chosen](t)(fatima.Firm.ChooseBundleExport())
	if err := fatima.Firm.ExportBundle(er.ID, karimInv, "forged-token"); code(err) != CodePathNotChosen {
		t.Fatalf("export with a forged token: %v", err)
	}
	if err := fatima.Firm.ExportBundle(er.ID, karimInv, ch.Token); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || len(b) == 0 {
		t.Fatalf("bundle file: %d bytes, %v", len(b), err)
	}
}

// notDossierEdits are the bound methods that do not write a dossier another
// seat may hold, each with why; every other exported method of a bound
// service must be tried in TestFirmBoundEditsRefusedWithoutTheLease (or in
// guardedElsewhere), so a new unguarded edit method fails this test.
var notDossierEdits = map[string]string{
	"System.*": "window and version", "Session.*": "the vault, not a dossier",
	"Settings.*": "the seat's settings and its own backups", "Profiles.*": "platform profiles of this seat",
	"Firm.*": "the firm's own protocol (leases, shares, proposals, bundles)",

	"Employers.Dashboard": "read", "Employers.List": "read", "Employers.Get": "read",
	"Employers.Validate": "no store", "Employers.Warnings": "no store",
	"Employers.Create":            "a new employer is nobody's dossier yet",
	"Employers.SaveCredentials":   "the OS keyring of this seat",
	"Employers.DeleteCredentials": "the OS keyring of this seat", "Employers.Logins": "read",
	"Employers.ChooseImportFile": "dialog", "Employers.ImportPreview": "read",
	"Employers.ImportDiscard": "drops a preview", "Employers.Cancel": "stops an operation",

	"Employees.List": "read", "Employees.Get": "read", "Employees.Validate": "no store", "Employees.History": "read",
	"Employees.ChooseImportFile": "dialog", "Employees.ImportPreview": "read",
	"Employees.ImportDiscard": "drops a preview", "Employees.Cancel": "stops an operation",

	"Month.Load": "read", "Month.ChoosePreetabli": "dialog", "Month.Declarations": "read",
	"Month.ExportDeclaration": "writes a file out, not the store",

	"Batch.Cancel": "stops an operation",

	"Submissions.Profiles": "read", "Submissions.Login": "platform session of this seat",
	"Submissions.VerifyOTP": "platform session of this seat", "Submissions.SandboxInbox": "read",
	"Submissions.List": "read", "Submissions.Pending": "read", "Submissions.Result": "read",
	"Submissions.ChooseExportFolder": "dialog", "Submissions.ManualExport": "writes a file out, not the store",
	"Submissions.OpenPortal": "browser", "Submissions.ChooseControlReport": "dialog",

	"Receipts.List": "read", "Receipts.ForDeclaration": "read", "Receipts.Get": "read",
	"Receipts.SummaryPDF": "read", "Receipts.Export": "writes a file out", "Receipts.ExportZIP": "writes a file out",
	"Receipts.Attempts": "read", "Receipts.AttemptScreenshot": "read", "Receipts.Extensions": "read",
	"Receipts.SetExtension":    "a CNSS extension is seat-wide (every employer), kept locally, not a dossier record",
	"Receipts.DeleteExtension": "a CNSS extension is seat-wide (every employer), kept locally, not a dossier record",
	"Receipts.ExportEvidence":  "writes a file out", "Receipts.Cancel": "stops an operation", "Receipts.Audit": "read",
}

// guardedElsewhere are edit methods guarded per declaration or submission
// whose refusal needs a deposited declaration: the tests named say where.
var guardedElsewhere = map[string]string{
	"Submissions.Submit":           "Core.Submit per result (desktop TestFirmDeposit*)",
	"Batch.SubmitReady":            "Core.Submit per result (desktop TestFirmDeposit*)",
	"Submissions.Resubmit":         "FirmEditableDeclaration",
	"Submissions.Cancel":           "FirmEditableSubmission",
	"Submissions.RecordManual":     "FirmEditableDeclaration",
	"Month.ImportPreetabli":        "FirmEditable(employerID)",
	"Receipts.RecordPortalFailure": "FirmEditableDeclaration",
}

func checkEveryWriteIsGuarded(t *testing.T, svc *Services, tried map[string]error) {
	t.Helper()
	v := reflect.ValueOf(svc).Elem()
	n := 0
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if !f.IsExported() || f.Type.Kind() != reflect.Pointer || f.Type.Elem().PkgPath() != v.Type().PkgPath() {
			continue
		}
		typ := f.Type.Elem().Name()
		for j := 0; j < f.Type.NumMethod(); j++ {
			name := typ + "." + f.Type.Method(j).Name
			n++
			_, ok1 := notDossierEdits[typ+".*"]
			_, ok2 := notDossierEdits[name]
			_, ok3 := tried[name]
			_, ok4 := guardedElsewhere[name]
			if !ok1 && !ok2 && !ok3 && !ok4 {
				t.Errorf("bound method %s: not tried against a dossier held elsewhere, nor listed as not editing one", name)
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d bound methods seen: the reflection walk is broken", n)
	}
}
