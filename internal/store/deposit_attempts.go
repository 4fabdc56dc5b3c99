package store

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // Africa/Casablanca on machines without a zoneinfo database

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// Deposit attempts: every attempt to deposit a declaration, through the
// platform's API (recorded by the outbox's hook) or by hand on the portal
// (the user's "the portal did not work"), kept as evidence. Records are
// never changed nor deleted; each one is audited. Keys (opaque identifiers
// only, no personal data):
//
//	da/<declaration>/<attempt>   DepositAttempt (attempt ids are UUIDv7: in time order)
//	dp/<declaration>/<attempt>   its screenshot, if any
const (
	pAttempt     = "da/"
	pAttemptShot = "dp/"
)

func keyAttempt(decl, id string) []byte     { return k(pAttempt, decl, id) }
func keyAttemptShot(decl, id string) []byte { return k(pAttemptShot, decl, id) }

const kindDepositAttempt = "deposit_attempt"

// AttemptChannel is how a deposit was tried.
type AttemptChannel string

// The channels.
const (
	ChannelAPI    AttemptChannel = "api"    // through the platform's API (the outbox)
	ChannelManual AttemptChannel = "manual" // by hand on the portal
)

// AttemptChannels lists the channels.
var AttemptChannels = []AttemptChannel{ChannelAPI, ChannelManual}

// AttemptOutcome is what came of an attempt.
type AttemptOutcome string

// The outcomes.
const (
	OutcomeReceived     AttemptOutcome = "received"      // the platform took the file (not yet its verdict)
	OutcomeAccepted     AttemptOutcome = "accepted"      // the platform accepted the declaration
	OutcomeRejected     AttemptOutcome = "rejected"      // the platform rejected it (control report)
	OutcomeNetworkError AttemptOutcome = "network_error" // no answer: timeout, connection refused…
	OutcomePlatformErr  AttemptOutcome = "platform_error"
	OutcomePortalDown   AttemptOutcome = "portal_down" // the user: "the portal did not work"
)

// AttemptOutcomes lists the outcomes.
var AttemptOutcomes = []AttemptOutcome{OutcomeReceived, OutcomeAccepted, OutcomeRejected, OutcomeNetworkError, OutcomePlatformErr, OutcomePortalDown}

// Failed reports whether the outcome is a failure to deposit.
func (o AttemptOutcome) Failed() bool {
	return o == OutcomeNetworkError || o == OutcomePlatformErr || o == OutcomePortalDown
}

// Bounds of an attempt's free parts.
const (
	MaxAttemptAnswer     = 2000
	MaxAttemptNote       = 2000
	MaxAttemptScreenshot = 5 << 20 // 5 MiB
)

// DepositAttempt is one attempt to deposit a declaration.
type DepositAttempt struct {
	ID            string         `json:"id"`
	DeclarationID string         `json:"declaration_id" validate:"opaque_id"`
	SubmissionID  string         `json:"submission_id,omitempty" validate:"omitempty,opaque_id"`
	Channel       AttemptChannel `json:"channel" validate:"oneof=api manual"`
	// Action is what was tried: "deposit", "result" (the platform's verdict)
	// for the API, "portal" for a manual attempt.
	Action  string         `json:"action" validate:"required,max=50"`
	Outcome AttemptOutcome `json:"outcome" validate:"oneof=received accepted rejected network_error platform_error portal_down"`
	// Answer is the platform's answer (acknowledgement, status, error code
	// and message) or the network error.
	Answer string `json:"answer,omitempty" validate:"max=2000"`
	// Note is the user's note of a manual attempt.
	Note string `json:"note,omitempty" validate:"max=2000"`
	// Screenshot is an optional PNG or JPEG of the portal (manual
	// attempts); List leaves it out, Screenshot returns it.
	Screenshot    []byte `json:"screenshot,omitempty" validate:"max=5242880" ts_type:"string"`
	HasScreenshot bool   `json:"has_screenshot"` // set by the store
	// Set by the store: the declaration's employer, period, file and the
	// SHA-256 of its bytes, the operator (the store's actor) and the time,
	// in Africa/Casablanca.
	EmployerID string        `json:"employer_id"`
	Period     domain.Period `json:"period" ts_type:"string"`
	FileName   string        `json:"file_name"`
	SHA256     string        `json:"sha256"`
	Operator   string        `json:"operator"`
	At         time.Time     `json:"at" ts_type:"string"`
}

// DepositAttempts is the repository of deposit attempts.
type DepositAttempts struct{ scope }

// DepositAttempts returns the deposit attempt repository of the store.
func (s *Store) DepositAttempts() DepositAttempts { return DepositAttempts{scope{s: s}} }

// DepositAttempts returns the deposit attempt repository bound to tx.
func (tx *Tx) DepositAttempts() DepositAttempts { return DepositAttempts{scope{s: tx.s, tx: tx}} }

// CodeBadScreenshot is the code of a screenshot that is not a PNG or JPEG image.
const CodeBadScreenshot = "store.bad_screenshot"

var (
	msgBadScreenshot = i18n.Text{
		FR: "la capture d'écran doit être une image PNG ou JPEG",
		AR: "يجب أن تكون لقطة الشاشة صورة PNG أو JPEG",
		EN: "the screenshot must be a PNG or JPEG image",
	}
	msgAttemptNotFound = i18n.Text{
		FR: "tentative de dépôt introuvable",
		AR: "محاولة الإيداع غير موجودة",
		EN: "deposit attempt not found",
	}
)

func init() {
	for k, v := range map[string]i18n.Text{
		"channel":    {FR: "Canal du dépôt", AR: "قناة الإيداع", EN: "Deposit channel"},
		"action":     {FR: "Action tentée", AR: "الإجراء المحاول", EN: "Action tried"},
		"outcome":    {FR: "Résultat de la tentative", AR: "نتيجة المحاولة", EN: "Outcome of the attempt"},
		"answer":     {FR: "Réponse de la plateforme", AR: "رد المنصة", EN: "Platform's answer"},
		"screenshot": {FR: "Capture d'écran", AR: "لقطة الشاشة", EN: "Screenshot"},
	} {
		fieldLabels[k] = v
	}
}

var casablancaZone = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Africa/Casablanca")
	if err != nil { // not reachable with time/tzdata linked in
		return time.FixedZone("+01", 3600)
	}
	return loc
})

// Record stores an attempt of the declaration a.DeclarationID, with its
// audit entry, and returns it as stored (screenshot left out).
func (r DepositAttempts) Record(a DepositAttempt) (DepositAttempt, error) {
	a.Answer, a.Note = clip(a.Answer, MaxAttemptAnswer), clip(a.Note, MaxAttemptNote)
	if err := Validate(a); err != nil {
		return DepositAttempt{}, err
	}
	shot := a.Screenshot
	if len(shot) > 0 && !isPNG(shot) && !isJPEG(shot) {
		return DepositAttempt{}, i18n.New(CodeBadScreenshot, msgBadScreenshot).WithField("screenshot")
	}
	err := r.update(func(tx *Tx) error {
		d, err := tx.declaration(a.DeclarationID, false)
		if err != nil {
			return err
		}
		a.ID = newID()
		a.EmployerID, a.Period, a.FileName, a.SHA256 = d.EmployerID, d.Period, d.FileName, d.SHA256
		a.Operator, a.At = tx.s.actor, tx.now.In(casablancaZone())
		a.Screenshot, a.HasScreenshot = nil, len(shot) > 0
		if err := tx.put(keyAttempt(d.ID, a.ID), a); err != nil {
			return err
		}
		if len(shot) > 0 {
			if err := tx.putRaw(keyAttemptShot(d.ID, a.ID), shot); err != nil {
				return err
			}
		}
		_, err = tx.Audit(ActionDepositAttemptRecord, kindDepositAttempt, a.ID, nil, a)
		return err
	})
	if err != nil {
		return DepositAttempt{}, err
	}
	return a, nil
}

// List returns the attempts of a declaration in time order, without
// screenshots.
func (r DepositAttempts) List(declarationID string) ([]DepositAttempt, error) {
	out := []DepositAttempt{}
	if !validID(declarationID) {
		return out, nil
	}
	err := r.view(func(tx *Tx) error {
		return tx.scan(prefix(pAttempt, declarationID), false, func(_, val []byte) error {
			var a DepositAttempt
			if err := json.Unmarshal(val, &a); err != nil {
				return errCorrupt(kindDepositAttempt, err)
			}
			out = append(out, a)
			return nil
		})
	})
	return out, err
}

// Screenshot returns the screenshot of an attempt (nil when it has none).
func (r DepositAttempts) Screenshot(declarationID, attemptID string) ([]byte, error) {
	var out []byte
	err := r.view(func(tx *Tx) error {
		if !validID(declarationID) || !validID(attemptID) {
			return i18n.Wrap(ErrNotFound, CodeNotFound, msgAttemptNotFound)
		}
		if ok, err := tx.exists(keyAttempt(declarationID, attemptID)); err != nil || !ok {
			if err == nil {
				err = i18n.Wrap(ErrNotFound, CodeNotFound, msgAttemptNotFound)
			}
			return err
		}
		b, err := tx.getRaw(keyAttemptShot(declarationID, attemptID))
		if errors.Is(err, errMissing) {
			return nil
		}
		out = b
		return err
	})
	return out, err
}

// clip cuts s to at most n bytes, on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") // drops a rune cut in two
}

func isPNG(b []byte) bool { return len(b) > 8 && string(b[:8]) == "\x89PNG\r\n\x1a\n" }

func isJPEG(b []byte) bool { return len(b) > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF }
