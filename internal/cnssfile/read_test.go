package cnssfile

import (
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
)

// num reads an N field of any width: digits give their value, anything else
// (a sign, a space, a letter, a value beyond int64) gives 0, at every width
// (the widths up to 18 take a path without an overflow test per digit).
func TestNum(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{
		{"0", 0}, {"7", 7}, {"000000042", 42}, {"13", 13},
		{"999999999999999999", 999_999_999_999_999_999},  // 18 digits: the widest of the fast path
		{"0999999999999999999", 999_999_999_999_999_999}, // 19 digits
		{"9223372036854775807", 1<<63 - 1},
		{"9223372036854775808", 0}, // overflow
		{"9999999999999999999", 0},
		{"12 4", 0}, {" 124", 0}, {"124 ", 0}, {"-12", 0}, {"+12", 0}, {"1A", 0}, {"/", 0}, {":", 0},
		{"00000000000000000/", 0}, {"000000000000000000:", 0},
		{"", 0},
	} {
		raw := c.in + strings.Repeat(" ", 3)
		if got := num(raw, Field{Name: "x", Start: 0, Width: len(c.in), Kind: N}); got != c.want {
			t.Errorf("num(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

// BenchmarkDecodeLine: decoding one B02 record (eleven N fields).
func BenchmarkDecodeLine(b *testing.B) {
	l := Line{Insured: Insured{Affiliation: "1234567", Period: domain.NewPeriod(2026, 1), Immat: "123456785", Name: "ALAMI SARA", Children: 2, AFToPay: 60000, AFNet: 60000},
		Days: 26, Real: 600000, Capped: 600000, Situation: "SO", Ctr: 1<<62 + 42}
	enc, err := AppendLine(nil, "B02", 3, l)
	if err != nil {
		b.Fatal(err)
	}
	raw := strings.TrimSuffix(string(enc), "\n")
	b.SetBytes(RecordLen)
	for b.Loop() {
		if DecodeLine(raw).Days != 26 {
			b.Fatal("days")
		}
	}
}
