// Package anchor keeps the second copy of the audit-chain head of a vault,
// the one a copy of the data folder does not carry: a small authenticated
// file in the user's config folder (os.UserConfigDir()/tasrih/anchors/<vault
// id>.json) and, for a vault remembered in the OS keyring, the same record
// in the keyring (service "tasrih-audit-anchor", user = vault id), every
// keyring call bounded by internal/keyring's timeout.
//
// The record is {seq, hash, time, mac}: mac is an HMAC-SHA256 under the
// vault's MAC key (vault.Keys.MAC) of the vault id and the head, so that a
// record copied from another vault or edited by hand is ignored. A record
// that does not authenticate (a re-key changed the MAC key and was
// interrupted before the anchors were rewritten, or a forgery) counts as
// absent: the check then relies on vault.json's anchor alone.
//
// What it protects against: putting back an older copy of the whole data
// folder (vault.json included) on this computer and user account. What it
// does not: someone who can also write to this user's config folder and
// holds the passphrase (they can recompute the MAC), or a copy moved to
// another computer (no local anchor there).
package anchor

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tasrih/tasrih/internal/atomicfile"
	"github.com/tasrih/tasrih/internal/keyring"
	"github.com/tasrih/tasrih/internal/store"
)

// KeyringService is the keyring service of the anchors.
const KeyringService = "tasrih-audit-anchor"

// maxSize bounds the anchor file read.
const maxSize = 4 << 10

// Local is where a vault's local anchor lives.
type Local struct {
	// Dir is the folder of the anchor files ("" : Dir()).
	Dir string
	// Keyring, when set, also keeps the anchor in the OS keyring.
	Keyring *keyring.Bounded
}

// Dir returns os.UserConfigDir()/tasrih/anchors. In a test binary it
// panics unless that folder is inside the temporary folder: tests must not
// leave anchors in the user's config folder (anchortest.Main).
func Dir() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	if flag.Lookup("test.v") != nil && !insideTemp(base) {
		panic("anchor: a test would write the user's config folder " + base + ": call anchortest.Main in the package's TestMain")
	}
	return filepath.Join(base, "tasrih", "anchors"), nil
}

// insideTemp reports whether dir is inside os.TempDir().
func insideTemp(dir string) bool {
	rel, err := filepath.Rel(os.TempDir(), dir)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// For returns the Local anchor of a vault: the config-folder file, and the
// OS keyring too when remembered (the vault already uses the keyring).
func For(remembered bool) Local {
	l := Local{}
	if remembered {
		k := keyring.New(nil, 0)
		l.Keyring = &k
	}
	return l
}

type record struct {
	Seq  uint64    `json:"seq"`
	Hash string    `json:"hash"`
	Time time.Time `json:"time"`
	// Alt is the head a restore in progress is putting in place (SaveRestore).
	Alt *store.AuditHead `json:"alt,omitempty"`
	MAC []byte           `json:"mac"`
}

func (r record) mac(vaultID string, key *[32]byte) []byte {
	m := hmac.New(sha256.New, key[:])
	var b []byte
	str := func(s string) {
		b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
		b = append(b, s...)
	}
	str("tasrih-audit-anchor/v1")
	str(vaultID)
	b = binary.BigEndian.AppendUint64(b, r.Seq)
	str(r.Hash)
	str(r.Time.UTC().Format(time.RFC3339Nano))
	if r.Alt != nil {
		str("alt")
		b = binary.BigEndian.AppendUint64(b, r.Alt.Seq)
		str(r.Alt.Hash)
		str(r.Alt.Time.UTC().Format(time.RFC3339Nano))
	}
	m.Write(b)
	return m.Sum(nil)
}

func (l Local) path(vaultID string) (string, error) {
	if _, err := hex.DecodeString(vaultID); err != nil || vaultID == "" {
		return "", errors.New("anchor: bad vault id")
	}
	dir := l.Dir
	if dir == "" {
		var err error
		if dir, err = Dir(); err != nil {
			return "", err
		}
	}
	return filepath.Join(dir, vaultID+".json"), nil
}

func (r *record) parse(b []byte, vaultID string, key *[32]byte) bool {
	if len(b) > maxSize || json.Unmarshal(b, r) != nil {
		return false
	}
	return hmac.Equal(r.MAC, r.mac(vaultID, key))
}

// Load returns the newest authenticated local anchor of the vault (file or
// keyring), ok=false when there is none. A keyring that does not answer is
// skipped (the file remains).
func (l Local) Load(ctx context.Context, vaultID string, key *[32]byte) (store.AuditAnchor, bool) {
	var best record
	found := false
	consider := func(b []byte) {
		var r record
		if r.parse(b, vaultID, key) && (!found || r.Seq > best.Seq) {
			best, found = r, true
		}
	}
	if p, err := l.path(vaultID); err == nil {
		if f, err := os.Open(p); err == nil {
			b, _ := io.ReadAll(io.LimitReader(f, maxSize+1))
			f.Close()
			consider(b)
		}
	}
	if l.Keyring != nil {
		if s, err := l.Keyring.Get(ctx, KeyringService, vaultID); err == nil {
			consider([]byte(s))
		}
	}
	if !found {
		return store.AuditAnchor{}, false
	}
	return store.AuditAnchor{AuditHead: store.AuditHead{Seq: best.Seq, Hash: best.Hash, Time: best.Time}, Local: true, Alt: best.Alt}, true
}

// Save records h as the vault's local anchor: the file (atomically) and the
// keyring when set. The file is always written; a keyring failure is
// returned only if the file could not be written either.
func (l Local) Save(ctx context.Context, vaultID string, key *[32]byte, h store.AuditHead) error {
	return l.save(ctx, vaultID, key, record{Seq: h.Seq, Hash: h.Hash, Time: h.Time.UTC()})
}

// SaveRestore records, before a restore's swap, that either the current
// anchor cur or the restored head next is fine: whichever side of the swap
// a kill leaves, the next open is not reported as a rollback. Save(next)
// follows the swap.
func (l Local) SaveRestore(ctx context.Context, vaultID string, key *[32]byte, cur, next store.AuditHead) error {
	return l.save(ctx, vaultID, key, record{Seq: cur.Seq, Hash: cur.Hash, Time: cur.Time.UTC(), Alt: &next})
}

func (l Local) save(ctx context.Context, vaultID string, key *[32]byte, r record) error {
	r.MAC = r.mac(vaultID, key)
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	p, err := l.path(vaultID)
	if err != nil {
		return err
	}
	ferr := writeAtomic(p, b)
	if l.Keyring != nil {
		if kerr := l.Keyring.Set(ctx, KeyringService, vaultID, string(b)); kerr != nil && ferr != nil {
			return errors.Join(ferr, kerr)
		}
		return nil
	}
	return ferr
}

func writeAtomic(p string, b []byte) error {
	dir := filepath.Dir(p)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return atomicfile.WriteFile(p, b, 0o600)
}
