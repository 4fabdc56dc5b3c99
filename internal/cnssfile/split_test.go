package cnssfile

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// refSplitString is SplitString as it was (it counted the lines first):
// the reference of the differential tests.
func refSplitString(data string) []Record {
	data = strings.TrimPrefix(data, bom)
	n := strings.Count(data, "\n") + 1
	recs := make([]Record, 0, n)
	line := 0
	for len(data) > 0 {
		line++
		i := strings.IndexByte(data, '\n')
		var raw string
		if i < 0 {
			raw, data = data, ""
		} else {
			raw, data = data[:i], data[i+1:]
		}
		if k := len(raw); k > 0 && raw[k-1] == '\r' {
			raw = raw[:k-1]
		}
		recs = append(recs, Record{Line: line, Raw: raw})
	}
	for len(recs) > 0 && isBlank(recs[len(recs)-1].Raw) {
		recs = recs[:len(recs)-1]
	}
	return recs
}

// splitAgrees fails t unless SplitString gives the reference's records and
// a slice with no more room than a file of full records needs, or than
// its line count, for a file that outgrew that.
func splitAgrees(t testing.TB, data string) {
	t.Helper()
	got, want := SplitString(data), refSplitString(data)
	if !slices.Equal(got, want) {
		t.Fatalf("SplitString(%q) = %v, want %v", data, got, want)
	}
	if c := cap(got); c > max(len(data)/(RecordLen+1)+1, strings.Count(data, "\n")+1) {
		t.Fatalf("SplitString(%q): capacity %d for %d records", data, c, len(got))
	}
}

// SplitString cuts every file as the reference does: files of full
// records, of short lines (which outgrow the first guess), of long ones,
// with LF, CRLF, lone CR, a BOM, blank lines inside and at the end, spaces
// and TABs at the end, no final terminator.
func TestSplitAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	pieces := []string{"\n", "\r\n", "\r", " ", "\t", bom, "B02", "é"}
	for range 20_000 {
		var b strings.Builder
		if rng.IntN(4) == 0 {
			b.WriteString(bom)
		}
		for range rng.IntN(30) {
			switch rng.IntN(4) {
			case 0:
				b.WriteString(strings.Repeat(" ", rng.IntN(RecordLen+3)))
			case 1:
				b.WriteString(strings.Repeat("A", RecordLen))
			default:
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			if rng.IntN(3) > 0 {
				b.WriteString([]string{"\n", "\r\n"}[rng.IntN(2)])
			}
		}
		splitAgrees(t, b.String())
	}
	for _, s := range []string{"", "\n", bom, bom + "\n", strings.Repeat("\n", 1000), strings.Repeat("x\n", 1000), strings.Repeat(blankRecord+"\n", 50) + "\n \t\r\n"} {
		splitAgrees(t, s)
	}
}

// FuzzSplit: SplitString cuts any input as the reference does.
func FuzzSplit(f *testing.F) {
	f.Add("")
	f.Add(bom + strings.Repeat("A", RecordLen) + "\r\n\n  \n")
	f.Add("x\ny\r\n\r\nz")
	f.Fuzz(func(t *testing.T, s string) {
		splitAgrees(t, s)
	})
}
