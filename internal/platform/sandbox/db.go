package sandbox

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tasrih/tasrih/internal/encdb"
	"github.com/tasrih/tasrih/internal/i18n"
)

// KeySize is the length of the encryption key of the sandbox's store.
const KeySize = 32

// KeyFile is the name of the key file of the standalone sandbox (LoadOrCreateKey).
const KeyFile = "sandbox.key"

// Error codes of the store.
const (
	CodeBadKey = "sandbox.bad_key"
	CodeLocked = "sandbox.locked"
	CodeIO     = "sandbox.io"
)

var (
	msgBadKey = i18n.Text{
		FR: "clé du bac à sable invalide : 32 octets attendus",
		AR: "مفتاح بيئة التجربة غير صالح: المنتظر 32 بايت",
		EN: "invalid sandbox key: 32 bytes expected",
	}
	msgWrongKey = i18n.Text{
		FR: "les données du bac à sable dans %s ont été créées avec une autre clé",
		AR: "أُنشئت بيانات بيئة التجربة في %s بمفتاح آخر",
		EN: "the sandbox data in %s was created with another key",
	}
	msgLocked = i18n.Text{
		FR: "les données du bac à sable dans %s sont déjà ouvertes par un autre bac à sable",
		AR: "بيانات بيئة التجربة في %s مفتوحة من طرف بيئة تجربة أخرى",
		EN: "the sandbox data in %s is already open in another sandbox",
	}
	msgIO = i18n.Text{
		FR: "erreur de stockage du bac à sable : %s",
		AR: "خطأ في تخزين بيئة التجربة: %s",
		EN: "sandbox storage error: %s",
	}
)

func ioErr(err error) error { return i18n.Wrap(err, CodeIO, msgIO, err.Error()) }

// LoadOrCreateKey returns the key kept in dir/sandbox.key, creating it (32
// random bytes, hex, mode 0600) the first time. It is for the standalone
// sandbox only (training and tests): the key sits beside the data it protects.
func LoadOrCreateKey(dir string) ([]byte, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, ioErr(err)
	}
	path := filepath.Join(dir, KeyFile)
	if b, err := os.ReadFile(path); err == nil {
		k, err := hex.DecodeString(strings.TrimSpace(string(b)))
		if err != nil || len(k) != KeySize {
			return nil, i18n.New(CodeBadKey, msgBadKey)
		}
		return k, nil
	} else if !os.IsNotExist(err) {
		return nil, ioErr(err)
	}
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		return nil, ioErr(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if os.IsExist(err) { // created meanwhile by another process
			return LoadOrCreateKey(dir)
		}
		return nil, ioErr(err)
	}
	_, werr := f.WriteString(hex.EncodeToString(k) + "\n")
	serr := f.Sync()
	if cerr := f.Close(); werr == nil && serr == nil {
		werr = cerr
	} else if werr == nil {
		werr = serr
	}
	if werr != nil {
		os.Remove(path)
		return nil, ioErr(werr)
	}
	return k, nil
}

// openDB opens the encrypted Badger store of the sandbox in dir/db through
// encdb (the settings of security.md, "Badger"), except a value log file
// size of 64 MiB and 8 MiB caches: a deposit (up to 20 MiB) is one value and
// Badger refuses a value larger than a value log file.
func openDB(dir string, key []byte, logger *slog.Logger) (*badger.DB, error) {
	if len(key) != KeySize {
		return nil, i18n.New(CodeBadKey, msgBadKey)
	}
	db, err := encdb.Open(dbOptions(dir, key, logger))
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, encdb.ErrWrongKey):
		return nil, i18n.Wrap(err, CodeBadKey, msgWrongKey, dir)
	case errors.Is(err, encdb.ErrLocked):
		return nil, i18n.Wrap(err, CodeLocked, msgLocked, dir)
	}
	return nil, ioErr(err)
}

// dbOptions returns the Badger options of the sandbox's store in dir/db.
func dbOptions(dir string, key []byte, logger *slog.Logger) badger.Options {
	return encdb.Options(filepath.Join(dir, "db"), key, logger).
		WithValueLogFileSize(64 << 20).
		WithBlockCacheSize(8 << 20).
		WithIndexCacheSize(8 << 20)
}

// Keys of the store. They hold random IDs and hashes only, never a login,
// an affiliation or a name (Badger's logs and MANIFEST are not encrypted).
//
//	d/<deposit id>                    deposit record (JSON)
//	b/<deposit id>                    deposit file bytes
//	i/<h(idempotency key)>            idempotency entry (JSON)
//	x/<h(affiliation)>/<AAAAMM>/<id>  index of deposits per affiliation and period
//	p/<h(affiliation)>/<AAAAMM>       published préétabli bytes
//	a/<h(login)>                      account runtime state (JSON)
//	c/<challenge id>                  login challenge (JSON)
//	t/<h(token)>                      session (JSON)
//	m/counter                         acknowledgement counter
func hashKey(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s;", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func kDeposit(id string) []byte      { return []byte("d/" + id) }
func kBody(id string) []byte         { return []byte("b/" + id) }
func kIdem(key string) []byte        { return []byte("i/" + hashKey("idem", key)) }
func kIndexPrefix(aff string) []byte { return []byte("x/" + hashKey("aff", aff) + "/") }
func kAccount(login string) []byte   { return []byte("a/" + hashKey("login", login)) }
func kChallenge(id string) []byte    { return []byte("c/" + id) }
func kToken(tok string) []byte       { return []byte("t/" + hashKey("token", tok)) }
func kCounter() []byte               { return []byte("m/counter") }
func kPre(aff, per string) []byte    { return []byte("p/" + hashKey("aff", aff) + "/" + per) }
func kIndex(aff, per, id string) []byte {
	return append(kIndexPrefix(aff), per+"/"+id...)
}

func getJSON(txn *badger.Txn, key []byte, v any) (bool, error) {
	it, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, it.Value(func(b []byte) error { return json.Unmarshal(b, v) })
}

func setJSON(txn *badger.Txn, key []byte, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return txn.Set(key, b)
}

func getBytes(txn *badger.Txn, key []byte) ([]byte, bool, error) {
	it, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	b, err := it.ValueCopy(nil)
	return b, err == nil, err
}

// update runs fn in a read-write transaction, again when Badger reports a
// conflict (another transaction wrote a key fn read); fn must start from
// scratch each time.
func (s *Server) update(fn func(txn *badger.Txn) error) error {
	var err error
	for range 20 {
		if err = s.db.Update(fn); !errors.Is(err, badger.ErrConflict) {
			return err
		}
	}
	return err
}
