package cnssfile

import "github.com/tasrih/tasrih/internal/domain"

// Header is a file header (A00, B00, E00).
type Header struct {
	TransferID string // N_Identif_Transfert, 14 digits, opaque
	Cat        string // L_Cat: "A0", "B0", "E<n>"
}

// Employer is an employer header (A01, B01, E01).
type Employer struct {
	Affiliation string // N_Num_Affilie, 7 digits
	Period      domain.Period
	Name        string // L_Raison_Sociale
	Activity    string
	Address     string
	City        string
	PostalCode  string
	Agency      string
	IssueDate   domain.Date // D_Date_Emission
	DueDate     domain.Date // D_Date_Exig
}

// Insured is one employee of a préétabli (A02); the first fields of a B02/E02 line.
type Insured struct {
	Affiliation string
	Period      domain.Period
	Immat       string // N_Num_Assure, 9 digits; "" when the field is blank
	Name        string // L_Nom_Prenom
	Children    int
	AFToPay     domain.Money
	AFToDeduct  domain.Money
	AFNet       domain.Money
}

// Line is a declaration line of a préétabli employee (B02, E02).
type Line struct {
	Insured
	AFToReverse domain.Money
	Days        int
	Real        domain.Money // N_Salaire_Reel, uncapped
	Capped      domain.Money // N_Salaire_Plaf
	Situation   domain.Situation
	Ctr         int64 // S_Ctr
}

// PreTotals is the totals record of a préétabli (A03).
type PreTotals struct {
	Affiliation string
	Period      domain.Period
	Count       int64
	Children    int64
	AFToPay     domain.Money
	AFToDeduct  domain.Money
	AFNet       domain.Money
	ImmatSum    int64
}

// LineTotals is the totals record of the declaration lines (B03, E03).
type LineTotals struct {
	PreTotals
	AFToReverse domain.Money
	Days        int64
	Real        domain.Money
	Capped      domain.Money
	Ctr         int64
}

// Entrant is an entrant line (B04, E04). The empty entrant line (no entrants)
// has Immat "" and every other field zero.
type Entrant struct {
	Affiliation string
	Period      domain.Period
	Immat       string // 9 digits, "000000000" not registered, "999999999" occasional; "" for the empty line
	Name        string
	CIN         string
	Days        int
	Real        domain.Money
	Capped      domain.Money
	Ctr         int64
}

// IsEmpty reports whether e is the empty entrant line.
func (e Entrant) IsEmpty() bool { return e.Immat == "" }

// Totals is an entrant totals or grand totals record (B05, B06, E05, E06).
type Totals struct {
	Affiliation string
	Period      domain.Period
	Count       int64
	ImmatSum    int64
	Days        int64
	Real        domain.Money
	Capped      domain.Money
	Ctr         int64
}

// Declaration is a whole DS (Prefix 'B') or DSC<n> (Prefix 'E') file.
type Declaration struct {
	Prefix        byte // 'B' or 'E'
	Header        Header
	Employer      Employer
	Lines         []Line
	LineTotals    LineTotals
	Entrants      []Entrant // at least one: the empty entrant line when there are none
	EntrantTotals Totals
	GrandTotals   Totals
}

// Preetabli is a whole préétabli file.
type Preetabli struct {
	Header   Header
	Employer Employer
	Insured  []Insured
	Totals   PreTotals
}
