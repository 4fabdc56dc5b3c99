package app

import (
	"crypto/rand"
	"encoding/hex"
	"path/filepath"
	"sync"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Chosen is the answer of a Choose… method (a native dialog opened by Go):
// an opaque, single-use token that the page passes back to the method that
// reads or writes the file, and the file's name for display. The page never
// sees the path and cannot name one: a script in it cannot make the app read
// or write a file the user did not choose (issue 12, "the bridge"). Token ""
// means the dialog was cancelled.
type Chosen struct {
	Token string `json:"token"`
	Name  string `json:"name"`
}

// Kinds of chosen paths: a token works only with the method of its dialog.
const (
	choiceImport        = "import"         // Employers/Employees.ImportPreview
	choicePreetabli     = "preetabli"      // Month.ImportPreetabli
	choiceBackup        = "backup"         // Settings.Restore
	choiceBackupFolder  = "backup-folder"  // Settings.SetBackupFolder
	choiceExportFolder  = "export-folder"  // Submissions.ManualExport
	choiceControlReport = "control-report" // Submissions.RecordManual
)

// CodePathNotChosen: a method got a token no dialog issued for it (forged,
// already used, for another method, or from before a lock).
const CodePathNotChosen = "app.path_not_chosen"

var msgPathNotChosen = i18n.Text{
	FR: "Choisissez à nouveau le fichier avec le bouton « Parcourir » : le choix précédent n'est plus valable",
	AR: "اختر الملف من جديد بزر « تصفح »: الاختيار السابق لم يعد صالحاً",
	EN: "Choose the file again with the “Browse” button: the previous choice is no longer valid",
}

// pathTokens holds the paths the dialogs returned, one (the last) per kind,
// until the method of that kind takes it or the session locks.
type pathTokens struct {
	mu sync.Mutex
	m  map[string]chosenPath // by kind
}

type chosenPath struct {
	token, path string
}

// issue records path (a dialog's answer; "" when cancelled) for kind and
// returns its token; it replaces the previous one of that kind.
func (t *pathTokens) issue(kind, path string, err error) (Chosen, error) {
	if err != nil || path == "" {
		return Chosen{}, err
	}
	b := make([]byte, 16)
	rand.Read(b)
	tok := hex.EncodeToString(b)
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil {
		t.m = map[string]chosenPath{}
	}
	t.m[kind] = chosenPath{token: tok, path: path}
	return Chosen{Token: tok, Name: filepath.Base(path)}, nil
}

// take returns the path of token for kind and forgets it (single use).
func (t *pathTokens) take(kind, token string) (string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	c, ok := t.m[kind]
	if !ok || token == "" || c.token != token {
		return "", i18n.New(CodePathNotChosen, msgPathNotChosen)
	}
	delete(t.m, kind)
	return c.path, nil
}

// clear forgets every token (at lock).
func (t *pathTokens) clear() {
	t.mu.Lock()
	t.m = nil
	t.mu.Unlock()
}
