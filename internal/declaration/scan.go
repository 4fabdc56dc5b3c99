package declaration

import (
	"runtime"
	"sync"

	"github.com/tasrih/tasrih/internal/cnssfile"
)

// The record loop of a file is split in two: the per-record work that does
// not depend on other records (field checks and decoding, most of the time
// spent on a large file) runs in parallel chunks; everything that depends on
// order (record order, first/second occurrence, the findings' order) runs
// afterwards, sequentially, so the report is the same as a sequential one.

// Classes of a record, besides its type digit 0–6.
const (
	badLength  = -1 // wrong length (type known or not)
	foreignRec = -2 // a type that does not belong in this file
)

// scanned is what the classification and the parallel pass know of a record.
type scanned struct {
	digit int8  // 0–6, badLength or foreignRec
	slot  int32 // index among the records of its type (02, 04…)
	// unaligned: a name or CIN field starts with a space (validator)
	unaligned bool
	issues    []cnssfile.Issue
}

// classify gives each record its class and slot, and counts the records of
// each type digit that will be decoded.
func classify(recs []cnssfile.Record, prefix byte) ([]scanned, [7]int) {
	info := make([]scanned, len(recs))
	var counts [7]int
	for i, r := range recs {
		typ := r.Type()
		l := cnssfile.LayoutOf(typ)
		switch {
		case len(r.Raw) != cnssfile.RecordLen:
			info[i].digit = badLength
		case l == nil || typ[0] != prefix:
			info[i].digit = foreignRec
		default:
			d := typ[2] - '0'
			info[i] = scanned{digit: int8(d), slot: int32(counts[d])}
			counts[d]++
		}
	}
	return info, counts
}

// parallelRecords runs f over [0, n) in chunks, on every CPU for a large
// file, inline for a small one.
func parallelRecords(n int, f func(lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	if n < 4096 || workers < 2 {
		f(0, n)
		return
	}
	chunk := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(lo, hi)
		}()
	}
	wg.Wait()
}

// checkAll fills the field issues of every well-formed record, in parallel,
// and calls decode for each (decode writes only into the record's own slot).
func checkAll(recs []cnssfile.Record, info []scanned, decode func(i int, r cnssfile.Record, s scanned)) {
	parallelRecords(len(recs), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			s := &info[i]
			if s.digit < 0 {
				continue
			}
			r := recs[i]
			s.issues = cnssfile.Check(nil, r.Raw, cnssfile.LayoutOf(r.Type()))
			decode(i, r, *s)
		}
	})
}
