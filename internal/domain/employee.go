package domain

import (
	"strings"
	"time"
)

// Employee is a person employed by one employer. ID is an opaque identifier
// assigned by the store; EmployerID ties the employee to an Employer.
//
// Immatriculation is the 9-digit CNSS number, empty while the person is not yet
// registered (then the CIN is required); ImmatOccasional (999999999) marks
// occasional labour and may be shared. A failing check digit is accepted (the
// declaration rules report it as the warning ID-IMMATRICULATION).
// Dates are optional (zero Date = unknown), money is in centimes.
type Employee struct {
	ID              string    `json:"id"`
	EmployerID      string    `json:"employer_id" validate:"required"`
	Immatriculation string    `json:"immatriculation,omitempty" validate:"omitempty,immatriculation"`
	CIN             string    `json:"cin,omitempty" validate:"omitempty,cin"`
	LastName        string    `json:"last_name" validate:"required,max=60"`
	FirstName       string    `json:"first_name,omitempty" validate:"max=60"`
	BirthDate       Date      `json:"birth_date" validate:"date_or_zero" ts_type:"string"`
	HireDate        Date      `json:"hire_date" validate:"date_or_zero" ts_type:"string"`
	ExitDate        Date      `json:"exit_date" validate:"date_or_zero" ts_type:"string"`
	JobTitle        string    `json:"job_title,omitempty" validate:"max=80"`
	MonthlyGross    Money     `json:"monthly_gross" validate:"money"`
	Children        int       `json:"children" validate:"min=0,max=99"`
	RIB             string    `json:"rib,omitempty" validate:"omitempty,rib"`
	CreatedAt       time.Time `json:"created_at,omitempty" ts_type:"string"` // omitempty: see UpdatedAt
	UpdatedAt       time.Time `json:"updated_at,omitempty" ts_type:"string"` // set by the store; omitempty (no effect on a time in encoding/json) makes them optional in the generated TypeScript: the page sends a new record without them
}

// Normalize trims names, normalises the CIN, removes the spaces of the RIB/IBAN
// and turns the "not registered" number 000000000 (ImmatNotRegistered) into the
// empty string: a stored employee without immatriculation has none.
// It does not validate.
func (e *Employee) Normalize() {
	e.Immatriculation = strings.TrimSpace(e.Immatriculation)
	if e.Immatriculation == ImmatNotRegistered {
		e.Immatriculation = ""
	}
	e.CIN = strings.TrimSpace(e.CIN)
	if e.CIN != "" {
		e.CIN = NormalizeCIN(e.CIN)
	}
	e.LastName = strings.Join(strings.Fields(e.LastName), " ")
	e.FirstName = strings.Join(strings.Fields(e.FirstName), " ")
	e.JobTitle = strings.TrimSpace(e.JobTitle)
	e.RIB = strings.ToUpper(strings.Join(strings.Fields(e.RIB), ""))
}

// Registered reports whether the employee has a CNSS immatriculation number.
func (e *Employee) Registered() bool { return e.Immatriculation != "" }

// Occasional reports whether the employee is declared as occasional labour.
func (e *Employee) Occasional() bool { return e.Immatriculation == ImmatOccasional }

// FullName returns "LASTNAME FIRSTNAME" as written in the DS file (before
// transliteration), or the last name alone.
func (e *Employee) FullName() string {
	if e.FirstName == "" {
		return e.LastName
	}
	return e.LastName + " " + e.FirstName
}

// MonthLine is what the user declares for one employee and one period: days
// worked (0–26), gross salary in centimes and the situation code (blank for a
// normal month). Immatriculation is a copy taken when the line was written, so
// that a declaration can be rebuilt as it was.
type MonthLine struct {
	EmployeeID      string    `json:"employee_id" validate:"required"`
	Immatriculation string    `json:"immatriculation,omitempty" validate:"omitempty,immatriculation"`
	Days            int       `json:"days" validate:"days"`
	Gross           Money     `json:"gross" validate:"money"`
	Situation       Situation `json:"situation" validate:"situation"`
}
