package importer

import (
	"math/bits"
	"strings"

	"github.com/tasrih/tasrih/internal/domain"
)

// payCol is a payroll column as the one-pass reader handles it.
type payCol uint8

const (
	payIgnored payCol = iota // the blank column of a trailing separator on the header line
	payImmat
	payCIN
	payLastName
	payFirstName
	payDays
	paySalary
	paySituation
)

var payColOf = map[string]payCol{
	"immatriculation": payImmat, "cin": payCIN, "last_name": payLastName, "first_name": payFirstName,
	"days": payDays, "salary": paySalary, "situation": paySituation,
}

// readPlainPayroll reads the usual payroll in one pass over its text (as
// payrollText gives it): no double quote anywhere, every line within the
// limits lim, every cell well formed. It returns ok false for any other
// text, and at the first thing it does not read exactly as readPayrollRef
// does (an error of any kind, a limit reached): ReadPayroll then reads the
// text again with readPayrollRef, which gives the error. When ok, the rows
// are those readPayrollRef gives (TestPlainPayrollAgrees,
// FuzzPlainPayroll), because:
//
//   - Without a quote, readPayrollRef splits the text with plainRecords:
//     lines on '\n', one '\r' dropped at the end of a line, empty lines
//     skipped, fields on the separator. The same is done here, but for the
//     '\r', and each field is trimmed once with strings.TrimSpace, which
//     cuts everything plainRecords' TrimLeftFunc(unicode.IsSpace) then
//     set's TrimSpace cut, and the '\r' left at the end of the last field.
//     A line of one blank field is skipped; cells beyond the header's
//     columns must be blank, one by one (their concatenation is blank
//     exactly when each is).
//   - checkCSVWithin refuses more than lim.rows '\n', more than
//     lim.columns fields on a line, or a cell of more than lim.cell bytes
//     (without quotes, a cell is every byte between two separators or line
//     ends, the '\r' of a CRLF included). The same are counted here.
//   - The usual cells (an immatriculation of 9 digits, days of 1 to 4
//     digits, an amount, a short situation, any name or CIN) are read here
//     into the value PayrollRow.set gives them; every other cell is given
//     to set.
func readPlainPayroll(text string, comma byte, lim csvLimits) (rows []PayrollRow, ok bool) {
	if strings.IndexByte(text, '"') >= 0 {
		return nil, false // quoted fields: encoding/csv
	}
	nl := strings.Count(text, "\n")
	if nl > lim.rows {
		return nil, false
	}
	head, _, _ := strings.Cut(text, "\n")
	fields := 0
	for f := range strings.SplitSeq(head, string(comma)) {
		if fields++; fields > lim.columns || len(f) > lim.cell {
			return nil, false
		}
	}
	hp := plainRecords{text: head, comma: comma}
	rec, _, err := hp.next()
	if err != nil {
		return nil, false
	}
	names, err := payrollHeader("", rec)
	if err != nil {
		return nil, false
	}
	cols := make([]payCol, len(names))
	for i, n := range names {
		cols[i] = payColOf[n]
	}

	rows = make([]PayrollRow, 0, nl)
	line := 1
	sepWord := uint64(comma) * 0x0101010101010101
	for pos := len(head) + 1; pos < len(text); {
		// The '\r' of a CRLF stays at the end of the last field: white
		// space that TrimSpace cuts (a line of a lone '\r' is blank).
		off, end := pos, strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		ln := text[off:end]
		pos = end + 1
		line++
		if ln == "" {
			continue // an empty line
		}
		// The row is filled in place, in the zeroed memory of make (a line
		// of the text is at most one row: cap(rows) is never reached).
		// Appending a whole row would copy it with a bulk write barrier
		// while the garbage collector marks.
		if len(rows) == cap(rows) {
			return nil, false
		}
		rows = rows[:len(rows)+1]
		row := &rows[len(rows)-1]
		row.Line = line
		// The separators of the line are found 64 bytes at a time
		// (sepMask): a loop over the fields, as many on every line, instead
		// of a loop over bytes that ends at a different place in each field.
		mask, block := sepMask(text, off, min(len(ln), 64), sepWord), 0
		n, start, blank := 0, 0, false // fields read; where the next starts; whether the last was blank
		for more := true; more; n++ {
			for mask == 0 && block+64 < len(ln) {
				block += 64
				mask = sepMask(text, off+block, min(len(ln)-block, 64), sepWord)
			}
			j := len(ln)
			if mask != 0 {
				j = block + bits.TrailingZeros64(mask)
				mask &= mask - 1
			} else {
				more = false
			}
			v := ln[start:j]
			start = j + 1
			if n >= lim.columns || len(v) > lim.cell {
				return nil, false
			}
			// strings.TrimSpace, called only when v may start or end with
			// white space (ASCII or not: a byte ≤ ' ' or ≥ 0x80).
			if v != "" && (v[0] <= ' ' || v[0] >= 0x80 || v[len(v)-1] <= ' ' || v[len(v)-1] >= 0x80) {
				v = strings.TrimSpace(v)
			}
			blank = v == ""
			if n >= len(cols) {
				if !blank {
					return nil, false // a value beyond the header's columns
				}
				continue
			}
			// The usual cells are read here into the value set gives them;
			// every other cell goes to set (an error: not ok).
			switch cols[n] {
			case payImmat:
				if blank || len(v) == 9 && plainDigits(v) {
					row.Immat = v
					continue
				}
			case payCIN:
				if !blank {
					row.CIN = domain.NormalizeCIN(v) // no copy of a normal CIN
				}
				continue
			case payLastName:
				row.LastName = v
				continue
			case payFirstName:
				row.FirstName = v
				continue
			case payDays:
				if blank {
					continue
				}
				if len(v) <= 4 && plainDigits(v) {
					d := 0
					for i := 0; i < len(v); i++ {
						d = d*10 + int(v[i]-'0')
					}
					row.Days = d
					continue
				}
			case paySalary:
				if blank {
					continue
				}
				m, err := domain.ParseMoney(v) // its own fast path reads a plain amount
				if err != nil {
					return nil, false
				}
				row.Gross = m
				continue
			case paySituation:
				if s := strings.ToUpper(v); len(s) <= 2 { // no copy of an upper-case ASCII text
					row.Situation = domain.Situation(s)
					continue
				}
			case payIgnored:
				continue
			}
			if row.set(names[n], v) != nil {
				return nil, false
			}
		}
		if n < len(cols) {
			if n == 1 && blank {
				*row = PayrollRow{} // zeroed again for the next row
				rows = rows[:len(rows)-1]
				continue // a blank line
			}
			return nil, false // too few values
		}
	}
	return rows, true
}

// sepMask returns the positions of the separator in text[off:off+n] (n ≤ 64)
// as bits (bit k: text[off+k]), sepWord being the separator in each of the
// 8 bytes of a word. It reads the text 8 bytes at a time (the bytes after
// off+n are masked off; past the end of the text, zero bytes are no
// separator).
func sepMask(text string, off, n int, sepWord uint64) uint64 {
	var m uint64
	for k := 0; k < n; k += 8 {
		var w uint64
		if i := off + k; i+8 <= len(text) {
			t := text[i : i+8] // one 8-byte load
			w = uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
				uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
		} else {
			for j := len(text) - 1; j >= i; j-- {
				w = w<<8 | uint64(text[j])
			}
		}
		m |= zeroBytes(w^sepWord) << k
	}
	if n < 64 {
		m &= 1<<n - 1
	}
	return m
}

// zeroBytes returns a bit for each zero byte of w (bit k: byte k). The
// high bit of a byte b is set in hi exactly when b is 0 ((b&0x7f)+0x7f
// never carries into the next byte); the multiplication gathers the eight
// high bits, once shifted down, into the top byte (each lands on its own
// bit: no carry).
func zeroBytes(w uint64) uint64 {
	const low7 = 0x7f7f7f7f7f7f7f7f
	hi := ^((w&low7 + low7) | w) & 0x8080808080808080
	return (hi >> 7) * 0x0102040810204080 >> 56
}
