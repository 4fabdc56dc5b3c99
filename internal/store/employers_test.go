package store

import (
	"errors"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
)

func TestEmployerCRUD(t *testing.T) {
	s := openTest(t)
	r := s.Employers()
	in := sampleEmployer(1)
	in.ICE = "  " + in.ICE[:5] + " " + in.ICE[5:] + " " // spaces are normalised away
	in.Agency = "a1"
	e := must[domain.Employer](t)(r.Create(in))
	if !validID(e.ID) || e.CreatedAt.IsZero() || e.PlatformProfile != domain.ProfileSandbox || e.Agency != "A1" || e.ICE != iceFor(1) {
		t.Fatalf("created employer not normalised: %+v", e)
	}
	got := must[domain.Employer](t)(r.Get(e.ID))
	if got.Name != e.Name || got.Affiliation != e.Affiliation || !got.CreatedAt.Equal(e.CreatedAt) {
		t.Fatalf("Get = %+v, want %+v", got, e)
	}
	found := must[domain.Employer](t)(r.FindByAffiliation(" " + e.Affiliation + " "))
	if found.ID != e.ID {
		t.Fatalf("FindByAffiliation returned %s, want %s", found.ID, e.ID)
	}

	// Update, including a new affiliation number: the index follows.
	upd := got
	upd.Name = "Société Renommée"
	upd.Affiliation = "7654321"
	upd.PlatformProfile = domain.RemoteProfile("cabinet-1")
	upd.DeadlineOverrides = []domain.DeadlineOverride{{Period: p202601, Date: domain.Date{Year: 2026, Month: time.February, Day: 16}, Note: "communiqué"}}
	upd.CreatedAt = time.Time{} // ignored
	u := must[domain.Employer](t)(r.Update(upd))
	if !u.CreatedAt.Equal(e.CreatedAt) {
		t.Fatalf("CreatedAt changed by Update")
	}
	if _, err := r.FindByAffiliation(e.Affiliation); !IsNotFound(err) {
		t.Fatalf("old affiliation still indexed: %v", err)
	}
	if f := must[domain.Employer](t)(r.FindByAffiliation("7654321")); f.ID != e.ID || f.Name != "Société Renommée" {
		t.Fatalf("new affiliation not indexed: %+v", f)
	}
	if d, ok := u.Deadline(p202601); !ok || d.Day != 16 {
		t.Fatalf("deadline override lost: %+v", u)
	}

	// List is sorted by name.
	must[domain.Employer](t)(r.Create(sampleEmployer(2)))
	list := must[[]domain.Employer](t)(r.List())
	if len(list) != 2 || list[0].Name != "Société Renommée" || list[1].Name != "Société Test 002" {
		t.Fatalf("List order: %v", names(list))
	}

	// Delete (no employee, no declaration) removes the record and its index.
	if err := r.Delete(e.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Get(e.ID); !IsNotFound(err) {
		t.Fatalf("Get after Delete: %v", err)
	}
	if _, err := r.FindByAffiliation("7654321"); !IsNotFound(err) {
		t.Fatalf("affiliation still indexed after Delete: %v", err)
	}
	wantCode(t, r.Delete(e.ID), CodeNotFound)
}

func names(es []domain.Employer) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
	}
	return out
}

func TestEmployerAffiliationUnique(t *testing.T) {
	s := openTest(t)
	r := s.Employers()
	a := must[domain.Employer](t)(r.Create(sampleEmployer(1)))
	b := must[domain.Employer](t)(r.Create(sampleEmployer(2)))

	dup := sampleEmployer(3)
	dup.Affiliation = a.Affiliation
	_, err := r.Create(dup)
	wantCode(t, err, CodeAffiliationUsed)
	if !errors.Is(err, ErrDuplicate) {
		t.Fatalf("not ErrDuplicate: %v", err)
	}
	b.Affiliation = a.Affiliation
	_, err = r.Update(b)
	wantCode(t, err, CodeAffiliationUsed)
	// Updating an employer with its own affiliation is fine.
	a.Name = "Autre nom"
	must[domain.Employer](t)(r.Update(a))
	if n := len(must[[]domain.Employer](t)(r.List())); n != 2 {
		t.Fatalf("%d employers, want 2", n)
	}
}

func TestEmployerDeleteGuard(t *testing.T) {
	s := openTest(t)
	e := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	must[domain.Employee](t)(s.Employees().Create(sampleEmployee(e.ID, 1)))
	err := s.Employers().Delete(e.ID)
	wantCode(t, err, CodeEmployerInUse)
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("not ErrInUse: %v", err)
	}
	if _, err := s.Employers().Get(e.ID); err != nil {
		t.Fatalf("guarded delete removed the employer: %v", err)
	}

	// An employer with only a declaration is guarded too.
	e2 := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(2)))
	must[Declaration](t)(s.Declarations().Create(sampleDecl(e2.ID, nil)))
	wantCode(t, s.Employers().Delete(e2.ID), CodeEmployerInUse)
}

func TestEmployerNotFound(t *testing.T) {
	s := openTest(t)
	for _, id := range []string{"", "nope", "../er/x", "01a20b12-cfbd-7939-b26d-220ccbd4998b"} {
		_, err := s.Employers().Get(id)
		wantCode(t, err, CodeNotFound)
		e := sampleEmployer(1)
		e.ID = id
		_, err = s.Employers().Update(e)
		wantCode(t, err, CodeNotFound)
	}
}

func TestEmployerValidation(t *testing.T) {
	s := openTest(t)
	tests := []struct {
		name   string
		mutate func(*domain.Employer)
		fields []string
	}{
		{"affiliation short", func(e *domain.Employer) { e.Affiliation = "12345" }, []string{"affiliation"}},
		{"affiliation letters", func(e *domain.Employer) { e.Affiliation = "12345AB" }, []string{"affiliation"}},
		{"affiliation missing", func(e *domain.Employer) { e.Affiliation = "" }, []string{"affiliation"}},
		{"name missing", func(e *domain.Employer) { e.Name = "  " }, []string{"name"}},
		{"bad ICE key", func(e *domain.Employer) { e.ICE = "000000000000001" }, []string{"ice"}},
		{"bad IF", func(e *domain.Employer) { e.IF = "12" }, []string{"if"}},
		{"bad agency", func(e *domain.Employer) { e.Agency = "ABC" }, []string{"agency"}},
		{"bad postal code", func(e *domain.Employer) { e.PostalCode = "20A00" }, []string{"postal_code"}},
		{"bad profile", func(e *domain.Employer) { e.PlatformProfile = "remote:" }, []string{"platform_profile"}},
		{"bad override", func(e *domain.Employer) {
			e.DeadlineOverrides = []domain.DeadlineOverride{{Period: p202601, Date: domain.Date{Year: 2026, Month: 2, Day: 30}}}
		}, []string{"deadline_overrides[0].date"}},
		{"duplicate override", func(e *domain.Employer) {
			d := domain.Date{Year: 2026, Month: 2, Day: 12}
			e.DeadlineOverrides = []domain.DeadlineOverride{{Period: p202601, Date: d}, {Period: p202601, Date: d}}
		}, []string{"deadline_overrides"}},
		{"several", func(e *domain.Employer) { e.Affiliation = "1"; e.Name = "" }, []string{"affiliation", "name"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := sampleEmployer(1)
			tc.mutate(&e)
			_, err := s.Employers().Create(e)
			wantCode(t, err, CodeValidation)
			fe := FieldErrors(err)
			if len(fe) != len(tc.fields) {
				t.Fatalf("field errors %+v, want fields %v", fe, tc.fields)
			}
			for i, f := range tc.fields {
				if fe[i].Field != f {
					t.Fatalf("field %d = %q, want %q", i, fe[i].Field, f)
				}
			}
		})
	}
	if n := len(must[[]domain.Employer](t)(s.Employers().List())); n != 0 {
		t.Fatalf("invalid employers were stored: %d", n)
	}
}

func TestAffiliationBadCheckDigitAccepted(t *testing.T) {
	// Decision: the store enforces the shape only; a failing check digit is a
	// warning of the declaration rules (ID-AFFILIATION), never a refusal.
	s := openTest(t)
	e := sampleEmployer(1)
	for d := '0'; d <= '9'; d++ {
		e.Affiliation = "123456" + string(d)
		if !domain.AffiliationCheckOK(e.Affiliation) {
			break
		}
	}
	if domain.AffiliationCheckOK(e.Affiliation) {
		t.Fatal("no failing check digit found")
	}
	must[domain.Employer](t)(s.Employers().Create(e))
}
