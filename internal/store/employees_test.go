package store

import (
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
)

func TestEmployeeCRUDAndHistory(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	r := s.Employees()
	in := sampleEmployee(er.ID, 1)
	in.CIN = " bk 000001 "
	in.LastName = "  El   Amrani "
	in.RIB = ribFor(1)[:12] + " " + ribFor(1)[12:]
	e := must[domain.Employee](t)(r.Create(in))
	if e.CIN != "BK000001" || e.LastName != "El Amrani" || e.RIB != ribFor(1) || !validID(e.ID) {
		t.Fatalf("not normalised: %+v", e)
	}
	if got := must[domain.Employee](t)(r.Get(er.ID, e.ID)); got.ID != e.ID || got.MonthlyGross != e.MonthlyGross {
		t.Fatalf("Get = %+v", got)
	}
	if n := must[int](t)(r.Count(er.ID)); n != 1 {
		t.Fatalf("Count = %d", n)
	}

	// Three updates: three previous versions, oldest first.
	v1 := e
	v2 := e
	v2.MonthlyGross = domain.MAD(7000)
	v2 = must[domain.Employee](t)(r.Update(v2))
	v3 := v2
	v3.JobTitle = "Comptable"
	v3.Immatriculation = "123456785"
	v3 = must[domain.Employee](t)(r.Update(v3))
	v4 := v3
	v4.ExitDate = domain.Date{Year: 2026, Month: time.January, Day: 31}
	v4 = must[domain.Employee](t)(r.Update(v4))
	// A no-op update writes nothing.
	must[domain.Employee](t)(r.Update(v4))

	h := must[[]EmployeeVersion](t)(r.History(er.ID, e.ID))
	if len(h) != 3 {
		t.Fatalf("history has %d versions, want 3", len(h))
	}
	if h[0].Previous.MonthlyGross != v1.MonthlyGross || h[1].Previous.MonthlyGross != domain.MAD(7000) ||
		h[2].Previous.JobTitle != "Comptable" || !h[2].Previous.ExitDate.IsZero() {
		t.Fatalf("history content wrong: %+v", h)
	}
	for _, v := range h {
		if v.Author != "tester" || v.At.IsZero() || v.Seq == 0 {
			t.Fatalf("history entry lacks who/when: %+v", v)
		}
	}
	if !(h[0].Seq < h[1].Seq && h[1].Seq < h[2].Seq) {
		t.Fatalf("history not ordered: %d %d %d", h[0].Seq, h[1].Seq, h[2].Seq)
	}

	// Indexes follow the immatriculation change.
	if _, err := r.FindByImmatriculation(er.ID, v1.Immatriculation); !IsNotFound(err) {
		t.Fatalf("old immatriculation still indexed: %v", err)
	}
	if f := must[domain.Employee](t)(r.FindByImmatriculation(er.ID, "123456785")); f.ID != e.ID {
		t.Fatalf("FindByImmatriculation = %s", f.ID)
	}
	if f := must[domain.Employee](t)(r.FindByCIN(er.ID, "bk000001")); f.ID != e.ID {
		t.Fatalf("FindByCIN = %s", f.ID)
	}

	// The employer of an employee cannot change: addressing it under another
	// employer finds nothing.
	er2 := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(2)))
	moved := v4
	moved.EmployerID = er2.ID
	_, err := r.Update(moved)
	wantCode(t, err, CodeNotFound)
}

func TestEmployeeUniqueness(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	er2 := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(2)))
	r := s.Employees()
	a := must[domain.Employee](t)(r.Create(sampleEmployee(er.ID, 1)))

	dupImm := sampleEmployee(er.ID, 2)
	dupImm.Immatriculation = a.Immatriculation
	_, err := r.Create(dupImm)
	wantCode(t, err, CodeImmatUsed)

	dupCIN := sampleEmployee(er.ID, 3)
	dupCIN.CIN = a.CIN
	_, err = r.Create(dupCIN)
	wantCode(t, err, CodeCINUsed)

	// The same person may work for another employer.
	must[domain.Employee](t)(r.Create(func() domain.Employee { e := sampleEmployee(er2.ID, 1); return e }()))

	// Occasional labour shares 999999999.
	for i := 10; i < 13; i++ {
		o := sampleEmployee(er.ID, i)
		o.Immatriculation = domain.ImmatOccasional
		must[domain.Employee](t)(r.Create(o))
	}
	if _, err := r.FindByImmatriculation(er.ID, domain.ImmatOccasional); !IsNotFound(err) {
		t.Fatalf("999999999 must not be looked up: %v", err)
	}

	// Not yet registered: no immatriculation, CIN required.
	u := sampleEmployee(er.ID, 20)
	u.Immatriculation = domain.ImmatNotRegistered
	got := must[domain.Employee](t)(r.Create(u))
	if got.Immatriculation != "" || got.Registered() {
		t.Fatalf("000000000 not turned into empty: %q", got.Immatriculation)
	}
	u2 := sampleEmployee(er.ID, 21)
	u2.Immatriculation, u2.CIN = "", ""
	_, err = r.Create(u2)
	wantCode(t, err, CodeValidation)
	if fe := FieldErrors(err); len(fe) != 1 || fe[0].Field != "cin" || fe[0].Code != "validation.imm_or_cin" {
		t.Fatalf("field errors %+v", fe)
	}

	// Changing b's CIN to a's is refused; the failed update leaves b intact.
	b := must[domain.Employee](t)(r.Create(sampleEmployee(er.ID, 4)))
	b2 := b
	b2.CIN = a.CIN
	_, err = r.Update(b2)
	wantCode(t, err, CodeCINUsed)
	if got := must[domain.Employee](t)(r.Get(er.ID, b.ID)); got.CIN != b.CIN {
		t.Fatalf("failed update changed the record")
	}
	if n := must[int](t)(r.Count(er.ID)); n != 6 {
		t.Fatalf("Count = %d, want 6", n)
	}
	list := must[[]domain.Employee](t)(r.List(er.ID))
	if len(list) != 6 {
		t.Fatalf("List has %d employees", len(list))
	}
	for i := 1; i < len(list); i++ {
		if list[i-1].LastName > list[i].LastName {
			t.Fatalf("List not sorted by last name")
		}
	}
}

func TestEmployeeValidation(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	tests := []struct {
		name   string
		mutate func(*domain.Employee)
		field  string
		code   string
	}{
		{"immatriculation shape", func(e *domain.Employee) { e.Immatriculation = "12345678" }, "immatriculation", "validation.immatriculation"},
		{"cin shape", func(e *domain.Employee) { e.CIN = "123456" }, "cin", "validation.cin"},
		{"rib key", func(e *domain.Employee) { e.RIB = "181000000000000000000001" }, "rib", "validation.rib"},
		{"negative salary", func(e *domain.Employee) { e.MonthlyGross = -1 }, "monthly_gross", "validation.money"},
		{"children", func(e *domain.Employee) { e.Children = 100 }, "children", "validation.max"},
		{"last name", func(e *domain.Employee) { e.LastName = "" }, "last_name", "validation.required"},
		{"birth date", func(e *domain.Employee) { e.BirthDate = domain.Date{Year: 1990, Month: 2, Day: 31} }, "birth_date", "validation.date_or_zero"},
		{"exit before hire", func(e *domain.Employee) { e.ExitDate = domain.Date{Year: 2019, Month: 1, Day: 1} }, "exit_date", "validation.exit_after_hire"},
		{"no employer", func(e *domain.Employee) { e.EmployerID = "" }, "employer_id", "validation.required"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := sampleEmployee(er.ID, 1)
			tc.mutate(&e)
			_, err := s.Employees().Create(e)
			wantCode(t, err, CodeValidation)
			fe := FieldErrors(err)
			if len(fe) != 1 || fe[0].Field != tc.field || fe[0].Code != tc.code {
				t.Fatalf("field errors %+v, want %s %s", fe, tc.field, tc.code)
			}
		})
	}
	// A valid IBAN is accepted in place of a RIB.
	e := sampleEmployee(er.ID, 1)
	e.RIB = "MA64" + ribFor(1)
	must[domain.Employee](t)(s.Employees().Create(e))
	// An unknown employer is "not found", not a validation error.
	e = sampleEmployee("01a20b12-cfbd-7939-b26d-220ccbd4998b", 2)
	_, err := s.Employees().Create(e)
	wantCode(t, err, CodeNotFound)
}

func TestImmatriculationBadCheckDigitAccepted(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	e := sampleEmployee(er.ID, 1)
	e.Immatriculation = "123456780"
	if domain.ImmatriculationCheckOK(e.Immatriculation) {
		e.Immatriculation = "123456781"
	}
	if domain.ImmatriculationCheckOK(e.Immatriculation) {
		t.Fatal("expected a failing check digit")
	}
	must[domain.Employee](t)(s.Employees().Create(e))
}
