package cnssfile

import (
	"math/rand/v2"
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
	b.ReportAllocs()
	for b.Loop() {
		if DecodeLine(raw).Days != 26 {
			b.Fatal("days")
		}
	}
}

// Check's one-pass test of a well-formed record and its field-by-field
// search agree: on valid records of every layout with one to three bytes
// changed (a digit, a letter, a space, lower case, a TAB, an accent, a
// 19-digit overflow, an impossible month or day), Check finds an issue
// exactly when checkFields does, and the same issues.
func TestCheckOnePassAgrees(t *testing.T) {
	per := domain.NewPeriod(2026, 1)
	valid := map[*Layout]string{}
	rec := func(l *Layout, b []byte, err error) {
		if err != nil {
			t.Fatal(err)
		}
		valid[l] = strings.TrimSuffix(string(b), "\n")
	}
	b, err := AppendHeader(nil, "B00", 1, Header{TransferID: "12345672601001", Cat: "B0"})
	rec(HeaderLayout, b, err)
	b, err = AppendEmployer(nil, "B01", 2, Employer{Affiliation: "1234567", Period: per, Name: "ATLAS SARL", City: "RABAT",
		IssueDate: domain.Date{Year: 2026, Month: 1, Day: 28}, DueDate: domain.Date{Year: 2026, Month: 2, Day: 10}})
	rec(EmployerLayout, b, err)
	ins := Insured{Affiliation: "1234567", Period: per, Immat: "123456785", Name: "ALAMI SARA", Children: 2, AFToPay: 60000, AFNet: 60000}
	b, err = AppendInsured(nil, 3, ins)
	rec(InsuredLayout, b, err)
	b, err = AppendLine(nil, "B02", 3, Line{Insured: ins, Days: 26, Real: 600000, Capped: 600000, Situation: "SO", Ctr: 1<<63 - 1})
	rec(LineLayout, b, err)
	b, err = AppendPreTotals(nil, 4, PreTotals{Affiliation: "1234567", Period: per, Count: 1, ImmatSum: 123456785})
	rec(PreTotalsLayout, b, err)
	b, err = AppendLineTotals(nil, "B03", 4, LineTotals{PreTotals: PreTotals{Affiliation: "1234567", Period: per, Count: 1}, Ctr: 42})
	rec(LineTotalsLayout, b, err)
	b, err = AppendEntrant(nil, "B04", 5, Entrant{Affiliation: "1234567", Period: per, Immat: "000000000", Name: "X Y", CIN: "BK98765", Days: 3, Real: 100, Capped: 100})
	rec(EntrantLayout, b, err)
	b, err = AppendTotals(nil, "B05", 6, Totals{Affiliation: "1234567", Period: per, Count: 1, Ctr: 9})
	rec(EntrantTotalsLayout, b, err)

	alphabet := []byte("0123456789AZ \t-az/:\x00\xc3\xa9")
	rng := rand.New(rand.NewPCG(1, 2))
	for l, good := range valid {
		if len(good) != RecordLen {
			t.Fatalf("%s: %d bytes", l.Name, len(good))
		}
		if got := Check(nil, good, l); len(got) != 0 {
			t.Fatalf("%s: valid record has issues %v", l.Name, got)
		}
		for range 20_000 {
			raw := []byte(good)
			for range 1 + rng.IntN(3) {
				raw[rng.IntN(RecordLen)] = alphabet[rng.IntN(len(alphabet))]
			}
			// Targeted values: an overflowing 19-digit field, month 13, day 32.
			if f := l.Fields[rng.IntN(len(l.Fields))]; rng.IntN(4) == 0 {
				switch {
				case f.Kind == N && f.Width == 19:
					copy(raw[f.Start:], "9223372036854775808")
				case f.Kind == P:
					copy(raw[f.Start:], "202613")
				case f.Kind == D:
					copy(raw[f.Start:], "20260132")
				}
			}
			s := string(raw)
			got, want := Check(nil, s, l), checkFields(nil, s, l)
			if len(got) != len(want) || wellFormed(s, l) != (len(want) == 0) {
				t.Fatalf("%s %q: Check %v, field by field %v", l.Name, s, got, want)
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("%s %q: Check %v, field by field %v", l.Name, s, got, want)
				}
			}
		}
	}
	if len(valid) != 8 {
		t.Fatalf("%d layouts tested", len(valid))
	}
}

// BenchmarkCheck: the field check of one well-formed B02 record.
func BenchmarkCheck(b *testing.B) {
	per := domain.NewPeriod(2026, 1)
	raw, err := AppendLine(nil, "B02", 3, Line{Insured: Insured{Affiliation: "1234567", Period: per, Immat: "123456785", Name: "ALAMI SARA"},
		Days: 26, Real: 600000, Capped: 600000, Situation: "SO", Ctr: 42})
	if err != nil {
		b.Fatal(err)
	}
	s := strings.TrimSuffix(string(raw), "\n")
	b.SetBytes(RecordLen)
	b.ReportAllocs()
	for b.Loop() {
		if len(Check(nil, s, LineLayout)) != 0 {
			b.Fatal("issues")
		}
	}
}

// BenchmarkSplit10k: splitting a file of 10 000 records into records.
func BenchmarkSplit10k(b *testing.B) {
	data, err := AppendDeclaration(nil, bigDeclaration(10_000))
	if err != nil {
		b.Fatal(err)
	}
	s := string(data)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		if len(SplitString(s)) != 10_006 {
			b.Fatal("records")
		}
	}
}
