// Package archtest holds tests of the shape of the code base rather than of
// its behaviour. It has no code of its own.
//
// The rule it enforces: nothing under internal/ depends on Wails, directly or
// through another package, in any file (build-tagged and test files included).
// The engine must run headless — on a server, in CI, from the command line —
// and stay testable without a window; only main and app/ talk to Wails.
//
// layers_test.go adds the layering rules of issue 10 on direct imports:
// internal/lifecycle (the declaration state machine) imports only i18n; the
// store imports no domain service; the platform packages never import the
// month service nor the desktop layer (the desktop layer plugs the month
// service into the outbox); monthly never imports the platform.
package archtest
