//go:build keyring && never

package bad

import "github.com/wailsapp/wails/v2"

var _ = wails.Run
