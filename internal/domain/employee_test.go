package domain

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestEmployeeNormalize(t *testing.T) {
	tests := []struct {
		name string
		in   Employee
		want Employee
	}{
		{"spaces and case",
			Employee{Immatriculation: " 123456785 ", CIN: " bk 123456 ", LastName: "  El   Amrani ", FirstName: " Sara  Lina ", RIB: "1810 0000 0000 0000 0000 0000", JobTitle: " Comptable "},
			Employee{Immatriculation: "123456785", CIN: "BK123456", LastName: "El Amrani", FirstName: "Sara Lina", RIB: "181000000000000000000000", JobTitle: "Comptable"}},
		{"not registered", Employee{Immatriculation: ImmatNotRegistered, CIN: "A1"}, Employee{CIN: "A1"}},
		{"occasional kept", Employee{Immatriculation: ImmatOccasional}, Employee{Immatriculation: ImmatOccasional}},
		{"iban upper-cased", Employee{RIB: "ma64 1810"}, Employee{RIB: "MA641810"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := tc.in
			e.Normalize()
			if e != tc.want {
				t.Fatalf("got %+v\nwant %+v", e, tc.want)
			}
		})
	}
}

func TestEmployeeHelpers(t *testing.T) {
	e := Employee{LastName: "ALAMI", FirstName: "AHMED", Immatriculation: "123456785"}
	if e.FullName() != "ALAMI AHMED" || !e.Registered() || e.Occasional() {
		t.Fatalf("helpers: %q", e.FullName())
	}
	e.FirstName, e.Immatriculation = "", ImmatOccasional
	if e.FullName() != "ALAMI" || !e.Occasional() {
		t.Fatal("single name / occasional")
	}
	e.Immatriculation = ""
	if e.Registered() {
		t.Fatal("empty immatriculation is registered")
	}
}

func TestEmployeeJSON(t *testing.T) {
	e := Employee{
		ID: "e", EmployerID: "r", Immatriculation: "123456785", LastName: "ALAMI",
		BirthDate: Date{1990, time.May, 4}, MonthlyGross: MAD(8000), Children: 2,
	}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"birth_date":"19900504"`, `"hire_date":""`, `"monthly_gross":800000`, `"children":2`} {
		if !strings.Contains(string(b), want) {
			t.Fatalf("JSON lacks %s: %s", want, b)
		}
	}
	var back Employee
	if err := json.Unmarshal(b, &back); err != nil || back != e {
		t.Fatalf("round trip: %+v, %v", back, err)
	}
	l := MonthLine{EmployeeID: "e", Days: 26, Gross: MAD(8000), Situation: SitLeft}
	b, _ = json.Marshal(l)
	if string(b) != `{"employee_id":"e","days":26,"gross":800000,"situation":"SO"}` {
		t.Fatalf("MonthLine JSON: %s", b)
	}
}
