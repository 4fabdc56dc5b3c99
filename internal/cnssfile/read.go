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
	// Room for a file of 260-byte records (the usual one) without counting
	// its lines first; a file of shorter lines outgrows it once and then
	// gets room for exactly the rest.
	recs := make([]Record, 0, len(data)/(RecordLen+1)+1)
	line := 0
	for len(data) > 0 {
		if len(recs) == cap(recs) {
			grown := make([]Record, len(recs), len(recs)+strings.Count(data, "\n")+1)
			recs = grown[:copy(grown, recs)]
		}
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
// date as the zero value. Check reports those problems. They find the fields
// through the layouts' span tables (Layout.at), two integers per field.

// span is where a field lies in a record: [start, start+width).
type span struct{ start, width int }

func (sp span) of(raw string) string { return raw[sp.start : sp.start+sp.width] }

// num reads an N field; non-digits and overflow give 0.
func num(raw string, f Field) int64 { return numAt(raw, span{f.Start, f.Width}) }

// numAt reads the N field at sp. A field of five to nineteen digits is read
// eight digits at a time (digitsWord); the narrow ones and the fields at the
// very start of raw, digit by digit.
func numAt(raw string, sp span) int64 {
	s := sp.of(raw)
	first := (len(s)-1)%8 + 1 // the digits before the last multiples of eight
	if len(s) <= 4 || len(s) > 19 || sp.start+first < 8 {
		return numDigits(s)
	}
	// Each chunk ends at e and is read as the word of the eight bytes
	// before e (the first chunk's word starts before the field: those
	// bytes are ignored). At most 19 digits: v < 10¹⁹ fits a uint64.
	var v uint64
	n, end := first, sp.start+sp.width
	for e := sp.start + first; e <= end; e += 8 {
		c, ok := digitsWord(word8(raw, e-8), n)
		if !ok {
			return 0
		}
		v = v*100_000_000 + c
		n = 8
	}
	if v > 1<<63-1 {
		return 0
	}
	return int64(v)
}

// numDigits is numAt digit by digit.
func numDigits(s string) int64 {
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

// digitsWord returns the value of the last n (1…8) bytes of the word x (the
// text's first byte is x's lowest), and false if one is not a digit.
func digitsWord(x uint64, n int) (uint64, bool) {
	// The 8-n bytes before the chunk become '0', leading zeros.
	keep := ^uint64(0) << (8 * (8 - n))
	x = x&keep | '0'*ones&^keep
	// Every byte in '0'…'9' (the bounds test of swar.go).
	if (^(x+(0x80-'0')*ones)|(x+(0x7F-'9')*ones))&highs != 0 {
		return 0, false
	}
	x -= '0' * ones
	// Pairs of digits first: in each 16-bit lane, 10·(its first byte) +
	// its second (10·9+9 stays within the byte; the upper byte is garbage,
	// masked). The lanes hold p0…p3, p0 the most significant pair.
	x = (x*10 + x>>8) & 0x00FF00FF00FF00FF
	// Then, in one go, p0·10⁶ + p1·10⁴ + p2·10² + p3 in the upper half of
	// a sum of two products: (p0 + p2·2³²)·(100 + 10⁶·2³²) has p2·100 +
	// p0·10⁶ in its upper half, (p1 + p3·2³²)·(1 + 10⁴·2³²) has p3 +
	// p1·10⁴; the lower halves (100·p0 and p1, each < 2³²) carry nothing
	// into the upper ones, and the sum is below 10⁸ < 2³².
	const pairs = 0x000000FF000000FF
	x = ((x&pairs)*(100+1_000_000<<32) + (x>>16&pairs)*(1+10_000<<32)) >> 32
	return x, true
}

// textAt reads an AN field, trailing spaces removed (eight at a time first).
func textAt(raw string, sp span) string {
	s := sp.of(raw)
	for len(s) >= 8 && s[len(s)-8:] == "        " {
		s = s[:len(s)-8]
	}
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}

// digitsAt reads an identifier N field as a string: "" when blank; the raw
// text otherwise.
func digitsAt(raw string, sp span) string {
	v := sp.of(raw)
	if isSpaces(v) {
		return ""
	}
	return v
}

func periodAt(raw string, sp span) domain.Period {
	p, _ := parsePeriod(sp.of(raw))
	return p
}

func dateAt(raw string, sp span) domain.Date {
	d, _ := parseDate(sp.of(raw))
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
	a := &HeaderLayout.at
	return Header{TransferID: digitsAt(raw, a[hTransfer]), Cat: textAt(raw, a[hCat])}
}

// DecodeEmployer decodes an A01/B01/E01 record.
func DecodeEmployer(raw string) Employer {
	raw = pad(raw)
	a := &EmployerLayout.at
	return Employer{
		Affiliation: digitsAt(raw, a[eAffiliation]),
		Period:      periodAt(raw, a[ePeriod]),
		Name:        textAt(raw, a[eName]),
		Activity:    textAt(raw, a[eActivity]),
		Address:     textAt(raw, a[eAddress]),
		City:        textAt(raw, a[eCity]),
		PostalCode:  textAt(raw, a[ePostal]),
		Agency:      textAt(raw, a[eAgency]),
		IssueDate:   dateAt(raw, a[eIssued]),
		DueDate:     dateAt(raw, a[eDue]),
	}
}

// decodeInsured reads the fields an A02 shares with a B02/E02 line; a is
// the layout's span table.
func decodeInsured(raw string, a *[maxFields]span) Insured {
	return Insured{
		Affiliation: digitsAt(raw, a[iAffiliation]),
		Period:      periodAt(raw, a[iPeriod]),
		Immat:       digitsAt(raw, a[iImmat]),
		Name:        textAt(raw, a[iName]),
		Children:    int(numAt(raw, a[iChildren])),
		AFToPay:     domain.Money(numAt(raw, a[iAFToPay])),
		AFToDeduct:  domain.Money(numAt(raw, a[iAFToDeduct])),
		AFNet:       domain.Money(numAt(raw, a[iAFNet])),
	}
}

// DecodeInsured decodes an A02 record.
func DecodeInsured(raw string) Insured {
	return decodeInsured(pad(raw), &InsuredLayout.at)
}

// DecodeLine decodes a B02/E02 record.
func DecodeLine(raw string) Line {
	raw = pad(raw)
	a := &LineLayout.at
	return Line{
		Insured:     decodeInsured(raw, a),
		AFToReverse: domain.Money(numAt(raw, a[lAFToReverse])),
		Days:        int(numAt(raw, a[lDays])),
		Real:        domain.Money(numAt(raw, a[lReal])),
		Capped:      domain.Money(numAt(raw, a[lCapped])),
		Situation:   domain.Situation(textAt(raw, a[lSituation])),
		Ctr:         numAt(raw, a[lCtr]),
	}
}

func decodePreTotals(raw string, a *[maxFields]span) PreTotals {
	return PreTotals{
		Affiliation: digitsAt(raw, a[tAffiliation]),
		Period:      periodAt(raw, a[tPeriod]),
		Count:       numAt(raw, a[tCount]),
		Children:    numAt(raw, a[tChildren]),
		AFToPay:     domain.Money(numAt(raw, a[tAFToPay])),
		AFToDeduct:  domain.Money(numAt(raw, a[tAFToDeduct])),
		AFNet:       domain.Money(numAt(raw, a[tAFNet])),
		ImmatSum:    numAt(raw, a[tImmatSum]),
	}
}

// DecodePreTotals decodes an A03 record.
func DecodePreTotals(raw string) PreTotals {
	return decodePreTotals(pad(raw), &PreTotalsLayout.at)
}

// DecodeLineTotals decodes a B03/E03 record.
func DecodeLineTotals(raw string) LineTotals {
	raw = pad(raw)
	a := &LineTotalsLayout.at
	return LineTotals{
		PreTotals:   decodePreTotals(raw, a),
		AFToReverse: domain.Money(numAt(raw, a[ltAFToReverse])),
		Days:        numAt(raw, a[ltDays]),
		Real:        domain.Money(numAt(raw, a[ltReal])),
		Capped:      domain.Money(numAt(raw, a[ltCapped])),
		Ctr:         numAt(raw, a[ltCtr]),
	}
}

// DecodeEntrant decodes a B04/E04 record.
func DecodeEntrant(raw string) Entrant {
	raw = pad(raw)
	a := &EntrantLayout.at
	return Entrant{
		Affiliation: digitsAt(raw, a[nAffiliation]),
		Period:      periodAt(raw, a[nPeriod]),
		Immat:       digitsAt(raw, a[nImmat]),
		Name:        textAt(raw, a[nName]),
		CIN:         textAt(raw, a[nCIN]),
		Days:        int(numAt(raw, a[nDays])),
		Real:        domain.Money(numAt(raw, a[nReal])),
		Capped:      domain.Money(numAt(raw, a[nCapped])),
		Ctr:         numAt(raw, a[nCtr]),
	}
}

// DecodeTotals decodes a B05/B06/E05/E06 record.
func DecodeTotals(raw string) Totals {
	raw = pad(raw)
	a := &EntrantTotalsLayout.at
	return Totals{
		Affiliation: digitsAt(raw, a[etAffiliation]),
		Period:      periodAt(raw, a[etPeriod]),
		Count:       numAt(raw, a[etCount]),
		ImmatSum:    numAt(raw, a[etImmatSum]),
		Days:        numAt(raw, a[etDays]),
		Real:        domain.Money(numAt(raw, a[etReal])),
		Capped:      domain.Money(numAt(raw, a[etCapped])),
		Ctr:         numAt(raw, a[etCtr]),
	}
}
