package vault

import (
	"crypto/sha256"
	"io"

	"golang.org/x/crypto/hkdf"
)

const keySize = 32

// Keys are the sub-keys derived from the data key with HKDF-SHA256.
//
// Badger keeps the EncryptionKey slice it is given: pass it keys.Store[:]
// of a Keys value that lives as long as the store, and Zero it only after
// the store is closed (zeroing it earlier breaks the open store).
type Keys struct {
	Store  [keySize]byte // Badger's EncryptionKey (AES-256)
	Backup [keySize]byte // the export / backup format
	MAC    [keySize]byte // header MACs (vault.json and other headers)
}

// HKDF info strings: one per sub-key, never reused for anything else.
const (
	infoStore  = "tasrih/v1/store-encryption-key"
	infoBackup = "tasrih/v1/backup-key"
	infoMAC    = "tasrih/v1/header-mac-key"
)

// deriveKeys expands the data key into its sub-keys.
func deriveKeys(dataKey *[keySize]byte) Keys {
	var k Keys
	for _, d := range []struct {
		info string
		out  *[keySize]byte
	}{{infoStore, &k.Store}, {infoBackup, &k.Backup}, {infoMAC, &k.MAC}} {
		r := hkdf.New(sha256.New, dataKey[:], nil, []byte(d.info))
		if _, err := io.ReadFull(r, d.out[:]); err != nil {
			panic("vault: hkdf: " + err.Error()) // cannot happen: 32 bytes of a 255×32 budget
		}
	}
	return k
}

// Zero overwrites the keys with zeros (best effort: copies made elsewhere
// are not reached).
func (k *Keys) Zero() {
	clear(k.Store[:])
	clear(k.Backup[:])
	clear(k.MAC[:])
}
