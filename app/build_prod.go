//go:build !dev

package app

import (
	"github.com/tasrih/tasrih/internal/vault"
	"github.com/wailsapp/wails/v2/pkg/options"
)

// DevBuild is false in production builds: TASRIH_TEST_CHEAP_KDF is ignored
// and the Testing service does not exist.
const DevBuild = false

// kdfParams returns the Argon2id parameters of new vault wraps: zero, the
// vault calibrates them on this machine. The environment is not read.
func kdfParams(func(string) string) vault.Params { return vault.Params{} }

func bindDev(*Services, *wailsShell, *options.App) {}
