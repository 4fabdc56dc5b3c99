package vault

import (
	"crypto/sha256"
	"hash"
	"sync/atomic"
)

const keySize = 32

// Keys are the sub-keys derived from the data key with HKDF-SHA256.
//
// One owner, never copied by value: the vault keeps its Keys inside the
// Unlocked (and a Rekey inside the Rekey), and Keys / Rekey.Keys hand out a
// heap copy behind a pointer that the caller owns and must Zero when done.
// Badger keeps the EncryptionKey slice it is given: pass it keys.Store[:] of
// a copy that lives as long as the store, and Zero it only after the store
// is closed (zeroing it earlier breaks the open store).
//
// What Badger leaves (measured, Badger v4.9.6): each use of the store key
// (y.XORBlock, to seal or open a data key) builds an AES cipher with
// aes.NewCipher, whose expanded key begins with the key itself; these are
// freed unzeroed, so 2–3 copies of the store key stay in free heap memory
// after Close until reused. Out of reach without changing Badger (or
// building with GOEXPERIMENT=runtimesecret and running the store under
// runtime/secret.Do).
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

// deriveKeys expands the data key into out (HKDF-SHA256, RFC 5869, empty
// salt, 32-byte outputs). It is computed on buffers this package zeroes
// (rather than with an HKDF library whose buffers the garbage collector
// frees unzeroed), and the stack below the caller is wiped before (so that
// a stack growth cannot copy a secret) and after (the frames of SHA-256).
func deriveKeys(dataKey *[keySize]byte, out *Keys) {
	wipeStack()
	deriveKeysFrames(dataKey, out)
	wipeStack()
}

//go:noinline
func deriveKeysFrames(dataKey *[keySize]byte, out *Keys) {
	var salt, prk [sha256.Size]byte // HKDF's default salt: HashLen zeros
	hmacSHA256(&prk, &salt, dataKey[:])
	for _, d := range []struct {
		info string
		out  *[keySize]byte
	}{{infoStore, &out.Store}, {infoBackup, &out.Backup}, {infoMAC, &out.MAC}} {
		// L = HashLen: OKM = T(1) = HMAC(PRK, info || 0x01).
		hmacSHA256(d.out, &prk, []byte(d.info), []byte{1})
	}
	clear(prk[:])
}

// hmacSHA256 computes HMAC-SHA256(key, msg...) into out. The pads, the
// inner sum and the SHA-256 states (which hold the key's mid-states and, in
// their block buffers, the message) are zeroed before returning.
func hmacSHA256(out *[sha256.Size]byte, key *[sha256.Size]byte, msg ...[]byte) {
	var pad [sha256.BlockSize]byte
	var inner [sha256.Size]byte
	h := sha256.New()
	copy(pad[:], key[:])
	for i := range pad {
		pad[i] ^= 0x36
	}
	h.Write(pad[:])
	for _, m := range msg {
		h.Write(m)
	}
	h.Sum(inner[:0])
	scrubHash(h)
	clear(pad[:])
	copy(pad[:], key[:])
	for i := range pad {
		pad[i] ^= 0x5c
	}
	h.Write(pad[:])
	h.Write(inner[:])
	h.Sum(out[:0])
	scrubHash(h)
	clear(pad[:])
	clear(inner[:])
}

// scrubHash overwrites a SHA-256 state: a block of zeros fills its block
// buffer (whatever was pending in it), Reset puts back the initial state.
func scrubHash(h hash.Hash) {
	var z [sha256.BlockSize]byte
	h.Write(z[:])
	h.Reset()
}

// stackSink keeps the compiler from treating wipeStack's stores as dead
// (atomic: unlocks may run at the same time).
var stackSink atomic.Uint32

// wipeStack zeroes 32 KiB of the stack below its caller's frame: the frames
// the derivations used (SHA-256 copies its state by value in Sum). Called
// first, it also grows the goroutine's stack beforehand, so that a growth in
// the middle of a derivation (which copies the stack and frees the old one
// unzeroed) cannot happen.
//
//go:noinline
func wipeStack() {
	var b [32 << 10]byte
	clear(b[:])
	stackSink.Store(uint32(b[len(b)-1] | b[0]))
}

// clone returns a heap copy of k, owned by the caller.
func (k *Keys) clone() *Keys {
	c := new(Keys)
	*c = *k
	return c
}

// Zero overwrites the keys with zeros. A nil *Keys is a no-op.
func (k *Keys) Zero() {
	if k == nil {
		return
	}
	clear(k.Store[:])
	clear(k.Backup[:])
	clear(k.MAC[:])
}

// ExpandMAC derives len(out) ≤ 32 bytes from the MAC sub-key for another
// use named by info: HKDF-SHA256(MAC, empty salt, info), the same bytes as
// golang.org/x/crypto/hkdf, computed on buffers that are zeroed.
func (k *Keys) ExpandMAC(info string, out []byte) {
	if len(out) > sha256.Size {
		panic("vault: ExpandMAC: more than 32 bytes")
	}
	wipeStack()
	expandFrames(&k.MAC, info, out)
	wipeStack()
}

//go:noinline
func expandFrames(ikm *[keySize]byte, info string, out []byte) {
	var salt, prk, okm [sha256.Size]byte
	hmacSHA256(&prk, &salt, ikm[:])
	hmacSHA256(&okm, &prk, []byte(info), []byte{1})
	copy(out, okm[:])
	clear(prk[:])
	clear(okm[:])
}
