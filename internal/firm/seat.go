package firm

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"filippo.io/age"
)

// SeatID names a seat: the first 16 bytes (hex) of the SHA-256 of its two
// public keys, so that an invitation cannot claim another seat's id.
type SeatID string

// Identity is a seat's secret keys: an age X25519 identity (the dossier keys
// are wrapped for it) and an Ed25519 key (every object it writes is signed).
// It lives in the seat's vault; Marshal/ParseIdentity move it there and back.
type Identity struct {
	name string
	age  *age.X25519Identity
	sign ed25519.PrivateKey
	pub  SeatPublic
}

// SeatPublic is what other seats know of a seat.
type SeatPublic struct {
	ID      SeatID `json:"id"`
	Name    string `json:"name"`
	Age     string `json:"age"`  // age X25519 recipient (age1…)
	SignKey []byte `json:"sign"` // Ed25519 public key
}

// NewIdentity creates the keys of a new seat for the person name.
func NewIdentity(name string) (*Identity, error) {
	a, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, err
	}
	_, sk, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	return newIdentity(name, a, sk), nil
}

func newIdentity(name string, a *age.X25519Identity, sk ed25519.PrivateKey) *Identity {
	pub := SeatPublic{Name: name, Age: a.Recipient().String(), SignKey: sk.Public().(ed25519.PublicKey)}
	pub.ID = pub.computeID()
	return &Identity{name: name, age: a, sign: sk, pub: pub}
}

// Public returns the seat's public half.
func (id *Identity) Public() SeatPublic { return id.pub }

// ID returns the seat's id.
func (id *Identity) ID() SeatID { return id.pub.ID }

type identityJSON struct {
	Name string `json:"name"`
	Age  string `json:"age"`
	Seed []byte `json:"seed"`
}

// Marshal returns the secret keys as text, for the seat's vault only.
func (id *Identity) Marshal() string {
	b, _ := json.Marshal(identityJSON{Name: id.name, Age: id.age.String(), Seed: id.sign.Seed()})
	return "tasrih-seat-secret1:" + base64.RawURLEncoding.EncodeToString(b)
}

// ParseIdentity reads what Marshal wrote.
func ParseIdentity(s string) (*Identity, error) {
	rest, ok := strings.CutPrefix(s, "tasrih-seat-secret1:")
	if !ok {
		return nil, errBadSeat(errors.New("not a seat secret"))
	}
	b, err := base64.RawURLEncoding.DecodeString(rest)
	if err != nil {
		return nil, errBadSeat(err)
	}
	var j identityJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return nil, errBadSeat(err)
	}
	a, err := age.ParseX25519Identity(j.Age)
	if err != nil || len(j.Seed) != ed25519.SeedSize {
		return nil, errBadSeat(fmt.Errorf("bad keys: %v", err))
	}
	return newIdentity(j.Name, a, ed25519.NewKeyFromSeed(j.Seed)), nil
}

func (p SeatPublic) computeID() SeatID {
	h := sha256.New()
	h.Write([]byte("tasrih firm seat\x00"))
	h.Write([]byte(p.Age))
	h.Write([]byte{0})
	h.Write(p.SignKey)
	return SeatID(hex.EncodeToString(h.Sum(nil)[:16]))
}

func (p SeatPublic) valid() error {
	if len(p.SignKey) != ed25519.PublicKeySize {
		return errors.New("bad signing key")
	}
	if _, err := age.ParseX25519Recipient(p.Age); err != nil {
		return err
	}
	if p.ID != p.computeID() {
		return errors.New("id does not match the keys")
	}
	return nil
}

func (p SeatPublic) recipient() (*age.X25519Recipient, error) { return age.ParseX25519Recipient(p.Age) }

// Invitation returns the seat's public keys as one line of text, to hand to
// the firm's founder (by mail, chat, a QR code): nothing in it is secret.
func (p SeatPublic) Invitation() string {
	b, _ := json.Marshal(p)
	return "tasrih-seat1:" + base64.RawURLEncoding.EncodeToString(b)
}

// ParseInvitation reads what Invitation wrote and checks the id matches
// the keys.
func ParseInvitation(s string) (SeatPublic, error) {
	var p SeatPublic
	rest, ok := strings.CutPrefix(strings.TrimSpace(s), "tasrih-seat1:")
	if !ok {
		return p, errBadSeat(errors.New("not a seat invitation"))
	}
	b, err := base64.RawURLEncoding.DecodeString(rest)
	if err != nil {
		return p, errBadSeat(err)
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return p, errBadSeat(err)
	}
	if err := p.valid(); err != nil {
		return p, errBadSeat(err)
	}
	return p, nil
}
