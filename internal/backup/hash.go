package backup

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
)

// hasher is a lazily created SHA-256.
type hasher struct{ h hash.Hash }

func (x *hasher) write(p []byte) {
	if x.h == nil {
		x.h = sha256.New()
	}
	x.h.Write(p)
}

func (x *hasher) hex() string {
	if x.h == nil {
		x.h = sha256.New()
	}
	return hex.EncodeToString(x.h.Sum(nil))
}
