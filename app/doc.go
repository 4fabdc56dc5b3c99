// Package app is the thin layer between the Wails window and the engine in
// internal/: the services bound to the frontend, the error formatter that turns
// Go errors into {code, message, fields} for the frontend, and the window
// options used by main.
//
// Rules for this package: no business logic (decode, call internal/, map
// errors, emit events); every bound method is safe for concurrent use; structs
// that cross the bridge carry json tags; native dialogs and runtime events live
// here and nowhere else. Nothing under internal/ may import Wails
// (internal/archtest enforces it), so this is the only Go package besides main
// that does.
package app
