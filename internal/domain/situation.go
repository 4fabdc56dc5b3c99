package domain

import "github.com/tasrih/tasrih/internal/i18n"

// Situation is the L_Situation code of a B02 line (cnss-edi.md §6). The empty
// situation (written as two spaces) is a normal month.
type Situation string

// The situation codes valid in a DS file.
const (
	SitNormal     Situation = ""
	SitLeft       Situation = "SO" // sortant
	SitDeceased   Situation = "DE" // décédé
	SitMaternity  Situation = "IT" // maternité
	SitSick       Situation = "IL" // maladie
	SitWorkAcc    Situation = "AT" // accident du travail
	SitUnpaid     Situation = "CS" // congé sans solde
	SitKeptNoPay  Situation = "MS" // maintenu sans salaire
	SitOccDisease Situation = "MP" // maladie professionnelle
)

// Situations lists every valid code in rank order.
var Situations = []Situation{SitNormal, SitLeft, SitDeceased, SitMaternity, SitSick, SitWorkAcc, SitUnpaid, SitKeptNoPay, SitOccDisease}

// ParseSituation accepts a code of §6 ("  " and "" are normal). ok is false for
// any other value.
func ParseSituation(s string) (Situation, bool) {
	if s == "  " || s == "" {
		return SitNormal, true
	}
	sit := Situation(s)
	_, ok := situationRank[sit]
	return sit, ok
}

var situationRank = map[Situation]int64{
	SitNormal: 0, SitLeft: 1, SitDeceased: 2, SitMaternity: 3, SitSick: 4,
	SitWorkAcc: 5, SitUnpaid: 6, SitKeptNoPay: 7, SitOccDisease: 8,
}

// Rank is the situation's term in the B02 control sum (0 for normal).
// Unknown codes rank 0.
func (s Situation) Rank() int64 { return situationRank[s] }

// Valid reports whether s is a code of §6.
func (s Situation) Valid() bool { _, ok := situationRank[s]; return ok }

// Field returns the two characters written in L_Situation.
func (s Situation) Field() string {
	if s == SitNormal {
		return "  "
	}
	return string(s)
}

// RequiresZero reports whether the situation forces days, real and capped salary to 0
// (AT, CS, MS, MP).
func (s Situation) RequiresZero() bool {
	return s == SitWorkAcc || s == SitUnpaid || s == SitKeptNoPay || s == SitOccDisease
}

// ReversesAF reports whether AF à reverser must equal AF net (SO, DE).
func (s Situation) ReversesAF() bool { return s == SitLeft || s == SitDeceased }

// Label returns the meaning of the code in l.
func (s Situation) Label(l i18n.Lang) string { return situationLabels[s].In(l) }

var situationLabels = map[Situation]i18n.Text{
	SitNormal:     {FR: "mois normal", AR: "شهر عادي", EN: "normal month"},
	SitLeft:       {FR: "sortant", AR: "مغادر", EN: "left the company"},
	SitDeceased:   {FR: "décédé", AR: "متوفى", EN: "deceased"},
	SitMaternity:  {FR: "congé de maternité", AR: "رخصة الولادة", EN: "maternity leave"},
	SitSick:       {FR: "maladie", AR: "مرض", EN: "sick leave"},
	SitWorkAcc:    {FR: "accident du travail", AR: "حادثة شغل", EN: "work accident"},
	SitUnpaid:     {FR: "congé sans solde", AR: "عطلة بدون أجر", EN: "unpaid leave"},
	SitKeptNoPay:  {FR: "maintenu sans salaire", AR: "محتفظ به بدون أجر", EN: "kept without salary"},
	SitOccDisease: {FR: "maladie professionnelle", AR: "مرض مهني", EN: "occupational disease"},
}
