package cnssfile

// RecordLen is the length of every record, terminator excluded.
const RecordLen = 260

// maxFields is the most fields a layout has (filler included).
const maxFields = 16

// Kind is the kind of a field.
type Kind uint8

// Field kinds (cnss-edi.md §2).
const (
	AN     Kind = iota // alphanumeric, left-aligned, space-padded
	N                  // numeric, right-aligned, zero-padded
	D                  // date AAAAMMJJ
	P                  // period AAAAMM (numeric, checked as a period)
	Filler             // spaces
)

// Field is one field of a record layout. Start is 0-based; the field covers
// [Start, Start+Width).
type Field struct {
	Name  string
	Start int
	Width int
	Kind  Kind
}

// End returns the 0-based exclusive end of the field.
func (f Field) End() int { return f.Start + f.Width }

// Layout is the field table of one record family. The fields are in position
// order and cover the whole record, so the table is checked at init.
type Layout struct {
	Name   string
	Fields []Field

	// The tables of wellFormed (swar.go), built once from Fields: for
	// each of the record's words (eight bytes; the last word overlaps the
	// one before, 260 = 32×8+4), the per-byte addends of the range test of
	// its bytes' classes, and the words that hold AN bytes with the
	// positions of those bytes. slow are the fields that need more than a
	// byte test (periods, dates, 19-digit numbers that may overflow).
	addLo, addHi [recordWords]uint64
	// at[i] is where Fields[i] lies, for the decoders.
	at        [maxFields]span
	textWords []textWord
	slow      []slowField
}

// Field returns the field of the layout named name.
func (l *Layout) Field(name string) (Field, bool) {
	for _, f := range l.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

func build(name string, specs ...fieldSpec) *Layout {
	l := &Layout{Name: name}
	pos := 0
	for _, s := range specs {
		l.Fields = append(l.Fields, Field{Name: s.name, Start: pos, Width: s.width, Kind: s.kind})
		pos += s.width
	}
	if pos < RecordLen {
		l.Fields = append(l.Fields, Field{Name: "filler", Start: pos, Width: RecordLen - pos, Kind: Filler})
		pos = RecordLen
	}
	if pos != RecordLen {
		panic("cnssfile: layout " + name + " is not 260 characters wide")
	}
	if len(l.Fields) > maxFields {
		panic("cnssfile: layout " + name + " has too many fields")
	}
	for i, f := range l.Fields {
		l.at[i] = span{f.Start, f.Width}
	}
	l.buildWords()
	for _, f := range l.Fields {
		if f.Kind == P && f.Width == 6 || f.Kind == D && f.Width == 8 || f.Kind == N && f.Width == 19 {
			l.slow = append(l.slow, slowField{start: f.Start, kind: f.Kind})
		} else if f.Kind == P || f.Kind == D || f.Kind == N && f.Width > 19 {
			panic("cnssfile: layout " + name + ", field " + f.Name + ": unexpected width")
		}
	}
	return l
}

type fieldSpec struct {
	name  string
	width int
	kind  Kind
}

// The field indexes below are positions in the Fields slice of each layout;
// the decoders and encoders use them, the tables give them meaning.

// Header layout (A00, B00, E00).
const (
	hType = iota
	hTransfer
	hCat
)

// HeaderLayout is the file header.
var HeaderLayout = build("header",
	fieldSpec{"L_Type_Enreg", 3, AN},
	fieldSpec{"N_Identif_Transfert", 14, N},
	fieldSpec{"L_Cat", 2, AN},
)

// Employer layout (A01, B01, E01).
const (
	eType = iota
	eAffiliation
	ePeriod
	eName
	eActivity
	eAddress
	eCity
	ePostal
	eAgency
	eIssued
	eDue
)

// EmployerLayout is the employer header.
var EmployerLayout = build("employer",
	fieldSpec{"L_Type_Enreg", 3, AN},
	fieldSpec{"N_Num_Affilie", 7, N},
	fieldSpec{"L_Periode", 6, P},
	fieldSpec{"L_Raison_Sociale", 40, AN},
	fieldSpec{"L_Activite", 40, AN},
	fieldSpec{"L_Adresse", 120, AN},
	fieldSpec{"L_Ville", 20, AN},
	fieldSpec{"C_Code_Postal", 6, AN},
	fieldSpec{"C_Code_Agence", 2, AN},
	fieldSpec{"D_Date_Emission", 8, D},
	fieldSpec{"D_Date_Exig", 8, D},
)

// Insured (A02) and declaration line (B02, E02) layouts share their first fields.
const (
	iType = iota
	iAffiliation
	iPeriod
	iImmat
	iName
	iChildren
	iAFToPay
	iAFToDeduct
	iAFNet
	lAFToReverse
	lDays
	lReal
	lCapped
	lSituation
	lCtr
)

var insuredSpecs = []fieldSpec{
	{"L_Type_Enreg", 3, AN},
	{"N_Num_Affilie", 7, N},
	{"L_Periode", 6, P},
	{"N_Num_Assure", 9, N},
	{"L_Nom_Prenom", 60, AN},
	{"N_Enfants", 2, N},
	{"N_AF_A_Payer", 6, N},
	{"N_AF_A_Deduire", 6, N},
	{"N_AF_Net_A_Payer", 6, N},
}

// InsuredLayout is one employee of the préétabli (A02).
var InsuredLayout = build("insured", insuredSpecs...)

// LineLayout is the declaration line of a préétabli employee (B02, E02).
var LineLayout = build("line", append(append([]fieldSpec{}, insuredSpecs...),
	fieldSpec{"N_AF_A_Reverser", 6, N},
	fieldSpec{"N_Jours_Declares", 2, N},
	fieldSpec{"N_Salaire_Reel", 13, N},
	fieldSpec{"N_Salaire_Plaf", 9, N},
	fieldSpec{"L_Situation", 2, AN},
	fieldSpec{"S_Ctr", 19, N},
)...)

// Préétabli totals (A03) and line totals (B03, E03).
const (
	tType = iota
	tAffiliation
	tPeriod
	tCount
	tChildren
	tAFToPay
	tAFToDeduct
	tAFNet
	tImmatSum
	ltAFToReverse
	ltDays
	ltReal
	ltCapped
	ltCtr
)

var preTotalSpecs = []fieldSpec{
	{"L_Type_Enreg", 3, AN},
	{"N_Num_Affilie", 7, N},
	{"L_Periode", 6, P},
	{"N_Nbr_Salaries", 6, N},
	{"N_T_Enfants", 6, N},
	{"N_T_AF_A_Payer", 12, N},
	{"N_T_AF_A_Deduire", 12, N},
	{"N_T_AF_Net_A_Payer", 12, N},
	{"N_T_Num_Imma", 15, N},
}

// PreTotalsLayout is the préétabli totals record (A03).
var PreTotalsLayout = build("pretotals", preTotalSpecs...)

// LineTotalsLayout is the totals of the declaration lines (B03, E03). The order
// N_T_Num_Imma then N_T_AF_A_Reverser is the decision of cnss-edi.md §3.
var LineTotalsLayout = build("linetotals", append(append([]fieldSpec{}, preTotalSpecs...),
	fieldSpec{"N_T_AF_A_Reverser", 12, N},
	fieldSpec{"N_T_Jours_Declares", 6, N},
	fieldSpec{"N_T_Salaire_Reel", 15, N},
	fieldSpec{"N_T_Salaire_Plaf", 13, N},
	fieldSpec{"N_T_Ctr", 19, N},
)...)

// Entrant layout (B04, E04).
const (
	nType = iota
	nAffiliation
	nPeriod
	nImmat
	nName
	nCIN
	nDays
	nReal
	nCapped
	nCtr
)

// EntrantLayout is an entrant line (B04, E04).
var EntrantLayout = build("entrant",
	fieldSpec{"L_Type_Enreg", 3, AN},
	fieldSpec{"N_Num_Affilie", 7, N},
	fieldSpec{"L_Periode", 6, P},
	fieldSpec{"N_Num_Assure", 9, N},
	fieldSpec{"L_Nom_Prenom", 60, AN},
	fieldSpec{"L_Num_CIN", 8, AN},
	fieldSpec{"N_Nbr_Jours", 2, N},
	fieldSpec{"N_Sal_Reel", 13, N},
	fieldSpec{"N_Sal_Plaf", 9, N},
	fieldSpec{"S_Ctr", 19, N},
)

// Entrant totals and grand totals (B05, B06, E05, E06).
const (
	etType = iota
	etAffiliation
	etPeriod
	etCount
	etImmatSum
	etDays
	etReal
	etCapped
	etCtr
)

// EntrantTotalsLayout is the entrant totals and grand totals record (B05, B06, E05, E06).
var EntrantTotalsLayout = build("entranttotals",
	fieldSpec{"L_Type_Enreg", 3, AN},
	fieldSpec{"N_Num_Affilie", 7, N},
	fieldSpec{"L_Periode", 6, P},
	fieldSpec{"N_Nbr_Salaries", 6, N},
	fieldSpec{"N_T_Num_Imma", 15, N},
	fieldSpec{"N_T_Jours_Declares", 6, N},
	fieldSpec{"N_T_Salaire_Reel", 15, N},
	fieldSpec{"N_T_Salaire_Plaf", 13, N},
	fieldSpec{"N_T_Ctr", 19, N},
)

// LayoutOf returns the layout of a record type ("A00" … "E06"), or nil for an
// unknown type.
func LayoutOf(typ string) *Layout {
	if len(typ) != 3 || typ[1] != '0' {
		return nil
	}
	switch typ[0] {
	case 'A':
		switch typ[2] {
		case '0':
			return HeaderLayout
		case '1':
			return EmployerLayout
		case '2':
			return InsuredLayout
		case '3':
			return PreTotalsLayout
		}
	case 'B', 'E':
		switch typ[2] {
		case '0':
			return HeaderLayout
		case '1':
			return EmployerLayout
		case '2':
			return LineLayout
		case '3':
			return LineTotalsLayout
		case '4':
			return EntrantLayout
		case '5', '6':
			return EntrantTotalsLayout
		}
	}
	return nil
}
