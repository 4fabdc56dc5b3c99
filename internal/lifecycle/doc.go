// Package lifecycle is the one home of the declaration and submission state
// machine: the states, the allowed transitions of a declaration (a table),
// the audit action of each transition, the error a forbidden one returns
// (with FR/AR/EN messages), and the per-declaration and per-month flags the
// page renders instead of computing them (frozen, can_submit, can_export,
// can_complement, needs_regenerate).
//
// The store checks every status change of a declaration against Check in
// the transaction that writes it, and writes the transition's audit action;
// the month service, the outbox, the manual deposit and the desktop layer
// ask this package instead of comparing statuses themselves.
//
// The rule of issue 15.2 lives here: any edit of a generated month (draft or
// ready declaration) moves its declaration to Outdated ("to regenerate");
// an outdated declaration can be regenerated, never queued, exported nor
// recorded as deposited by hand.
//
// The package imports only internal/i18n: it is a leaf every layer can use.
package lifecycle
