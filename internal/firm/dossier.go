package firm

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"time"
)

// DossierID names a dossier on the store: 16 random bytes in hex, chosen at
// creation. It says nothing of the employer (the affiliation number, name
// and periods are only inside the encrypted records).
type DossierID string

func newDossierID() (DossierID, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return DossierID(hex.EncodeToString(b[:])), nil
}

func (d DossierID) valid() bool {
	if len(d) != 32 {
		return false
	}
	_, err := hex.DecodeString(string(d))
	return err == nil
}

// The kinds of record a dossier carries. The firm package never looks
// inside Value: the local store's exporter (internal/desktop, later) fills
// it and applies it back.
const (
	KindEmployer    = "employer"
	KindEmployee    = "employee"
	KindMonthLine   = "month_line"
	KindPreetabli   = "preetabli"
	KindDeclaration = "declaration"
	// KindSubmission is an outbox submission: Key is its idempotency key.
	// It must reach the store (Client.RecordSubmission) before the
	// declaration is sent, so that no other seat sends it again.
	KindSubmission = "submission"
	KindReceipt    = "receipt"
	// KindManualDeposit is the evidence of a deposit made by hand on the
	// portal (keyed by its declaration).
	KindManualDeposit = "manual_deposit"
	// KindAudit is an entry of the writing seat's own audit chain about
	// the dossier (Key "<seat>/<seq>"): the other seats keep it apart
	// from their own chain.
	KindAudit = "audit"
)

// Record is one record of a dossier, opaque to the firm package: Kind and
// Key identify it in the local store, Value is its encoding there (already
// in the clear on the seat; it is encrypted before it leaves). Deleted
// marks a removal.
type Record struct {
	Kind    string `json:"k"`
	Key     string `json:"i"`
	Value   []byte `json:"v,omitempty"`
	Deleted bool   `json:"d,omitempty"`
}

// SubmissionRecord is the record of an outbox submission, keyed by its
// idempotency key.
func SubmissionRecord(idempotencyKey string, value []byte) Record {
	return Record{Kind: KindSubmission, Key: idempotencyKey, Value: value}
}

// Change is one link of a dossier's chain as a seat receives it: the
// records one seat wrote at Seq.
type Change struct {
	Dossier DossierID
	Seq     uint64
	Writer  SeatID
	At      time.Time
	Records []Record
}

// Sink receives the changes a sync brings, in sequence order per dossier,
// each once. internal/desktop applies them to the local store; it should
// persist Client.State() in the same local transaction, so that a crash
// between the two neither loses nor repeats a change.
type Sink interface {
	Apply(ch Change) error
}

// SinkFunc adapts a function to Sink.
type SinkFunc func(Change) error

// Apply implements Sink.
func (f SinkFunc) Apply(ch Change) error { return f(ch) }

// Dossier is a full snapshot of a dossier, as a bundle carries it.
type Dossier struct {
	ID DossierID `json:"id"`
	// Seq is the chain position the snapshot stands at (0 if the dossier
	// never went through a store): the importer refuses a bundle older
	// than one it already imported.
	Seq     uint64   `json:"seq"`
	Records []Record `json:"records"`
}

// Proposal is a set of changes a seat made without holding the lease (or
// that lost a race): kept on the seat, never merged silently. A person
// takes it up (TakeLease, then PushProposal) or discards it.
type Proposal struct {
	ID      string    `json:"id"`
	Dossier DossierID `json:"dossier"`
	BaseSeq uint64    `json:"base_seq"` // the chain position it was made on
	At      time.Time `json:"at"`
	Records []Record  `json:"records"`
}

var errEmpty = errors.New("firm: no records")
