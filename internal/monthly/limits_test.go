package monthly

import (
	"bytes"
	"os"
	"testing"

	"github.com/tasrih/tasrih/internal/params"
)

// TestWorkspaceMaxDaysFromTheTable: the workspace carries the period's
// maximum of declared days from the service's parameter table (the grid
// checks typed days against it), not a constant: a table where it is 24
// gives 24.
func TestWorkspaceMaxDaysFromTheTable(t *testing.T) {
	raw, err := os.ReadFile("../params/params.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte(`"max_days": 26`)) {
		t.Fatal("params.json no longer has max_days 26")
	}
	tab24, err := params.Parse(bytes.ReplaceAll(raw, []byte(`"max_days": 26`), []byte(`"max_days": 24`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		tab  *params.Table
		want int
	}{{nil, 26}, {tab24, 24}} {
		s, st, er := setup(t)
		s = New(st, tc.tab)
		if _, _, err := s.ImportPreetabli(er.ID, "AFFEBDS_1234567_202601.txt", vectorPreetabli(t), &p202601); err != nil {
			t.Fatal(err)
		}
		ws, err := s.Load(er.ID, p202601)
		if err != nil {
			t.Fatal(err)
		}
		if ws.MaxDays != tc.want {
			t.Errorf("max_days %d, want %d", ws.MaxDays, tc.want)
		}
	}
}
