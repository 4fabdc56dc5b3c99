package store

import (
	"encoding/json"
	"errors"
	"strconv"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
)

// v0Employer is the layout of a fictitious schema 0: the company name was
// called "raison_sociale".
type v0Employer struct {
	ID            string `json:"id"`
	Affiliation   string `json:"affiliation"`
	RaisonSociale string `json:"raison_sociale"`
}

// fakeV1 renames raison_sociale to name in every employer record.
var fakeV1 = migration{name: "rename raison_sociale", up: func(tx *Tx) error {
	type kv struct{ k, v []byte }
	var recs []kv
	if err := tx.scan([]byte(pEmployer), false, func(key, val []byte) error {
		recs = append(recs, kv{append([]byte(nil), key...), append([]byte(nil), val...)})
		return nil
	}); err != nil {
		return err
	}
	for _, r := range recs {
		var old v0Employer
		if err := json.Unmarshal(r.v, &old); err != nil {
			return err
		}
		e := domain.Employer{ID: old.ID, Affiliation: old.Affiliation, Name: old.RaisonSociale, PlatformProfile: domain.ProfileSandbox}
		if err := tx.put(r.k, e); err != nil {
			return err
		}
		if err := tx.putRaw(tx.s.keyAffIdx(e.Affiliation), []byte(e.ID)); err != nil {
			return err
		}
		if err := tx.putCount(e.ID, 0); err != nil {
			return err
		}
	}
	return nil
}}

func openWith(t *testing.T, dir string, migs []migration, before func(from, to int) error) (*Store, error) {
	t.Helper()
	o := testOptions()
	o.migrations = migs
	o.BeforeMigrate = before
	return Open(dir, testKey, o)
}

func TestMigrationV0ToV1(t *testing.T) {
	dir := t.TempDir()
	// A schema-0 store with two employers in the old layout.
	s, err := openWith(t, dir, []migration{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if v := must[int](t)(s.SchemaVersion()); v != 0 {
		t.Fatalf("fresh v0 store has schema %d", v)
	}
	ids := []string{newID(), newID()}
	for i, id := range ids {
		b, _ := json.Marshal(v0Employer{ID: id, Affiliation: strconv.Itoa(1000001 + i), RaisonSociale: "Ancienne " + strconv.Itoa(i)})
		rawSet(t, s, keyEmployer(id), b)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// The hook refuses: Open fails and nothing is migrated.
	refuse := errors.New("no space for the snapshot")
	_, err = openWith(t, dir, []migration{fakeV1}, func(from, to int) error { return refuse })
	wantCode(t, err, CodeMigration)
	if !errors.Is(err, refuse) {
		t.Fatalf("hook error not wrapped: %v", err)
	}
	s, err = openWith(t, dir, []migration{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if v := must[int](t)(s.SchemaVersion()); v != 0 {
		t.Fatalf("refused migration changed the schema to %d", v)
	}
	_ = s.Close()

	// A failing step rolls back entirely.
	failing := migration{name: "fails", up: func(tx *Tx) error {
		if err := tx.putRaw([]byte("er/half-done"), []byte("{}")); err != nil {
			return err
		}
		return errors.New("step failed")
	}}
	_, err = openWith(t, dir, []migration{failing}, nil)
	wantCode(t, err, CodeMigration)

	// Now with the hook accepting: called once with (0, 1), before the step.
	var calls [][2]int
	s, err = openWith(t, dir, []migration{fakeV1}, func(from, to int) error {
		calls = append(calls, [2]int{from, to})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 1 || calls[0] != [2]int{0, 1} {
		t.Fatalf("BeforeMigrate calls: %v", calls)
	}
	if v := must[int](t)(s.SchemaVersion()); v != 1 {
		t.Fatalf("schema %d after migration", v)
	}
	list := must[[]domain.Employer](t)(s.Employers().List())
	if len(list) != 2 || list[0].Name != "Ancienne 0" || list[1].Name != "Ancienne 1" {
		t.Fatalf("migrated employers: %+v", list)
	}
	if _, err := s.Employers().FindByAffiliation("1000002"); err != nil {
		t.Fatalf("index after migration: %v", err)
	}
	entries := must[[]AuditEntry](t)(s.AuditEntries(1, 100))
	last := entries[len(entries)-1]
	if last.Action != "schema.migrate" || string(last.After) != `{"version":1,"name":"rename raison_sociale"}` {
		t.Fatalf("migration not audited: %+v", last)
	}
	if _, broken, _ := s.VerifyAudit(); broken != -1 {
		t.Fatalf("audit broken at %d", broken)
	}
	_ = s.Close()

	// Reopening at the same version migrates nothing.
	calls = nil
	s, err = openWith(t, dir, []migration{fakeV1}, func(from, to int) error {
		calls = append(calls, [2]int{from, to})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 0 {
		t.Fatalf("hook called again: %v", calls)
	}
	_ = s.Close()

	// An older program (knowing schema 0 only) refuses the newer store.
	_, err = openWith(t, dir, []migration{}, nil)
	wantCode(t, err, CodeSchemaTooNew)
}

func TestSchemaMigrationsFromUnversionedData(t *testing.T) {
	// Data without a version record is schema 0; the real migration list
	// brings it to the current version.
	dir := t.TempDir()
	s, err := openWith(t, dir, []migration{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rawDelete(t, s, keySchema)
	_ = s.Close()
	var from, to int
	s, err = openWith(t, dir, nil, func(f, tt int) error { from, to = f, tt; return nil })
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if from != 0 || to != SchemaVersion() || must[int](t)(s.SchemaVersion()) != SchemaVersion() {
		t.Fatalf("from %d to %d", from, to)
	}
}
