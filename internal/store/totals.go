package store

import (
	"bytes"
	"encoding/json"
	"errors"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tasrih/tasrih/internal/domain"
)

// Period totals: one small record per employer and period that has month
// lines, written in the same transaction as the lines (Tx.putLines), so that
// the portfolio history reads a few dozen bytes per employer and month instead
// of decoding every line.
//
//	pt/<employer>/<AAAAMM>   PeriodTotals of the month lines (absent: no line)
//
// The key holds only the employer's opaque id and the period; the value (JSON,
// encrypted like every value) is far under ValueThreshold, so it lives in the
// LSM tables and a scan never touches the value log.
const pTotals = "pt/"

func keyTotals(er string, p domain.Period) []byte { return k(pTotals, er, p.String()) }

// PeriodTotals sums the month lines of one employer and period.
//
// Headcount is the number of lines with Days > 0 or Gross > 0: an employee
// with a line but neither days nor pay (left before the month, unpaid leave
// all month) is not counted. Real is the gross pay of the counted lines, which
// is the gross pay of all the lines since a line not counted has none. Days
// is the sum of the declared days of all the lines.
type PeriodTotals struct {
	Period    domain.Period `json:"period"`
	Real      domain.Money  `json:"real"`
	Headcount int           `json:"headcount"`
	Days      int           `json:"days"`
}

// totalsRecord is the stored value of PeriodTotals (the period is in the key).
type totalsRecord struct {
	Real      domain.Money `json:"real"`
	Headcount int          `json:"headcount"`
	Days      int          `json:"days"`
}

// totalsOf computes the totals record of a period's lines.
func totalsOf(lines []domain.MonthLine) totalsRecord {
	var t totalsRecord
	for i := range lines {
		l := &lines[i]
		t.Days += l.Days
		if l.Days > 0 || l.Gross > 0 {
			t.Real += l.Gross
			t.Headcount++
		}
	}
	return t
}

// putLines is the one writer of month lines: it stores the lines of an
// employer and period (none: deletes the record), their totals and the line
// count of the period summary, in tx. Every code path that changes month
// lines must go through it so the totals stay exact.
func (tx *Tx) putLines(er string, p domain.Period, lines []domain.MonthLine) error {
	if len(lines) == 0 {
		if err := tx.del(keyLines(er, p)); err != nil {
			return err
		}
		if err := tx.del(keyTotals(er, p)); err != nil {
			return err
		}
	} else {
		if err := tx.put(keyLines(er, p), monthLines{Lines: lines, UpdatedAt: tx.now}); err != nil {
			return err
		}
		if err := tx.put(keyTotals(er, p), totalsOf(lines)); err != nil {
			return err
		}
	}
	return tx.updateSummary(er, p, func(s *periodSummary) error {
		s.Lines = len(lines)
		return nil
	})
}

// Totals returns the totals of the month lines of an employer and period
// (zero totals when the period has no line).
func (r Periods) Totals(employerID string, p domain.Period) (PeriodTotals, error) {
	out := PeriodTotals{Period: p}
	err := r.view(func(tx *Tx) error {
		if _, err := tx.employer(employerID); err != nil {
			return err
		}
		if !p.Valid() {
			return invalidPeriod()
		}
		var t totalsRecord
		err := tx.get(keyTotals(employerID, p), kindTotals, &t)
		if errors.Is(err, errMissing) {
			return nil
		}
		out.Real, out.Headcount, out.Days = t.Real, t.Headcount, t.Days
		return err
	})
	return out, err
}

const kindTotals = "period totals"

// ListHistory returns, for every employer with month lines between from and
// to (both included), the totals of each such period, oldest first; periods
// without lines are absent. It reads the employer keys and, per employer, only
// the totals records of the range (never a line).
func (s *Store) ListHistory(from, to domain.Period) (map[string][]PeriodTotals, error) {
	var out map[string][]PeriodTotals
	err := s.View(func(tx *Tx) error {
		var err error
		out, err = tx.ListHistory(from, to)
		return err
	})
	return out, err
}

// ListHistory is Store.ListHistory within tx (with Tx.ListEmployerStatus, one
// consistent snapshot of the portfolio).
func (tx *Tx) ListHistory(from, to domain.Period) (map[string][]PeriodTotals, error) {
	if !from.Valid() || !to.Valid() || to.Before(from) {
		return nil, invalidPeriod()
	}
	var ers []string
	if err := tx.scan([]byte(pEmployer), true, func(key, _ []byte) error {
		ers = append(ers, string(key[len(pEmployer):]))
		return nil
	}); err != nil {
		return nil, err
	}
	lo, hi := []byte(from.String()), []byte(to.String())
	out := map[string][]PeriodTotals{}
	for _, er := range ers {
		pfx := prefix(pTotals, er)
		var pts []PeriodTotals
		err := tx.scanFrom(pfx, append(pfx[:len(pfx):len(pfx)], lo...), false, func(key, val []byte) error {
			per := key[len(pfx):]
			if bytes.Compare(per, hi) > 0 {
				return errStop
			}
			p, err := domain.ParsePeriod(string(per))
			if err != nil {
				return errCorrupt(kindTotals, err)
			}
			var t totalsRecord
			if err := jsonDecode(val, &t, kindTotals); err != nil {
				return err
			}
			pts = append(pts, PeriodTotals{Period: p, Real: t.Real, Headcount: t.Headcount, Days: t.Days})
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(pts) > 0 {
			out[er] = pts
		}
	}
	return out, nil
}

// totalsBatch bounds the records written per transaction by rebuildTotals
// (variable for tests).
var totalsBatch = 1000

// rebuildTotals recomputes every totals record from the month lines: it
// deletes the totals records of periods without lines and writes the others.
// It is the body of the schema migration that introduced the records.
//
// A migration step runs in one transaction, and Badger limits a transaction
// to about 13 000 writes with the store's 8 MiB memtables: 300 employers with
// four years of lines would exceed it and make Open fail. The totals are
// derived data, so they are written in batches of totalsBatch records, each in
// its own Badger transaction, before the step's transaction records the new schema
// version: if anything fails or the program stops midway, the version is
// unchanged and the next Open rebuilds them all again. Nothing else writes
// while Open migrates (the store is not yet handed out), and the step's
// transaction reads none of these keys, so it cannot conflict with them.
func rebuildTotals(tx *Tx) error {
	db := tx.s.db
	want := map[string][]byte{}
	var stale [][]byte
	err := db.View(func(txn *badger.Txn) error {
		ro := &Tx{s: tx.s, txn: txn, now: tx.now}
		if err := ro.scan([]byte(pLines), false, func(key, val []byte) error {
			er, per, ok := splitPeriodKey(key, pLines)
			if !ok {
				return errCorrupt(kindMonthLines, errors.New("bad key"))
			}
			p, err := domain.ParsePeriod(string(per))
			if err != nil {
				return errCorrupt(kindMonthLines, err)
			}
			var doc monthLines
			if err := jsonDecode(val, &doc, kindMonthLines); err != nil {
				return err
			}
			if len(doc.Lines) == 0 {
				return nil
			}
			b, err := json.Marshal(totalsOf(doc.Lines))
			if err != nil {
				return errIO(err)
			}
			want[string(keyTotals(string(er), p))] = b
			return nil
		}); err != nil {
			return err
		}
		return ro.scan([]byte(pTotals), true, func(key, _ []byte) error {
			if _, ok := want[string(key)]; !ok {
				stale = append(stale, append([]byte(nil), key...))
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	ops := make([]func(*badger.Txn) error, 0, len(want)+len(stale))
	for _, key := range stale {
		ops = append(ops, func(txn *badger.Txn) error { return txn.Delete(key) })
	}
	for key, val := range want {
		ops = append(ops, func(txn *badger.Txn) error { return txn.Set([]byte(key), val) })
	}
	for len(ops) > 0 {
		n := min(totalsBatch, len(ops))
		err := db.Update(func(txn *badger.Txn) error {
			for _, op := range ops[:n] {
				if err := op(txn); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return badgerError(err)
		}
		ops = ops[n:]
	}
	return nil
}

// splitPeriodKey splits <pfx><employer>/<AAAAMM>.
func splitPeriodKey(key []byte, pfx string) (er, per []byte, ok bool) {
	if !bytes.HasPrefix(key, []byte(pfx)) {
		return nil, nil, false
	}
	rest := key[len(pfx):]
	i := bytes.LastIndexByte(rest, '/')
	if i <= 0 || len(rest)-i-1 != 6 {
		return nil, nil, false
	}
	return rest[:i], rest[i+1:], true
}
