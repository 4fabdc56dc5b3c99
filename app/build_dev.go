//go:build dev

package app

import (
	"github.com/tasrih/tasrih/internal/vault"
	"github.com/wailsapp/wails/v2/pkg/options"
)

// DevBuild is true in binaries built with -tags dev (wails dev, the
// end-to-end test binary). Never ship one: its Testing service answers
// native dialogs from a queue, and TASRIH_TEST_CHEAP_KDF weakens new vaults.
const DevBuild = true

// EnvCheapKDF, set to 1 in a dev build, creates vaults with the weakest
// Argon2id parameters the vault accepts (vault.FloorParams, no calibration)
// so that the end-to-end test creates and unlocks a vault quickly.
// Production builds ignore it (build_prod.go).
const EnvCheapKDF = "TASRIH_TEST_CHEAP_KDF"

func kdfParams(getenv func(string) string) vault.Params {
	if getenv(EnvCheapKDF) == "1" {
		return vault.FloorParams()
	}
	return vault.Params{}
}

// Testing is bound in dev builds only, for the end-to-end test: it answers
// the next native dialogs (ChooseImportFile, ChoosePreetabli, save dialogs…)
// with queued paths, since a test cannot click in a GTK dialog.
type Testing struct {
	shell *wailsShell
}

// QueueDialogPaths makes the next len(paths) dialogs answer paths, in order
// ("" answers "cancelled").
func (t *Testing) QueueDialogPaths(paths []string) { t.shell.dialogs.push(paths...) }

func bindDev(svc *Services, shell *wailsShell, o *options.App) {
	o.Bind = append(o.Bind, &Testing{shell: shell})
}
