package declaration_test

import (
	"bytes"
	"fmt"
	"reflect"
	"runtime"
	"testing"

	"github.com/tasrih/tasrih/internal/declaration"
)

// TestParallelPassIsSequential: the field checks of a large file run in
// parallel chunks and their issues are put back in record order
// (fieldIssues). With bad fields in the first, last and neighbouring
// records of every chunk boundary for 2, 3 and 4 workers, a préétabli and a
// DS give, on 1 to 4 CPUs, exactly the findings of the sequential pass.
func TestParallelPassIsSequential(t *testing.T) {
	pre, payroll := bigInputs(t, 9_000, 400)
	ds := declare(t, pre, payroll).Bytes
	spoil := func(data []byte, name string) []byte {
		lines := bytes.SplitAfter(bytes.Clone(data), []byte{'\n'})
		lines = lines[:len(lines)-1] // the empty piece after the last newline
		n := len(lines)
		at := map[int]bool{0: true, 1: true, n - 2: true, n - 1: true}
		for workers := 2; workers <= 4; workers++ {
			size := (n + workers - 1) / workers
			for b := size; b < n; b += size {
				at[b-1], at[b], at[b+1] = true, true, true
			}
		}
		k := 0
		for i := range at {
			if i < 0 || i >= n {
				continue
			}
			l := lines[i]
			// two kinds of bad field: a letter in the amounts at the
			// end, a lower-case letter in the name or the header
			if k++; k%2 == 0 {
				l[len(l)-10] = 'x'
			} else {
				l[40] = 'a'
			}
		}
		t.Logf("%s: %d records, %d spoilt", name, n, len(at))
		return bytes.Join(lines, nil)
	}
	badPre, badDS := spoil(pre, "préétabli"), spoil(ds, "DS")
	if !bytes.Contains(badDS, []byte{'x'}) {
		t.Fatal("nothing spoilt")
	}
	type result struct{ pre, ds []declaration.Finding }
	run := func(procs int) result {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		p, prep := declaration.ReadPreetabli(badPre)
		_, rep := declaration.Validate(badDS, declaration.Options{Preetabli: p})
		return result{prep.Findings, rep.Findings}
	}
	want := run(1)
	if len(want.pre) < 10 || len(want.ds) < 10 {
		t.Fatalf("too few findings to compare: %d in the préétabli, %d in the DS", len(want.pre), len(want.ds))
	}
	for procs := 2; procs <= 4; procs++ {
		got := run(procs)
		for _, c := range []struct {
			name      string
			got, want []declaration.Finding
		}{{"préétabli", got.pre, want.pre}, {"DS", got.ds, want.ds}} {
			if !reflect.DeepEqual(c.got, c.want) {
				t.Errorf("%d CPUs, %s: %d findings, sequentially %d; first difference: %s", procs, c.name, len(c.got), len(c.want), firstDiff(c.got, c.want))
			}
		}
	}
}

func firstDiff(a, b []declaration.Finding) string {
	for i := range min(len(a), len(b)) {
		if !reflect.DeepEqual(a[i], b[i]) {
			return fmt.Sprintf("#%d %+v / %+v", i, a[i], b[i])
		}
	}
	return "one is a prefix of the other"
}
