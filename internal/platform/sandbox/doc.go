// Package sandbox is the training platform: a real HTTP server implementing
// the submission API v1 (platform-api.md, package api), for the desktop app
// (embedded on a loopback port, the default platform profile) and for tests
// and demos (`tasrih sandbox`). Nothing it answers has any legal value: the
// acknowledgement numbers and payment references start with "SBX".
//
// The standalone sandbox is for training and tests only: its encryption key
// is kept in DIR/sandbox.key, beside the data it protects.
//
// # Demo account
//
// Without a seed file (Options.Seed nil), DemoSeed applies:
//
//	login demo,  password demo   OTP by SMS to +2126******42
//	    1234567 ATLAS DEMO SARL      employer    12 employees
//	    2000016 BOULANGERIE DEMO     mandataire   5 employees
//	    3000023 TEXTILES DEMO SA     mandataire  40 employees
//	login demo2, password demo2  OTP by e-mail to c********@exemple.ma
//	    4000030 AUTRE SOCIETE DEMO   employer     8 employees
//
// (the affiliation numbers have valid check digits). Their préétablis are
// generated with decltest for any period asked; processing takes 2 s;
// sessions last 15 min.
//
// # Seed file
//
// A JSON object, read strictly (an unknown field is an error):
//
//	{
//	  "version": 1,
//	  "processing_delay": "2s",          // received → accepted/rejected, 0s to 1h (default 2s)
//	  "token_ttl": "15m",                // session lifetime, 1s to 24h (default 15m)
//	  "employers": [
//	    {"affiliation": "1234567",       // 7 digits, valid check digit
//	     "name": "ATLAS SERVICES SARL",  // normalised to A–Z, 0–9, spaces; 40 at most
//	     "employees": 25,                // size of generated préétablis (default 12, max 50 000)
//	     "amo_solidarity_only": false}   // AMO: employer pays the solidarity part only
//	  ],
//	  "accounts": [
//	    {"login": "fiduciaire", "password": "secret",
//	     "otp_channel": "sms",             // sms or email
//	     "otp_destination": "+212612345678", // shown masked
//	     "mandates": [{"affiliation": "1234567", "role": "mandataire"}]}  // employer or mandataire
//	  ],
//	  "preetablis": [                    // optional
//	    {"affiliation": "1234567", "period": "202601", "file": "AFFEBDS_1234567_202601.txt"},
//	    {"affiliation": "1234567", "period": "202602", "text": "A00…\n"}
//	  ]
//	}
//
// A préétabli "file" is relative to the seed file's folder; each seeded
// préétabli must read without a blocking finding and be for the affiliation
// and period it is listed under. testdata/seed.example.json is a complete
// example. Passwords sit in clear in the seed: use training passwords only.
//
// # Behaviour
//
//   - Login: a correct password answers a challenge and puts a random 6-digit
//     code in the account's sandbox inbox (Server.Inbox, Options.OnOTP; the
//     log with Options.LogOTP; GET /sandbox/v1/inbox?login=L only with
//     Options.InboxToken, see below). The
//     challenge lives 5 min; 3 wrong codes kill it (challenge_expired). 5
//     wrong passwords in a row lock the login for 1 min (429
//     too_many_attempts with Retry-After); an unknown login answers like a
//     wrong password (its failures are counted in memory only). Sessions
//     expire after token_ttl (401 token_expired); a missing or unknown token
//     is token_expired too. The inbox shows only the live code(s): neither
//     used, nor dead, nor expired.
//   - Préétablis: seeded, else derived from the previous period's accepted
//     declarations (its B02 employees minus SO/DE, plus its entrants that have
//     an immatriculation), else generated. A préétabli is published once and
//     never changes. A period after the current month, or before the
//     parameter table, is not_published.
//   - Deposits: Idempotency-Key (UUID) and Content-SHA256 (hex) required.
//     A key names one deposit whichever account sends it (not one per
//     login): the same key with the same bytes answers the same deposit
//     (200), also to another account mandated for the employer; with
//     other bytes 409 idempotency_conflict; a wrong digest 400
//     digest_mismatch; more than 20 MiB 413 too_large. A complementary
//     declaration needs a principal one received, processing or accepted
//     (409 principal_missing); a second principal (or a second DSC<n> of the
//     same n) while one is received, processing or accepted is 409
//     already_declared; after a rejection a new one is allowed. The status
//     is received, then processing after half the processing delay, then
//     accepted or rejected after the whole delay: the file is checked with
//     declaration.Validate against the published préétabli (plus the kind,
//     sequence, affiliation and period of the call); any blocking finding
//     rejects it. An accepted deposit gets an acknowledgement number, a
//     payment reference, the totals of its 06 record and the amount due per
//     branch from params (employer and employee parts together).
//   - State: everything (account lockouts and inboxes, challenges, sessions,
//     deposits and their bytes, idempotency keys, published préétablis)
//     lives in an encrypted Badger store in Dir/db; a restart on the same
//     folder loses nothing and finishes the deposits left pending.
//   - Faults (Options.Faults, `tasrih sandbox` flags): latency with jitter, a
//     share of 500 internal answers, a share of deposits whose connection is
//     dropped after the commit (http.Hijacker), and maintenance windows
//     (503 maintenance with Retry-After), periodic ("10s/60s": the first 10 s
//     of every minute from the start) or explicit. Random choices come from
//     a seedable RNG (Options.RNGSeed).
//   - Requests are size-limited (64 KiB of JSON, 20 MiB of declaration) and
//     decoded strictly; the access log holds method, path, status, size and
//     duration only.
//
// # Local attack surface
//
// The sandbox listens on loopback, where every local program and every web
// page the user opens can reach it. So (guard.go):
//
//   - a request whose Host is not the loopback address and port it came in
//     on (127.0.0.1:P, [::1]:P, localhost:P) is refused 400: a DNS-rebinding
//     page calls 127.0.0.1 under its own name;
//   - a request with an Origin other than the sandbox's own, or
//     Sec-Fetch-Site: cross-site, is refused 400;
//   - a POST to /v1/auth/* needs Content-Type application/json (a
//     cross-site text/plain or form POST needs no CORS preflight);
//   - a body announced larger than the call accepts is refused before it is
//     read (413, or 400 for JSON); a deposit body is read by at most
//     MaxBodyReaders requests at once, and memory grows with the bytes that
//     arrive, not with the length announced;
//   - at most MaxConnections connections are served at once; headers must
//     arrive within HeaderTimeout, the whole request within BodyTimeout;
//     headers are at most 16 KiB;
//   - the HTTP inbox is off unless Options.InboxToken is set, and then
//     needs "Authorization: Bearer <token>". The standalone `tasrih sandbox`
//     prints a random token at start and keeps the documented demo
//     accounts; the desktop app's embedded sandbox has no HTTP inbox (the
//     app reads the codes in-process) and per-install credentials derived
//     from the vault, not demo/demo.
package sandbox
