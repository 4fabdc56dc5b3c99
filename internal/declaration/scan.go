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

// scanned is what the classification and the parallel pass know of a
// record: 8 bytes without pointers (a file's slice of them is neither
// zeroed at length nor scanned by the collector); the rare field issues
// are kept apart (fieldIssues).
type scanned struct {
	digit int8 // 0–6, badLength or foreignRec
	// unaligned: a name or CIN field starts with a space (validator)
	unaligned bool
	slot      int32 // index among the records of its type (02, 04…)
}

// recIssues are the field issues of one record (its index in the file).
type recIssues struct {
	rec    int
	issues []cnssfile.Issue
}

// fieldIssues are the field issues of a file's records that have some, in
// record order, read back in that order by the sequential loop (of).
type fieldIssues struct {
	list []recIssues
	next int
}

// of returns the field issues of record i; the loop asks for increasing i.
func (f *fieldIssues) of(i int) []cnssfile.Issue {
	for f.next < len(f.list) && f.list[f.next].rec < i {
		f.next++
	}
	if f.next < len(f.list) && f.list[f.next].rec == i {
		return f.list[f.next].issues
	}
	return nil
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

// parallelChunks runs f over [0, n) in chunks, on every CPU for a large
// file, inline for a small one, and returns the chunks' results in order.
func parallelChunks[T any](n int, f func(lo, hi int) T) []T {
	workers := runtime.GOMAXPROCS(0)
	if n < 4096 || workers < 2 {
		return []T{f(0, n)}
	}
	size := (n + workers - 1) / workers
	out := make([]T, (n+size-1)/size)
	var wg sync.WaitGroup
	for c := range out {
		lo, hi := c*size, min((c+1)*size, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[c] = f(lo, hi)
		}()
	}
	wg.Wait()
	return out
}

// checkAll finds the field issues of every well-formed record, in
// parallel, and calls decode for each (decode writes only into the
// record's own slot).
func checkAll(recs []cnssfile.Record, info []scanned, decode func(i int, r cnssfile.Record, s scanned)) *fieldIssues {
	parts := parallelChunks(len(recs), func(lo, hi int) []recIssues {
		var found []recIssues
		for i := lo; i < hi; i++ {
			s := info[i]
			if s.digit < 0 {
				continue
			}
			r := recs[i]
			if is := cnssfile.Check(nil, r.Raw, cnssfile.LayoutOf(r.Type())); len(is) > 0 {
				found = append(found, recIssues{i, is})
			}
			decode(i, r, s)
		}
		return found
	})
	var all fieldIssues
	for _, p := range parts {
		all.list = append(all.list, p...)
	}
	return &all
}
