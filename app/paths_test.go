package app

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
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

// The backup folder comes only from a folder dialog's token (issue 12, the
// bridge): Save refuses any folder other than the one saved, and
// SetBackupFolder takes only a backup-folder token, once, issued since the
// last lock.
func TestBackupFolderTokens(t *testing.T) {
	svc, sh, _ := testServices(t)
	must[Created](t)(svc.Session.Create(passphrase, false))
	chosenDir := filepath.Join(t.TempDir(), "sauvegardes")
	os.Mkdir(chosenDir, 0o700)
	other := t.TempDir() // a folder the user never chose
	base := svc.Settings.Get()
	settingsFile := func() string {
		b, _ := os.ReadFile(filepath.Join(svc.Core.Dir(), "settings.json"))
		return string(b)
	}
	before := settingsFile()

	// A path from the page, absolute or relative, is refused by Save and by
	// SetBackupFolder, and nothing is written.
	for _, forged := range []string{other, "/etc", "../../tmp", "snapshots", "00000000000000000000000000000000"} {
		st := base
		st.BackupFolder = forged
		if err := svc.Settings.Save(st); code(err) != CodePathNotChosen || field(err) != "backup_folder" {
			t.Errorf("Save with backup_folder %q: %v", forged, err)
		}
		if _, err := svc.Settings.SetBackupFolder(forged); code(err) != CodePathNotChosen || field(err) != "backup_folder" {
			t.Errorf("SetBackupFolder(%q): %v", forged, err)
		}
	}
	if after := settingsFile(); after != before || svc.Settings.Get().BackupFolder != "" {
		t.Fatalf("settings changed by refused paths:\n%s", after)
	}
	// The other fields still save with the folder as it is.
	st := base
	st.SnapshotsKept = 7
	if err := svc.Settings.Save(st); err != nil {
		t.Fatalf("Save without changing the folder: %v", err)
	}

	// Another kind's token is refused.
	backupTok := chosen(t, sh, filepath.Join(other, "x.tasrih-backup"), svc.Settings.ChooseBackupFile)
	if _, err := svc.Settings.SetBackupFolder(backupTok); code(err) != CodePathNotChosen {
		t.Errorf("backup-file token as a folder: %v", err)
	}
	// The folder's token works once; snapshots then go there.
	tok := chosen(t, sh, chosenDir, svc.Settings.ChooseBackupFolder)
	got, err := svc.Settings.SetBackupFolder(tok)
	if err != nil || got.BackupFolder != chosenDir || got.SnapshotsKept != 7 || svc.Settings.Get().BackupFolder != chosenDir {
		t.Fatalf("SetBackupFolder(token): %+v %v", got, err)
	}
	if _, err := svc.Settings.SetBackupFolder(tok); code(err) != CodePathNotChosen {
		t.Errorf("second use of the folder token: %v", err)
	}
	if p := must[string](t)(svc.Settings.SnapshotNow()); filepath.Dir(p) != chosenDir {
		t.Errorf("snapshot written to %s, not in the chosen folder", p)
	}
	// A folder token is not a restore token either.
	tok = chosen(t, sh, chosenDir, svc.Settings.ChooseBackupFolder)
	if _, err := svc.Settings.Restore(tok, passphrase, false); code(err) != CodePathNotChosen {
		t.Errorf("folder token used to restore: %v", err)
	}

	// A token from before a lock is refused.
	tok = chosen(t, sh, other, svc.Settings.ChooseBackupFolder)
	if err := svc.Session.Lock(); err != nil {
		t.Fatal(err)
	}
	if err := svc.Session.UnlockPassphrase(passphrase); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Settings.SetBackupFolder(tok); code(err) != CodePathNotChosen {
		t.Errorf("folder token from before the lock: %v", err)
	}
	if svc.Settings.Get().BackupFolder != chosenDir {
		t.Fatal("the folder changed")
	}
	// "" goes back to the default folder.
	if got, err := svc.Settings.SetBackupFolder(""); err != nil || got.BackupFolder != "" || svc.Settings.Get().BackupFolder != "" {
		t.Fatalf("back to the default: %+v %v", got, err)
	}
}

// field is the form field an error names ("" when none).
func field(err error) string {
	var e *i18n.Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
