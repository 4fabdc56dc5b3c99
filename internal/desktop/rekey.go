package desktop

import (
	"context"

	"github.com/tasrih/tasrih/internal/vault"
)

// Re-key of the open session (issue 11 §1): the desktop side of
// workspace.Rekey.
const (
	opRestore = "restore"
	// EventRestoreProgress carries the progress of a restore (bytes of the
	// backup's data, read twice: the check, then the load).
	EventRestoreProgress = "restore:progress"
	opSnapshot           = "snapshot"
	// EventSnapshotProgress carries the progress of a snapshot taken on
	// demand (records, both passes of the backup).
	EventSnapshotProgress = "snapshot:progress"
	opRekey               = "rekey"
	// EventRekeyProgress carries the progress of a re-key (Progress: op id,
	// records done and total, the copy then the check).
	EventRekeyProgress = "rekey:progress"
)

// Rekey replaces the data key of the open session (workspace.Rekey: current
// is the current passphrase, empty only after a recovery-code unlock; next
// the new one, empty to keep current) and returns the new recovery code, to
// show once. Progress goes out as rekey:progress events whose op id
// Ops().Cancel takes: a cancelled re-key changes nothing (store.cancelled).
// The session's services stop during the copy and start again on the new
// key (or on the old one after a failure before the commit); the UI gets
// session:unlocked again. If the store cannot be reopened the session locks
// (session:locked).
func (c *Core) Rekey(current, next string) (string, error) {
	// The folder's instance lock for the whole re-key, as Restore holds it:
	// no other Tasrih app starts on this folder meanwhile (the app holds it
	// already; a Core running without it takes it here). A process that
	// unlocked before and opens the store now is refused by the folder's
	// re-key lock (workspace.Open: vault.rekey_busy).
	release, err := HoldInstance(c.dir)
	if err != nil {
		return "", err
	}
	defer release()
	op := c.ops.New(context.Background(), opRekey, EventRekeyProgress)
	defer c.ops.Finish(op)
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.sess
	if s == nil {
		return "", LockedError()
	}
	c.idle.Stop()
	s.cancel()
	s.Outbox.Stop()
	if s.Sandbox != nil {
		s.Sandbox.Close()
	}
	c.sess = nil
	ws := s.WS
	code, err := ws.Rekey(op.Context(), current, next, func(done, total int64) { op.Progress(int(done), int(total), nil) })
	if ws.Store == nil {
		ws.Close()
		c.emit(EventLocked, Locked{Reason: ReasonUser})
		return code, err
	}
	c.start(ws)
	if err != nil && code == "" {
		if cerr := op.Context().Err(); cerr != nil {
			return "", CancelledError(cerr)
		}
	}
	return code, err
}

// RecoveryPending reports whether the recovery code unlocked the vault and
// no new passphrase was set since (the UI keeps asking for one, also after
// a restart).
func (c *Core) RecoveryPending() bool {
	v, err := vault.Open(c.dir, c.opts.Vault)
	return err == nil && v.Info().RecoveryUsed
}
