package desktop

import (
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
)

// AuditRow is one entry of the journal as the page shows it: the entry's
// action and entity with their labels in the three languages (from the
// store's catalogue, store.AuditActionLabel), the raw codes kept as a hint.
// An action or entity the catalogue does not know has an empty label: the
// page then shows the raw code. The entry's before/after payloads stay in
// Go.
type AuditRow struct {
	Seq         uint64    `json:"seq"`
	Time        time.Time `json:"time" ts_type:"string"`
	Who         string    `json:"who"`
	Action      string    `json:"action"`
	ActionLabel i18n.Text `json:"action_label"`
	Entity      string    `json:"entity"`
	EntityLabel i18n.Text `json:"entity_label"`
	EntityID    string    `json:"entity_id"`
	Hash        string    `json:"hash"`
	Erased      bool      `json:"erased,omitempty"`
}

// AuditRows returns up to max entries of st's audit log from sequence
// number from (1 is the first), with their labels.
func AuditRows(st *store.Store, from uint64, max int) ([]AuditRow, error) {
	entries, err := st.AuditEntries(from, max)
	if err != nil {
		return nil, err
	}
	out := make([]AuditRow, 0, len(entries))
	for _, e := range entries {
		al, _ := store.AuditActionLabel(e.Action)
		el, _ := store.AuditEntityLabel(e.Entity)
		out = append(out, AuditRow{Seq: e.Seq, Time: e.Time, Who: e.Who, Action: e.Action, ActionLabel: al,
			Entity: e.Entity, EntityLabel: el, EntityID: e.EntityID, Hash: e.Hash, Erased: e.Erased})
	}
	return out, nil
}
