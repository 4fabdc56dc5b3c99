package store

import (
	"errors"
	"strconv"

	"github.com/tasrih/tasrih/internal/i18n"
)

// migration upgrades the store by one schema version. It runs in one
// transaction, together with the new version number and its audit entry.
type migration struct {
	name string
	up   func(tx *Tx) error
}

// schemaMigrations[i] upgrades schema version i to i+1; the current version is
// len(schemaMigrations). Append only: never edit or reorder a released step.
var schemaMigrations = []migration{
	// Version 1 is the first released layout (doc.go). A store with records but
	// no version (development builds) already has this layout.
	{name: "first versioned layout", up: func(*Tx) error { return nil }},
	// Version 2 adds the period totals pt/<employer>/<AAAAMM> (totals.go).
	{name: "period totals", up: rebuildTotals},
	// Version 3 keys the audit chain (HMAC-SHA256, m/auditkey): the existing
	// entries are re-chained under the new key by keyChain before the
	// migrations run (resumable, in batches, with its "audit.keyed" entry);
	// this step records the new layout version.
	{name: "keyed audit chain", up: func(*Tx) error { return nil }},
}

// SchemaVersion returns the schema version this program writes.
func SchemaVersion() int { return len(schemaMigrations) }

type schemaChange struct {
	Version int    `json:"version"`
	Name    string `json:"name,omitempty"`
}

// prepare brings a freshly opened database to the current schema and loads the
// index key.
func (s *Store) prepare(migs []migration, before func(from, to int) error) error {
	// A bulk write a crash interrupted is completed or undone first (bulk.go).
	if _, _, err := s.recoverBulks(); err != nil {
		return err
	}
	target := len(migs)
	var (
		ver     int
		present bool
		empty   bool
	)
	err := s.View(func(tx *Tx) error {
		b, err := tx.getRaw(keySchema)
		switch {
		case err == nil:
			present = true
			v, perr := strconv.Atoi(string(b))
			if perr != nil || v < 0 {
				return errCorrupt("schema", errors.New("bad schema version"))
			}
			ver = v
		case errors.Is(err, errMissing):
			n := 0
			if err := tx.scan(nil, true, func(_, _ []byte) error { n++; return errStop }); err != nil {
				return err
			}
			empty = n == 0
		default:
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	if !present && empty {
		err := s.Update(func(tx *Tx) error {
			s.idxKey = randomBytes(32)
			if err := tx.putRaw(keyIdxKey, s.idxKey); err != nil {
				return err
			}
			s.auditKey = randomBytes(32)
			if err := tx.putRaw(keyAuditKey, s.auditKey); err != nil {
				return err
			}
			if err := tx.putRaw(keySchema, []byte(strconv.Itoa(target))); err != nil {
				return err
			}
			_, err := tx.Audit(ActionStoreCreate, kindSchema, "", nil, schemaChange{Version: target})
			return err
		})
		if err != nil {
			s.idxKey, s.auditKey = nil, nil
		}
		return err
	}
	if ver > target {
		return i18n.Wrap(ErrSchemaTooNew, CodeSchemaTooNew, msgSchemaTooNew, ver, target)
	}
	if ver < target && before != nil {
		if err := before(ver, target); err != nil {
			return i18n.Wrap(err, CodeMigration, msgMigration, target)
		}
	}
	if err := s.loadIndexKey(); err != nil {
		return err
	}
	if err := s.keyChain(); err != nil {
		return i18n.Wrap(err, CodeMigration, msgMigration, target)
	}
	for v := ver; v < target; v++ {
		m := migs[v]
		err := s.Update(func(tx *Tx) error {
			if err := m.up(tx); err != nil {
				return err
			}
			if err := tx.putRaw(keySchema, []byte(strconv.Itoa(v+1))); err != nil {
				return err
			}
			_, err := tx.Audit(ActionSchemaMigrate, kindSchema, "", schemaChange{Version: v}, schemaChange{Version: v + 1, Name: m.name})
			return err
		})
		if err != nil {
			return i18n.Wrap(err, CodeMigration, msgMigration, v+1)
		}
	}
	return nil
}

// loadIndexKey reads the index key, creating it if an old store has none.
func (s *Store) loadIndexKey() error {
	return s.Update(func(tx *Tx) error {
		b, err := tx.getRaw(keyIdxKey)
		if errors.Is(err, errMissing) {
			b = randomBytes(32)
			if err := tx.putRaw(keyIdxKey, b); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		if len(b) != 32 {
			return errCorrupt("index key", errors.New("bad length"))
		}
		s.idxKey = b
		return nil
	})
}

// SchemaVersion returns the schema version recorded in the store.
func (s *Store) SchemaVersion() (int, error) {
	v := 0
	err := s.View(func(tx *Tx) error {
		b, err := tx.getRaw(keySchema)
		if errors.Is(err, errMissing) {
			return nil
		}
		if err != nil {
			return err
		}
		v, err = strconv.Atoi(string(b))
		if err != nil {
			return errCorrupt("schema", err)
		}
		return nil
	})
	return v, err
}
