// Package credentials keeps the platform logins and passwords of each
// platform profile (platform-api.md, "Client obligations").
//
// The password lives in the OS keyring only — service "tasrih-platform", one
// entry per profile and login (user "<profile>/<login>") — through
// internal/keyring, so every call is bounded by a timeout. It is never
// written to the store, a log, a file or the frontend state. The store keeps
// the list of logins of each profile (store.PlatformLogins), without any
// password, so that the app can offer them.
//
// A keyring that does not answer, has no Secret Service or lost the entry
// gives a clear *i18n.Error (credentials.keyring_unavailable or
// credentials.not_saved): the app then asks the user to type the password at
// each login. There is never a fallback to a file.
//
// The manual profile (deposit by hand on damancom.ma) has no credentials:
// Tasrih never automates the portal's password.
package credentials
