// Package api holds the wire contract of the submission platform
// (platform-api.md, "API v1"), once: the JSON bodies of every call, the
// statuses, the error codes, the header names, and the typed error *Error
// that the client returns for every failed call and that the sandbox server
// answers with.
//
// Money is in centimes (domain.Money), periods are "AAAAMM" (domain.Period),
// times are RFC 3339 in UTC, durations ("expires_in") are whole seconds.
//
// # Errors
//
// Every non-2xx answer is {"error":{"code","message","retryable"}}. The client
// turns it into an *Error carrying the code, the HTTP status, whether the
// call may be retried as is (IsRetryable) and the Retry-After delay
// (RetryAfter). An *Error is also an *i18n.Error for errors.As with the code
// "platform.<code>", so i18n.Message(err, lang) and i18n.Code(err) give the
// user a real French, Arabic or English message for each code.
//
// Retryable: 5xx answers, network errors and timeouts, 429 and 503 (with
// their Retry-After). Not retryable: every other 4xx (the user or the outbox
// must do something else first, e.g. log in again on token_expired), and a
// call cancelled by its context.
package api
