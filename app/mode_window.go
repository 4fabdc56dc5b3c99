//go:build !bindings

package app

// generatingBindings is false in every binary that may open a window.
const generatingBindings = false
