package cnssfile

// The record encoders as they were before the word-at-a-time digits: the
// reference of the differential tests (encode_test.go).

import (
	"strconv"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// refEncoder fills one 260-byte record; the first error sticks.
type refEncoder struct {
	rec  []byte
	typ  string
	line int
	err  error
}

func (e *refEncoder) start(dst []byte, typ string, line int) []byte {
	n := len(dst)
	dst = append(dst, blankRecord...)
	e.rec, e.typ, e.line = dst[n:n+RecordLen], typ, line
	copy(e.rec, typ)
	return dst
}

func (e *refEncoder) fail(code string, msg i18n.Text, f Field, args ...any) {
	if e.err == nil {
		e.err = i18n.New(code, msg, append([]any{e.typ, e.line, f.Name}, args...)...).WithField(f.Name)
	}
}

// text writes an AN field left-aligned; the value must already be in the file
// charset (domain.FileText) and fit.
func (e *refEncoder) text(f Field, s string) {
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
func (e *refEncoder) num(f Field, v int64) {
	if v < 0 {
		e.fail(CodeNegative, msgNegative, f, v)
		return
	}
	if f.Width < len(refPow10) && v >= refPow10[f.Width] {
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

// refPow10[w] is the smallest value too wide for a field of w digits (an int64
// always fits 19).
var refPow10 = func() (t [19]int64) {
	t[0] = 1
	for i := 1; i < len(t); i++ {
		t[i] = t[i-1] * 10
	}
	return
}()

// ident writes an identifier N field given as digits: "" stays blank (spaces),
// shorter values are zero-padded on the left.
func (e *refEncoder) ident(f Field, s string) {
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

func (e *refEncoder) period(f Field, p domain.Period) {
	e.num(f, int64(p.Int()))
}

func (e *refEncoder) date(f Field, d domain.Date) {
	if d.IsZero() {
		e.num(f, 0)
		return
	}
	e.num(f, int64(d.Year*10000+int(d.Month)*100+d.Day))
}

func (e *refEncoder) end(dst []byte) ([]byte, error) {
	return append(dst, '\n'), e.err
}

// AppendHeader appends a header record of type typ ("A00", "B00", "E00").
func refAppendHeader(dst []byte, typ string, line int, h Header) ([]byte, error) {
	var e refEncoder
	dst = e.start(dst, typ, line)
	f := HeaderLayout.Fields
	e.ident(f[hTransfer], h.TransferID)
	e.text(f[hCat], h.Cat)
	return e.end(dst)
}

// AppendEmployer appends an employer header record ("A01", "B01", "E01").
func refAppendEmployer(dst []byte, typ string, line int, x Employer) ([]byte, error) {
	var e refEncoder
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

func (e *refEncoder) insured(f []Field, x Insured) {
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
func refAppendInsured(dst []byte, line int, x Insured) ([]byte, error) {
	var e refEncoder
	dst = e.start(dst, "A02", line)
	e.insured(InsuredLayout.Fields, x)
	return e.end(dst)
}

// AppendLine appends a declaration line record ("B02", "E02").
func refAppendLine(dst []byte, typ string, line int, x Line) ([]byte, error) {
	var e refEncoder
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

func (e *refEncoder) preTotals(f []Field, x PreTotals) {
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
func refAppendPreTotals(dst []byte, line int, x PreTotals) ([]byte, error) {
	var e refEncoder
	dst = e.start(dst, "A03", line)
	e.preTotals(PreTotalsLayout.Fields, x)
	return e.end(dst)
}

// AppendLineTotals appends a B03/E03 record.
func refAppendLineTotals(dst []byte, typ string, line int, x LineTotals) ([]byte, error) {
	var e refEncoder
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
func refAppendEntrant(dst []byte, typ string, line int, x Entrant) ([]byte, error) {
	var e refEncoder
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
func refAppendTotals(dst []byte, typ string, line int, x Totals) ([]byte, error) {
	var e refEncoder
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
