package cnssfile

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// digits8 gives the eight digits of every value below 10⁶, of random ones
// up to 10⁸ and of the edges (the quotient tricks are exact on these ranges).
func TestDigits8(t *testing.T) {
	check := func(u uint64) {
		var b [8]byte
		w := digits8(u)
		for i := range b {
			b[i] = byte(w >> (8 * i))
		}
		if want := fmt.Sprintf("%08d", u); string(b[:]) != want {
			t.Fatalf("digits8(%d) = %q, want %q", u, b, want)
		}
	}
	for u := range uint64(1_000_000) {
		check(u)
	}
	rng := rand.New(rand.NewPCG(19, 20))
	for range 1_000_000 {
		check(rng.Uint64N(100_000_000))
	}
	for _, u := range []uint64{99_999_999, 10_000_000, 9_999_999, 99_990_000, 99_009_999, 43_699, 10_000, 9_999} {
		check(u)
	}
}

// putNum writes exactly the field's bytes, at every start and width (the
// word path and the digit path), and refuses what does not fit without
// writing anything.
func TestPutNumEveryPlace(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for start := 0; start <= 16; start++ {
		for w := 0; w <= 19; w++ {
			for range 200 {
				rec := make([]byte, start+w+rng.IntN(4))
				for i := range rec {
					rec[i] = byte(rng.IntN(256))
				}
				before := bytes.Clone(rec)
				var v int64
				switch rng.IntN(4) {
				case 0:
					v = rng.Int64()
				case 1:
					v = -rng.Int64N(1000) - 1
				default:
					if w < 19 {
						v = rng.Int64N(refPow10[w] + 2)
					} else {
						v = 1<<63 - 1 - rng.Int64N(10)
					}
				}
				fits := v >= 0 && (w >= 19 || v < refPow10[w])
				if got := putNum(rec, span{start, w}, v); got != fits {
					t.Fatalf("putNum(%d…%d, %d) = %v", start, start+w, v, got)
				}
				want := bytes.Clone(before)
				if fits {
					copy(want[start:], fmt.Sprintf("%0*d", w, v)[max(0, len(fmt.Sprintf("%0*d", w, v))-w):])
				}
				if !bytes.Equal(rec, want) {
					t.Fatalf("putNum(%d…%d, %d): %q, want %q", start, start+w, v, rec, want)
				}
			}
		}
	}
}

// encodeCase builds random values for every record family: valid ones, and
// invalid ones of every kind the encoder refuses (negative, too wide, a
// forbidden character, a non-digit identifier).
type encodeCase struct{ rng *rand.Rand }

func (c encodeCase) str(width int, digits bool) string {
	const good, bad = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ", "a\t-é/\x00"
	n := c.rng.IntN(width + 1)
	if c.rng.IntN(20) == 0 {
		n = width + 1 + c.rng.IntN(3)
	}
	b := make([]byte, 0, n)
	for range n {
		switch {
		case digits && c.rng.IntN(40) != 0:
			b = append(b, byte('0'+c.rng.IntN(10)))
		case c.rng.IntN(60) == 0:
			b = append(b, bad[c.rng.IntN(len(bad))])
		default:
			b = append(b, good[c.rng.IntN(len(good))])
		}
	}
	return string(b)
}

func (c encodeCase) num(width int) int64 {
	switch c.rng.IntN(12) {
	case 0:
		return -c.rng.Int64N(100) - 1
	case 1:
		return c.rng.Int64()
	case 2:
		return 0
	}
	if width >= 19 {
		return c.rng.Int64()
	}
	return c.rng.Int64N(refPow10[width] + refPow10[width]/20 + 1)
}

func (c encodeCase) period() domain.Period {
	return domain.NewPeriod(c.rng.IntN(10_500)-100, time.Month(c.rng.IntN(14)))
}

func (c encodeCase) date() domain.Date {
	if c.rng.IntN(4) == 0 {
		return domain.Date{}
	}
	return domain.Date{Year: c.rng.IntN(10_200), Month: time.Month(c.rng.IntN(14)), Day: c.rng.IntN(40)}
}

func (c encodeCase) insured() Insured {
	return Insured{Affiliation: c.str(7, true), Period: c.period(), Immat: c.str(9, true), Name: c.str(60, false),
		Children: int(c.num(2)), AFToPay: domain.Money(c.num(6)), AFToDeduct: domain.Money(c.num(6)), AFNet: domain.Money(c.num(6))}
}

func (c encodeCase) preTotals() PreTotals {
	return PreTotals{Affiliation: c.str(7, true), Period: c.period(), Count: c.num(6), Children: c.num(6),
		AFToPay: domain.Money(c.num(12)), AFToDeduct: domain.Money(c.num(12)), AFNet: domain.Money(c.num(12)), ImmatSum: c.num(15)}
}

// sameEncoding fails t unless both encodings gave the same bytes and the
// same error (code, field and message).
func sameEncoding(t *testing.T, what string, got []byte, gotErr error, want []byte, wantErr error) {
	t.Helper()
	if !bytes.Equal(got, want) || (gotErr == nil) != (wantErr == nil) ||
		gotErr != nil && (i18n.Message(gotErr, i18n.EN) != i18n.Message(wantErr, i18n.EN) || i18n.Code(gotErr) != i18n.Code(wantErr)) {
		t.Fatalf("%s:\n got  %q %v\n want %q %v", what, got, gotErr, want, wantErr)
	}
}

// Every record encoder writes the same bytes and reports the same error as
// the reference (encoderef_test.go), on random values valid and invalid.
func TestEncodeAgrees(t *testing.T) {
	c := encodeCase{rand.New(rand.NewPCG(23, 24))}
	prefix := []byte("prefix")
	for range 20_000 {
		line := c.rng.IntN(20_000)
		h := Header{TransferID: c.str(14, true), Cat: c.str(2, false)}
		got, gerr := AppendHeader(prefix, "B00", line, h)
		want, werr := refAppendHeader(prefix, "B00", line, h)
		sameEncoding(t, "header", got, gerr, want, werr)

		em := Employer{Affiliation: c.str(7, true), Period: c.period(), Name: c.str(40, false), Activity: c.str(40, false),
			Address: c.str(120, false), City: c.str(20, false), PostalCode: c.str(6, false), Agency: c.str(2, false), IssueDate: c.date(), DueDate: c.date()}
		got, gerr = AppendEmployer(prefix, "E01", line, em)
		want, werr = refAppendEmployer(prefix, "E01", line, em)
		sameEncoding(t, "employer", got, gerr, want, werr)

		in := c.insured()
		got, gerr = AppendInsured(prefix, line, in)
		want, werr = refAppendInsured(prefix, line, in)
		sameEncoding(t, "insured", got, gerr, want, werr)

		sit := []domain.Situation{"", "SO", "DE", "IT", "AT", "CS", "MS", "MP", "X", "so", "ABC"}[c.rng.IntN(11)]
		l := Line{Insured: c.insured(), AFToReverse: domain.Money(c.num(6)), Days: int(c.num(2)), Real: domain.Money(c.num(13)),
			Capped: domain.Money(c.num(9)), Situation: sit, Ctr: c.num(19)}
		got, gerr = AppendLine(prefix, "B02", line, l)
		want, werr = refAppendLine(prefix, "B02", line, l)
		sameEncoding(t, "line", got, gerr, want, werr)

		pt := c.preTotals()
		got, gerr = AppendPreTotals(prefix, line, pt)
		want, werr = refAppendPreTotals(prefix, line, pt)
		sameEncoding(t, "pretotals", got, gerr, want, werr)

		lt := LineTotals{PreTotals: c.preTotals(), AFToReverse: domain.Money(c.num(12)), Days: c.num(6), Real: domain.Money(c.num(15)),
			Capped: domain.Money(c.num(13)), Ctr: c.num(19)}
		got, gerr = AppendLineTotals(prefix, "E03", line, lt)
		want, werr = refAppendLineTotals(prefix, "E03", line, lt)
		sameEncoding(t, "linetotals", got, gerr, want, werr)

		en := Entrant{Affiliation: c.str(7, true), Period: c.period(), Immat: c.str(9, true), Name: c.str(60, false), CIN: c.str(8, false),
			Days: int(c.num(2)), Real: domain.Money(c.num(13)), Capped: domain.Money(c.num(9)), Ctr: c.num(19)}
		got, gerr = AppendEntrant(prefix, "B04", line, en)
		want, werr = refAppendEntrant(prefix, "B04", line, en)
		sameEncoding(t, "entrant", got, gerr, want, werr)

		to := Totals{Affiliation: c.str(7, true), Period: c.period(), Count: c.num(6), ImmatSum: c.num(15), Days: c.num(6),
			Real: domain.Money(c.num(15)), Capped: domain.Money(c.num(13)), Ctr: c.num(19)}
		got, gerr = AppendTotals(prefix, "B06", line, to)
		want, werr = refAppendTotals(prefix, "B06", line, to)
		sameEncoding(t, "totals", got, gerr, want, werr)
	}
}

// FuzzEncodeLine: AppendLine writes what the reference writes for any
// values.
func FuzzEncodeLine(f *testing.F) {
	f.Add("1234567", 2026, 1, "123456785", "ALAMI SARA", 2, int64(60000), int64(600000), int64(600000), "SO", int64(1<<63-1))
	f.Add("", 0, 0, "", "", 0, int64(0), int64(0), int64(0), "", int64(0))
	f.Add("12a", 10000, 13, "1234567890", "é", -1, int64(-5), int64(1e13), int64(1e9), "xx", int64(-1))
	f.Fuzz(func(t *testing.T, aff string, year, month int, immat, name string, days int, af, real, capped int64, sit string, ctr int64) {
		l := Line{Insured: Insured{Affiliation: aff, Period: domain.NewPeriod(year, time.Month(month)), Immat: immat, Name: name, Children: days, AFToPay: domain.Money(af), AFNet: domain.Money(af / 2)},
			AFToReverse: domain.Money(af), Days: days, Real: domain.Money(real), Capped: domain.Money(capped), Situation: domain.Situation(sit), Ctr: ctr}
		got, gerr := AppendLine(nil, "E02", 7, l)
		want, werr := refAppendLine(nil, "E02", 7, l)
		sameEncoding(t, "line", got, gerr, want, werr)
	})
}

// fileTextWord and digitWord agree with their byte-by-byte definitions on
// words of allowed bytes with each of the 256 values at each position, and
// on random words.
func TestEncoderWordTests(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	const text, digit = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ", "0123456789"
	try := func(b [8]byte) {
		wantText, wantDigit := true, true
		var x uint64
		for i, c := range b {
			x |= uint64(c) << (8 * i)
			wantText = wantText && charOK[c] && c != '\t'
			wantDigit = wantDigit && c >= '0' && c <= '9'
		}
		if fileTextWord(x) != wantText || digitWord(x) != wantDigit {
			t.Fatalf("%q: fileTextWord %v, digitWord %v", b, fileTextWord(x), digitWord(x))
		}
	}
	for range 200 {
		var tb, db [8]byte
		for i := range tb {
			tb[i], db[i] = text[rng.IntN(len(text))], digit[rng.IntN(len(digit))]
		}
		for k := range 8 {
			for c := range 256 {
				t2, d2 := tb, db
				t2[k], d2[k] = byte(c), byte(c)
				try(t2)
				try(d2)
			}
		}
		var r [8]byte
		for i := range r {
			r[i] = byte(rng.IntN(256))
		}
		try(r)
	}
}
