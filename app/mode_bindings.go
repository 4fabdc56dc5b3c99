//go:build bindings

package app

// generatingBindings is true in the binary that `wails generate module` and
// `wails build` run to write frontend/wailsjs: it never opens a window.
const generatingBindings = true
