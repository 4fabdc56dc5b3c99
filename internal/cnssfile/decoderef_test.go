package cnssfile

// The decoders as they were before the word-at-a-time versions: the
// reference of the differential tests (decode_test.go).

import (
	"strings"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
)

// parsePeriod reads an AAAAMM field without allocating.
func refParsePeriod(v string) (domain.Period, bool) {
	n, ok := refAtoi(v)
	if !ok || len(v) != 6 {
		return domain.Period{}, false
	}
	p := domain.NewPeriod(n/100, time.Month(n%100))
	return p, p.Valid()
}

// num reads an N field; non-digits and overflow give 0.
func refNum(raw string, f Field) int64 {
	s := refField(raw, f)
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
func refText(raw string, f Field) string {
	return strings.TrimRight(refField(raw, f), " ")
}

// digits reads an identifier N field as a string: "" when blank; the raw text otherwise.
func refDigits(raw string, f Field) string {
	v := refField(raw, f)
	if refIsSpaces(v) {
		return ""
	}
	return v
}

func refPeriod(raw string, f Field) domain.Period {
	p, _ := refParsePeriod(refField(raw, f))
	return p
}

func refDate(raw string, f Field) domain.Date {
	d, _ := parseDate(refField(raw, f))
	return d
}

// pad returns raw cut or padded with spaces to 260 bytes, so that the
// decoders read a record of the wrong length as well as they can.
func refPad(raw string) string {
	if len(raw) >= RecordLen {
		return raw[:RecordLen]
	}
	return raw + blankRecord[len(raw):]
}

// DecodeHeader decodes an A00/B00/E00 record. Like every decoder, it reads a
// record shorter than 260 bytes as if it were padded with spaces.
func refDecodeHeader(raw string) Header {
	raw = refPad(raw)
	f := HeaderLayout.Fields
	return Header{TransferID: refDigits(raw, f[hTransfer]), Cat: refText(raw, f[hCat])}
}

// DecodeEmployer decodes an A01/B01/E01 record.
func refDecodeEmployer(raw string) Employer {
	raw = refPad(raw)
	f := EmployerLayout.Fields
	return Employer{
		Affiliation: refDigits(raw, f[eAffiliation]),
		Period:      refPeriod(raw, f[ePeriod]),
		Name:        refText(raw, f[eName]),
		Activity:    refText(raw, f[eActivity]),
		Address:     refText(raw, f[eAddress]),
		City:        refText(raw, f[eCity]),
		PostalCode:  refText(raw, f[ePostal]),
		Agency:      refText(raw, f[eAgency]),
		IssueDate:   refDate(raw, f[eIssued]),
		DueDate:     refDate(raw, f[eDue]),
	}
}

func refDecodeInsuredFields(raw string, f []Field) Insured {
	return Insured{
		Affiliation: refDigits(raw, f[iAffiliation]),
		Period:      refPeriod(raw, f[iPeriod]),
		Immat:       refDigits(raw, f[iImmat]),
		Name:        refText(raw, f[iName]),
		Children:    int(refNum(raw, f[iChildren])),
		AFToPay:     domain.Money(refNum(raw, f[iAFToPay])),
		AFToDeduct:  domain.Money(refNum(raw, f[iAFToDeduct])),
		AFNet:       domain.Money(refNum(raw, f[iAFNet])),
	}
}

// DecodeInsured decodes an A02 record.
func refDecodeInsured(raw string) Insured {
	return refDecodeInsuredFields(refPad(raw), InsuredLayout.Fields)
}

// DecodeLine decodes a B02/E02 record.
func refDecodeLine(raw string) Line {
	raw = refPad(raw)
	f := LineLayout.Fields
	return Line{
		Insured:     refDecodeInsuredFields(raw, f),
		AFToReverse: domain.Money(refNum(raw, f[lAFToReverse])),
		Days:        int(refNum(raw, f[lDays])),
		Real:        domain.Money(refNum(raw, f[lReal])),
		Capped:      domain.Money(refNum(raw, f[lCapped])),
		Situation:   domain.Situation(strings.TrimRight(refField(raw, f[lSituation]), " ")),
		Ctr:         refNum(raw, f[lCtr]),
	}
}

func refDecodePreTotalsFields(raw string, f []Field) PreTotals {
	return PreTotals{
		Affiliation: refDigits(raw, f[tAffiliation]),
		Period:      refPeriod(raw, f[tPeriod]),
		Count:       refNum(raw, f[tCount]),
		Children:    refNum(raw, f[tChildren]),
		AFToPay:     domain.Money(refNum(raw, f[tAFToPay])),
		AFToDeduct:  domain.Money(refNum(raw, f[tAFToDeduct])),
		AFNet:       domain.Money(refNum(raw, f[tAFNet])),
		ImmatSum:    refNum(raw, f[tImmatSum]),
	}
}

// DecodePreTotals decodes an A03 record.
func refDecodePreTotals(raw string) PreTotals {
	return refDecodePreTotalsFields(refPad(raw), PreTotalsLayout.Fields)
}

// DecodeLineTotals decodes a B03/E03 record.
func refDecodeLineTotals(raw string) LineTotals {
	raw = refPad(raw)
	f := LineTotalsLayout.Fields
	return LineTotals{
		PreTotals:   refDecodePreTotalsFields(raw, f),
		AFToReverse: domain.Money(refNum(raw, f[ltAFToReverse])),
		Days:        refNum(raw, f[ltDays]),
		Real:        domain.Money(refNum(raw, f[ltReal])),
		Capped:      domain.Money(refNum(raw, f[ltCapped])),
		Ctr:         refNum(raw, f[ltCtr]),
	}
}

// DecodeEntrant decodes a B04/E04 record.
func refDecodeEntrant(raw string) Entrant {
	raw = refPad(raw)
	f := EntrantLayout.Fields
	return Entrant{
		Affiliation: refDigits(raw, f[nAffiliation]),
		Period:      refPeriod(raw, f[nPeriod]),
		Immat:       refDigits(raw, f[nImmat]),
		Name:        refText(raw, f[nName]),
		CIN:         refText(raw, f[nCIN]),
		Days:        int(refNum(raw, f[nDays])),
		Real:        domain.Money(refNum(raw, f[nReal])),
		Capped:      domain.Money(refNum(raw, f[nCapped])),
		Ctr:         refNum(raw, f[nCtr]),
	}
}

// DecodeTotals decodes a B05/B06/E05/E06 record.
func refDecodeTotals(raw string) Totals {
	raw = refPad(raw)
	f := EntrantTotalsLayout.Fields
	return Totals{
		Affiliation: refDigits(raw, f[etAffiliation]),
		Period:      refPeriod(raw, f[etPeriod]),
		Count:       refNum(raw, f[etCount]),
		ImmatSum:    refNum(raw, f[etImmatSum]),
		Days:        refNum(raw, f[etDays]),
		Real:        domain.Money(refNum(raw, f[etReal])),
		Capped:      domain.Money(refNum(raw, f[etCapped])),
		Ctr:         refNum(raw, f[etCtr]),
	}
}

func refAtoi(v string) (int, bool) {
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

func refField(raw string, f Field) string { return raw[f.Start : f.Start+f.Width] }

func refIsSpaces(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] != ' ' {
			return false
		}
	}
	return len(v) > 0
}
