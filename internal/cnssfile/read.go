package cnssfile

import (
	"strings"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
)

// Record is one line of a file with its terminator removed. Raw is a
// substring of the whole file, so that decoded fields are substrings too and
// reading allocates nothing per field.
type Record struct {
	Line int    // 1-based line number in the file
	Raw  string // the record (260 bytes in a well-formed file)
}

// Type returns the record type (the first three bytes), or the whole record
// when it is shorter.
func (r Record) Type() string {
	if len(r.Raw) < 3 {
		return r.Raw
	}
	return r.Raw[:3]
}

const bom = "\xEF\xBB\xBF"

// Split cuts a file into records: it drops a UTF-8 byte-order mark, accepts LF
// and CRLF terminators (mixed too) and a missing final terminator, and ignores
// blank lines at the end of the file. Blank lines elsewhere are kept as
// (malformed) records. Trailing spaces are never trimmed. The file is copied
// once into a string that the records share.
func Split(data []byte) []Record { return SplitString(string(data)) }

// SplitString is Split on a string.
func SplitString(data string) []Record {
	data = strings.TrimPrefix(data, bom)
	n := strings.Count(data, "\n") + 1
	recs := make([]Record, 0, n)
	line := 0
	for len(data) > 0 {
		line++
		i := strings.IndexByte(data, '\n')
		var raw string
		if i < 0 {
			raw, data = data, ""
		} else {
			raw, data = data[:i], data[i+1:]
		}
		if k := len(raw); k > 0 && raw[k-1] == '\r' {
			raw = raw[:k-1]
		}
		recs = append(recs, Record{Line: line, Raw: raw})
	}
	// Trailing blank lines (empty, or only spaces/tabs/CR) are not records.
	for len(recs) > 0 && isBlank(recs[len(recs)-1].Raw) {
		recs = recs[:len(recs)-1]
	}
	return recs
}

func isBlank(b string) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// IssueKind is a field-level syntax problem found by Check.
type IssueKind uint8

// Field issues.
const (
	IssueNumeric  IssueKind = iota + 1 // a non-digit in an N field
	IssueBlank                         // an N field made only of spaces (allowed in empty B04/E02 lines)
	IssueOverflow                      // an N field too large for int64
	IssueCharset                       // a byte outside the 38 allowed in an AN field or filler
	IssueDate                          // an invalid AAAAMMJJ date or AAAAMM period
	IssueFiller                        // a filler zone that is not all spaces
)

// Issue is one field-level problem of a record.
type Issue struct {
	Field Field
	Kind  IssueKind
	Pos   int // 0-based offset of the first offending byte in the record
}

// CharOK reports whether c is one of the 38 characters allowed in an AN field
// (A–Z, 0–9, space, TAB).
func CharOK(c byte) bool { return charOK[c] }

var charOK = func() (t [256]bool) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t[' '], t['\t'] = true, true
	return
}()

// Check appends to dst the field-level issues of a 260-byte record against its
// layout and returns the extended slice. A record of another length is not
// checked (the caller reports its length).
func Check(dst []Issue, raw string, l *Layout) []Issue {
	if len(raw) != RecordLen {
		return dst
	}
	if wellFormed(raw, l) {
		return dst
	}
	return checkFields(dst, raw, l)
}

// checkFields is Check field by field.
func checkFields(dst []Issue, raw string, l *Layout) []Issue {
	for _, f := range l.Fields {
		v := raw[f.Start:f.End()]
		switch f.Kind {
		case AN:
			for i := 0; i < len(v); i++ {
				if !charOK[v[i]] {
					dst = append(dst, Issue{Field: f, Kind: IssueCharset, Pos: f.Start + i})
					break
				}
			}
		case Filler:
			if v == blankRecord[:len(v)] {
				continue // the usual case, in one comparison
			}
			for i := 0; i < len(v); i++ {
				if v[i] != ' ' {
					kind := IssueFiller
					if !charOK[v[i]] {
						kind = IssueCharset
					}
					dst = append(dst, Issue{Field: f, Kind: kind, Pos: f.Start + i})
					break
				}
			}
		case N, P, D:
			if pos := nonDigit(v); pos >= 0 {
				kind := IssueNumeric
				if f.Kind == N && isSpaces(v) {
					kind = IssueBlank
				}
				dst = append(dst, Issue{Field: f, Kind: kind, Pos: f.Start + pos})
				continue
			}
			switch f.Kind {
			case N:
				if len(v) == 19 && v > maxInt64Text {
					dst = append(dst, Issue{Field: f, Kind: IssueOverflow, Pos: f.Start})
				}
			case P:
				if _, ok := parsePeriod(v); !ok {
					dst = append(dst, Issue{Field: f, Kind: IssueDate, Pos: f.Start})
				}
			case D:
				if _, ok := parseDate(v); !ok {
					dst = append(dst, Issue{Field: f, Kind: IssueDate, Pos: f.Start})
				}
			}
		}
	}
	return dst
}

func nonDigit(v string) int {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < '0' || c > '9' {
			return i
		}
	}
	return -1
}

func isSpaces(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] != ' ' {
			return false
		}
	}
	return len(v) > 0
}

// parsePeriod reads an AAAAMM field without allocating: false when it is
// not six digits or not a valid period (the period is still returned then, as
// the decoders read it).
func parsePeriod(v string) (domain.Period, bool) {
	if len(v) != 6 {
		return domain.Period{}, false
	}
	// A byte below '0' wraps around to more than 9.
	d0, d1, d2, d3, d4, d5 := v[0]-'0', v[1]-'0', v[2]-'0', v[3]-'0', v[4]-'0', v[5]-'0'
	if d0 > 9 || d1 > 9 || d2 > 9 || d3 > 9 || d4 > 9 || d5 > 9 {
		return domain.Period{}, false
	}
	p := domain.NewPeriod(int(d0)*1000+int(d1)*100+int(d2)*10+int(d3), time.Month(int(d4)*10+int(d5)))
	return p, p.Valid()
}

// parseDate reads an AAAAMMJJ field without allocating.
func parseDate(v string) (domain.Date, bool) {
	n, ok := atoi(v)
	if !ok || len(v) != 8 {
		return domain.Date{}, false
	}
	d := domain.Date{Year: n / 10000, Month: time.Month(n / 100 % 100), Day: n % 100}
	return d, d.Valid()
}

func atoi(v string) (int, bool) {
	n := 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(v) > 0
}

// The decoders below read a 260-byte record leniently: a numeric field that
// is not all digits reads as 0 (or "" for identifiers), an invalid period or
// date as the zero value. Check reports those problems.

func field(raw string, f Field) string { return raw[f.Start : f.Start+f.Width] }

// num reads an N field; non-digits and overflow give 0.
func num(raw string, f Field) int64 {
	s := field(raw, f)
	if len(s) <= 18 {
		// 18 digits always fit in an int64: no overflow test per digit.
		var v int64
		for i := 0; i < len(s); i++ {
			d := s[i] - '0'
			if d > 9 {
				return 0
			}
			v = v*10 + int64(d)
		}
		return v
	}
	var v int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0
		}
		d := int64(c - '0')
		if v > (1<<63-1-d)/10 {
			return 0
		}
		v = v*10 + d
	}
	return v
}

// text reads an AN field, trailing spaces removed.
func text(raw string, f Field) string {
	return strings.TrimRight(field(raw, f), " ")
}

// digits reads an identifier N field as a string: "" when blank; the raw text otherwise.
func digits(raw string, f Field) string {
	v := field(raw, f)
	if isSpaces(v) {
		return ""
	}
	return v
}

func period(raw string, f Field) domain.Period {
	p, _ := parsePeriod(field(raw, f))
	return p
}

func date(raw string, f Field) domain.Date {
	d, _ := parseDate(field(raw, f))
	return d
}

var blankRecord = strings.Repeat(" ", RecordLen)

// pad returns raw cut or padded with spaces to 260 bytes, so that the
// decoders read a record of the wrong length as well as they can.
func pad(raw string) string {
	if len(raw) >= RecordLen {
		return raw[:RecordLen]
	}
	return raw + blankRecord[len(raw):]
}

// DecodeHeader decodes an A00/B00/E00 record. Like every decoder, it reads a
// record shorter than 260 bytes as if it were padded with spaces.
func DecodeHeader(raw string) Header {
	raw = pad(raw)
	f := HeaderLayout.Fields
	return Header{TransferID: digits(raw, f[hTransfer]), Cat: text(raw, f[hCat])}
}

// DecodeEmployer decodes an A01/B01/E01 record.
func DecodeEmployer(raw string) Employer {
	raw = pad(raw)
	f := EmployerLayout.Fields
	return Employer{
		Affiliation: digits(raw, f[eAffiliation]),
		Period:      period(raw, f[ePeriod]),
		Name:        text(raw, f[eName]),
		Activity:    text(raw, f[eActivity]),
		Address:     text(raw, f[eAddress]),
		City:        text(raw, f[eCity]),
		PostalCode:  text(raw, f[ePostal]),
		Agency:      text(raw, f[eAgency]),
		IssueDate:   date(raw, f[eIssued]),
		DueDate:     date(raw, f[eDue]),
	}
}

func decodeInsured(raw string, f []Field) Insured {
	return Insured{
		Affiliation: digits(raw, f[iAffiliation]),
		Period:      period(raw, f[iPeriod]),
		Immat:       digits(raw, f[iImmat]),
		Name:        text(raw, f[iName]),
		Children:    int(num(raw, f[iChildren])),
		AFToPay:     domain.Money(num(raw, f[iAFToPay])),
		AFToDeduct:  domain.Money(num(raw, f[iAFToDeduct])),
		AFNet:       domain.Money(num(raw, f[iAFNet])),
	}
}

// DecodeInsured decodes an A02 record.
func DecodeInsured(raw string) Insured {
	return decodeInsured(pad(raw), InsuredLayout.Fields)
}

// DecodeLine decodes a B02/E02 record.
func DecodeLine(raw string) Line {
	raw = pad(raw)
	f := LineLayout.Fields
	return Line{
		Insured:     decodeInsured(raw, f),
		AFToReverse: domain.Money(num(raw, f[lAFToReverse])),
		Days:        int(num(raw, f[lDays])),
		Real:        domain.Money(num(raw, f[lReal])),
		Capped:      domain.Money(num(raw, f[lCapped])),
		Situation:   domain.Situation(strings.TrimRight(field(raw, f[lSituation]), " ")),
		Ctr:         num(raw, f[lCtr]),
	}
}

func decodePreTotals(raw string, f []Field) PreTotals {
	return PreTotals{
		Affiliation: digits(raw, f[tAffiliation]),
		Period:      period(raw, f[tPeriod]),
		Count:       num(raw, f[tCount]),
		Children:    num(raw, f[tChildren]),
		AFToPay:     domain.Money(num(raw, f[tAFToPay])),
		AFToDeduct:  domain.Money(num(raw, f[tAFToDeduct])),
		AFNet:       domain.Money(num(raw, f[tAFNet])),
		ImmatSum:    num(raw, f[tImmatSum]),
	}
}

// DecodePreTotals decodes an A03 record.
func DecodePreTotals(raw string) PreTotals {
	return decodePreTotals(pad(raw), PreTotalsLayout.Fields)
}

// DecodeLineTotals decodes a B03/E03 record.
func DecodeLineTotals(raw string) LineTotals {
	raw = pad(raw)
	f := LineTotalsLayout.Fields
	return LineTotals{
		PreTotals:   decodePreTotals(raw, f),
		AFToReverse: domain.Money(num(raw, f[ltAFToReverse])),
		Days:        num(raw, f[ltDays]),
		Real:        domain.Money(num(raw, f[ltReal])),
		Capped:      domain.Money(num(raw, f[ltCapped])),
		Ctr:         num(raw, f[ltCtr]),
	}
}

// DecodeEntrant decodes a B04/E04 record.
func DecodeEntrant(raw string) Entrant {
	raw = pad(raw)
	f := EntrantLayout.Fields
	return Entrant{
		Affiliation: digits(raw, f[nAffiliation]),
		Period:      period(raw, f[nPeriod]),
		Immat:       digits(raw, f[nImmat]),
		Name:        text(raw, f[nName]),
		CIN:         text(raw, f[nCIN]),
		Days:        int(num(raw, f[nDays])),
		Real:        domain.Money(num(raw, f[nReal])),
		Capped:      domain.Money(num(raw, f[nCapped])),
		Ctr:         num(raw, f[nCtr]),
	}
}

// DecodeTotals decodes a B05/B06/E05/E06 record.
func DecodeTotals(raw string) Totals {
	raw = pad(raw)
	f := EntrantTotalsLayout.Fields
	return Totals{
		Affiliation: digits(raw, f[etAffiliation]),
		Period:      period(raw, f[etPeriod]),
		Count:       num(raw, f[etCount]),
		ImmatSum:    num(raw, f[etImmatSum]),
		Days:        num(raw, f[etDays]),
		Real:        domain.Money(num(raw, f[etReal])),
		Capped:      domain.Money(num(raw, f[etCapped])),
		Ctr:         num(raw, f[etCtr]),
	}
}
