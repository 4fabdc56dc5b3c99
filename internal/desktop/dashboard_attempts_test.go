package desktop

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/params"
	"github.com/tasrih/tasrih/internal/store"
)

// TestDashboardFlagsFailedAttempts: the portfolio flags an employer whose
// deadline is near and whose deposit attempts all failed; not when the
// deadline is still far (near miss), not an employer without attempts.
func TestDashboardFlagsFailedAttempts(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "receipt", "testdata", "DS_1234567_202601.txt"))
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t, t.TempDir())
	t.Cleanup(func() { st.Close() })
	p := domain.Period{Year: 2026, Month: time.January}
	failed, err := st.Employers().Create(domain.Employer{Affiliation: "1234567", Name: "Atlas Démo SARL"})
	if err != nil {
		t.Fatal(err)
	}
	quiet, err := st.Employers().Create(domain.Employer{Affiliation: "2703892", Name: "Autre SARL"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.Declarations().Create(store.Declaration{EmployerID: failed.ID, Period: p, Kind: store.KindPrincipal, FileName: "DS_1234567_202601.txt", Bytes: data})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := RecordPortalFailure(st, d.ID, "", nil); err != nil {
		t.Fatal(err)
	}
	legal := params.Default().DueDate(p)
	for _, tc := range []struct {
		name  string
		today domain.Date
		want  bool
	}{
		{"urgent", legal.AddDays(-2), true},
		{"overdue", legal.AddDays(1), true},
		{"soon (7 days left)", legal.AddDays(-SoonDays), true},
		{"far (8 days left)", legal.AddDays(-SoonDays - 1), false},
	} {
		dash, err := BuildDashboard(st, nil, p, tc.today)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range dash.Rows {
			want := tc.want && r.EmployerID == failed.ID
			if r.AttemptsFailed != want {
				t.Errorf("%s: %s (urgency %s) flagged %v, want %v", tc.name, r.Name, r.Urgency, r.AttemptsFailed, want)
			}
		}
		if len(dash.Rows) != 2 || quiet.ID == "" {
			t.Fatalf("rows %+v", dash.Rows)
		}
	}
}
