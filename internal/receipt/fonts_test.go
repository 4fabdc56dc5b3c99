package receipt

import (
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf8"
)

// glyphIndex looks r up in the Unicode BMP cmap (format 4) of a TrueType
// font; 0 means no glyph.
func glyphIndex(t *testing.T, font []byte, r rune) int {
	t.Helper()
	u16 := func(o int) int { return int(binary.BigEndian.Uint16(font[o:])) }
	u32 := func(o int) int { return int(binary.BigEndian.Uint32(font[o:])) }
	cmap := -1
	for i := 0; i < u16(4); i++ {
		rec := 12 + 16*i
		if string(font[rec:rec+4]) == "cmap" {
			cmap = u32(rec + 8)
		}
	}
	if cmap < 0 {
		t.Fatal("no cmap table")
	}
	sub := -1
	for i := 0; i < u16(cmap+2); i++ {
		rec := cmap + 4 + 8*i
		pid, eid := u16(rec), u16(rec+2)
		if (pid == 3 && eid == 1) || (pid == 0 && eid == 3) {
			if o := cmap + u32(rec+4); u16(o) == 4 {
				sub = o
				break
			}
		}
	}
	if sub < 0 {
		t.Fatal("no format 4 Unicode cmap")
	}
	seg := u16(sub+6) / 2
	ends, starts := sub+14, sub+16+2*seg
	deltas, ranges := starts+2*seg, starts+4*seg
	c := int(r)
	for i := 0; i < seg; i++ {
		if c > u16(ends+2*i) {
			continue
		}
		start := u16(starts + 2*i)
		if c < start {
			return 0
		}
		delta, ro := u16(deltas+2*i), u16(ranges+2*i)
		if ro == 0 {
			return (c + delta) & 0xFFFF
		}
		g := u16(ranges + 2*i + ro + 2*(c-start))
		if g == 0 {
			return 0
		}
		return (g + delta) & 0xFFFF
	}
	return 0
}

// TestRepertoireInFont: every character of the repertoire has a glyph in the
// embedded fonts and in the subsets the documents embed.
func TestRepertoireInFont(t *testing.T) {
	regular, bold := fontSubsets()
	for name, font := range map[string][]byte{"DejaVuSans": dejaVuSans, "DejaVuSans-Bold": dejaVuSansBold, "regular subset": regular, "bold subset": bold} {
		missing := 0
		for _, rg := range repertoireRanges {
			for r := rg[0]; r <= rg[1]; r++ {
				if r == 0xA0 || r == 0xAD || r == 0x202F {
					continue // no-break spaces and the soft hyphen may map to the space glyph or none
				}
				if glyphIndex(t, font, r) == 0 {
					missing++
					if missing < 10 {
						t.Errorf("%s: no glyph for U+%04X %q", name, r, r)
					}
				}
			}
		}
	}
	if len(regular) > len(dejaVuSans)/4 || len(bold) > len(dejaVuSansBold)/4 {
		t.Errorf("subsets of %d and %d bytes: not much smaller than the fonts", len(regular), len(bold))
	}
}

// FuzzPDFText: whatever the input, the output is valid UTF-8 within the
// repertoire, and text already in the repertoire is kept as it is.
func FuzzPDFText(f *testing.F) {
	for _, s := range []string{"", "Société Générale", "شركة النور", "e\u0301", "ﬁ\t\x00\xff", "😀 Œuvre « x »"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := pdfText(s)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 %q", out)
		}
		for _, r := range out {
			if !inRepertoire(r) {
				t.Fatalf("pdfText(%q) = %q has U+%04X", s, out, r)
			}
		}
		if strings.IndexFunc(s, func(r rune) bool { return !inRepertoire(r) }) < 0 && utf8.ValidString(s) && out != pdfText(out) {
			t.Fatalf("not idempotent on %q", s)
		}
	})
}

// FuzzReceiptStrings: any text in the free-text fields of a deposit gives a
// receipt, never an error or a panic.
func FuzzReceiptStrings(f *testing.F) {
	f.Add("Société Générale", "Fatima", "ACK-1", "PAY-1", "DAM-1")
	f.Add("شركة", "\x00\xff", "a|b%c", "", "réf\n2")
	f.Add(strings.Repeat("W", 400), strings.Repeat("é", 200), strings.Repeat("9", 200), "\u202e", "😀")
	base := normalDeposit(f)
	f.Fuzz(func(t *testing.T, name, operator, ack, pay, manualRef string) {
		d := base
		d.Employer.Name, d.Operator, d.PaymentReference = name, operator, pay
		d.AcknowledgementNumber = "A" + ack
		if manualRef != "" {
			d.Manual = &ManualEvidence{DepositReference: "M" + manualRef, DepositDate: d.DueDate, PaymentReference: pay}
		}
		if _, err := Receipt(d); err != nil {
			t.Fatal(err)
		}
	})
}
