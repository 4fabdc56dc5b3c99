package firm

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"filippo.io/age"
	"golang.org/x/crypto/chacha20poly1305"
)

// Two sealed formats, both authenticated:
//
//   - symmetric (changes, leases): "TFS1" | epoch uint32 | nonce (24) |
//     XChaCha20-Poly1305(dossier key of epoch, signed body), with the magic,
//     the epoch and the object's key as associated data: an object moved to
//     another key fails to open;
//   - age (rosters, keyrings, bundles): "TFA1" | age ciphertext of the signed
//     body to the seats' X25519 recipients. age does not authenticate the
//     sender, hence the signature inside.
//
// A signed body is len(json) uint32 | json | Ed25519 signature of
// (domain label, object key, json). The json names its writer.

const (
	magicSym = "TFS1"
	magicAge = "TFA1"
)

func signedBody(id *Identity, label, objKey string, v any) ([]byte, error) {
	js, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.Grow(4 + len(js) + ed25519.SignatureSize)
	binary.Write(&b, binary.BigEndian, uint32(len(js))) //nolint:errcheck // bytes.Buffer
	b.Write(js)
	b.Write(ed25519.Sign(id.sign, sigMsg(label, objKey, js)))
	return b.Bytes(), nil
}

func sigMsg(label, objKey string, js []byte) []byte {
	m := make([]byte, 0, len(label)+len(objKey)+len(js)+2)
	m = append(m, label...)
	m = append(m, 0)
	m = append(m, objKey...)
	m = append(m, 0)
	return append(m, js...)
}

// splitBody returns the json of a signed body and a function that checks
// its signature against a seat's key.
func splitBody(b []byte) (js []byte, sig []byte, err error) {
	if len(b) < 4 {
		return nil, nil, errors.New("short body")
	}
	n := binary.BigEndian.Uint32(b)
	if uint64(len(b)) != 4+uint64(n)+ed25519.SignatureSize {
		return nil, nil, errors.New("bad body length")
	}
	return b[4 : 4+n], b[4+n:], nil
}

func verifyBody(pub SeatPublic, label, objKey string, js, sig []byte) bool {
	return len(pub.SignKey) == ed25519.PublicKeySize && ed25519.Verify(pub.SignKey, sigMsg(label, objKey, js), sig)
}

func symAAD(epoch uint32, objKey string) []byte {
	a := make([]byte, 0, 8+len(objKey))
	a = append(a, magicSym...)
	a = binary.BigEndian.AppendUint32(a, epoch)
	return append(a, objKey...)
}

func sealSym(key []byte, epoch uint32, objKey string, body []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 8+chacha20poly1305.NonceSizeX, 8+chacha20poly1305.NonceSizeX+len(body)+aead.Overhead())
	copy(out, magicSym)
	binary.BigEndian.PutUint32(out[4:], epoch)
	if _, err := rand.Read(out[8:]); err != nil {
		return nil, err
	}
	return aead.Seal(out, out[8:], body, symAAD(epoch, objKey)), nil
}

// symEpoch reads the epoch of a symmetric object (to pick its key).
func symEpoch(data []byte) (uint32, error) {
	if len(data) < 8+chacha20poly1305.NonceSizeX || string(data[:4]) != magicSym {
		return 0, errors.New("not a sealed object")
	}
	return binary.BigEndian.Uint32(data[4:]), nil
}

func openSym(key []byte, objKey string, data []byte) ([]byte, error) {
	epoch, err := symEpoch(data)
	if err != nil {
		return nil, err
	}
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err
	}
	nonce := data[8 : 8+chacha20poly1305.NonceSizeX]
	return aead.Open(nil, nonce, data[8+chacha20poly1305.NonceSizeX:], symAAD(epoch, objKey))
}

func sealAge(to []SeatPublic, body []byte) ([]byte, error) {
	if len(to) == 0 {
		return nil, errors.New("no recipient")
	}
	rs := make([]age.Recipient, 0, len(to))
	for _, p := range to {
		r, err := p.recipient()
		if err != nil {
			return nil, fmt.Errorf("seat %s: %w", p.ID, err)
		}
		rs = append(rs, r)
	}
	var b bytes.Buffer
	b.WriteString(magicAge)
	w, err := age.Encrypt(&b, rs...)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(body); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// errNotRecipient: the object is an age object, but not for this seat.
var errNotRecipient = errors.New("not a recipient")

func openAge(id *Identity, data []byte) ([]byte, error) {
	if len(data) < 4 || string(data[:4]) != magicAge {
		return nil, errors.New("not an age object")
	}
	r, err := age.Decrypt(bytes.NewReader(data[4:]), id.age)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) {
			return nil, errNotRecipient
		}
		return nil, err
	}
	return io.ReadAll(r)
}
