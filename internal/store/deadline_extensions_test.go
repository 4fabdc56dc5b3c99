package store

import (
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
)

// TestDeadlineExtensions: set, replace, list, delete, audited; an extension
// that does not move the deadline later, or without its communiqué, is refused.
func TestDeadlineExtensions(t *testing.T) {
	s := openTest(t)
	r := s.DeadlineExtensions()
	p := domain.Period{Year: 2025, Month: time.June}
	legal := domain.Date{Year: 2025, Month: time.July, Day: 10}
	if _, ok, err := r.Get(p); ok || err != nil {
		t.Fatalf("empty: %v %v", ok, err)
	}
	e := must[DeadlineExtension](t)(r.Set(DeadlineExtension{Period: p, Date: domain.Date{Year: 2025, Month: time.July, Day: 15}, Reference: "Communiqué CNSS 12/2025"}, legal))
	if e.UpdatedAt.IsZero() {
		t.Error("no time")
	}
	must[DeadlineExtension](t)(r.Set(DeadlineExtension{Period: p, Date: domain.Date{Year: 2025, Month: time.July, Day: 18}, Reference: "Communiqué CNSS 13/2025"}, legal))
	got, ok, err := r.Get(p)
	if err != nil || !ok || got.Date.Day != 18 || got.Reference != "Communiqué CNSS 13/2025" {
		t.Fatalf("get: %+v %v %v", got, ok, err)
	}
	if l := must[[]DeadlineExtension](t)(r.List()); len(l) != 1 {
		t.Errorf("list %+v", l)
	}
	for name, bad := range map[string]DeadlineExtension{
		"same day":     {Period: p, Date: legal, Reference: "x"},
		"earlier":      {Period: p, Date: domain.Date{Year: 2025, Month: time.July, Day: 1}, Reference: "x"},
		"no reference": {Period: p, Date: domain.Date{Year: 2025, Month: time.July, Day: 20}},
		"bad date":     {Period: p, Date: domain.Date{Year: 2025, Month: time.February, Day: 30}, Reference: "x"},
	} {
		if _, err := r.Set(bad, legal); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if err := r.Delete(p); err != nil {
		t.Fatal(err)
	}
	wantCode(t, r.Delete(p), CodeNotFound)
	n := 0
	for _, a := range must[[]AuditEntry](t)(s.AuditEntries(1, 100)) {
		if a.Entity == kindDeadlineExtension {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d audit entries, want 3", n)
	}
}
