package store

import (
	"encoding/json"
	"testing"
	"time"
)

// FuzzAuditEntryRoundTrip checks the property the chain relies on: an entry
// hashed when written has the same hash once read back from its stored JSON,
// whatever its strings (invalid UTF-8, HTML characters, control bytes) and time.
func FuzzAuditEntryRoundTrip(f *testing.F) {
	f.Add("tester", "employee.update", "employee", "01a20b12-cfbd-7939-b26d-220ccbd4998b", "ALAMI <AHMED> & co", int64(1767225600123456789))
	f.Add("", "", "", "", "", int64(0))
	f.Add("us\xffer", "a\u2028b", "e\x00", "id", "\"quoted\"\\", int64(-1))
	f.Fuzz(func(t *testing.T, who, action, entity, id, payload string, nanos int64) {
		e, err := newAuditEntry(nil, 7, time.Unix(0, nanos), who, action, entity, id, nil, map[string]any{"v": payload, "n": nanos}, "00")
		if err != nil {
			t.Fatalf("entry not built: %v", err)
		}
		stored, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		var back AuditEntry
		if err := json.Unmarshal(stored, &back); err != nil {
			t.Fatalf("stored entry does not decode: %v", err)
		}
		h, err := back.computeHash(nil)
		if err != nil || h != e.Hash {
			t.Fatalf("hash changed across storage: %v", err)
		}
	})
}
