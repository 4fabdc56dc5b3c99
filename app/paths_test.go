package app

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
)

// The bridge (issue 12): a method that reads or writes a file takes only the
// token a dialog opened by Go issued for it, once; a script in the page
// cannot name a path.
func TestPathTokens(t *testing.T) {
	svc, sh, _ := testServices(t)
	must[Created](t)(svc.Session.Create(passphrase, false))
	er := must[domain.Employer](t)(svc.Employers.Create(domain.Employer{Affiliation: "1234567", Name: "Société A"}))
	dir := t.TempDir()
	sheet := filepath.Join(dir, "salaries.csv")
	os.WriteFile(sheet, []byte("immatriculation;nom;prenom\n123456785;ALAMI;AHMED\n"), 0o600)
	secret := filepath.Join(dir, "secret.txt") // a file the user never chose
	os.WriteFile(secret, []byte("immatriculation;nom\n"), 0o600)

	// A path, absolute or relative, is not a token.
	for _, forged := range []string{sheet, secret, "/etc/passwd", "../../secret.txt", "", "00000000000000000000000000000000"} {
		if _, err := svc.Employees.ImportPreview(er.ID, forged); code(err) != CodePathNotChosen {
			t.Errorf("import with %q: %v", forged, err)
		}
		if _, err := svc.Month.ImportPreetabli(er.ID, "202601", forged); code(err) != CodePathNotChosen {
			t.Errorf("préétabli with %q: %v", forged, err)
		}
		if _, err := svc.Submissions.ManualExport("d", forged); code(err) != CodePathNotChosen {
			t.Errorf("export into %q: %v", forged, err)
		}
		if forged != "" {
			if _, err := svc.Submissions.RecordManual("d", ManualEvidenceInput{DepositReference: "X", DepositDate: "20260105", ControlReportToken: forged}); code(err) != CodePathNotChosen {
				t.Errorf("control report %q: %v", forged, err)
			}
		}
	}

	// A token works once.
	tok := chosen(t, sh, sheet, svc.Employees.ChooseImportFile)
	if _, err := svc.Employees.ImportPreview(er.ID, tok); err != nil {
		t.Fatalf("first use: %v", err)
	}
	if _, err := svc.Employees.ImportPreview(er.ID, tok); code(err) != CodePathNotChosen {
		t.Errorf("second use: %v", err)
	}

	// A token works only for the method of its dialog.
	tok = chosen(t, sh, dir, svc.Submissions.ChooseExportFolder)
	if _, err := svc.Employees.ImportPreview(er.ID, tok); code(err) != CodePathNotChosen {
		t.Errorf("export-folder token used to import: %v", err)
	}
	if _, err := svc.Month.ImportPreetabli(er.ID, "202601", tok); code(err) != CodePathNotChosen {
		t.Errorf("export-folder token used for a préétabli: %v", err)
	}

	// A cancelled dialog issues no token.
	sh.answer("")
	if c, err := svc.Employees.ChooseImportFile(); err != nil || c != (Chosen{}) {
		t.Errorf("cancelled dialog: %+v %v", c, err)
	}

	// Tokens do not survive a lock.
	tok = chosen(t, sh, sheet, svc.Employees.ChooseImportFile)
	backupTok := chosen(t, sh, secret, svc.Settings.ChooseBackupFile)
	if err := svc.Session.Lock(); err != nil {
		t.Fatal(err)
	}
	if err := svc.Session.UnlockPassphrase(passphrase); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Employees.ImportPreview(er.ID, tok); code(err) != CodePathNotChosen {
		t.Errorf("token from before the lock: %v", err)
	}
	if _, err := svc.Settings.Restore(backupTok, passphrase, false); code(err) != CodePathNotChosen {
		t.Errorf("restore token from before the lock: %v", err)
	}
	if _, err := svc.Settings.Restore(secret, passphrase, false); code(err) != CodePathNotChosen {
		t.Errorf("restore from a path: %v", err)
	}
}

// A listed snapshot can be chosen for a restore without a dialog; any other
// path cannot.
func TestChooseSnapshot(t *testing.T) {
	svc, _, _ := testServices(t)
	must[Created](t)(svc.Session.Create(passphrase, false))
	snap := must[string](t)(svc.Settings.SnapshotNow())
	for _, p := range []string{"", "/etc/passwd", snap + ".x", filepath.Dir(snap)} {
		if _, err := svc.Settings.ChooseSnapshot(p); code(err) != CodePathNotChosen {
			t.Errorf("ChooseSnapshot(%q): %v", p, err)
		}
	}
	c := must[Chosen](t)(svc.Settings.ChooseSnapshot(snap))
	if c.Token == "" || c.Name != filepath.Base(snap) {
		t.Fatalf("chosen %+v", c)
	}
	if _, err := svc.Settings.Restore(c.Token, passphrase, false); err != nil {
		t.Fatalf("restore of the chosen snapshot: %v", err)
	}
}
