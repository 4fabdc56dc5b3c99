package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math/rand/v2"
	"reflect"
	"testing"
)

// samePlainAsCSV fails when plainRecords and encoding/csv (configured as
// ReadPayroll configures it) read a quote-free text differently: records,
// fields, line numbers or the end.
func samePlainAsCSV(t *testing.T, text string, comma rune) {
	t.Helper()
	cr := csv.NewReader(bytes.NewReader([]byte(text)))
	cr.Comma, cr.FieldsPerRecord, cr.TrimLeadingSpace = comma, -1, true
	p := &plainRecords{text: text, comma: byte(comma)}
	for n := 0; ; n++ {
		want, werr := cr.Read()
		got, gline, gerr := p.next()
		if werr != nil || gerr != nil {
			if !errors.Is(werr, io.EOF) || !errors.Is(gerr, io.EOF) {
				t.Fatalf("%q record %d: encoding/csv %v, plain %v", text, n, werr, gerr)
			}
			return
		}
		wline, _ := cr.FieldPos(0)
		if !reflect.DeepEqual(got, want) || gline != wline {
			t.Fatalf("%q record %d: encoding/csv %q line %d, plain %q line %d", text, n, want, wline, got, gline)
		}
	}
}

// TestPlainRecordsAreCSV: 100 000 random quote-free texts made of fields,
// separators of both kinds, LF, CRLF, lone CRs, blank lines, spaces, tabs
// and no-break spaces read the same with plainRecords and encoding/csv.
func TestPlainRecordsAreCSV(t *testing.T) {
	pieces := []string{"a", "12", "BK 9", ";", ";", ",", "\n", "\n", "\r\n", "\r", " ", "\t", "\u00a0", "\u0085", "é", ""}
	r := rand.New(rand.NewPCG(7, 8))
	for range 100_000 {
		var b []byte
		for range r.IntN(14) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		comma := ';'
		if r.IntN(3) == 0 {
			comma = ','
		}
		samePlainAsCSV(t, string(b), comma)
	}
	// The text with a quote goes to encoding/csv.
	if _, ok := newCSVRecords("a;\"b\"\n", ';').(stdRecords); !ok {
		t.Fatal("a quoted text was not read by encoding/csv")
	}
	if _, ok := newCSVRecords("a;b\n", ';').(*plainRecords); !ok {
		t.Fatal("a quote-free text was not read by plainRecords")
	}
}

// FuzzPlainRecords: plainRecords reads any quote-free text as encoding/csv does.
func FuzzPlainRecords(f *testing.F) {
	f.Add("immatriculation;jours\n123456785; 26\r\n\n\r\n   \n;;\r")
	f.Add("a,b\r\r\n\u00a0c,\u2028d\n")
	f.Fuzz(func(t *testing.T, text string) {
		if bytes.IndexByte([]byte(text), '"') >= 0 {
			return
		}
		samePlainAsCSV(t, text, ';')
		samePlainAsCSV(t, text, ',')
	})
}
