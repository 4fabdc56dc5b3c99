package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"

	"github.com/tasrih/tasrih/internal/domain"
)

// Personal data in the audit trail (law 09-08, right to erasure).
//
// An audit entry about an employee never holds the employee's fields: its
// Before and After go to a separate record ap/<employee>/<seq>, with a
// random 32-byte key of its own, and the entry keeps only Personal, the
// HMAC-SHA256 under that key of the two payloads. The chain covers the
// digest, so it stays verifiable when Employees.Erase deletes the records;
// with the key gone, the digest can no longer be linked to any value (not
// even by trying every CIN). AuditEntries puts the payloads back while
// they exist and marks the entry Erased once they do not.

// pAuditPersonal is the prefix of the erasable payloads of audit entries.
const pAuditPersonal = "ap/"

func keyAuditPersonal(entityID string, seq uint64) []byte {
	return binary.BigEndian.AppendUint64(prefix(pAuditPersonal, entityID), seq)
}

// personalPayload is the erasable part of an audit entry.
type personalPayload struct {
	Key    []byte          `json:"key"`
	Before json.RawMessage `json:"before,omitempty"`
	After  json.RawMessage `json:"after,omitempty"`
}

func (p personalPayload) digest() string {
	m := hmac.New(sha256.New, p.Key)
	var b []byte
	b = binary.BigEndian.AppendUint32(b, uint32(len(p.Before)))
	b = append(b, p.Before...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(p.After)))
	b = append(b, p.After...)
	m.Write(b)
	return hex.EncodeToString(m.Sum(nil))
}

// personalEntity reports whether audit entries of entity hold personal data
// that must stay erasable.
func personalEntity(entity string) bool { return entity == kindEmployee }

// splitPersonal moves e's Before/After into an erasable record (written in
// tx) and leaves their keyed digest in e.Personal.
func (tx *Tx) splitPersonal(e *AuditEntry) error {
	if !personalEntity(e.Entity) || (e.Before == nil && e.After == nil) || e.EntityID == "" {
		return nil
	}
	p := personalPayload{Key: randomBytes(32), Before: e.Before, After: e.After}
	e.Personal = p.digest()
	e.Before, e.After = nil, nil
	return tx.put(keyAuditPersonal(e.EntityID, e.Seq), p)
}

// joinPersonal puts the payload of e back for reading, or marks it erased.
func (tx *Tx) joinPersonal(e *AuditEntry) error {
	if e.Personal == "" {
		return nil
	}
	var p personalPayload
	err := tx.get(keyAuditPersonal(e.EntityID, e.Seq), "audit", &p)
	if errors.Is(err, errMissing) {
		e.Erased = true
		return nil
	}
	if err != nil {
		return err
	}
	if !hmac.Equal([]byte(p.digest()), []byte(e.Personal)) {
		return errCorrupt("audit", errors.New("personal payload does not match its digest"))
	}
	e.Before, e.After = p.Before, p.After
	return nil
}

// Erase removes an employee for good (right to erasure, law 09-08): the
// record, its history (eh/), its unique-index entries, and the personal
// payloads of its audit entries (ap/). The audit entries themselves stay,
// with their keyed digests, so the chain still verifies; an
// "employee.erase" entry records the erasure (identifiers only). Month
// lines and declarations already made keep the employee's identifier and
// amounts: declarations and their files are kept under the employer's legal
// obligation to keep its CNSS filings.
func (r Employees) Erase(employerID, id string) error {
	return r.update(func(tx *Tx) error {
		old, err := tx.employee(employerID, id)
		if err != nil {
			return err
		}
		if err := tx.del(keyEmployee(employerID, id)); err != nil {
			return err
		}
		if err := tx.indexEmployee(domainEmployeeShell(old), &old); err != nil {
			return err
		}
		if err := tx.deletePrefix(prefix(pHistory, employerID, id)); err != nil {
			return err
		}
		if err := tx.deletePrefix(prefix(pAuditPersonal, id)); err != nil {
			return err
		}
		n, err := tx.getCount(employerID)
		if err != nil {
			return err
		}
		if n > 0 {
			if err := tx.putCount(employerID, n-1); err != nil {
				return err
			}
		}
		_, err = tx.Audit(ActionEmployeeErase, kindEmployeeErased, id, nil, map[string]string{"employer": employerID})
		return err
	})
}

// domainEmployeeShell is old without any indexed field, for indexEmployee to
// remove old's index entries.
func domainEmployeeShell(old domain.Employee) domain.Employee {
	return domain.Employee{EmployerID: old.EmployerID, ID: old.ID}
}
