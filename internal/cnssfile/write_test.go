package cnssfile

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

func bigDeclaration(n int) *Declaration {
	per := domain.NewPeriod(2026, 1)
	d := &Declaration{Prefix: 'B', Header: Header{TransferID: "12345672601001", Cat: "B0"},
		Employer: Employer{Affiliation: "1234567", Period: per, Name: "X"}}
	for i := 0; i < n; i++ {
		d.Lines = append(d.Lines, Line{Insured: Insured{Affiliation: "1234567", Period: per, Immat: "123456785", Name: "A"}, Days: 26, Real: 100, Capped: 100})
	}
	d.Entrants = []Entrant{{Affiliation: "1234567", Period: per}}
	return d
}

// The parallel encoding of a large file gives the same bytes as record by
// record, and reports the first error in file order.
func TestAppendDeclarationParallel(t *testing.T) {
	d := bigDeclaration(20_000)
	got, err := AppendDeclaration(nil, d)
	if err != nil {
		t.Fatal(err)
	}
	var want []byte
	want, _ = AppendHeader(want, "B00", 1, d.Header)
	want, _ = AppendEmployer(want, "B01", 2, d.Employer)
	for i, l := range d.Lines {
		want, _ = AppendLine(want, "B02", 3+i, l)
	}
	want, _ = AppendLineTotals(want, "B03", 3+len(d.Lines), d.LineTotals)
	want, _ = AppendEntrant(want, "B04", 4+len(d.Lines), d.Entrants[0])
	want, _ = AppendTotals(want, "B05", 5+len(d.Lines), d.EntrantTotals)
	want, _ = AppendTotals(want, "B06", 6+len(d.Lines), d.GrandTotals)
	if !bytes.Equal(got, want) {
		t.Fatal("parallel encoding differs from sequential encoding")
	}
	for _, bad := range [][]int{{15_000, 7_000}, {19_999}, {0, 19_999}} {
		d := bigDeclaration(20_000)
		for _, i := range bad {
			d.Lines[i].Name = "é"
		}
		_, err := AppendDeclaration(nil, d)
		first := min(bad[0], bad[len(bad)-1])
		if want := "line " + itoa(3+first) + ","; err == nil || !strings.Contains(i18n.Message(err, i18n.EN), want) {
			t.Errorf("bad lines %v: %v (want line %d)", bad, err, 3+first)
		}
	}
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

// The encoder writes an N field as the zero-padded decimal of its value
// and refuses a negative value or one wider than the field, at every width
// (compared with fmt's %0*d).
func TestEncoderNum(t *testing.T) {
	for w := 1; w <= 19; w++ {
		f := Field{Name: "N_X", Start: 3, Width: w, Kind: N}
		limit := int64(1<<63 - 1)
		if w < 19 {
			limit = pow10[w] - 1
		}
		for _, v := range []int64{0, 1, 9, 10, 42, limit / 10, limit - 1, limit, limit + 1, -1, 1<<63 - 1} {
			e := encoder{}
			buf := e.start(nil, "B02", 1)
			if !putNum(e.rec, span{f.Start, f.Width}, v) {
				e.numFail(f, v)
			}
			fits := v >= 0 && v <= limit
			if (e.err == nil) != fits {
				t.Fatalf("width %d, %d: error %v", w, v, e.err)
			}
			want := strings.Repeat(" ", w)
			if fits {
				want = fmt.Sprintf("%0*d", w, v)
			}
			if got := string(buf[3 : 3+w]); got != want {
				t.Fatalf("width %d, %d: %q, want %q", w, v, got, want)
			}
		}
	}
}

// BenchmarkAppendLine: encoding one B02 record with a 19-digit S_Ctr.
func BenchmarkAppendLine(b *testing.B) {
	l := Line{Insured: Insured{Affiliation: "1234567", Period: domain.NewPeriod(2026, 1), Immat: "123456785", Name: "ALAMI SARA", Children: 2, AFToPay: 60000, AFNet: 60000},
		Days: 26, Real: 600000, Capped: 600000, Situation: "SO", Ctr: 1<<62 + 42}
	buf := make([]byte, 0, RecordLen+1)
	b.SetBytes(RecordLen + 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := AppendLine(buf[:0], "B02", 3, l); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAppendDeclaration10k: a whole DS of 10 000 lines (encoded in
// parallel chunks on every CPU).
func BenchmarkAppendDeclaration10k(b *testing.B) {
	d := bigDeclaration(10_000)
	for i := range d.Lines {
		d.Lines[i].Real = domain.Money(100_000 + 37*i)
		d.Lines[i].Ctr = int64(i) * 922_337_203_685_477
	}
	buf := make([]byte, 0, (len(d.Lines)+6)*(RecordLen+1))
	b.SetBytes(int64(cap(buf)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := AppendDeclaration(buf[:0], d); err != nil {
			b.Fatal(err)
		}
	}
}
