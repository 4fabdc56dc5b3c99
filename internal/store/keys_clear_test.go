package store

import (
	"bytes"
	"strings"
	"testing"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tasrih/tasrih/internal/domain"
)

// Keys reach Badger's logs and the unencrypted MANIFEST (security.md), so no
// key may carry an identifier or a name in clear: the indexes are keyed by an
// HMAC. This walks every key of a populated store and looks for each
// identifier, in its own spelling and upper-cased. (Issue 10 §5: the CIN index
// written in clear was a mutation no test caught.)
func TestNoIdentifierInKeys(t *testing.T) {
	s := openTest(t)
	var needles []string
	for i := 1; i <= 3; i++ {
		er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(i)))
		needles = append(needles, er.Affiliation, er.ICE, er.IF)
		for j := 0; j < 5; j++ {
			e := must[domain.Employee](t)(s.Employees().Create(sampleEmployee(er.ID, i*100+j)))
			needles = append(needles, e.Immatriculation, e.CIN, e.LastName, e.RIB)
		}
	}
	var keys [][]byte
	err := s.db.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.PrefetchValues = false
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			keys = append(keys, it.Item().KeyCopy(nil))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) < 3+15 {
		t.Fatalf("only %d keys: the walk is not seeing the records", len(keys))
	}
	for _, k := range keys {
		for _, n := range needles {
			if bytes.Contains(k, []byte(n)) || bytes.Contains(bytes.ToUpper(k), []byte(strings.ToUpper(n))) {
				t.Errorf("a key holds an identifier in clear (key prefix %q)", k[:min(len(k), 3)])
			}
		}
	}
}

// The options the running database really uses (not only what
// badgerOptions returns): a later WithSyncWrites(false) or a lost checksum
// mode in Open would be caught here.
func TestOpenedDatabaseOptions(t *testing.T) {
	s := openTest(t)
	o := s.db.Opts()
	if !o.SyncWrites {
		t.Error("the opened database does not sync its writes")
	}
	if len(o.EncryptionKey) != KeySize {
		t.Error("the opened database is not encrypted")
	}
	if !o.VerifyValueChecksum {
		t.Error("the opened database does not verify value checksums")
	}
	if o.BlockCacheSize <= 0 || o.IndexCacheSize <= 0 {
		t.Error("with encryption both caches must be > 0")
	}
}
