package app

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/desktop"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/firm/objstore"
	"github.com/tasrih/tasrih/internal/monthly"
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
	for name, err := range edits {
		if code(err) != desktop.CodeFirmReadOnly {
			t.Errorf("%s on karim's dossier: %v", name, err)
		}
	}
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
