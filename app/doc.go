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
//
// # Services
//
// System (version, languages, ScreenShown), Session (vault and session),
// Settings (preferences, snapshots, restore), Employers (dashboard, records,
// credentials, employer import), Employees (records, history, employee
// import), Month (préétabli, grid, generation, export), Batch (month close of
// many employers, submit the ready ones), Submissions (profiles, login with a
// one-time code, outbox, manual deposit), Receipts (list, PDF, export, ZIP,
// audit log), Profiles (remote platform profiles in Settings, connection
// test, keyring presence). They are thin wrappers over internal/desktop.Core, which holds
// the session; every method that needs the store answers session.locked
// while the vault is locked.
//
// # Errors
//
// A failed call rejects its promise with an Error whose message is the JSON
// text of ErrorPayload {code, message, fields} (message in the language of
// the settings). Wails v2.15 wraps whatever the ErrorFormatter returns in
// new Error(...), so the payload travels as text; the frontend parses it back
// and switches on code.
//
// # The TypeScript contract
//
// frontend/wailsjs/go/models.ts is generated (build/scripts/bindings.sh,
// checked by make check-bindings) from the structs the bound methods reach,
// as TypeScript interfaces (wails.json outputType). A field whose JSON is not
// its Go shape says so with a ts_type tag (Period, Date and time.Time are
// strings, a []byte a base64 string or null, a json.RawMessage unknown):
// TestBoundTypesSayTheirJSONForm walks every reachable struct and fails on a
// field without it, or without a json tag. Every status, kind and severity is
// a named Go type bound with EnumBind (enums.go, from each package's own list
// of values), so models.ts has a TS enum and the fields are typed with it.
// The page reads these types through frontend/src/api/types.ts (Json<T>: the
// same fields, enums as their string values).
//
// # Events
//
// EventNames name the events (runtime EventsOn) and EventPayloads gives each
// one's payload type; System.EventPayloads only exists so that the payloads
// are generated too (Wails generates the types bound methods reach), and the
// services' tests fail on an event emitted outside that list or with another
// payload type. Long operations (import, batch, ZIP export) return an op_id
// that their throttled progress events carry (at most 10 per second, the last
// one always sent) and that Cancel takes.
//
// # After a lock
//
// A lock by the user or the idle timer resets the window's page
// (Shell.ResetView). On Linux built against webkit2gtk-4.1 (tag webkit2_41,
// cgo; never in the headless CLI) webview_linux.go finds the window's
// WebKitWebView, ends its web process on the GTK main thread and loads the
// start page (the lock reason and the place in its fragment, webview.go) in
// a new one: nothing the unlocked page held stays in memory
// (build/scripts/webmemscan.sh checks it). Elsewhere the page is reloaded
// (webview_other.go). Then desktop.Core.Lock gives the session's memory in
// this process back (internal/memwipe); the desktop binaries are linked
// with GODEBUG clobberfree=1 (Makefile GODEBUG_LDFLAGS), so the garbage
// collector overwrites what it frees.
//
// # Tests and dev builds
//
// The services take a Shell (events, dialogs, browser, window) so that tests
// run them on a temporary data folder without a window. Binaries built with
// -tags dev (wails dev, the end-to-end test) honour TASRIH_TEST_CHEAP_KDF=1
// and bind a Testing service; production builds do neither (build_prod.go,
// tested both ways). TASRIH_DATA names the data folder in every build.
package app
