package app

import (
	"context"

	"github.com/tasrih/tasrih/internal/desktop"
	"github.com/tasrih/tasrih/internal/vault"
)

// Session is the bound service of the vault and the session: create, unlock
// (keyring, passphrase, recovery code), lock, auto-lock, passphrase and
// recovery code changes. Events: session:unlocked {method},
// session:locked {reason: "idle"|"user"|"restore"|"exit"}.
type Session struct {
	svc *Services
}

// SessionStatus is what the lock screen needs.
type SessionStatus struct {
	desktop.Status
	// Blocked is set when another Tasrih holds this data folder
	// (code store.locked): the UI shows its message instead of the forms.
	Blocked *ErrorPayload `json:"blocked"`
	// RecoveryPending: the recovery code unlocked the vault and no new
	// passphrase was set since; the UI asks for one (Rekey) until it is,
	// also after a restart.
	RecoveryPending bool `json:"recovery_pending"`
	// Rollback is set while the open store is older than, or diverges from,
	// its audit anchors (store.rolled_back: truncated, rolled back to an
	// older copy, or rewritten history): changes are refused until
	// AcknowledgeRollback. The UI shows Message in a banner with a button.
	Rollback *RollbackPayload `json:"rollback"`
}

// RollbackPayload describes a detected rollback of the data folder.
type RollbackPayload struct {
	Kind     string `json:"kind"` // truncated | rolled_back | diverged
	KnownSeq uint64 `json:"known_seq"`
	FoundSeq uint64 `json:"found_seq"`
	// Message says what happened, in the session's language.
	Message string `json:"message"`
}

// Created is the answer of Create.
type Created struct {
	// RecoveryCode is shown once, then forgotten.
	RecoveryCode string `json:"recovery_code"`
	// KeyringBanner is keyring.unavailable when "remember" could not reach
	// the OS keyring (the vault is created and unlocked anyway).
	KeyringBanner string `json:"keyring_banner"`
}

// Status returns the state of the session (works while locked).
func (s *Session) Status() SessionStatus {
	st := SessionStatus{Status: s.svc.Core.Status(), RecoveryPending: s.svc.Core.RecoveryPending()}
	if s.svc.blocked != nil {
		st.Blocked = formatError(s.svc.blocked, st.Lang)
	}
	_ = s.svc.Core.Use(func(ss *desktop.Session) error {
		if r := ss.Store.Rollback(); r != nil {
			st.Rollback = &RollbackPayload{Kind: r.Kind, KnownSeq: r.Known.Seq, FoundSeq: r.Found.Seq,
				Message: formatError(r.Error(), st.Lang).Message}
		}
		return nil
	})
	return st
}

// AcknowledgeRollback accepts the rollback the session reported (Status
// Rollback): it is recorded in the audit log, changes are allowed again and
// the audit anchors move to the current head.
func (s *Session) AcknowledgeRollback() error {
	return s.svc.Core.Use(func(ss *desktop.Session) error { return ss.Store.AcknowledgeRollback() })
}

// CheckPassphrase gives live feedback on a new passphrase: nil, or a
// vault.passphrase.* error (field "passphrase").
func (s *Session) CheckPassphrase(p string) error { return desktop.CheckPassphrase(p) }

// Create makes the vault of the data folder with passphrase, unlocks it and
// returns the recovery code. remember keeps the key in the OS keyring.
func (s *Session) Create(passphrase string, remember bool) (Created, error) {
	if s.svc.blocked != nil {
		return Created{}, s.svc.blocked
	}
	code, err := s.svc.Core.Create(passphrase, remember)
	if err != nil {
		return Created{}, err
	}
	return Created{RecoveryCode: code, KeyringBanner: s.svc.Core.Status().KeyringBanner}, nil
}

// UnlockKeyring unlocks with the key in the OS keyring; keyring.unavailable
// or vault.not_remembered mean "show the passphrase form" (with the banner
// for the first).
func (s *Session) UnlockKeyring() error {
	if s.svc.blocked != nil {
		return s.svc.blocked
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*vault.DefaultKeyringTimeout)
	defer cancel()
	return s.svc.Core.UnlockKeyring(ctx)
}

// UnlockPassphrase unlocks with the passphrase (vault.wrong_secret,
// vault.too_many_attempts with the wait in its message and in
// Status().retry_in_seconds).
func (s *Session) UnlockPassphrase(passphrase string) error {
	if s.svc.blocked != nil {
		return s.svc.blocked
	}
	return s.svc.Core.UnlockPassphrase(passphrase)
}

// UnlockRecovery unlocks with the recovery code, which is then spent: the
// UI asks for a new passphrase (Rekey with an empty current one), which
// brings a new code.
func (s *Session) UnlockRecovery(code string) error {
	if s.svc.blocked != nil {
		return s.svc.blocked
	}
	return s.svc.Core.UnlockRecovery(code)
}

// Lock locks the session now (snapshot first when the settings ask for it).
func (s *Session) Lock() error { return s.svc.Core.Lock(desktop.ReasonUser) }

// Touch records user activity: the auto-lock delay starts again. The UI
// calls it on input (keys, clicks), throttled on its side.
func (s *Session) Touch() { s.svc.Core.Touch() }

// ChangePassphrase replaces the passphrase in vault.json (current is
// required). It does not revoke the old passphrase against old copies of
// vault.json or old backups: Rekey does.
func (s *Session) ChangePassphrase(current, next string) error {
	return s.svc.Core.ChangePassphrase(current, next)
}

// NewRecoveryCode replaces the recovery code in vault.json and returns the
// new one (show it once). The old code still opens old copies of vault.json
// and old backups: Rekey revokes it for good.
func (s *Session) NewRecoveryCode() (string, error) { return s.svc.Core.NewRecoveryCode() }

// Rekey replaces the data key and returns the new recovery code (show it
// once): current is the current passphrase (empty only after a
// recovery-code unlock), next the new one (empty keeps current). Progress:
// rekey:progress events; CancelRekey(opID) stops it before the commit
// (nothing changes). Afterwards no secret from before opens the data or the
// backups made from then on.
func (s *Session) Rekey(current, next string) (string, error) {
	return s.svc.Core.Rekey(current, next)
}

// CancelRekey stops a running re-key; false when opID is unknown.
func (s *Session) CancelRekey(opID string) bool { return s.svc.Core.Ops().Cancel(opID) }

// SetRemember keeps (true) or forgets (false) the key in the OS keyring.
func (s *Session) SetRemember(on bool) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*vault.DefaultKeyringTimeout)
	defer cancel()
	return s.svc.Core.SetRemember(ctx, on)
}
