package cnssfile

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// decodeAgrees fails t unless every decoder reads raw as its reference
// (decoderef_test.go: the decoders before the word-at-a-time reads) does.
func decodeAgrees(t testing.TB, raw string) {
	t.Helper()
	if got, want := DecodeHeader(raw), refDecodeHeader(raw); got != want {
		t.Fatalf("DecodeHeader(%q) = %+v, want %+v", raw, got, want)
	}
	if got, want := DecodeEmployer(raw), refDecodeEmployer(raw); got != want {
		t.Fatalf("DecodeEmployer(%q) = %+v, want %+v", raw, got, want)
	}
	if got, want := DecodeInsured(raw), refDecodeInsured(raw); got != want {
		t.Fatalf("DecodeInsured(%q) = %+v, want %+v", raw, got, want)
	}
	if got, want := DecodeLine(raw), refDecodeLine(raw); got != want {
		t.Fatalf("DecodeLine(%q) = %+v, want %+v", raw, got, want)
	}
	if got, want := DecodePreTotals(raw), refDecodePreTotals(raw); got != want {
		t.Fatalf("DecodePreTotals(%q) = %+v, want %+v", raw, got, want)
	}
	if got, want := DecodeLineTotals(raw), refDecodeLineTotals(raw); got != want {
		t.Fatalf("DecodeLineTotals(%q) = %+v, want %+v", raw, got, want)
	}
	if got, want := DecodeEntrant(raw), refDecodeEntrant(raw); got != want {
		t.Fatalf("DecodeEntrant(%q) = %+v, want %+v", raw, got, want)
	}
	if got, want := DecodeTotals(raw), refDecodeTotals(raw); got != want {
		t.Fatalf("DecodeTotals(%q) = %+v, want %+v", raw, got, want)
	}
}

// ownDecoder returns the decoder of layout l and its reference.
func ownDecoder(l *Layout) func(raw string) (got, want any) {
	switch l {
	case HeaderLayout:
		return func(raw string) (any, any) { return DecodeHeader(raw), refDecodeHeader(raw) }
	case EmployerLayout:
		return func(raw string) (any, any) { return DecodeEmployer(raw), refDecodeEmployer(raw) }
	case InsuredLayout:
		return func(raw string) (any, any) { return DecodeInsured(raw), refDecodeInsured(raw) }
	case LineLayout:
		return func(raw string) (any, any) { return DecodeLine(raw), refDecodeLine(raw) }
	case PreTotalsLayout:
		return func(raw string) (any, any) { return DecodePreTotals(raw), refDecodePreTotals(raw) }
	case LineTotalsLayout:
		return func(raw string) (any, any) { return DecodeLineTotals(raw), refDecodeLineTotals(raw) }
	case EntrantLayout:
		return func(raw string) (any, any) { return DecodeEntrant(raw), refDecodeEntrant(raw) }
	case EntrantTotalsLayout:
		return func(raw string) (any, any) { return DecodeTotals(raw), refDecodeTotals(raw) }
	}
	panic(l.Name)
}

// Each layout's decoder reads every single-byte alteration of random valid
// records of its layout (each of the 256 byte values at each of the 260
// positions) as its reference does; every decoder is run on a sixteenth of
// them too.
func TestDecodeEveryByte(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, l := range allLayouts {
		dec := ownDecoder(l)
		for range 2 {
			good := randomRecord(rng, l)
			for i := range RecordLen {
				alt := everyByteAt(good, i)
				for c := range 256 {
					s := alt[c*RecordLen : (c+1)*RecordLen]
					if got, want := dec(s); got != want {
						t.Fatalf("%s %q: %+v, want %+v", l.Name, s, got, want)
					}
					if c%16 == i%16 {
						decodeAgrees(t, s)
					}
				}
			}
		}
	}
}

// Random valid records with up to eight random bytes changed, digits at
// the edges of their fields' widths (all nines, the int64 limit and one
// above), blank and space-padded numbers, and records cut short or too long.
func TestDecodeRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for _, l := range allLayouts {
		for range 20_000 {
			raw := []byte(randomRecord(rng, l))
			for range rng.IntN(9) {
				raw[rng.IntN(RecordLen)] = byte(rng.IntN(256))
			}
			f := l.Fields[rng.IntN(len(l.Fields))]
			v := raw[f.Start:f.End()]
			switch rng.IntN(6) {
			case 0:
				copy(v, strings.Repeat("9", len(v)))
			case 1:
				copy(v, strings.Repeat(" ", len(v)))
			case 2:
				if len(v) == 19 {
					copy(v, []string{maxInt64Text, "9223372036854775808"}[rng.IntN(2)])
				}
			case 3:
				copy(v, " 1")
			}
			s := string(raw)
			switch rng.IntN(8) {
			case 0:
				s = s[:rng.IntN(RecordLen)]
			case 1:
				s += strings.Repeat("7", rng.IntN(20))
			}
			decodeAgrees(t, s)
		}
	}
}

// num agrees with the reference at every start and width of a field, on
// digits, digits with one byte changed, and blanks.
func TestNumEveryWidth(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for width := 0; width <= 20; width++ {
		for start := 0; start <= 24; start++ {
			for range 300 {
				b := make([]byte, start+width+rng.IntN(3))
				for i := range b {
					b[i] = byte('0' + rng.IntN(10))
				}
				if rng.IntN(2) == 0 && len(b) > 0 {
					b[rng.IntN(len(b))] = byte(rng.IntN(256))
				}
				if width == 19 && rng.IntN(3) == 0 {
					copy(b[start:], []string{maxInt64Text, "9223372036854775808", "9999999999999999999"}[rng.IntN(3)])
				}
				f := Field{Name: "N_X", Start: start, Width: width, Kind: N}
				if got, want := num(string(b), f), refNum(string(b), f); got != want {
					t.Fatalf("num(%q, %d…%d) = %d, want %d", b, start, start+width, got, want)
				}
			}
		}
	}
}

// FuzzDecode: every decoder reads any input as its reference does.
func FuzzDecode(f *testing.F) {
	rng := rand.New(rand.NewPCG(17, 18))
	for _, l := range allLayouts {
		f.Add(randomRecord(rng, l))
	}
	f.Add("")
	f.Add("B02")
	f.Fuzz(func(t *testing.T, s string) {
		decodeAgrees(t, s)
	})
}

// BenchmarkDecodeInsured: decoding one A02 record.
func BenchmarkDecodeInsured(b *testing.B) {
	raw, err := AppendInsured(nil, 3, Insured{Affiliation: "1234567", Immat: "123456785", Name: "ALAMI SARA", Children: 2, AFToPay: 60000, AFNet: 60000})
	if err != nil {
		b.Fatal(err)
	}
	s := strings.TrimSuffix(string(raw), "\n")
	b.SetBytes(RecordLen)
	b.ReportAllocs()
	for b.Loop() {
		if DecodeInsured(s).Children != 2 {
			b.Fatal("children")
		}
	}
}
