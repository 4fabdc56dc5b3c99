// Package client is the HTTP client of the submission platform API
// (platform-api.md, package api for the wire types).
//
// New refuses a base URL that is not HTTPS, except on a loopback host
// (127.0.0.0/8, ::1, localhost) where the sandbox runs. Every call takes a
// context; it is bounded by a connect timeout (10 s) and a whole-call timeout
// (60 s), both configurable. Redirects are never followed (the bearer token
// and the declaration go to the configured host only).
//
// Every failure is an *api.Error: a non-2xx answer carries the code of its
// JSON error body (read strictly, size-limited; an unreadable body falls back
// to a code derived from the status, retryable for 5xx); no answer at all is
// api.CodeNetwork, retryable; a cancelled context is api.CodeCanceled and
// unwraps to the context's error. The client never retries: the outbox does.
//
// The access token of VerifyOTP is kept in memory only, in the Client
// (Token/SetToken let the caller keep one session per profile); the client
// logs nothing, so no password, OTP, token or file content can leak through it.
package client
