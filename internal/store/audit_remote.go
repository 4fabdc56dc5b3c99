package store

import (
	"cmp"
	"encoding/binary"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"
)

// Remote audit entries: the journal of a firm dossier as the other seats
// wrote it (internal/desktop carries them as dossier records). They are kept
// apart from this store's own chain (ra/<employer>/<writer seat>/<seq>): they
// are not links of it, so neither their number nor their content can break
// or extend it, and VerifyAudit never reads them. Each keeps the writer's own
// entry hash (the writer's chain verifies it, not this store) and, for an
// employee, only the keyed digest the writer's chain keeps: no personal
// value ever travels.

const pAuditRemote = "ra/"

// RemoteAuditEntry is one audit entry of another seat about a dossier.
type RemoteAuditEntry struct {
	EmployerID string    `json:"employer_id"`
	Writer     string    `json:"writer"`      // the writing seat's id
	WriterName string    `json:"writer_name"` // and its name
	Seq        uint64    `json:"seq"`         // its sequence in the writer's chain
	Time       time.Time `json:"time" ts_type:"string"`
	Who        string    `json:"who"`
	Action     string    `json:"action"`
	Entity     string    `json:"entity"`
	EntityID   string    `json:"entity_id"`
	Personal   string    `json:"personal,omitempty"`
	Hash       string    `json:"hash"` // the entry's hash in the writer's chain
}

func keyAuditRemote(employerID, writer string, seq uint64) []byte {
	return binary.BigEndian.AppendUint64(prefix(pAuditRemote, employerID, writer), seq)
}

// PutRemoteAudit keeps e (again: the same entry written twice is one). Its
// employer must be there. It writes no entry of this store's chain.
func (tx *Tx) PutRemoteAudit(e RemoteAuditEntry) error {
	if err := tx.writeCheck(); err != nil {
		return err
	}
	if !validID(e.EmployerID) || e.Writer == "" || strings.ContainsRune(e.Writer, '/') || e.Seq == 0 || e.Hash == "" {
		return errCorrupt("remote audit entry", errors.New("incomplete"))
	}
	if _, err := tx.employer(e.EmployerID); err != nil {
		return err
	}
	return tx.put(keyAuditRemote(e.EmployerID, e.Writer, e.Seq), e)
}

// RemoteAudit returns the remote audit entries of an employer, oldest first
// (by time, then writer and sequence).
func (s *Store) RemoteAudit(employerID string) ([]RemoteAuditEntry, error) {
	var out []RemoteAuditEntry
	err := s.View(func(tx *Tx) error {
		return tx.scan(prefix(pAuditRemote, employerID), false, func(_, val []byte) error {
			var e RemoteAuditEntry
			if err := json.Unmarshal(val, &e); err != nil {
				return errCorrupt("remote audit entry", err)
			}
			out = append(out, e)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b RemoteAuditEntry) int {
		return cmp.Or(a.Time.Compare(b.Time), cmp.Compare(a.Writer, b.Writer), cmp.Compare(a.Seq, b.Seq))
	})
	return out, nil
}
