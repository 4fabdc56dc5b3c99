// Package outbox sends frozen declarations to a submission platform exactly
// once (platform-api.md, "Client obligations").
//
// # Exactly once
//
// Enqueue writes, in ONE store transaction and before any network call, the
// frozen declaration (status queued; its bytes and SHA-256 are already in the
// store) and its Submission: a fresh UUID Idempotency-Key, state queued, the
// platform profile, with their audit entries. The Worker then carries every
// pending submission: it marks it sending (attempt n, audited), sends the file
// under the submission's key, and on any retryable failure (5xx, network
// error, timeout, 429/503 with Retry-After) sends it again later under the
// SAME key — so a connection dropped after the platform committed the deposit
// is answered with the same deposit, never a second one. A new key is made
// only by Resubmit, which the user calls after a definitive refusal (rejected
// or failed); Resubmit refuses otherwise.
//
// Retries use exponential backoff with full jitter (Backoff.Base, Backoff.Max,
// a seedable random source) and honour Retry-After: during a maintenance
// window (503) or a 429 no request at all goes to that profile's platform.
// Everything the worker needs is in the store (state, attempt, next attempt
// time, deposit id), so it resumes after a restart; it resumes by itself after
// an offline period (retries keep going at the backoff ceiling, and as soon as
// one call to a platform succeeds the submissions waiting after network
// errors on it are tried again at once). Once deposited, a submission is
// polled (PollInterval) until accepted or rejected.
//
// # Sessions and profiles
//
// Each platform profile (sandbox, remote:<name>) is one base URL (Endpoints)
// and one client.Client with its access token, in memory only. A submission
// whose profile has no token, or whose call answers token_expired, is parked:
// its record says why (last_error platform.login_required or
// platform.token_expired, audited), an EventLoginRequired event asks for a
// login, and nothing else happens to it until the UI or CLI calls Login and
// VerifyOTP (or SetSession with a token), which wakes every parked
// submission of that profile. Nothing is lost meanwhile.
//
// # Events and hooks
//
// Every state change (queued, sending, received, processing, accepted,
// rejected, failed) and every retry with its reason is a store update plus an
// audit entry in one transaction, followed by an Event to Options.OnEvent
// (submission, declaration, state, attempt, next attempt time, error code and
// message in French, Arabic and English). On accepted or rejected the
// platform's answer (acknowledgement number, payment reference, amount due
// per branch, totals, control report) is kept as a store.DepositResult in the
// same transaction, the declaration's status follows, and Options.OnAccepted
// is called after the commit (the receipt generator plugs in there).
//
// FetchPreetabli downloads the préétabli of a period, checks it with
// declaration.ReadPreetabli and refuses a blocking one with its findings
// before storing it.
//
// # Failures
//
// A deposit refused for good (idempotency_conflict, principal_missing,
// already_declared, unknown_affiliation, not_mandated, too_large,
// digest_mismatch, bad_request…) ends the submission in state failed, the
// declaration in status rejected, and the user decides (Resubmit, or a new
// declaration). A failed poll never ends a submission: the deposit exists on
// the platform, so the worker keeps asking (at the backoff ceiling for
// non-retryable answers) rather than let a resubmission deposit it twice.
//
// Note that net/http may itself resend a deposit whose kept-alive connection
// was dropped, because it carries an Idempotency-Key header: the same key,
// so the same deposit — harmless, and invisible to the worker.
//
// # Lifecycle
//
// A Worker is safe for concurrent use. Start it after the store is open and
// Stop it before the store is closed (the app does so on lock and exit);
// Stop cancels the calls in flight and leaves every submission as recorded,
// so the next Start — in this process or another — resumes it.
package outbox
