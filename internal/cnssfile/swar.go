package cnssfile

import (
	"time"

	"github.com/tasrih/tasrih/internal/domain"
)

// Word-at-a-time tests of a record ("SWAR": eight bytes in one uint64).
//
// Every byte a well-formed record may hold is ASCII, so a word whose bytes
// have their top bit clear can be tested for ranges with additions that never
// carry from one byte into the next: for a byte y ≤ 0x7F,
//
//	y + (0x80-lo) has its top bit set   ⇔ y ≥ lo  (and y+(0x80-lo) ≤ 0xFF)
//	y + (0x7F-hi) has its top bit clear ⇔ y ≤ hi  (and y+(0x7F-hi) ≤ 0xFE)
//
// so one addition per bound tests eight bytes at once, each against its own
// bounds. The top bit of the word itself catches the non-ASCII bytes.

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080

	// recordWords is the number of words wellFormed reads: 32 at offsets
	// 0, 8 … 248, and one more at 252 for the last four bytes.
	recordWords = RecordLen/8 + 1
	lastWordOff = RecordLen - 8
)

// textWord is a word that holds AN bytes: its offset and 0x80 in the byte of
// each AN position.
type textWord struct {
	off  int
	mask uint64
}

func wordOff(w int) int { return min(8*w, lastWordOff) }

// word8 returns the eight bytes of s at i as a little-endian word (the
// compiler makes it one load).
func word8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// buildWords fills the word tables of wellFormed from the fields: an N, P or
// D byte must be in '0'…'9', a filler byte is ' ', an AN byte is in
// '\t'…'Z' for the range test and is tested exactly by the text test. The
// first four bytes of the last word are already tested by the word before:
// they get the bounds 0…0x7F, which every ASCII byte passes.
func (l *Layout) buildWords() {
	var lo, hi [RecordLen]byte
	var text [RecordLen]bool
	for _, f := range l.Fields {
		for i := f.Start; i < f.End(); i++ {
			switch f.Kind {
			case AN:
				lo[i], hi[i], text[i] = '\t', 'Z', true
			case Filler:
				lo[i], hi[i] = ' ', ' '
			default:
				lo[i], hi[i] = '0', '9'
			}
		}
	}
	for w := range recordWords {
		off := wordOff(w)
		var mask uint64
		for k := range 8 {
			i, shift := off+k, 8*k
			blo, bhi := lo[i], hi[i]
			isText := text[i]
			if i < 8*w { // already tested by the word before
				blo, bhi, isText = 0, 0x7F, false
			}
			l.addLo[w] |= uint64(0x80-blo) << shift
			l.addHi[w] |= uint64(0x7F-bhi) << shift
			if isText {
				mask |= 0x80 << shift
			}
		}
		if mask != 0 {
			l.textWords = append(l.textWords, textWord{off: off, mask: mask})
		}
	}
}

// wellFormed reports whether a 260-byte record has no field issue: every byte
// of its field's class, and its periods, dates and 19-digit numbers valid.
// It is the usual record's test; checkFields finds the issues of the others.
// It answers exactly what checkFields finds (no issue ⇔ true), which
// TestCheckOnePassAgrees and FuzzCheck test.
func wellFormed(raw string, l *Layout) bool {
	raw = raw[:RecordLen]
	// bad collects, in the top bit of each byte, a byte out of its
	// position's bounds; no branch until the end. The bytes are not masked
	// to 7 bits first: while every byte is ASCII nothing carries; the first
	// non-ASCII byte (no carry comes into it from the valid bytes below)
	// has x+addHi ≥ 0x80, or it carries out, and then x+addLo (addLo >
	// addHi) carries out too and leaves its byte below 0x80: either way the
	// byte is marked bad. What the carry does to the bytes above no longer
	// matters.
	var bad uint64
	for w := range recordWords - 1 {
		x := word8(raw, 8*w)
		bad |= ^(x + l.addLo[w]) | (x + l.addHi[w])
	}
	x := word8(raw, lastWordOff)
	bad |= ^(x + l.addLo[recordWords-1]) | (x + l.addHi[recordWords-1])
	// The AN bytes passed '\t'…'Z' (if not, bad is already set and the
	// results below do not matter); they must also be a capital, a digit,
	// a space or a TAB (charOK).
	for _, t := range l.textWords {
		y := word8(raw, t.off)
		tab := ^(y + (0x7F-'\t')*ones)                                                       // y ≤ '\t', so y == '\t'
		space := ^((y ^ ' '*ones) + 0x7F*ones)                                               // y == ' '
		digitUp := (y + (0x80-'0')*ones) &^ ((y + (0x7F-'9')*ones) &^ (y + (0x80-'A')*ones)) // '0' ≤ y, and not '9' < y < 'A'
		bad |= t.mask &^ (tab | space | digitUp)
	}
	if bad&highs != 0 {
		return false
	}
	// Every N, P and D byte is a digit: what remains is the value tests.
	for _, f := range l.slow {
		switch f.kind {
		case N:
			if v := raw[f.start : f.start+19]; v[0] == '9' && v > maxInt64Text {
				return false
			}
		case P:
			if !periodDigitsOK(raw[f.start : f.start+6]) {
				return false
			}
		case D:
			if _, ok := parseDate(raw[f.start : f.start+8]); !ok {
				return false
			}
		}
	}
	return true
}

// slowField is a field wellFormed tests by value: a 19-digit N field, a P
// field (6 digits) or a D field (8 digits).
type slowField struct {
	start int
	kind  Kind
}

// periodDigitsOK is parsePeriod's answer on six digits.
func periodDigitsOK(v string) bool {
	v = v[:6]
	y := int(v[0]-'0')*1000 + int(v[1]-'0')*100 + int(v[2]-'0')*10 + int(v[3]-'0')
	m := int(v[4]-'0')*10 + int(v[5]-'0')
	return domain.NewPeriod(y, time.Month(m)).Valid()
}

// maxInt64Text is the largest 19-digit N field.
const maxInt64Text = "9223372036854775807"
