package monthly

import (
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/params"
	"github.com/tasrih/tasrih/internal/store"
)

// TestDueDateWithExtensions: the month's due date is the effective one the
// receipts use (store.DeadlineExtensions.Effective): the legal date, moved
// by the CNSS's period-wide extension, and the employer's own override
// before both; another period's extension changes nothing.
func TestDueDateWithExtensions(t *testing.T) {
	s, st, er := setup(t)
	legal := params.Default().DueDate(p202601)
	due := func() domain.Date {
		t.Helper()
		ws, err := s.Load(er.ID, p202601)
		if err != nil {
			t.Fatal(err)
		}
		return ws.DueDate
	}
	if got := due(); got != legal {
		t.Fatalf("no extension: %v, want %v", got, legal)
	}
	// Another period's extension: no change.
	feb := p202601.Next()
	if _, err := st.DeadlineExtensions().Set(store.DeadlineExtension{Period: feb, Date: params.Default().DueDate(feb).AddDays(5), Reference: "COM-FEB"},
		params.Default().DueDate(feb)); err != nil {
		t.Fatal(err)
	}
	if got := due(); got != legal {
		t.Errorf("february's extension moved january: %v", got)
	}
	ext := legal.AddDays(10)
	if _, err := st.DeadlineExtensions().Set(store.DeadlineExtension{Period: p202601, Date: ext, Reference: "COM-7"}, legal); err != nil {
		t.Fatal(err)
	}
	if got := due(); got != ext {
		t.Errorf("with the period's extension: %v, want %v", got, ext)
	}
	// The employer's own override wins.
	own := legal.AddDays(3)
	er.DeadlineOverrides = []domain.DeadlineOverride{{Period: p202601, Date: own, Note: "accord"}}
	if _, err := st.Employers().Update(er); err != nil {
		t.Fatal(err)
	}
	if got := due(); got != own {
		t.Errorf("with the employer's override: %v, want %v", got, own)
	}
}
