// Package profiles keeps the remote platform profiles of a data folder: the
// gateways (name, base URL) the user configured in the app, next to the
// built-in sandbox profile. They live in DIR/platforms.json, read before the
// vault is unlocked like settings.json: a base URL is not personal data and
// no credential is ever written there (passwords are in the OS keyring,
// package credentials).
//
// The file is its own so that saving the other settings (a whole object sent
// by the Settings screen) can never drop a profile added meanwhile.
//
// A profile's URL follows the client's rule (client.CheckBaseURL: HTTPS, or
// HTTP on a loopback host; no login, query or fragment) and its name the
// domain's ("remote:<name>", 1–40 of a–z A–Z 0–9 - _ .); names are unique
// regardless of case (TASRIH_PLATFORM_URL_<NAME> upper-cases them).
//
// Test checks that a base URL answers as the platform API does, through the
// client with a short timeout.
package profiles
