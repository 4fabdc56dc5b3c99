package cnssfile

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// allLayouts are the eight record layouts.
var allLayouts = []*Layout{HeaderLayout, EmployerLayout, InsuredLayout, LineLayout,
	PreTotalsLayout, LineTotalsLayout, EntrantLayout, EntrantTotalsLayout}

// randomRecord returns a random well-formed record of layout l: AN fields of
// the 38 allowed characters (often space-padded), N fields of digits (a
// 19-digit one at most 9223372036854775807, often near it), valid periods
// and dates (at the edges of their ranges too), blank fillers.
func randomRecord(rng *rand.Rand, l *Layout) string {
	const an = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \t"
	b := []byte(blankRecord)
	for _, f := range l.Fields {
		v := b[f.Start:f.End()]
		switch f.Kind {
		case AN:
			n := rng.IntN(f.Width + 1)
			for i := range n {
				v[i] = an[rng.IntN(len(an))]
			}
		case N:
			for i := range v {
				v[i] = byte('0' + rng.IntN(10))
			}
			if f.Width == 19 {
				switch rng.IntN(4) {
				case 0:
					copy(v, maxInt64Text)
				case 1: // just below the limit at a random digit
					copy(v, maxInt64Text)
					i := rng.IntN(19)
					for v[i] == '0' {
						i = rng.IntN(19)
					}
					v[i]--
				default:
					v[0] = byte('0' + rng.IntN(9))
				}
			}
		case P:
			y := []int{1950, 2199, 1950 + rng.IntN(250)}[rng.IntN(3)]
			copy(v, fmt.Sprintf("%04d%02d", y, 1+rng.IntN(12)))
		case D:
			y, m := 1900+rng.IntN(300), 1+rng.IntN(12)
			days := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
			if m == 2 && (y%4 == 0 && y%100 != 0 || y%400 == 0) {
				days = 29
			}
			d := 1 + rng.IntN(days)
			if rng.IntN(3) == 0 {
				d = days
			}
			copy(v, fmt.Sprintf("%04d%02d%02d", y, m, d))
		}
	}
	return string(b)
}

// checkAgrees fails t unless Check, wellFormed and the field-by-field search
// agree on raw.
func checkAgrees(t testing.TB, raw string, l *Layout) {
	t.Helper()
	got, want := Check(nil, raw, l), checkFields(nil, raw, l)
	if !slices.Equal(got, want) || wellFormed(raw, l) != (len(want) == 0) {
		t.Fatalf("%s %q: Check %v (wellFormed %v), field by field %v", l.Name, raw, got, wellFormed(raw, l), want)
	}
}

// everyByteAt returns the 256 records good with byte i set to 0…255, one
// after the other in one string (one allocation, not 256).
func everyByteAt(good string, i int) string {
	b := make([]byte, 0, 256*len(good))
	for c := range 256 {
		b = append(b, good...)
		b[c*len(good)+i] = byte(c)
	}
	return string(b)
}

// wellFormed (the word-at-a-time test) answers exactly what the field by
// field search finds, on random valid records of every layout and on every
// single-byte alteration of them: each of the 256 byte values at each of the
// 260 positions (a digit for a letter, a space, a TAB, lower case,
// punctuation, control and non-ASCII bytes, the bytes just outside each
// class's bounds).
func TestWellFormedEveryByte(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, l := range allLayouts {
		for r := range 3 {
			good := randomRecord(rng, l)
			if len(Check(nil, good, l)) != 0 || !wellFormed(good, l) {
				t.Fatalf("%s: random valid record %q has issues %v", l.Name, good, Check(nil, good, l))
			}
			for i := range RecordLen {
				alt := everyByteAt(good, i)
				for c := range 256 {
					if r > 0 && c%3 != i%3 { // the first record gets every value, the others a third
						continue
					}
					checkAgrees(t, alt[c*RecordLen:(c+1)*RecordLen], l)
				}
			}
		}
	}
}

// Random valid records, with two to eight bytes changed and the targeted
// values at the edges: 19-digit numbers around the int64 limit, years
// 1949/1950/2199/2200, months 00/13, days 00, 29 February, 31 April.
func TestWellFormedRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	edges := map[Kind][]string{
		N: {"9223372036854775808", "9223372036854775807", "9300000000000000000", "8999999999999999999", "9999999999999999999", "9223372036854775799"},
		P: {"194912", "195001", "219912", "220001", "202600", "202613", "202699", "000000"},
		D: {"20240229", "20230229", "21000229", "20000229", "20260431", "20260430", "20260100", "18991231", "19000101", "21991231", "22000101", "20261301"},
	}
	for _, l := range allLayouts {
		for range 20_000 {
			raw := []byte(randomRecord(rng, l))
			for range rng.IntN(9) {
				raw[rng.IntN(RecordLen)] = byte(rng.IntN(256))
			}
			if f := l.Fields[rng.IntN(len(l.Fields))]; len(edges[f.Kind]) > 0 && (f.Kind != N || f.Width == 19) {
				e := edges[f.Kind]
				copy(raw[f.Start:], e[rng.IntN(len(e))])
			}
			checkAgrees(t, string(raw), l)
		}
	}
}

// A record of another length is not checked (the caller reports its length).
func TestCheckWrongLength(t *testing.T) {
	good := randomRecord(rand.New(rand.NewPCG(7, 8)), LineLayout)
	for _, raw := range []string{"", good[:259], good + " ", good + "\r", strings.Repeat("é", 131), good + good} {
		if got := Check([]Issue{{Kind: IssueBlank}}, raw, LineLayout); len(got) != 1 {
			t.Errorf("%d bytes: %v", len(raw), got)
		}
	}
}

// FuzzCheck: on any 260 bytes, for every layout, wellFormed and the field by
// field search agree.
func FuzzCheck(f *testing.F) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, l := range allLayouts {
		f.Add(randomRecord(rng, l))
	}
	f.Add(strings.Repeat("9", RecordLen))
	f.Fuzz(func(t *testing.T, s string) {
		raw := pad(s)
		for _, l := range allLayouts {
			checkAgrees(t, raw, l)
		}
	})
}
