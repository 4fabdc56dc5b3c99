package importer

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// Error codes of the cell parsers.
const (
	CodeDate      = "import.date"
	CodeInteger   = "import.integer"
	CodeRIBNumber = "import.rib_as_number"
	CodeNumberID  = "import.identifier_as_number"
)

var (
	txtDate = i18n.Text{
		FR: "date « %s » invalide : écrivez JJ/MM/AAAA (par exemple 15/03/1990), AAAA-MM-JJ ou AAAAMMJJ",
		AR: "تاريخ غير صالح « %s »: اكتب JJ/MM/AAAA (مثلاً 15/03/1990) أو AAAA-MM-JJ أو AAAAMMJJ",
		EN: "invalid date %q: write DD/MM/YYYY (e.g. 15/03/1990), YYYY-MM-DD or YYYYMMDD",
	}
	txtInteger = i18n.Text{
		FR: "« %s » : un nombre entier de %d à %d est attendu",
		AR: "« %s »: المنتظر عدد صحيح من %d إلى %d",
		EN: "%q: a whole number from %d to %d is expected",
	}
	txtRIBNumber = i18n.Text{
		FR: "le RIB a été enregistré comme un nombre par Excel, qui n'en garde que 15 chiffres : mettez la colonne au format Texte et saisissez à nouveau les RIB",
		AR: "سُجّل رقم الحساب البنكي كعدد في Excel الذي لا يحتفظ إلا بـ 15 رقماً: اجعل تنسيق العمود « نص » وأعد إدخال الأرقام",
		EN: "the RIB was stored as a number by Excel, which keeps only 15 digits: format the column as Text and type the RIBs again",
	}
	txtNumberID = i18n.Text{
		FR: "identifiant enregistré comme un nombre décimal ou trop grand par Excel : mettez la colonne au format Texte et saisissez-le à nouveau",
		AR: "سُجّل المعرف كعدد عشري أو كبير جداً في Excel: اجعل تنسيق العمود « نص » وأعد إدخاله",
		EN: "identifier stored as a decimal or too large number by Excel: format the column as Text and type it again",
	}
)

// plainDigits reports whether s is non-empty and only ASCII digits.
func plainDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseDigitsCell reads an identifier made of digits (affiliation,
// immatriculation, ICE, IF, postal code). Spaces are dropped.
//
// Decision: Excel drops the leading zeros of an identifier typed into a
// number cell ("012345678" becomes 12345678). A Numeric XLSX cell of 1 to
// width−1 digits is therefore left-padded with zeros to width (9 for an
// immatriculation, 7 for an affiliation; 0 = no padding, the ICE is padded
// by domain.NormalizeICE). A CSV value is taken as written (a short number
// is refused by the identifier check, as in the payroll CSV), because a CSV
// does not say whether the zeros were lost or a digit was forgotten. A
// Numeric cell in exponent or decimal form ("1.23456789E+8", "12345678.0")
// is accepted when it is a whole number below 10^15 (exact in a double), and
// refused otherwise (CodeNumberID): Excel has already lost digits.
func parseDigitsCell(c Cell, width int) (string, error) {
	s := strings.Join(strings.Fields(c.Text), "")
	if !c.Numeric || s == "" {
		return s, nil
	}
	if !plainDigits(s) {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v < 0 || v >= 1e15 || v != math.Trunc(v) {
			return s, i18n.New(CodeNumberID, txtNumberID)
		}
		s = strconv.FormatFloat(v, 'f', 0, 64)
	}
	if width > 0 && len(s) < width {
		s = strings.Repeat("0", width-len(s)) + s
	}
	return s, nil
}

// parseRIBCell reads a RIB or IBAN. A Numeric cell that is not written in
// full (24 digits) lost its digits in Excel (a double keeps 15): refused
// with CodeRIBNumber, which says how to fix the sheet.
func parseRIBCell(c Cell) (string, error) {
	s := strings.Join(strings.Fields(c.Text), "")
	if c.Numeric && s != "" && !(plainDigits(s) && len(s) == 24) {
		return s, i18n.New(CodeRIBNumber, txtRIBNumber)
	}
	return strings.ToUpper(s), nil
}

// parseDateCell reads a date: JJ/MM/AAAA (also J/M/AAAA, with '/', '-' or
// '.'), AAAA-MM-JJ (also with '/' or '.'), AAAAMMJJ, each optionally followed
// by a time (" 00:00", "T00:00:00Z", ignored), or — for a Numeric XLSX cell
// of at most 6 integer digits — an Excel serial date (the 1900 or 1904 date
// system of the workbook; a fraction, the time of day, is ignored). Two-digit
// years are refused (which century?). The date must exist, in 1900–2199.
// An empty cell is the zero Date.
func parseDateCell(c Cell, date1904 bool) (domain.Date, error) {
	s := strings.TrimSpace(c.Text)
	if s == "" {
		return domain.Date{}, nil
	}
	bad := func() (domain.Date, error) { return domain.Date{}, i18n.New(CodeDate, txtDate, excerpt(s)) }
	if c.Numeric {
		intPart, _, _ := strings.Cut(s, ".")
		if plainDigits(intPart) && len(intPart) <= 6 && !strings.ContainsAny(s, "eE-+") {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || v < 1 {
				return bad()
			}
			t, err := excelize.ExcelDateToTime(math.Floor(v), date1904)
			if err != nil {
				return bad()
			}
			d := domain.DateOf(t)
			if !d.Valid() {
				return bad()
			}
			return d, nil
		}
	}
	datePart := s
	if i := strings.IndexAny(s, " T"); i > 0 {
		if !timeLike(strings.TrimSpace(s[i+1:])) {
			return bad()
		}
		datePart = s[:i]
	}
	if len(datePart) == 8 && plainDigits(datePart) {
		d, err := domain.ParseDate(datePart)
		if err != nil {
			return bad()
		}
		return d, nil
	}
	sep := strings.IndexAny(datePart, "/-.")
	if sep < 0 {
		return bad()
	}
	parts := strings.Split(datePart, datePart[sep:sep+1])
	if len(parts) != 3 {
		return bad()
	}
	var n [3]int
	for i, p := range parts {
		if !plainDigits(p) || len(p) > 4 {
			return bad()
		}
		n[i], _ = strconv.Atoi(p)
	}
	var d domain.Date
	switch {
	case len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2:
		d = domain.Date{Year: n[0], Month: time.Month(n[1]), Day: n[2]}
	case len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2:
		d = domain.Date{Year: n[2], Month: time.Month(n[1]), Day: n[0]}
	default:
		return bad()
	}
	if !d.Valid() {
		return bad()
	}
	return d, nil
}

// timeLike reports whether s looks like the time part of a date-time
// ("00:00", "00:00:00", "00:00:00.000Z", "00:00:00+01:00").
func timeLike(s string) bool {
	if s == "" || s[0] < '0' || s[0] > '9' || !strings.Contains(s, ":") {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == ':', c == '.', c == 'Z', c == '+', c == '-':
		default:
			return false
		}
	}
	return true
}

// parseMoneyCell reads an amount with domain.ParseMoney ("8 000,50",
// "8000.5", "8000,50 DH"…). A Numeric XLSX cell holds a double written in
// its shortest decimal form ("8000.5"): it is rounded to the centime when it
// is within a millionth of a centime of one (a computed 8000.499999999999
// is 8000,50), and otherwise goes to ParseMoney as is, which refuses more
// than two decimals. Negative amounts are refused by ParseMoney.
func parseMoneyCell(c Cell) (domain.Money, error) {
	s := strings.TrimSpace(c.Text)
	if c.Numeric {
		if v, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(v, 0) {
			cents := math.Round(v * 100)
			if math.Abs(v*100-cents) <= 1e-6+math.Abs(cents)*1e-15 {
				s = strconv.FormatFloat(cents/100, 'f', 2, 64)
			} else {
				s = strconv.FormatFloat(v, 'f', -1, 64)
			}
		}
	}
	return parseMoney(s)
}

// parseMoney is domain.ParseMoney, whose messages quote the value in full:
// a value longer than any amount is quoted as an excerpt.
func parseMoney(s string) (domain.Money, error) {
	m, err := domain.ParseMoney(s)
	if err == nil {
		return m, nil // (shortenArgs's errors.As target would cost an allocation per cell)
	}
	return m, shortenArgs(err)
}

// shortenArgs cuts the string arguments of a user error to an excerpt.
func shortenArgs(err error) error {
	var ue *i18n.Error
	if !errors.As(err, &ue) {
		return err
	}
	for i, a := range ue.Args {
		if s, ok := a.(string); ok && len(s) > excerptRunes {
			ue.Args[i] = excerpt(s)
		}
	}
	return err
}

// parseIntCell reads a whole number in [lo, hi] ("2", or a Numeric "2.0").
func parseIntCell(c Cell, lo, hi int) (int, error) {
	s := strings.TrimSpace(c.Text)
	n, err := strconv.Atoi(s)
	if err != nil && c.Numeric {
		if v, ferr := strconv.ParseFloat(s, 64); ferr == nil && v == math.Trunc(v) && math.Abs(v) < 1e9 {
			n, err = int(v), nil
		}
	}
	if err != nil || n < lo || n > hi {
		return 0, i18n.New(CodeInteger, txtInteger, excerpt(s), lo, hi)
	}
	return n, nil
}
