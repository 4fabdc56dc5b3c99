package cnssfile

import (
	"runtime"
	"slices"
	"strconv"
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

// encoder fills one 260-byte record; the first error sticks.
type encoder struct {
	rec  []byte
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
func (e *encoder) text(f Field, s string) {
	if len(s) > f.Width {
		e.fail(CodeTooWide, msgTooWide, f, s, f.Width)
		return
	}
	for i := 0; i < len(s); i++ {
		if !charOK[s[i]] || s[i] == '\t' {
			r := rune(s[i])
			for _, rr := range s[i:] {
				r = rr
				break
			}
			e.fail(CodeCharset, msgCharset, f, r)
			return
		}
	}
	copy(e.rec[f.Start:], s)
}

// num writes an N field right-aligned, zero-padded.
func (e *encoder) num(f Field, v int64) {
	if v < 0 {
		e.fail(CodeNegative, msgNegative, f, v)
		return
	}
	if f.Width < len(pow10) && v >= pow10[f.Width] {
		e.fail(CodeTooWide, msgTooWide, f, strconv.FormatInt(v, 10), f.Width)
		return
	}
	// The digits from the right, then zeros: no intermediate text.
	dst := e.rec[f.Start:f.End()]
	i := len(dst)
	for ; v > 0; v /= 10 {
		i--
		dst[i] = byte('0' + v%10)
	}
	for i > 0 {
		i--
		dst[i] = '0'
	}
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
func (e *encoder) ident(f Field, s string) {
	if s == "" {
		return
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			e.fail(CodeNotDigit, msgNotDigits, f, s)
			return
		}
	}
	if len(s) > f.Width {
		e.fail(CodeTooWide, msgTooWide, f, s, f.Width)
		return
	}
	dst := e.rec[f.Start:f.End()]
	pad := f.Width - len(s)
	for i := 0; i < pad; i++ {
		dst[i] = '0'
	}
	copy(dst[pad:], s)
}

func (e *encoder) period(f Field, p domain.Period) {
	e.num(f, int64(p.Int()))
}

func (e *encoder) date(f Field, d domain.Date) {
	if d.IsZero() {
		e.num(f, 0)
		return
	}
	e.num(f, int64(d.Year*10000+int(d.Month)*100+d.Day))
}

func (e *encoder) end(dst []byte) ([]byte, error) {
	return append(dst, '\n'), e.err
}

// AppendHeader appends a header record of type typ ("A00", "B00", "E00").
func AppendHeader(dst []byte, typ string, line int, h Header) ([]byte, error) {
	var e encoder
	dst = e.start(dst, typ, line)
	f := HeaderLayout.Fields
	e.ident(f[hTransfer], h.TransferID)
	e.text(f[hCat], h.Cat)
	return e.end(dst)
}

// AppendEmployer appends an employer header record ("A01", "B01", "E01").
func AppendEmployer(dst []byte, typ string, line int, x Employer) ([]byte, error) {
	var e encoder
	dst = e.start(dst, typ, line)
	f := EmployerLayout.Fields
	e.ident(f[eAffiliation], x.Affiliation)
	e.period(f[ePeriod], x.Period)
	e.text(f[eName], x.Name)
	e.text(f[eActivity], x.Activity)
	e.text(f[eAddress], x.Address)
	e.text(f[eCity], x.City)
	e.text(f[ePostal], x.PostalCode)
	e.text(f[eAgency], x.Agency)
	e.date(f[eIssued], x.IssueDate)
	e.date(f[eDue], x.DueDate)
	return e.end(dst)
}

func (e *encoder) insured(f []Field, x Insured) {
	e.ident(f[iAffiliation], x.Affiliation)
	e.period(f[iPeriod], x.Period)
	e.ident(f[iImmat], x.Immat)
	e.text(f[iName], x.Name)
	e.num(f[iChildren], int64(x.Children))
	e.num(f[iAFToPay], int64(x.AFToPay))
	e.num(f[iAFToDeduct], int64(x.AFToDeduct))
	e.num(f[iAFNet], int64(x.AFNet))
}

// AppendInsured appends an A02 record.
func AppendInsured(dst []byte, line int, x Insured) ([]byte, error) {
	var e encoder
	dst = e.start(dst, "A02", line)
	e.insured(InsuredLayout.Fields, x)
	return e.end(dst)
}

// AppendLine appends a declaration line record ("B02", "E02").
func AppendLine(dst []byte, typ string, line int, x Line) ([]byte, error) {
	var e encoder
	dst = e.start(dst, typ, line)
	f := LineLayout.Fields
	e.insured(f, x.Insured)
	e.num(f[lAFToReverse], int64(x.AFToReverse))
	e.num(f[lDays], int64(x.Days))
	e.num(f[lReal], int64(x.Real))
	e.num(f[lCapped], int64(x.Capped))
	e.text(f[lSituation], x.Situation.Field())
	e.num(f[lCtr], x.Ctr)
	return e.end(dst)
}

func (e *encoder) preTotals(f []Field, x PreTotals) {
	e.ident(f[tAffiliation], x.Affiliation)
	e.period(f[tPeriod], x.Period)
	e.num(f[tCount], x.Count)
	e.num(f[tChildren], x.Children)
	e.num(f[tAFToPay], int64(x.AFToPay))
	e.num(f[tAFToDeduct], int64(x.AFToDeduct))
	e.num(f[tAFNet], int64(x.AFNet))
	e.num(f[tImmatSum], x.ImmatSum)
}

// AppendPreTotals appends an A03 record.
func AppendPreTotals(dst []byte, line int, x PreTotals) ([]byte, error) {
	var e encoder
	dst = e.start(dst, "A03", line)
	e.preTotals(PreTotalsLayout.Fields, x)
	return e.end(dst)
}

// AppendLineTotals appends a B03/E03 record.
func AppendLineTotals(dst []byte, typ string, line int, x LineTotals) ([]byte, error) {
	var e encoder
	dst = e.start(dst, typ, line)
	f := LineTotalsLayout.Fields
	e.preTotals(f, x.PreTotals)
	e.num(f[ltAFToReverse], int64(x.AFToReverse))
	e.num(f[ltDays], x.Days)
	e.num(f[ltReal], int64(x.Real))
	e.num(f[ltCapped], int64(x.Capped))
	e.num(f[ltCtr], x.Ctr)
	return e.end(dst)
}

// AppendEntrant appends a B04/E04 record. The empty entrant line (Immat "")
// keeps N_Num_Assure, the name and the CIN blank and writes zeros elsewhere.
func AppendEntrant(dst []byte, typ string, line int, x Entrant) ([]byte, error) {
	var e encoder
	dst = e.start(dst, typ, line)
	f := EntrantLayout.Fields
	e.ident(f[nAffiliation], x.Affiliation)
	e.period(f[nPeriod], x.Period)
	e.ident(f[nImmat], x.Immat)
	e.text(f[nName], x.Name)
	e.text(f[nCIN], x.CIN)
	e.num(f[nDays], int64(x.Days))
	e.num(f[nReal], int64(x.Real))
	e.num(f[nCapped], int64(x.Capped))
	e.num(f[nCtr], x.Ctr)
	return e.end(dst)
}

// AppendTotals appends a B05/B06/E05/E06 record.
func AppendTotals(dst []byte, typ string, line int, x Totals) ([]byte, error) {
	var e encoder
	dst = e.start(dst, typ, line)
	f := EntrantTotalsLayout.Fields
	e.ident(f[etAffiliation], x.Affiliation)
	e.period(f[etPeriod], x.Period)
	e.num(f[etCount], x.Count)
	e.num(f[etImmatSum], x.ImmatSum)
	e.num(f[etDays], x.Days)
	e.num(f[etReal], int64(x.Real))
	e.num(f[etCapped], int64(x.Capped))
	e.num(f[etCtr], x.Ctr)
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
