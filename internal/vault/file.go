package vault

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/crypto/chacha20poly1305"

	"github.com/tasrih/tasrih/internal/atomicfile"
)

// File layout: DIR/vault.json beside DIR/store/.
const (
	FileName     = "vault.json"
	storeDirName = "store"
)

// StoreDir is the Badger directory of the vault in dir.
func StoreDir(dir string) string { return filepath.Join(dir, storeDirName) }

// FilePath is the path of vault.json in dir.
func FilePath(dir string) string { return filepath.Join(dir, FileName) }

const (
	formatName    = "tasrih-vault"
	formatVersion = 1
	maxFileSize   = 64 << 10
	idSize        = 16
	saltSize      = 16
	nonceSize     = chacha20poly1305.NonceSizeX
	wrappedSize   = keySize + chacha20poly1305.Overhead
	macSize       = sha256.Size
	kdfArgon2id   = "argon2id"
)

// Slot names: part of each wrap's associated data and of the MAC.
const (
	slotPassphrase = "passphrase"
	slotRecovery   = "recovery"
	slotKeyring    = "keyring"
)

// header is vault.json. Field order is the order in the file.
type header struct {
	Format     string   `json:"format"`
	Version    int      `json:"version"`
	ID         string   `json:"id"`
	CreatedAt  string   `json:"created_at"`
	Passphrase *kdfWrap `json:"passphrase"`
	Recovery   *kdfWrap `json:"recovery,omitempty"`
	Keyring    *wrap    `json:"keyring,omitempty"`
	// RecoveryUsed is set when the recovery code unlocked the vault: the
	// code is spent, and a re-key (new passphrase, new code) is due.
	RecoveryUsed bool `json:"recovery_used,omitempty"`
	// AuditAnchor is the head of the store's audit chain at the last clean
	// close (or anchor point): covered by the MAC, so a store older than it
	// is detected at open (store.Options.Anchors).
	AuditAnchor *AuditAnchor `json:"audit_anchor,omitempty"`
	MAC         []byte       `json:"mac"`
}

// AuditAnchor is the anchored head of the audit chain: its sequence
// number, hash (hex) and time.
type AuditAnchor struct {
	Seq  uint64    `json:"seq"`
	Hash string    `json:"hash"`
	Time time.Time `json:"time"`
}

// kdfWrap is the data key wrapped under a key derived from a secret with
// Argon2id.
type kdfWrap struct {
	KDF string `json:"kdf"`
	Params
	Salt    []byte `json:"salt"`
	Nonce   []byte `json:"nonce"`
	Wrapped []byte `json:"wrapped"`
}

// wrap is the data key wrapped under a random key-encryption key.
type wrap struct {
	Nonce   []byte `json:"nonce"`
	Wrapped []byte `json:"wrapped"`
}

// parseHeader decodes and validates vault.json strictly. It never panics and
// allocates at most a small multiple of len(b).
func parseHeader(b []byte) (*header, error) {
	if len(b) > maxFileSize {
		return nil, errTooLarge(int64(len(b)))
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var h header
	if err := dec.Decode(&h); err != nil {
		return nil, errCorrupt("%v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errCorrupt("data after the JSON object")
	}
	if err := h.validate(); err != nil {
		return nil, err
	}
	return &h, nil
}

func (h *header) validate() error {
	if h.Format != formatName {
		return errCorrupt("format %.40q", h.Format)
	}
	if h.Version != formatVersion {
		if h.Version > formatVersion && h.Version < 1000 {
			return errUnsupported(h.Version)
		}
		return errCorrupt("version %d", h.Version)
	}
	if id, err := hex.DecodeString(h.ID); err != nil || len(id) != idSize || hex.EncodeToString(id) != h.ID {
		return errCorrupt("id is not %d lowercase hex bytes", idSize)
	}
	if len(h.CreatedAt) > 40 {
		return errCorrupt("created_at too long")
	}
	if _, err := time.Parse(time.RFC3339, h.CreatedAt); err != nil {
		return errCorrupt("created_at: not an RFC 3339 time")
	}
	if h.Passphrase == nil {
		return errCorrupt("no passphrase wrap")
	}
	if err := h.Passphrase.validate(slotPassphrase); err != nil {
		return err
	}
	if h.Recovery != nil {
		if err := h.Recovery.validate(slotRecovery); err != nil {
			return err
		}
	}
	if h.Keyring != nil {
		if err := h.Keyring.validate(slotKeyring); err != nil {
			return err
		}
	}
	if a := h.AuditAnchor; a != nil {
		if hb, err := hex.DecodeString(a.Hash); err != nil || len(hb) != sha256.Size || hex.EncodeToString(hb) != a.Hash {
			return errCorrupt("audit_anchor: hash is not %d lowercase hex bytes", sha256.Size)
		}
	}
	if len(h.MAC) != macSize {
		return errCorrupt("mac: %d bytes, want %d", len(h.MAC), macSize)
	}
	return nil
}

func (w *kdfWrap) validate(slot string) error {
	if w.KDF != kdfArgon2id {
		return errCorrupt("%s: kdf %.40q", slot, w.KDF)
	}
	if len(w.Salt) != saltSize {
		return errCorrupt("%s: salt: %d bytes, want %d", slot, len(w.Salt), saltSize)
	}
	if err := w.Params.check(); err != nil {
		return err
	}
	return (&wrap{Nonce: w.Nonce, Wrapped: w.Wrapped}).validate(slot)
}

func (w *wrap) validate(slot string) error {
	if len(w.Nonce) != nonceSize {
		return errCorrupt("%s: nonce: %d bytes, want %d", slot, len(w.Nonce), nonceSize)
	}
	if len(w.Wrapped) != wrappedSize {
		return errCorrupt("%s: wrapped key: %d bytes, want %d", slot, len(w.Wrapped), wrappedSize)
	}
	return nil
}

// encode returns the bytes of vault.json (indented, final newline).
func (h *header) encode() []byte {
	b, err := json.MarshalIndent(h, "", "  ")
	if err != nil {
		panic("vault: encoding vault.json: " + err.Error()) // plain structs: cannot fail
	}
	return append(b, '\n')
}

// clone returns a deep copy of h (byte slices are never modified in place,
// so sharing them is safe; the wrap structs are copied).
func (h *header) clone() *header {
	c := *h
	if h.Passphrase != nil {
		p := *h.Passphrase
		c.Passphrase = &p
	}
	if h.Recovery != nil {
		r := *h.Recovery
		c.Recovery = &r
	}
	if h.Keyring != nil {
		k := *h.Keyring
		c.Keyring = &k
	}
	if h.AuditAnchor != nil {
		a := *h.AuditAnchor
		c.AuditAnchor = &a
	}
	return &c
}

// macInput is the canonical, unambiguous encoding of every header field but
// the MAC itself: each item is length-prefixed, each optional wrap is preceded
// by a presence byte.
func (h *header) macInput() []byte {
	var b []byte
	str := func(s string) {
		b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
		b = append(b, s...)
	}
	byt := func(p []byte) {
		b = binary.BigEndian.AppendUint32(b, uint32(len(p)))
		b = append(b, p...)
	}
	u32 := func(v uint32) { b = binary.BigEndian.AppendUint32(b, v) }
	present := func(ok bool) {
		if ok {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	str("tasrih-vault-header-mac")
	str(h.Format)
	u32(uint32(h.Version))
	str(h.ID)
	str(h.CreatedAt)
	for _, s := range []struct {
		name string
		w    *kdfWrap
	}{{slotPassphrase, h.Passphrase}, {slotRecovery, h.Recovery}} {
		str(s.name)
		present(s.w != nil)
		if s.w != nil {
			str(s.w.KDF)
			u32(s.w.Time)
			u32(s.w.MemoryKiB)
			u32(uint32(s.w.Threads))
			byt(s.w.Salt)
			byt(s.w.Nonce)
			byt(s.w.Wrapped)
		}
	}
	str(slotKeyring)
	present(h.Keyring != nil)
	if h.Keyring != nil {
		byt(h.Keyring.Nonce)
		byt(h.Keyring.Wrapped)
	}
	if h.RecoveryUsed { // absent from vault.json files written before it existed
		str("recovery_used")
	}
	if a := h.AuditAnchor; a != nil { // likewise
		str("audit_anchor")
		b = binary.BigEndian.AppendUint64(b, a.Seq)
		str(a.Hash)
		str(a.Time.UTC().Format(time.RFC3339Nano))
	}
	return b
}

func (h *header) computeMAC(k *[keySize]byte) []byte {
	var sum [sha256.Size]byte
	hmacSHA256(&sum, k, h.macInput())
	return sum[:]
}

func (h *header) seal(k *[keySize]byte) { h.MAC = h.computeMAC(k) }

func (h *header) verify(k *[keySize]byte) bool {
	return hmac.Equal(h.MAC, h.computeMAC(k))
}

// aad binds a wrap to the vault, the format version and the slot.
func (h *header) aad(slot string) []byte {
	return []byte(formatName + "/v1/" + h.ID + "/" + slot)
}

// readFile reads vault.json in dir, at most maxFileSize bytes.
func readFile(dir string) ([]byte, error) {
	f, err := os.Open(FilePath(dir))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, errNotFound(dir, err)
		}
		return nil, errIO(err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, errIO(err)
	}
	if len(b) > maxFileSize {
		size := int64(len(b))
		if st, err := f.Stat(); err == nil {
			size = st.Size()
		}
		return nil, errTooLarge(size)
	}
	return b, nil
}

// writeFileAtomic replaces dir/vault.json with b: a temporary file in the
// same folder, fsync, rename, fsync of the folder.
func writeFileAtomic(dir string, b []byte) error {
	if err := atomicfile.WriteFile(FilePath(dir), b, 0o600); err != nil {
		return errIO(err)
	}
	return nil
}

// syncDir makes a rename in dir durable (internal/atomicfile).
func syncDir(dir string) error {
	if err := atomicfile.SyncDir(dir); err != nil {
		return errIO(err)
	}
	return nil
}
