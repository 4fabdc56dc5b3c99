// Package settings holds the user's preferences of a data folder in
// DIR/settings.json: language, auto-lock delay, backup folder and how many
// automatic snapshots to keep. The file holds no personal data (it is read
// before the vault is unlocked, to show the lock screen in the right
// language and to take a snapshot before a schema migration), is written
// atomically and read strictly.
package settings

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/tasrih/tasrih/internal/atomicfile"
	"github.com/tasrih/tasrih/internal/i18n"
)

// FileName is the name of the settings file in a data folder.
const FileName = "settings.json"

// Bounds of the settings (security.md: auto-lock 1–60 minutes).
const (
	MinAutoLock = 1
	MaxAutoLock = 60
	MaxKeep     = 100
	maxFileSize = 16 << 10
)

// Settings are the preferences of a data folder.
type Settings struct {
	Lang             i18n.Lang `json:"lang"`
	AutoLockMinutes  int       `json:"auto_lock_minutes"`
	BackupFolder     string    `json:"backup_folder"` // "" = DIR/snapshots
	SnapshotsKept    int       `json:"snapshots_kept"`
	SnapshotOnExit   bool      `json:"snapshot_on_exit"`
	SnapshotOnSubmit bool      `json:"snapshot_on_submit"`
}

// Defaults are the settings of a new data folder.
func Defaults() Settings {
	return Settings{Lang: i18n.FR, AutoLockMinutes: 5, SnapshotsKept: 10, SnapshotOnExit: true, SnapshotOnSubmit: true}
}

// SnapshotFolder returns where automatic snapshots of dir go.
func (s Settings) SnapshotFolder(dir string) string {
	if s.BackupFolder != "" {
		return s.BackupFolder
	}
	return filepath.Join(dir, "snapshots")
}

var msgInvalid = i18n.Text{
	FR: "réglage invalide : %s",
	AR: "إعداد غير صالح: %s",
	EN: "invalid setting: %s",
}

// Validate checks the bounds of every setting.
func (s Settings) Validate() error {
	switch {
	case s.Lang != i18n.FR && s.Lang != i18n.AR && s.Lang != i18n.EN:
		return i18n.New("settings.invalid", msgInvalid, i18n.Text{FR: "langue (fr, ar ou en)", AR: "اللغة (fr أو ar أو en)", EN: "language (fr, ar or en)"}).WithField("lang")
	case s.AutoLockMinutes < MinAutoLock || s.AutoLockMinutes > MaxAutoLock:
		return i18n.New("settings.invalid", msgInvalid, i18n.Text{FR: "verrouillage automatique de 1 à 60 minutes", AR: "القفل التلقائي من 1 إلى 60 دقيقة", EN: "auto-lock from 1 to 60 minutes"}).WithField("auto_lock_minutes")
	case s.SnapshotsKept < 1 || s.SnapshotsKept > MaxKeep:
		return i18n.New("settings.invalid", msgInvalid, i18n.Text{FR: "nombre de sauvegardes automatiques gardées de 1 à 100", AR: "عدد النسخ التلقائية المحفوظة من 1 إلى 100", EN: "automatic backups kept from 1 to 100"}).WithField("snapshots_kept")
	case s.BackupFolder != "" && !filepath.IsAbs(s.BackupFolder):
		return i18n.New("settings.invalid", msgInvalid, i18n.Text{FR: "le dossier des sauvegardes doit être un chemin complet", AR: "يجب أن يكون مجلد النسخ مساراً كاملاً", EN: "the backup folder must be a full path"}).WithField("backup_folder")
	}
	return nil
}

// Load reads the settings of dir; a missing file gives the defaults, a
// damaged one an error (the caller may fall back to the defaults).
func Load(dir string) (Settings, error) {
	f, err := os.Open(filepath.Join(dir, FileName))
	if errors.Is(err, os.ErrNotExist) {
		return Defaults(), nil
	}
	if err != nil {
		return Defaults(), err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return Defaults(), err
	}
	if len(b) > maxFileSize {
		return Defaults(), i18n.New("settings.invalid", msgInvalid, "taille")
	}
	s := Defaults()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Defaults(), i18n.Wrap(err, "settings.invalid", msgInvalid, err.Error())
	}
	if err := s.Validate(); err != nil {
		return Defaults(), err
	}
	return s, nil
}

// Save validates s and writes it to dir atomically.
func Save(dir string, s Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	b, _ := json.MarshalIndent(s, "", "  ")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(dir, FileName), append(b, '\n'), 0o600)
}
