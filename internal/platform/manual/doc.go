// Package manual is the third platform profile of platform-api.md: the
// deposit by hand on damancom.ma.
//
// Tasrih exports the validated declaration file under its official name
// (DS_<aff>_<AAAAMM>.txt or DSC<n>_…) to a folder the user picks, with an
// atomic write checked against the digest kept in the store; gives the portal
// address for the system browser (the desktop app opens it, the CLI prints
// it); then records the evidence the user brings back — deposit reference,
// deposit date, payment reference and optionally the portal's control-report
// PDF — encrypted in the store (store.ManualDeposits), sets the
// declaration's status to manual and writes the audit entry, in one
// transaction. An optional OnRecorded hook lets the receipt generator make a
// receipt from it.
//
// No password automation, ever: Tasrih never logs in to the portal, never
// fills its forms and never keeps its password.
package manual
