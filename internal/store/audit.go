package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
)

// AuditEntry is one link of the audit chain. Hash is the HMAC-SHA256, under
// the store's chain key (m/auditkey, anchor.go), of the entry's canonical
// bytes (its JSON encoding with Hash empty); Prev is the Hash of the previous
// entry ("" for the first one).
type AuditEntry struct {
	Seq      uint64          `json:"seq"`
	Time     time.Time       `json:"time" ts_type:"string"`
	Who      string          `json:"who"`
	Action   string          `json:"action"`
	Entity   string          `json:"entity"`
	EntityID string          `json:"entity_id"`
	Before   json.RawMessage `json:"before,omitempty" ts_type:"unknown"`
	After    json.RawMessage `json:"after,omitempty" ts_type:"unknown"`
	// Personal is set on entries about an employee: the keyed digest of
	// Before and After, which live in an erasable record (erase.go).
	Personal string `json:"personal,omitempty"`
	Prev     string `json:"prev"`
	Hash     string `json:"hash,omitempty"`
	// Erased is set by AuditEntries on an entry whose personal payload was
	// erased (Employees.Erase); never stored.
	Erased bool `json:"erased,omitempty"`
}

// canonical returns the bytes the entry's hash covers.
func (e AuditEntry) canonical() ([]byte, error) {
	e.Hash = ""
	return json.Marshal(e)
}

// computeHash returns the entry's hash: HMAC-SHA256 of its canonical bytes
// under key (the store's chain key), or SHA-256 when key is nil (chains
// written before schema version 3, re-chained at the upgrade).
func (e AuditEntry) computeHash(key []byte) (string, error) {
	b, err := e.canonical()
	if err != nil {
		return "", err
	}
	return entryHash(key, b), nil
}

// auditHead is the last link of the chain, kept in m/audit.
type auditHead struct {
	Seq  uint64 `json:"seq"`
	Hash string `json:"hash"`
}

// Entity kinds of audit entries (and not-found messages).
const (
	kindEmployer    = "employer"
	kindEmployee    = "employee"
	kindPreetabli   = "preetabli"
	kindMonthLines  = "month_lines"
	kindDeclaration = "declaration"
	kindSubmission  = "submission"
	kindReceipt     = "receipt"
	kindSchema      = "schema"
	kindBackup      = "backup"
	// kindEmployeeErased: the entry of an employee's erasure (its own kind, so
	// that it is not itself erasable personal data).
	kindEmployeeErased = kindEmployee + ".erased"
)

// Audit appends an entry to the audit chain in this transaction. The store
// calls it for each of its own changes; callers use it for events that change
// no record (e.g. "submission.retry" with its reason). before and after are
// encoded as JSON (nil is omitted); they may hold personal data, which stays
// inside the encrypted store. It returns the entry's sequence number.
func (tx *Tx) Audit(action, entity, entityID string, before, after any) (uint64, error) {
	if err := tx.writeCheck(); err != nil {
		return 0, err
	}
	if tx.head == nil {
		var h auditHead
		if err := tx.get(keyAuditHead, "audit", &h); err != nil && !errors.Is(err, errMissing) {
			return 0, err
		}
		tx.head = &h
		tx.headBefore = h.Seq
	}
	e, err := newAuditEntry(tx.s.auditKey, tx.head.Seq+1, tx.now, tx.s.actor, action, entity, entityID, before, after, tx.head.Hash)
	if err != nil {
		return 0, err
	}
	if personalEntity(e.Entity) {
		if err := tx.splitPersonal(&e); err != nil {
			return 0, err
		}
		if e.Hash, err = e.computeHash(tx.s.auditKey); err != nil {
			return 0, errIO(err)
		}
	}
	if err := tx.put(keyAudit(e.Seq), e); err != nil {
		return 0, err
	}
	tx.head = &auditHead{Seq: e.Seq, Hash: e.Hash}
	if err := tx.put(keyAuditHead, tx.head); err != nil {
		return 0, err
	}
	return e.Seq, nil
}

// newAuditEntry builds and hashes an entry. Strings are made valid UTF-8
// first: JSON writes an invalid byte as the escape \ufffd but reads it back as
// the character U+FFFD, which it then writes raw, so the hash of an entry
// with invalid UTF-8 would not survive storage.
func newAuditEntry(key []byte, seq uint64, at time.Time, who, action, entity, entityID string, before, after any, prev string) (AuditEntry, error) {
	e := AuditEntry{
		Seq:      seq,
		Time:     at.UTC(),
		Who:      strings.ToValidUTF8(who, "\uFFFD"),
		Action:   strings.ToValidUTF8(action, "\uFFFD"),
		Entity:   strings.ToValidUTF8(entity, "\uFFFD"),
		EntityID: strings.ToValidUTF8(entityID, "\uFFFD"),
		Prev:     prev,
	}
	var err error
	if e.Before, err = auditJSON(before); err != nil {
		return AuditEntry{}, err
	}
	if e.After, err = auditJSON(after); err != nil {
		return AuditEntry{}, err
	}
	if e.Hash, err = e.computeHash(key); err != nil {
		return AuditEntry{}, errIO(err)
	}
	return e, nil
}

func auditJSON(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	if r, ok := v.(json.RawMessage); ok {
		if r == nil {
			return nil, nil
		}
		var buf bytes.Buffer
		if err := json.Compact(&buf, r); err != nil {
			return nil, errIO(err)
		}
		return buf.Bytes(), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, errIO(err)
	}
	if string(b) == "null" {
		return nil, nil
	}
	return b, nil
}

var msgAuditBroken = i18n.Text{
	FR: "le journal d'audit est altéré à partir de l'entrée n° %d",
	AR: "سجل التدقيق معدّل ابتداءً من المدخل رقم %d",
	EN: "the audit log has been altered from entry no. %d",
}

// AuditBrokenError returns the user-facing error for a chain broken at seq,
// for callers (the verify command) that want one.
func AuditBrokenError(seq int) error {
	return i18n.New(CodeAuditBroken, msgAuditBroken, seq)
}

// VerifyAudit walks the whole audit chain. It returns the number of entries
// and the sequence number of the first broken link (-1 if the chain is intact):
// an entry that cannot be decoded, whose sequence is not the next one, whose
// Prev is not the previous entry's hash or whose own hash does not match its
// bytes, or — when the last entries were removed — the first missing one.
// err reports only failures to read the store.
func (s *Store) VerifyAudit() (entries int, firstBroken int, err error) {
	firstBroken = -1
	err = s.View(func(tx *Tx) error {
		var head auditHead
		if err := tx.get(keyAuditHead, "audit", &head); err != nil && !errors.Is(err, errMissing) {
			var ue *i18n.Error
			if !errors.As(err, &ue) || ue.Code != CodeCorrupt {
				return err
			}
			head = auditHead{Seq: ^uint64(0)} // unreadable head: mismatch below
		}
		var prevHash string
		var expect uint64 = 1
		broken := func(seq uint64) {
			if firstBroken < 0 {
				firstBroken = int(seq)
			}
		}
		err := tx.scan([]byte(pAudit), false, func(key, val []byte) error {
			entries++
			seq := expect
			if len(key) == len(pAudit)+8 {
				seq = binary.BigEndian.Uint64(key[len(pAudit):])
			}
			var e AuditEntry
			if err := json.Unmarshal(val, &e); err != nil {
				broken(seq)
				prevHash = ""
				expect = seq + 1
				return nil
			}
			h, herr := e.computeHash(s.auditKey)
			if seq != expect || e.Seq != seq || e.Prev != prevHash || herr != nil || h != e.Hash {
				broken(min(seq, expect))
			}
			prevHash = e.Hash
			expect = seq + 1
			return nil
		})
		if err != nil {
			return err
		}
		last := expect - 1
		if head.Seq != last || head.Hash != prevHash {
			broken(min(head.Seq, last) + 1)
		}
		return nil
	})
	return entries, firstBroken, err
}

// AuditEntries returns up to max entries starting at sequence number from (1 is
// the first entry), in order. Entries about an employee get their Before and
// After back from their erasable record, or Erased once it was erased.
func (s *Store) AuditEntries(from uint64, max int) ([]AuditEntry, error) {
	var out []AuditEntry
	err := s.View(func(tx *Tx) error {
		return tx.scanFrom([]byte(pAudit), keyAudit(from), false, func(_, val []byte) error {
			if len(out) >= max {
				return errStop
			}
			var e AuditEntry
			if err := json.Unmarshal(val, &e); err != nil {
				return errCorrupt("audit", err)
			}
			if err := tx.joinPersonal(&e); err != nil {
				return err
			}
			out = append(out, e)
			return nil
		})
	})
	return out, err
}
