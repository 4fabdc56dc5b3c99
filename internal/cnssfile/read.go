package cnssfile

import (
	"bytes"

	"github.com/tasrih/tasrih/internal/domain"
)

// Record is one line of a file with its terminator removed. Raw aliases the
// input buffer.
type Record struct {
	Line int    // 1-based line number in the file
	Raw  []byte // the record's bytes (260 in a well-formed file)
}

// Type returns the record type (the first three bytes), or the whole record
// when it is shorter.
func (r Record) Type() string {
	if len(r.Raw) < 3 {
		return string(r.Raw)
	}
	return string(r.Raw[:3])
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// Split cuts a file into records: it drops a UTF-8 byte-order mark, accepts LF
// and CRLF terminators (mixed too) and a missing final terminator, and ignores
// blank lines at the end of the file. Blank lines elsewhere are kept as
// (malformed) records. Trailing spaces are never trimmed.
func Split(data []byte) []Record {
	data = bytes.TrimPrefix(data, bom)
	n := bytes.Count(data, []byte{'\n'}) + 1
	recs := make([]Record, 0, n)
	line := 0
	for len(data) > 0 {
		line++
		i := bytes.IndexByte(data, '\n')
		var raw []byte
		if i < 0 {
			raw, data = data, nil
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

func isBlank(b []byte) bool {
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
func Check(dst []Issue, raw []byte, l *Layout) []Issue {
	if len(raw) != RecordLen {
		return dst
	}
	for _, f := range l.Fields {
		v := raw[f.Start:f.End()]
		switch f.Kind {
		case AN, Filler:
			for i, c := range v {
				if !charOK[c] {
					dst = append(dst, Issue{Field: f, Kind: IssueCharset, Pos: f.Start + i})
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
				if len(v) == 19 && string(v) > "9223372036854775807" {
					dst = append(dst, Issue{Field: f, Kind: IssueOverflow, Pos: f.Start})
				}
			case P:
				if _, err := domain.ParsePeriod(string(v)); err != nil {
					dst = append(dst, Issue{Field: f, Kind: IssueDate, Pos: f.Start})
				}
			case D:
				if _, err := domain.ParseDate(string(v)); err != nil {
					dst = append(dst, Issue{Field: f, Kind: IssueDate, Pos: f.Start})
				}
			}
		}
	}
	return dst
}

func nonDigit(v []byte) int {
	for i, c := range v {
		if c < '0' || c > '9' {
			return i
		}
	}
	return -1
}

func isSpaces(v []byte) bool {
	for _, c := range v {
		if c != ' ' {
			return false
		}
	}
	return len(v) > 0
}

// The decoders below read a 260-byte record leniently: a numeric field that
// is not all digits reads as 0 (or "" for identifiers), an invalid period or
// date as the zero value. Check reports those problems.

func field(raw []byte, f Field) []byte { return raw[f.Start:f.End()] }

// num reads an N field; non-digits and overflow give 0.
func num(raw []byte, f Field) int64 {
	var v int64
	for _, c := range field(raw, f) {
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
func text(raw []byte, f Field) string {
	return string(bytes.TrimRight(field(raw, f), " "))
}

// digits reads an identifier N field as a string: "" when blank; the raw text otherwise.
func digits(raw []byte, f Field) string {
	v := field(raw, f)
	if isSpaces(v) {
		return ""
	}
	return string(v)
}

func period(raw []byte, f Field) domain.Period {
	p, _ := domain.ParsePeriod(string(field(raw, f)))
	return p
}

func date(raw []byte, f Field) domain.Date {
	d, _ := domain.ParseDate(string(field(raw, f)))
	return d
}

func pad(raw []byte) []byte {
	if len(raw) >= RecordLen {
		return raw[:RecordLen]
	}
	b := make([]byte, RecordLen)
	copy(b, raw)
	for i := len(raw); i < RecordLen; i++ {
		b[i] = ' '
	}
	return b
}

// DecodeHeader decodes an A00/B00/E00 record. Like every decoder, it reads a
// record shorter than 260 bytes as if it were padded with spaces.
func DecodeHeader(raw []byte) Header {
	raw = pad(raw)
	f := HeaderLayout.Fields
	return Header{TransferID: digits(raw, f[hTransfer]), Cat: text(raw, f[hCat])}
}

// DecodeEmployer decodes an A01/B01/E01 record.
func DecodeEmployer(raw []byte) Employer {
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

func decodeInsured(raw []byte, f []Field) Insured {
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
func DecodeInsured(raw []byte) Insured {
	return decodeInsured(pad(raw), InsuredLayout.Fields)
}

// DecodeLine decodes a B02/E02 record.
func DecodeLine(raw []byte) Line {
	raw = pad(raw)
	f := LineLayout.Fields
	return Line{
		Insured:     decodeInsured(raw, f),
		AFToReverse: domain.Money(num(raw, f[lAFToReverse])),
		Days:        int(num(raw, f[lDays])),
		Real:        domain.Money(num(raw, f[lReal])),
		Capped:      domain.Money(num(raw, f[lCapped])),
		Situation:   domain.Situation(bytes.TrimRight(field(raw, f[lSituation]), " ")),
		Ctr:         num(raw, f[lCtr]),
	}
}

func decodePreTotals(raw []byte, f []Field) PreTotals {
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
func DecodePreTotals(raw []byte) PreTotals {
	return decodePreTotals(pad(raw), PreTotalsLayout.Fields)
}

// DecodeLineTotals decodes a B03/E03 record.
func DecodeLineTotals(raw []byte) LineTotals {
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
func DecodeEntrant(raw []byte) Entrant {
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
func DecodeTotals(raw []byte) Totals {
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
