package desktop

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/store"
)

// The journal's rows carry each action's and entity's label in the three
// languages, and the JSON the page reads names them action_label and
// entity_label; no row of a real store keeps an empty label.
func TestAuditRowsCarryLabels(t *testing.T) {
	st, _, _ := manualFixture(t)
	rows, err := AuditRows(st, 1, 1000)
	if err != nil {
		t.Fatal(err)
	}
	byAction := map[string]AuditRow{}
	for _, r := range rows {
		byAction[r.Action] = r
		for what, l := range map[string][3]string{"action " + r.Action: {r.ActionLabel.FR, r.ActionLabel.AR, r.ActionLabel.EN},
			"entity " + r.Entity: {r.EntityLabel.FR, r.EntityLabel.AR, r.EntityLabel.EN}} {
			for _, s := range l {
				if s == "" {
					t.Errorf("row %d: %s has an empty label %+v", r.Seq, what, l)
				}
			}
		}
	}
	for _, tc := range []struct{ action, en, entityEN string }{
		{store.ActionStoreCreate, "Vault created", "Vault"},
		{store.ActionEmployerCreate, "Employer added", "Employer"},
		{store.ActionDeclarationCreate, "Declaration created", "Declaration"},
		{store.ActionManualDepositRecord, "Manual deposit recorded", "Manual deposit"},
		{"declaration.manual", "Declaration deposited by hand", "Declaration"},
	} {
		r, ok := byAction[tc.action]
		if !ok {
			t.Errorf("no %s entry in %d rows", tc.action, len(rows))
			continue
		}
		if r.ActionLabel.EN != tc.en || r.EntityLabel.EN != tc.entityEN {
			t.Errorf("%s: labels %q / %q, want %q / %q", tc.action, r.ActionLabel.EN, r.EntityLabel.EN, tc.en, tc.entityEN)
		}
		if r.ActionLabel.FR == r.ActionLabel.EN || r.ActionLabel.AR == r.ActionLabel.EN {
			t.Errorf("%s: the label is not translated: %+v", tc.action, r.ActionLabel)
		}
	}
	b, err := json.Marshal(rows[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{`"action_label":{"fr":`, `"entity_label":{"fr":`, `"action":"store.create"`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("row JSON %s lacks %s", b, k)
		}
	}
	if strings.Contains(string(b), `"before"`) || strings.Contains(string(b), `"after"`) {
		t.Errorf("row JSON carries the entry's payload: %s", b)
	}
}
