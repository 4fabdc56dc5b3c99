package app

import (
	"github.com/tasrih/tasrih/internal/backup"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/settings"
)

// Settings is the bound service of the preferences of the data folder and of
// its backups. Get and Save work while locked (language of the lock screen).
type Settings struct {
	svc *Services
}

// Get returns the settings (the defaults when the file is missing or damaged).
func (s *Settings) Get() settings.Settings {
	st, _ := settings.Load(s.svc.Core.Dir())
	return st
}

// Save validates and writes the settings (settings.invalid with the field);
// a new auto-lock delay applies at once. The backup folder is never taken
// from the page (issue 12, the bridge): st.BackupFolder must be the one
// saved (app.path_not_chosen, field backup_folder, otherwise); it changes
// only through ChooseBackupFolder and SetBackupFolder.
func (s *Settings) Save(st settings.Settings) error {
	cur, _ := settings.Load(s.svc.Core.Dir())
	if st.BackupFolder != cur.BackupFolder {
		return i18n.New(CodePathNotChosen, msgPathNotChosen).WithField("backup_folder")
	}
	if err := settings.Save(s.svc.Core.Dir(), st); err != nil {
		return err
	}
	s.svc.Core.SetAutoLock(st.AutoLockMinutes)
	return nil
}

// ChooseBackupFolder asks for the folder of the snapshots: its token for
// SetBackupFolder and its name (token "" when cancelled).
func (s *Settings) ChooseBackupFolder() (Chosen, error) {
	p, err := s.svc.shell.OpenDirectory(FileDialog{Title: "Dossier des sauvegardes", DefaultDir: s.Get().SnapshotFolder(s.svc.Core.Dir())})
	return s.svc.paths.issue(choiceBackupFolder, p, err)
}

// SetBackupFolder makes the folder chosen with ChooseBackupFolder (its
// token, single use) the snapshot folder and returns the saved settings;
// token "" goes back to the default folder (DATA/snapshots). Any other
// string gives app.path_not_chosen (field backup_folder).
func (s *Settings) SetBackupFolder(token string) (settings.Settings, error) {
	dir := s.svc.Core.Dir()
	st, _ := settings.Load(dir)
	folder := ""
	if token != "" {
		p, err := s.svc.paths.take(choiceBackupFolder, token)
		if err != nil {
			return st, i18n.New(CodePathNotChosen, msgPathNotChosen).WithField("backup_folder")
		}
		folder = p
	}
	st.BackupFolder = folder
	if err := settings.Save(dir, st); err != nil {
		cur, _ := settings.Load(dir)
		return cur, err
	}
	return st, nil
}

// SnapshotNow writes an encrypted backup now into the snapshot folder and
// returns its path. Progress: snapshot:progress events (records);
// CancelSnapshot(opID) stops it (backup.cancelled): no file is left.
func (s *Settings) SnapshotNow() (string, error) { return s.svc.Core.Snapshot("manual") }

// CancelSnapshot stops a running SnapshotNow; false when opID is unknown.
func (s *Settings) CancelSnapshot(opID string) bool { return s.svc.Core.Ops().Cancel(opID) }

// ListSnapshots lists the backups of this vault in the snapshot folder
// (snapshots, auto=true, and manual backups), oldest first, with their time.
func (s *Settings) ListSnapshots() ([]backup.SnapshotInfo, error) { return s.svc.Core.ListSnapshots() }

// ChooseBackupFile asks for a backup file to restore: its token for Restore
// and its name (empty when cancelled).
func (s *Settings) ChooseBackupFile() (Chosen, error) {
	p, err := s.svc.shell.OpenFile(FileDialog{Title: "Restaurer une sauvegarde", DefaultDir: s.Get().SnapshotFolder(s.svc.Core.Dir()),
		Filters: [][2]string{{"Sauvegarde Tasrih", "*" + backup.SnapshotExt}}})
	return s.svc.paths.issue(choiceBackup, p, err)
}

// ChooseSnapshot picks, for Restore, one of the backups ListSnapshots lists
// (by its path as listed): its token and name. Any other path gives
// app.path_not_chosen.
func (s *Settings) ChooseSnapshot(path string) (Chosen, error) {
	list, err := s.svc.Core.ListSnapshots()
	if err != nil {
		return Chosen{}, err
	}
	for _, sn := range list {
		if sn.Path == path && path != "" {
			return s.svc.paths.issue(choiceBackup, sn.Path, nil)
		}
	}
	return Chosen{}, i18n.New(CodePathNotChosen, msgPathNotChosen)
}

// Restore locks the session, replaces the data with the backup chosen with
// ChooseBackupFile or ChooseSnapshot (its token, single use; secret: the
// passphrase, or the recovery code with isRecovery, valid when the backup was
// made), and leaves the app locked on the restored data. Progress:
// restore:progress events; CancelRestore(opID) stops it before the swap
// (nothing changes). The replaced data stays in Previous.
func (s *Settings) Restore(token, secret string, isRecovery bool) (backup.Restored, error) {
	if s.svc.blocked != nil {
		return backup.Restored{}, s.svc.blocked
	}
	path, err := s.svc.paths.take(choiceBackup, token)
	if err != nil {
		return backup.Restored{}, err
	}
	return s.svc.Core.Restore(path, secret, isRecovery)
}

// ListPrevious lists the previous-… folders of the data folder (the data
// each restore replaced, kept until the user removes them), oldest first.
func (s *Settings) ListPrevious() ([]backup.PreviousInfo, error) {
	return backup.ListPrevious(s.svc.Core.Dir())
}

// CancelRestore stops a running restore before its swap; false when opID is
// unknown.
func (s *Settings) CancelRestore(opID string) bool { return s.svc.Core.Ops().Cancel(opID) }
