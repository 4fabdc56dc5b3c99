package cnssfile

import (
	"encoding/binary"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// Error codes of the writer.
const (
	CodeTooWide  = "cnssfile.too_wide"
	CodeCharset  = "cnssfile.charset"
	CodeNegative = "cnssfile.negative"
	CodeNotDigit = "cnssfile.not_digits"
)

var (
	msgTooWide = i18n.Text{
		FR: "%s ligne %d, champ %s : la valeur « %s » dépasse %d caractères",
		AR: "%s السطر %d، الحقل %s: القيمة « %s » تتجاوز %d حرفاً",
		EN: "%s line %d, field %s: value %q is wider than %d characters",
	}
	msgCharset = i18n.Text{
		FR: "%s ligne %d, champ %s : caractère « %c » interdit (seuls A–Z, 0–9 et l'espace sont permis)",
		AR: "%s السطر %d، الحقل %s: الحرف « %c » غير مسموح (المسموح فقط A–Z و0–9 والمسافة)",
		EN: "%s line %d, field %s: character %q is not allowed (only A–Z, 0–9 and space)",
	}
	msgNegative = i18n.Text{
		FR: "%s ligne %d, champ %s : valeur négative %d",
		AR: "%s السطر %d، الحقل %s: قيمة سالبة %d",
		EN: "%s line %d, field %s: negative value %d",
	}
	msgNotDigits = i18n.Text{
		FR: "%s ligne %d, champ %s : « %s » n'est pas un nombre",
		AR: "%s السطر %d، الحقل %s: « %s » ليس رقماً",
		EN: "%s line %d, field %s: %q is not a number",
	}
)

// encoder fills one 260-byte record of layout l; the first error sticks.
// Its methods take a field by its index in l.Fields, and find its place in
// l.at.
type encoder struct {
	rec  []byte
	l    *Layout
	typ  string
	line int
	err  error
}

func (e *encoder) start(dst []byte, typ string, line int) []byte {
	n := len(dst)
	dst = append(dst, blankRecord...)
	e.rec, e.typ, e.line = dst[n:n+RecordLen], typ, line
	copy(e.rec, typ)
	return dst
}

func (e *encoder) fail(code string, msg i18n.Text, f Field, args ...any) {
	if e.err == nil {
		e.err = i18n.New(code, msg, append([]any{e.typ, e.line, f.Name}, args...)...).WithField(f.Name)
	}
}

// text writes an AN field left-aligned; the value must already be in the file
// charset (domain.FileText) and fit.
func (e *encoder) text(i int, s string) {
	sp := e.l.at[i]
	if len(s) > sp.width {
		f := e.l.Fields[i]
		e.fail(CodeTooWide, msgTooWide, f, s, f.Width)
		return
	}
	// Eight bytes at a time while they are all allowed; the bytes from the
	// first word that is not are tested one by one (and the tail).
	k := 0
	for ; k+8 <= len(s) && fileTextWord(word8(s, k)); k += 8 {
	}
	for ; k < len(s); k++ {
		if !charOK[s[k]] || s[k] == '\t' {
			r := rune(s[k])
			for _, rr := range s[k:] {
				r = rr
				break
			}
			e.fail(CodeCharset, msgCharset, e.l.Fields[i], r)
			return
		}
	}
	copy(e.rec[sp.start:], s)
}

// num writes an N field right-aligned, zero-padded.
func (e *encoder) num(i int, v int64) {
	if !putNum(e.rec, e.l.at[i], v) {
		e.numFail(e.l.Fields[i], v)
	}
}

// numFail reports why putNum refused v.
func (e *encoder) numFail(f Field, v int64) {
	if v < 0 {
		e.fail(CodeNegative, msgNegative, f, v)
		return
	}
	e.fail(CodeTooWide, msgTooWide, f, strconv.FormatInt(v, 10), f.Width)
}

// putNum writes v at sp of rec, zero-padded, and reports false (writing
// nothing) when v is negative or wider than the field. The digits are
// written eight at a time (digits8), from the right: whole words for the
// last multiples of eight, and for the leading ones a word ending at the
// chunk's end whose bytes before the field keep their value. Fields of up
// to four digits, and a leading chunk with no word ending at it (a field at
// the very start of rec), are written digit by digit.
func putNum(rec []byte, sp span, v int64) bool {
	w := sp.width
	if v < 0 || w < len(pow10) && v >= pow10[w] {
		return false
	}
	u, end := uint64(v), sp.start+w
	if w > 4 {
		for ; w > 8; w -= 8 {
			binary.LittleEndian.PutUint64(rec[end-8:end], digits8(u%100_000_000))
			u /= 100_000_000
			end -= 8
		}
		if end >= 8 {
			// The field's first w bytes are the last (most significant)
			// ones of the word ending at end.
			keep := ^uint64(0) << (8 * (8 - w))
			word := rec[end-8 : end]
			binary.LittleEndian.PutUint64(word, binary.LittleEndian.Uint64(word)&^keep|digits8(u)&keep)
			return true
		}
	}
	// Narrow, or no word ends here: digit by digit.
	for i := end - 1; i >= end-w; i-- {
		rec[i] = byte('0' + u%10)
		u /= 10
	}
	return true
}

// digits8 returns the eight decimal digits of u < 10⁸, leading zeros
// included, as a little-endian word (the first digit in the lowest byte).
// Each step splits every lane in two halves, quotient in the lower one (it
// comes first in the text), remainder in the upper one; the quotients are
// products and shifts exact on the lane's range: n/100 = n·5243>>19 for
// n < 10⁴, n/10 = n·103>>10 for n < 100 (TestDigits8). No product leaves
// its lane (n·5243 < 2²⁶, n·103 < 2¹⁶), and the masks drop what the shift
// brings down from the lane above.
func digits8(u uint64) uint64 {
	if u == 0 { // the usual amount of many fields
		return '0' * ones
	}
	x := u/10_000 | u%10_000<<32
	q := x * 5243 >> 19 & 0x0000007F0000007F
	x = q | (x-q*100)<<16
	q = x * 103 >> 10 & 0x000F000F000F000F
	x = q | (x-q*10)<<8
	return x + '0'*ones
}

// pow10[w] is the smallest value too wide for a field of w digits (an int64
// always fits 19).
var pow10 = func() (t [19]int64) {
	t[0] = 1
	for i := 1; i < len(t); i++ {
		t[i] = t[i-1] * 10
	}
	return
}()

// ident writes an identifier N field given as digits: "" stays blank (spaces),
// shorter values are zero-padded on the left.
func (e *encoder) ident(i int, s string) {
	if s == "" {
		return
	}
	k := 0
	for ; k+8 <= len(s) && digitWord(word8(s, k)); k += 8 {
	}
	for ; k < len(s); k++ {
		if s[k] < '0' || s[k] > '9' {
			e.fail(CodeNotDigit, msgNotDigits, e.l.Fields[i], s)
			return
		}
	}
	sp := e.l.at[i]
	if len(s) > sp.width {
		f := e.l.Fields[i]
		e.fail(CodeTooWide, msgTooWide, f, s, f.Width)
		return
	}
	dst := e.rec[sp.start : sp.start+sp.width]
	pad := sp.width - len(s)
	copy(dst, zeros[:pad])
	copy(dst[pad:], s)
}

var zeros = strings.Repeat("0", RecordLen)

// fileTextWord reports whether the eight bytes of x are all capitals, digits
// or spaces (what the encoder writes in an AN field: charOK without the
// TAB). The bounds test of swar.go first (' '…'Z', which also catches the
// non-ASCII bytes), then the exclusion of '!'…'/' and ':'…'@'.
func fileTextWord(x uint64) bool {
	out := ^(x + (0x80-' ')*ones) | (x + (0x7F-'Z')*ones)
	space := ^((x ^ ' '*ones) + 0x7F*ones)
	digitUp := (x + (0x80-'0')*ones) &^ ((x + (0x7F-'9')*ones) &^ (x + (0x80-'A')*ones))
	return (out|^(space|digitUp))&highs == 0
}

// digitWord reports whether the eight bytes of x are all digits.
func digitWord(x uint64) bool {
	return (^(x+(0x80-'0')*ones)|(x+(0x7F-'9')*ones))&highs == 0
}

func (e *encoder) period(i int, p domain.Period) {
	e.num(i, int64(p.Int()))
}

func (e *encoder) date(i int, d domain.Date) {
	if d.IsZero() {
		e.num(i, 0)
		return
	}
	e.num(i, int64(d.Year*10000+int(d.Month)*100+d.Day))
}

func (e *encoder) end(dst []byte) ([]byte, error) {
	return append(dst, '\n'), e.err
}

// AppendHeader appends a header record of type typ ("A00", "B00", "E00").
func AppendHeader(dst []byte, typ string, line int, h Header) ([]byte, error) {
	e := encoder{l: HeaderLayout}
	dst = e.start(dst, typ, line)
	e.ident(hTransfer, h.TransferID)
	e.text(hCat, h.Cat)
	return e.end(dst)
}

// AppendEmployer appends an employer header record ("A01", "B01", "E01").
func AppendEmployer(dst []byte, typ string, line int, x Employer) ([]byte, error) {
	e := encoder{l: EmployerLayout}
	dst = e.start(dst, typ, line)
	e.ident(eAffiliation, x.Affiliation)
	e.period(ePeriod, x.Period)
	e.text(eName, x.Name)
	e.text(eActivity, x.Activity)
	e.text(eAddress, x.Address)
	e.text(eCity, x.City)
	e.text(ePostal, x.PostalCode)
	e.text(eAgency, x.Agency)
	e.date(eIssued, x.IssueDate)
	e.date(eDue, x.DueDate)
	return e.end(dst)
}

func (e *encoder) insured(x Insured) {
	e.ident(iAffiliation, x.Affiliation)
	e.period(iPeriod, x.Period)
	e.ident(iImmat, x.Immat)
	e.text(iName, x.Name)
	e.num(iChildren, int64(x.Children))
	e.num(iAFToPay, int64(x.AFToPay))
	e.num(iAFToDeduct, int64(x.AFToDeduct))
	e.num(iAFNet, int64(x.AFNet))
}

// AppendInsured appends an A02 record.
func AppendInsured(dst []byte, line int, x Insured) ([]byte, error) {
	e := encoder{l: InsuredLayout}
	dst = e.start(dst, "A02", line)
	e.insured(x)
	return e.end(dst)
}

// AppendLine appends a declaration line record ("B02", "E02").
func AppendLine(dst []byte, typ string, line int, x Line) ([]byte, error) {
	e := encoder{l: LineLayout}
	dst = e.start(dst, typ, line)
	e.insured(x.Insured)
	e.num(lAFToReverse, int64(x.AFToReverse))
	e.num(lDays, int64(x.Days))
	e.num(lReal, int64(x.Real))
	e.num(lCapped, int64(x.Capped))
	e.text(lSituation, x.Situation.Field())
	e.num(lCtr, x.Ctr)
	return e.end(dst)
}

func (e *encoder) preTotals(x PreTotals) {
	e.ident(tAffiliation, x.Affiliation)
	e.period(tPeriod, x.Period)
	e.num(tCount, x.Count)
	e.num(tChildren, x.Children)
	e.num(tAFToPay, int64(x.AFToPay))
	e.num(tAFToDeduct, int64(x.AFToDeduct))
	e.num(tAFNet, int64(x.AFNet))
	e.num(tImmatSum, x.ImmatSum)
}

// AppendPreTotals appends an A03 record.
func AppendPreTotals(dst []byte, line int, x PreTotals) ([]byte, error) {
	e := encoder{l: PreTotalsLayout}
	dst = e.start(dst, "A03", line)
	e.preTotals(x)
	return e.end(dst)
}

// AppendLineTotals appends a B03/E03 record.
func AppendLineTotals(dst []byte, typ string, line int, x LineTotals) ([]byte, error) {
	e := encoder{l: LineTotalsLayout}
	dst = e.start(dst, typ, line)
	e.preTotals(x.PreTotals)
	e.num(ltAFToReverse, int64(x.AFToReverse))
	e.num(ltDays, x.Days)
	e.num(ltReal, int64(x.Real))
	e.num(ltCapped, int64(x.Capped))
	e.num(ltCtr, x.Ctr)
	return e.end(dst)
}

// AppendEntrant appends a B04/E04 record. The empty entrant line (Immat "")
// keeps N_Num_Assure, the name and the CIN blank and writes zeros elsewhere.
func AppendEntrant(dst []byte, typ string, line int, x Entrant) ([]byte, error) {
	e := encoder{l: EntrantLayout}
	dst = e.start(dst, typ, line)
	e.ident(nAffiliation, x.Affiliation)
	e.period(nPeriod, x.Period)
	e.ident(nImmat, x.Immat)
	e.text(nName, x.Name)
	e.text(nCIN, x.CIN)
	e.num(nDays, int64(x.Days))
	e.num(nReal, int64(x.Real))
	e.num(nCapped, int64(x.Capped))
	e.num(nCtr, x.Ctr)
	return e.end(dst)
}

// AppendTotals appends a B05/B06/E05/E06 record.
func AppendTotals(dst []byte, typ string, line int, x Totals) ([]byte, error) {
	e := encoder{l: EntrantTotalsLayout}
	dst = e.start(dst, typ, line)
	e.ident(etAffiliation, x.Affiliation)
	e.period(etPeriod, x.Period)
	e.num(etCount, x.Count)
	e.num(etImmatSum, x.ImmatSum)
	e.num(etDays, x.Days)
	e.num(etReal, int64(x.Real))
	e.num(etCapped, int64(x.Capped))
	e.num(etCtr, x.Ctr)
	return e.end(dst)
}

// AppendDeclaration appends a whole DS or DSC file in the order of cnss-edi.md §4.
// It writes what it is given: totals and control sums are the builder's job.
// Every record is RecordLen+1 bytes, so the lines of a large file are
// encoded in parallel at their known offsets; the result and the error
// reported (the first one in file order) do not depend on it.
func AppendDeclaration(dst []byte, d *Declaration) ([]byte, error) {
	p := string(d.Prefix)
	const size = RecordLen + 1
	total := (len(d.Lines) + len(d.Entrants) + 5) * size
	dst = slices.Grow(dst, total)
	line := 1
	dst, err := AppendHeader(dst, p+"00", line, d.Header)
	if err != nil {
		return dst, err
	}
	line++
	if dst, err = AppendEmployer(dst, p+"01", line, d.Employer); err != nil {
		return dst, err
	}
	t02, t04 := p+"02", p+"04"
	if dst, err = appendRecords(dst, len(d.Lines), line+1, func(b []byte, i, ln int) ([]byte, error) {
		return AppendLine(b, t02, ln, d.Lines[i])
	}); err != nil {
		return dst, err
	}
	line += len(d.Lines) + 1
	if dst, err = AppendLineTotals(dst, p+"03", line, d.LineTotals); err != nil {
		return dst, err
	}
	if dst, err = appendRecords(dst, len(d.Entrants), line+1, func(b []byte, i, ln int) ([]byte, error) {
		return AppendEntrant(b, t04, ln, d.Entrants[i])
	}); err != nil {
		return dst, err
	}
	line += len(d.Entrants) + 1
	if dst, err = AppendTotals(dst, p+"05", line, d.EntrantTotals); err != nil {
		return dst, err
	}
	line++
	return AppendTotals(dst, p+"06", line, d.GrandTotals)
}

// appendRecords appends n records encoded by enc (record i is file line
// first+i), in parallel chunks for a large n.
func appendRecords(dst []byte, n, first int, enc func(b []byte, i, line int) ([]byte, error)) ([]byte, error) {
	const size = RecordLen + 1
	start := len(dst)
	dst = slices.Grow(dst, n*size)[:start+n*size]
	errs := make([]error, 0, 4)
	var mu sync.Mutex
	work := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			off := start + i*size
			if _, err := enc(dst[off:off:off+size], i, first+i); err != nil {
				mu.Lock()
				errs = append(errs, &indexedError{i, err})
				mu.Unlock()
				return
			}
		}
	}
	workers := runtime.GOMAXPROCS(0)
	if n < 4096 || workers < 2 {
		work(0, n)
	} else {
		chunk := (n + workers - 1) / workers
		var wg sync.WaitGroup
		for lo := 0; lo < n; lo += chunk {
			hi := min(lo+chunk, n)
			wg.Add(1)
			go func() {
				defer wg.Done()
				work(lo, hi)
			}()
		}
		wg.Wait()
	}
	if len(errs) > 0 {
		first := errs[0].(*indexedError)
		for _, e := range errs[1:] {
			if ie := e.(*indexedError); ie.i < first.i {
				first = ie
			}
		}
		return dst[:start+first.i*size], first.err
	}
	return dst, nil
}

type indexedError struct {
	i   int
	err error
}

func (e *indexedError) Error() string { return e.err.Error() }

// AppendPreetabli appends a whole préétabli file (used by the sandbox platform
// and by tests).
func AppendPreetabli(dst []byte, x *Preetabli) ([]byte, error) {
	line := 1
	dst, err := AppendHeader(dst, "A00", line, x.Header)
	if err != nil {
		return dst, err
	}
	line++
	if dst, err = AppendEmployer(dst, "A01", line, x.Employer); err != nil {
		return dst, err
	}
	for i := range x.Insured {
		line++
		if dst, err = AppendInsured(dst, line, x.Insured[i]); err != nil {
			return dst, err
		}
	}
	line++
	return AppendPreTotals(dst, line, x.Totals)
}
