package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"sync/atomic"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
)

// AnchorEvery is how many audit entries may be written between two anchors
// of the chain head (Options.OnAnchor). With it, a rollback or truncation
// that erases more than the last AnchorEvery-1 entries of a session that
// crashed (no clean close) is still detected; after a clean close every
// entry is covered. 64 keeps the cost (one vault.json rewrite and one small
// file or keyring write per 64 changes) far below that of the changes.
const AnchorEvery = 64

// AuditHead is the last link of the audit chain: its sequence number, hash
// and time.
type AuditHead struct {
	Seq  uint64    `json:"seq"`
	Hash string    `json:"hash"`
	Time time.Time `json:"time"`
}

// AuditAnchor is a copy of the audit head kept outside the store (vault.json,
// the OS keyring or the user's config folder), given back to Open through
// Options.Anchors.
type AuditAnchor struct {
	AuditHead
	// Local is true for an anchor a copy of the data folder does not carry
	// (keyring, config folder), false for the one in vault.json.
	Local bool `json:"-"`
	// Alt, when set, is another head that satisfies this anchor as well: a
	// restore records the head it is about to put in place before its swap,
	// so that a restore killed between the swap and the anchor reset is not
	// reported as a rollback.
	Alt *AuditHead `json:"-"`
}

// Kinds of a detected rollback (Rollback.Kind).
const (
	// RollbackTruncated: the store lost its last entries but its own
	// vault.json knows them (e.g. a cut MANIFEST).
	RollbackTruncated = "truncated"
	// RollbackOlderCopy: the whole data folder is an older copy than the one
	// this computer last saw (only a local anchor knows the newer head).
	RollbackOlderCopy = "rolled_back"
	// RollbackDiverged: the entry at the anchored sequence has another hash:
	// the history was rewritten (forged entries, or an older copy written
	// over since).
	RollbackDiverged = "diverged"
)

// Rollback describes an audit head that is older than, or diverges from, its
// anchor. While one is pending (not acknowledged) the store refuses writes.
type Rollback struct {
	Kind  string    `json:"kind"`
	Known AuditHead `json:"known"` // the anchored head
	Found AuditHead `json:"found"` // the store's head at open
}

// Error codes of the anchor check.
const (
	CodeRolledBack = "store.rolled_back"
)

// ErrRolledBack is the cause of writes refused while a rollback is pending.
var ErrRolledBack = errors.New("store: rolled back or truncated")

var (
	msgRollbackKind = map[string]i18n.Text{
		RollbackTruncated: {
			FR: "le dossier de données a été tronqué",
			AR: "تم اقتطاع مجلد البيانات",
			EN: "the data folder was truncated",
		},
		RollbackOlderCopy: {
			FR: "le dossier de données a été remplacé par une copie plus ancienne",
			AR: "تم استبدال مجلد البيانات بنسخة أقدم",
			EN: "the data folder was rolled back to an older copy",
		},
		RollbackDiverged: {
			FR: "l'historique du dossier de données a été réécrit (entrée falsifiée ou copie ancienne modifiée depuis)",
			AR: "أُعيدت كتابة سجل مجلد البيانات (مدخل مزوّر أو نسخة قديمة عُدّلت منذ ذلك)",
			EN: "the history of the data folder was rewritten (forged entry, or an older copy written over since)",
		},
	}
	msgRolledBack = i18n.Text{
		FR: "%s : dernière entrée connue n° %d du %s, trouvée n° %d. Les modifications sont bloquées jusqu'à ce que vous en preniez acte (tasrih audit acknowledge)",
		AR: "%s: آخر مدخل معروف رقم %d بتاريخ %s، والموجود رقم %d. التعديلات موقوفة إلى أن تقرّ بذلك (tasrih audit acknowledge)",
		EN: "%s: last known entry #%d at %s, found #%d. Changes are blocked until you acknowledge it (tasrih audit acknowledge)",
	}
	msgNoRollback = i18n.Text{
		FR: "aucun retour en arrière du journal d'audit à prendre en compte",
		AR: "لا يوجد تراجع في سجل التدقيق يستوجب الإقرار",
		EN: "there is no audit rollback to acknowledge",
	}
)

// Error returns the user-facing error describing r (code store.rolled_back).
func (r *Rollback) Error() error {
	return i18n.Wrap(ErrRolledBack, CodeRolledBack, msgRolledBack,
		msgRollbackKind[r.Kind], r.Known.Seq, r.Known.Time.UTC().Format("2006-01-02 15:04:05 UTC"), r.Found.Seq)
}

// Audit chain key (m/auditkey): the chain is an HMAC-SHA256 chain under a
// random 32-byte key kept inside the encrypted store, so that a chain
// recomputed with plain SHA-256 (or under any other key) does not verify.
var (
	keyAuditKey     = []byte("m/auditkey")
	keyAuditRechain = []byte("m/auditrechain")
)

// rechainBatch is the number of entries re-chained per transaction when an
// old, unkeyed chain is keyed (keeps each transaction far below Badger's limit).
var rechainBatch = 256

// rechainState is the progress of keying an old chain, so that a crash in
// the middle resumes it.
type rechainState struct {
	Key  []byte `json:"key"`
	Next uint64 `json:"next"` // first sequence not yet re-chained
	Prev string `json:"prev"` // new hash of entry Next-1
}

// entryHash is the hash of canonical bytes: HMAC-SHA256 under key, or SHA-256
// for an unkeyed (pre-version-3) chain.
func entryHash(key, canonical []byte) string {
	if key == nil {
		sum := sha256.Sum256(canonical)
		return hex.EncodeToString(sum[:])
	}
	m := hmac.New(sha256.New, key)
	m.Write(canonical)
	return hex.EncodeToString(m.Sum(nil))
}

// keyChain loads the chain key, or, for a store whose chain is not keyed yet,
// re-chains every entry under a new key (resumably, in batches) and records
// it with an ActionAuditKeyed entry. History is kept: only Prev and Hash change.
func (s *Store) keyChain() error {
	var st rechainState
	var have bool
	err := s.View(func(tx *Tx) error {
		b, err := tx.getRaw(keyAuditKey)
		if err == nil {
			if len(b) != 32 {
				return errCorrupt("audit key", errors.New("bad length"))
			}
			s.auditKey = b
			return nil
		}
		if !errors.Is(err, errMissing) {
			return err
		}
		err = tx.get(keyAuditRechain, "audit", &st)
		if errors.Is(err, errMissing) {
			return nil
		}
		have = err == nil
		return err
	})
	if err != nil || s.auditKey != nil {
		return err
	}
	if !have {
		st = rechainState{Key: randomBytes(32), Next: 1}
	}
	if len(st.Key) != 32 {
		return errCorrupt("audit key", errors.New("bad length"))
	}
	var total uint64
	for {
		done := false
		err := s.Update(func(tx *Tx) error {
			n := 0
			err := tx.scanFrom([]byte(pAudit), keyAudit(st.Next), false, func(key, val []byte) error {
				if n >= rechainBatch {
					return errStop
				}
				var e AuditEntry
				if err := json.Unmarshal(val, &e); err != nil {
					return errCorrupt("audit", err)
				}
				if len(key) == len(pAudit)+8 {
					e.Seq = binary.BigEndian.Uint64(key[len(pAudit):])
				}
				e.Prev = st.Prev
				c, err := e.canonical()
				if err != nil {
					return errIO(err)
				}
				e.Hash = entryHash(st.Key, c)
				if err := tx.put(keyAudit(e.Seq), e); err != nil {
					return err
				}
				st.Prev, st.Next = e.Hash, e.Seq+1
				n++
				total++
				return nil
			})
			if err != nil {
				return err
			}
			if n < rechainBatch {
				done = true
				if err := tx.putRaw(keyAuditKey, st.Key); err != nil {
					return err
				}
				if err := tx.del(keyAuditRechain); err != nil {
					return err
				}
				tx.head = &auditHead{Seq: st.Next - 1, Hash: st.Prev}
				if err := tx.put(keyAuditHead, tx.head); err != nil {
					return err
				}
				s.auditKey = st.Key
				_, err := tx.Audit(ActionAuditKeyed, kindSchema, "", nil, map[string]uint64{"rechained": st.Next - 1})
				return err
			}
			return tx.put(keyAuditRechain, st)
		})
		if err != nil {
			s.auditKey = nil
			return err
		}
		if done {
			return nil
		}
	}
}

// AuditHead returns the current head of the audit chain (zero for an empty chain).
func (s *Store) AuditHead() (AuditHead, error) {
	var h AuditHead
	err := s.View(func(tx *Tx) error {
		var err error
		h, err = tx.auditHead()
		return err
	})
	return h, err
}

func (tx *Tx) auditHead() (AuditHead, error) {
	var h auditHead
	if err := tx.get(keyAuditHead, "audit", &h); err != nil {
		if errors.Is(err, errMissing) {
			return AuditHead{}, nil
		}
		return AuditHead{}, err
	}
	out := AuditHead{Seq: h.Seq, Hash: h.Hash}
	if h.Seq > 0 {
		var e AuditEntry
		if err := tx.get(keyAudit(h.Seq), "audit", &e); err == nil {
			out.Time = e.Time
		} else if !errors.Is(err, errMissing) {
			return AuditHead{}, err
		}
	}
	return out, nil
}

// checkAnchors compares the head with the anchors given at Open and sets the
// pending rollback if the store is older than one of them or diverges.
func (s *Store) checkAnchors(anchors []AuditAnchor) error {
	if len(anchors) == 0 {
		return nil
	}
	return s.View(func(tx *Tx) error {
		found, err := tx.auditHead()
		if err != nil {
			return err
		}
		var diverged, truncated, older *AuditAnchor
		for i := range anchors {
			a := &anchors[i]
			if a.Seq == 0 {
				continue
			}
			if a.Alt != nil {
				ok, err := tx.holds(found, *a.Alt)
				if err != nil {
					return err
				}
				if ok {
					continue
				}
			}
			if found.Seq < a.Seq {
				if a.Local {
					if older == nil || a.Seq > older.Seq {
						older = a
					}
				} else if truncated == nil || a.Seq > truncated.Seq {
					truncated = a
				}
				continue
			}
			var e AuditEntry
			err := tx.get(keyAudit(a.Seq), "audit", &e)
			if err != nil && !errors.Is(err, errMissing) {
				var ue *i18n.Error
				if !errors.As(err, &ue) || ue.Code != CodeCorrupt {
					return err
				}
			}
			if err != nil || !hmac.Equal([]byte(e.Hash), []byte(a.Hash)) {
				if diverged == nil || a.Seq > diverged.Seq {
					diverged = a
				}
			}
		}
		var r *Rollback
		switch {
		case diverged != nil:
			r = &Rollback{Kind: RollbackDiverged, Known: diverged.AuditHead}
		case truncated != nil:
			r = &Rollback{Kind: RollbackTruncated, Known: truncated.AuditHead}
		case older != nil:
			r = &Rollback{Kind: RollbackOlderCopy, Known: older.AuditHead}
		}
		if r != nil {
			r.Found = found
			s.rollback.Store(r)
		}
		return nil
	})
}

// holds reports whether the chain whose head is found contains h.
func (tx *Tx) holds(found, h AuditHead) (bool, error) {
	if found.Seq < h.Seq {
		return false, nil
	}
	var e AuditEntry
	err := tx.get(keyAudit(h.Seq), "audit", &e)
	if errors.Is(err, errMissing) {
		return false, nil
	}
	if err != nil {
		var ue *i18n.Error
		if errors.As(err, &ue) && ue.Code == CodeCorrupt {
			return false, nil
		}
		return false, err
	}
	return hmac.Equal([]byte(e.Hash), []byte(h.Hash)), nil
}

// Rollback returns the rollback detected at Open and not yet acknowledged, or nil.
func (s *Store) Rollback() *Rollback { return s.rollback.Load() }

// AcknowledgeRollback accepts the rollback detected at Open: it writes an
// ActionAuditRollbackAcknowledged entry naming the anchored and the found
// heads, then allows writes again and anchors the new head (Options.OnAnchor).
// Without a pending rollback it returns an error (code store.rolled_back is
// not used: the error says there is nothing to acknowledge).
func (s *Store) AcknowledgeRollback() error {
	r := s.rollback.Load()
	if r == nil {
		return i18n.New(CodeRolledBack+"_none", msgNoRollback)
	}
	err := s.update(true, func(tx *Tx) error {
		_, err := tx.Audit(ActionAuditRollbackAcknowledged, kindSchema, r.Kind, r.Known, r.Found)
		return err
	})
	if err != nil {
		return err
	}
	s.rollback.CompareAndSwap(r, nil)
	return s.Anchor()
}

// Anchor hands the current head to Options.OnAnchor now (Close does it too).
// It does nothing while a rollback is pending: the anchors keep the newer
// head until the user acknowledges.
func (s *Store) Anchor() error {
	if s.onAnchor == nil || s.rollback.Load() != nil {
		return nil
	}
	h, err := s.AuditHead()
	if err != nil {
		return err
	}
	return s.onAnchor(h)
}

// anchorAfter calls OnAnchor when a commit moved the head across a multiple
// of AnchorEvery.
func (s *Store) anchorAfter(before uint64, head *auditHead) {
	if s.onAnchor == nil || head == nil || head.Seq/AnchorEvery == before/AnchorEvery {
		return
	}
	if s.rollback.Load() != nil {
		return
	}
	var e AuditEntry
	_ = s.View(func(tx *Tx) error { return tx.get(keyAudit(head.Seq), "audit", &e) })
	if err := s.onAnchor(AuditHead{Seq: head.Seq, Hash: head.Hash, Time: e.Time}); err != nil {
		code := "io"
		var ue *i18n.Error
		if errors.As(err, &ue) {
			code = ue.Code
		}
		s.logger.Warn("audit anchor not written", "code", code)
	}
}

// rollbackPtr is the pending rollback of a store.
type rollbackPtr = atomic.Pointer[Rollback]
