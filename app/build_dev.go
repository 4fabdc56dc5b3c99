//go:build dev

package app

import (
	"path/filepath"
	"time"

	"github.com/tasrih/tasrih/internal/desktop"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/vault"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/runtime"
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
	svc   *Services
}

// QueueDialogPaths makes the next len(paths) dialogs answer paths, in order
// ("" answers "cancelled").
func (t *Testing) QueueDialogPaths(paths []string) { t.shell.dialogs.push(paths...) }

// WindowExecJS runs js in the native window's page (not in a browser
// attached to the dev server): the web-process memory scan
// (build/scripts/webmemscan.sh) types in the WebKit page this way.
func (t *Testing) WindowExecJS(js string) {
	if ctx := t.shell.context(); ctx != nil {
		runtime.WindowExecJS(ctx, js)
	}
}

// SandboxPreetabli writes into dir the préétabli that the embedded sandbox
// publishes for affiliation and period ("AAAAMM"), under its official name
// AFFEBDS_<aff>_<AAAAMM>.txt, and returns its path: the end-to-end test
// imports it so that the sandbox accepts the declaration built on it.
func (t *Testing) SandboxPreetabli(affiliation, period, dir string) (string, error) {
	p, err := desktop.ParsePeriod(period)
	if err != nil {
		return "", err
	}
	var raw []byte
	err = t.svc.Core.Use(func(s *desktop.Session) error {
		ctx, cancel := s.CallContext()
		defer cancel()
		raw, err = s.SandboxPreetabli(ctx, affiliation, p)
		return err
	})
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "AFFEBDS_"+affiliation+"_"+p.String()+".txt")
	return path, desktop.WriteFileAtomic(path, raw)
}

// IdleDelay sets the idle delay of the running session to ms milliseconds
// (the settings allow one minute at least): the end-to-end test waits for a
// real idle lock (issue 15.8, the unlock screen after it).
func (t *Testing) IdleDelay(ms int) { t.svc.Core.SetIdleDelay(time.Duration(ms) * time.Millisecond) }

// SandboxFaults makes the embedded sandbox answer every API call 500 when
// down (the platform down during a submission), delay each by latencyMs
// (the platform slow), and reject every deposit it processes when reject
// (a rejected deposit and its resubmission); SandboxFaults(false, 0, false)
// brings it back. Dev builds only: the production binary has no way to
// reach it.
func (t *Testing) SandboxFaults(down bool, latencyMs int, reject bool) error {
	f := sandbox.Faults{Latency: time.Duration(latencyMs) * time.Millisecond, Reject: reject}
	if down {
		f.FailRate = 1
	}
	return t.svc.Core.SetSandboxFaults(f)
}

// HoldSnapshots makes Settings.SnapshotNow wait after its first progress
// until it is cancelled (or HoldSnapshots(false)): the end-to-end test
// cancels a snapshot, which on its small vault would end before the click.
func (t *Testing) HoldSnapshots(on bool) { t.svc.Core.SetSnapshotHold(on) }

func bindDev(svc *Services, shell *wailsShell, o *options.App) {
	o.Bind = append(o.Bind, &Testing{shell: shell, svc: svc})
}
