// Package desktop is the orchestration of the desktop application that is not
// tied to Wails: the session of a data folder (vault, store, idle auto-lock,
// snapshots on lock), what runs while it is unlocked (the embedded sandbox
// platform on a loopback port, the outbox worker, the manual deposit service,
// receipt generation), a registry of long operations with throttled progress
// and cancellation, the portfolio dashboard with its 12-month history, and the
// lock that keeps a data folder to one running app, and the firm mode's
// desktop side (firm*.go: the seat, the firm's S3 store, each employer as a
// dossier of internal/firm, leases, proposals, bundle files).
//
// The Wails layer (package app) binds thin services over a Core and turns the
// callbacks of this package into frontend events; nothing here imports Wails
// (internal/archtest enforces it), so everything is testable with a plain
// temporary folder.
//
// Events are sent through Options.Emit as (name, payload). Their names are the
// Event… constants; every payload is a JSON-tagged struct that carries no
// personal data (ids, codes, counts).
package desktop
