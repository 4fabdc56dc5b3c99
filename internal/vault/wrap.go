package vault

import (
	"crypto/rand"

	"golang.org/x/crypto/chacha20poly1305"
)

// randomBytes returns n bytes from crypto/rand (which never fails since
// Go 1.24: it crashes the program rather than return predictable bytes).
func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

// sealKey wraps dataKey under kek with XChaCha20-Poly1305 and a random nonce.
func sealKey(kek []byte, dataKey *[keySize]byte, aad []byte) *wrap {
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		panic("vault: " + err.Error()) // kek is always 32 bytes
	}
	nonce := randomBytes(nonceSize)
	return &wrap{Nonce: nonce, Wrapped: aead.Seal(nil, nonce, dataKey[:], aad)}
}

// openKey unwraps w under kek; false if kek or the wrap is wrong.
func openKey(kek []byte, w *wrap, aad []byte) (*[keySize]byte, bool) {
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil || len(w.Nonce) != nonceSize || len(w.Wrapped) != wrappedSize {
		return nil, false
	}
	var k [keySize]byte
	out, err := aead.Open(k[:0], w.Nonce, w.Wrapped, aad)
	if err != nil || len(out) != keySize {
		clear(k[:])
		return nil, false
	}
	return &k, true
}

// sealKDF wraps dataKey under Argon2id(secret) with a fresh salt.
func sealKDF(secret []byte, p Params, dataKey *[keySize]byte, aad []byte) *kdfWrap {
	salt := randomBytes(saltSize)
	kek := p.derive(secret, salt)
	defer clear(kek)
	w := sealKey(kek, dataKey, aad)
	return &kdfWrap{KDF: kdfArgon2id, Params: p, Salt: salt, Nonce: w.Nonce, Wrapped: w.Wrapped}
}

// openKDF unwraps w with secret. The parameters were checked when the file
// was read.
func openKDF(secret []byte, w *kdfWrap, aad []byte) (*[keySize]byte, bool) {
	if err := w.Params.check(); err != nil {
		return nil, false
	}
	kek := w.Params.derive(secret, w.Salt)
	defer clear(kek)
	return openKey(kek, &wrap{Nonce: w.Nonce, Wrapped: w.Wrapped}, aad)
}
