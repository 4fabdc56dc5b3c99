// Package login is the one platform-login flow of Tasrih, used by the
// desktop app (the login dialog) and by the command line (terminal and
// environment).
//
// Flow.Run takes the password typed up front or kept in the keyring
// (internal/platform/credentials), else asks the Prompter for it; logs in to
// the platform (a one-time code is sent); asks the Prompter for the code,
// again after a wrong one while the platform allows it (three codes per
// challenge: the third wrong code kills the challenge); and, once the
// platform opened the session and only then, saves a typed password in the
// keyring when the user asked to remember it. A login that succeeded is
// always listed for its profile (never its password). The Prompter is told
// what happened to the password (saved, not saved and why).
//
// Dialog adapts the flow to a request/response interface such as Wails
// bound methods: Start returns the challenge to show, Code sends one typed
// code and returns when the flow wants another one or has ended.
package login
