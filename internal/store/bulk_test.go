package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// createEmployeesBulk creates employees sampleEmployee(er, from..from+n-1) in
// one UpdateBulk.
func createEmployeesBulk(ctx context.Context, s *Store, er string, from, n int) (BulkStats, error) {
	return s.UpdateBulk(ctx, func(tx *Tx) error {
		r := tx.Employees()
		for i := from; i < from+n; i++ {
			if _, err := r.Create(sampleEmployee(er, i)); err != nil {
				return err
			}
		}
		return nil
	})
}

// stagingKeys returns the number of keys under z/.
func stagingKeys(t testing.TB, s *Store) int {
	t.Helper()
	n := 0
	if err := s.viewRaw(func(txn *badger.Txn) error {
		return scanKeys(txn, []byte(pBulk), func([]byte) { n++ })
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// bulkState returns the employees of er as seen by a reader: the counter,
// the records and the audit entries; it fails on any inconsistency between
// them.
func employeeState(t testing.TB, s *Store, er string) (count, audit int) {
	t.Helper()
	count = must[int](t)(s.Employees().Count(er))
	list := must[[]domain.Employee](t)(s.Employees().List(er))
	if len(list) != count {
		t.Fatalf("counter says %d employees, %d records", count, len(list))
	}
	entries, broken, err := s.VerifyAudit()
	if err != nil || broken != -1 {
		t.Fatalf("audit chain broken at %d: %v", broken, err)
	}
	return count, entries
}

func withBulkHook(t *testing.T, h func(step string, i int) error) {
	t.Helper()
	bulkHook = h
	t.Cleanup(func() { bulkHook = nil })
}

func TestUpdateBulkSmallIsOneTransaction(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	var steps []string
	withBulkHook(t, func(step string, _ int) error { steps = append(steps, step); return nil })
	st, err := createEmployeesBulk(context.Background(), s, er.ID, 1, 50)
	if err != nil {
		t.Fatal(err)
	}
	if st.Staged || st.Writes != 50*7 || st.Transactions != 1 || len(steps) != 0 {
		// 50 × (record, 2 indexes, counter, audit entry, its erasable payload and head)
		t.Fatalf("stats %+v, steps %v", st, steps)
	}
	if n, _ := employeeState(t, s, er.ID); n != 50 {
		t.Fatalf("%d employees", n)
	}
}

// TestUpdateBulk20k: 20 000 employee creations, far beyond one Badger
// transaction, are one bulk: all visible after, consistent, no staging left.
func TestUpdateBulk20k(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	_, before := employeeState(t, s, er.ID)
	const n = 20000
	st, err := createEmployeesBulk(context.Background(), s, er.ID, 1, n)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Staged || st.Transactions < 5 {
		t.Fatalf("stats %+v: not staged", st)
	}
	count, audit := employeeState(t, s, er.ID)
	if count != n || audit != before+n {
		t.Fatalf("%d employees, %d audit entries (was %d)", count, audit, before)
	}
	if k := stagingKeys(t, s); k != 0 {
		t.Fatalf("%d staging keys left", k)
	}
	e, err := s.Employees().FindByCIN(er.ID, sampleEmployee(er.ID, 12345).CIN)
	if err != nil || e.Immatriculation != sampleEmployee(er.ID, 12345).Immatriculation {
		t.Fatalf("index: %v", err)
	}
	// Re-running it creates nothing: the first duplicate is refused.
	_, err = createEmployeesBulk(context.Background(), s, er.ID, 1, n)
	wantCode(t, err, CodeImmatUsed)
	if c, a := employeeState(t, s, er.ID); c != n || a != audit {
		t.Fatalf("re-run wrote: %d employees, %d entries", c, a)
	}
}

// TestUpdateBulkSeesItsWrites: reads in a bulk Tx see its writes, those
// of its committed intermediate transactions included (gets, unique checks,
// scans, deletes).
func TestUpdateBulkSeesItsWrites(t *testing.T) {
	s := openTest(t)
	stored := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	must[domain.Employee](t)(s.Employees().Create(sampleEmployee(stored.ID, 1)))
	_, err := s.UpdateBulk(context.Background(), func(tx *Tx) error {
		er, err := tx.Employers().Create(sampleEmployer(2))
		if err != nil {
			return err
		}
		if _, err := tx.Employees().Create(sampleEmployee(er.ID, 7)); err != nil {
			return err
		}
		for i := 10; i < 4010; i++ { // several transactions
			if _, err := tx.Employees().Create(sampleEmployee(er.ID, i)); err != nil {
				return err
			}
		}
		if tx.bulk.n == 0 {
			return errors.New("no intermediate commit: nothing tested")
		}
		if _, err := tx.Employees().Create(sampleEmployee(er.ID, 7)); i18nCode(err) != CodeImmatUsed {
			return fmt.Errorf("duplicate in the same bulk: %v", err)
		}
		e, err := tx.Employees().FindByCIN(er.ID, sampleEmployee(er.ID, 7).CIN)
		if err != nil {
			return err
		}
		e.CIN = "ZZ999999"
		if _, err := tx.Employees().Update(e); err != nil {
			return err
		}
		if _, err := tx.Employees().FindByCIN(er.ID, sampleEmployee(er.ID, 7).CIN); !IsNotFound(err) {
			return fmt.Errorf("old CIN still indexed: %v", err)
		}
		list, err := tx.Employers().List()
		if err != nil || len(list) != 2 {
			return fmt.Errorf("merged scan: %d employers, %v", len(list), err)
		}
		if n, err := tx.Employees().Count(er.ID); err != nil || n != 4001 {
			return fmt.Errorf("count %d, %v", n, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if l := must[[]domain.Employer](t)(s.Employers().List()); len(l) != 2 {
		t.Fatalf("%d employers", len(l))
	}
}

// TestBulkScan: a scan in a bulk Tx merges its writes with the stored keys
// in key order, a write replacing the stored value and a delete hiding it;
// start and errStop are honoured.
func TestBulkScan(t *testing.T) {
	s := openTest(t)
	if err := s.Update(func(tx *Tx) error {
		for _, kv := range []string{"t/a", "t/b", "t/c", "t/e", "u/x"} {
			if err := tx.putRaw([]byte(kv), []byte("old "+kv)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	scan := func(tx *Tx, start string, limit int, keysOnly bool) string {
		var b bytes.Buffer
		n := 0
		err := tx.scanFrom([]byte("t/"), []byte(start), keysOnly, func(k, v []byte) error {
			if n == limit {
				return errStop
			}
			n++
			fmt.Fprintf(&b, "%s=%s;", k, v)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	_, err := s.UpdateBulk(context.Background(), func(tx *Tx) error {
		for _, w := range []struct{ k, v string }{{"t/b", "new"}, {"t/a0", "new"}, {"t/f", "new"}, {"t/0", "new"}, {"u/y", "new"}} {
			if err := tx.putRaw([]byte(w.k), []byte(w.v)); err != nil {
				return err
			}
		}
		for _, k := range []string{"t/c", "t/zz"} {
			if err := tx.del([]byte(k)); err != nil {
				return err
			}
		}
		cases := []struct {
			start    string
			limit    int
			keysOnly bool
			want     string
		}{
			{"t/", -1, false, "t/0=new;t/a=old t/a;t/a0=new;t/b=new;t/e=old t/e;t/f=new;"},
			{"t/a0", -1, false, "t/a0=new;t/b=new;t/e=old t/e;t/f=new;"},
			{"t/b0", -1, false, "t/e=old t/e;t/f=new;"},
			{"t/", 2, false, "t/0=new;t/a=old t/a;"},
			{"t/", 3, true, "t/0=;t/a=;t/a0=;"},
		}
		for _, c := range cases {
			if got := scan(tx, c.start, c.limit, c.keysOnly); got != c.want {
				return fmt.Errorf("scan from %s: %s, want %s", c.start, got, c.want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.View(func(tx *Tx) error {
		if got := scan(tx, "t/", -1, false); got != "t/0=new;t/a=old t/a;t/a0=new;t/b=new;t/e=old t/e;t/f=new;" {
			return fmt.Errorf("after commit: %s", got)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

func i18nCode(err error) string { return i18n.Code(err) }

// TestUpdateBulkNothingBeforeCommit: an error or a cancellation anywhere
// before the commit point leaves nothing visible and no staging.
func TestUpdateBulkNothingBeforeCommit(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	_, audit0 := employeeState(t, s, er.ID)
	errDisk := errors.New("disk full")
	cases := []struct {
		name string
		hook func(cancel context.CancelFunc) func(string, int) error
		code string
	}{
		{"fn fails", nil, CodeImmatUsed},
		{"cancelled", func(cancel context.CancelFunc) func(string, int) error {
			return func(step string, i int) error {
				if step == "chunk" && i == 0 {
					cancel()
				}
				return nil
			}
		}, CodeCancelled},
		{"intermediate commit fails", func(context.CancelFunc) func(string, int) error {
			return func(step string, i int) error {
				if step == "chunk" && i == 1 {
					return errDisk
				}
				return nil
			}
		}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if c.hook != nil {
				withBulkHook(t, c.hook(cancel))
			}
			var err error
			if c.hook == nil {
				// 12 000 creations then a duplicate.
				_, err = s.UpdateBulk(ctx, func(tx *Tx) error {
					for i := 1; i <= 12000; i++ {
						if _, err := tx.Employees().Create(sampleEmployee(er.ID, i)); err != nil {
							return err
						}
					}
					_, err := tx.Employees().Create(sampleEmployee(er.ID, 1))
					return err
				})
			} else {
				_, err = createEmployeesBulk(ctx, s, er.ID, 1, 12000)
			}
			if c.code != "" {
				wantCode(t, err, c.code)
			} else if !errors.Is(err, errDisk) {
				t.Fatalf("error %v", err)
			}
			if c.code == CodeCancelled && !errors.Is(err, context.Canceled) {
				t.Fatalf("not context.Canceled: %v", err)
			}
			if n, a := employeeState(t, s, er.ID); n != 0 || a != audit0 {
				t.Fatalf("%d employees, %d audit entries visible", n, a)
			}
			if k := stagingKeys(t, s); k != 0 {
				t.Fatalf("%d staging keys left", k)
			}
		})
	}
}

// TestUpdateBulkRecovery: a crash (simulated: UpdateBulk returns at once,
// the store is closed and reopened) at each step leaves either nothing or
// everything after Open, and re-running the bulk finishes or does nothing.
func TestUpdateBulkRecovery(t *testing.T) {
	const n = 8000
	cases := []struct {
		step   string
		i      int
		failFn bool // fn fails at the end: the crash is during the rollback
		all    bool
	}{
		{"chunk", 0, false, false},
		{"chunk", 2, false, false},
		{"commit", 0, false, true},
		{"rollback", 0, true, false},
		{"rollback", 1, true, false},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s %d", c.step, c.i), func(t *testing.T) {
			dir := t.TempDir()
			s, err := Open(dir, testKey, testOptions())
			if err != nil {
				t.Fatal(err)
			}
			er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
			_, audit0 := employeeState(t, s, er.ID)
			withBulkHook(t, func(step string, i int) error {
				if step == c.step && i == c.i {
					return errBulkCrash
				}
				return nil
			})
			_, err = s.UpdateBulk(context.Background(), func(tx *Tx) error {
				for i := 1; i <= n; i++ {
					if _, err := tx.Employees().Create(sampleEmployee(er.ID, i)); err != nil {
						return err
					}
				}
				if c.failFn {
					return errors.New("failed at the end")
				}
				return nil
			})
			if !errors.Is(err, errBulkCrash) {
				t.Fatalf("no simulated crash: %v", err)
			}
			bulkHook = nil
			if !c.all {
				// Without recovery a prefix would stay: the test can fail.
				if got := len(must[[]domain.Employee](t)(s.Employees().List(er.ID))); got == 0 || got == n {
					t.Fatalf("before reopening: %d employees, expected a prefix", got)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s = openAt(t, dir)
			count, audit := employeeState(t, s, er.ID)
			want := 0
			if c.all {
				want = n
			}
			if count != want || audit != audit0+want {
				t.Fatalf("after reopen: %d employees, %d audit entries (want %d)", count, audit-audit0, want)
			}
			if k := stagingKeys(t, s); k != 0 {
				t.Fatalf("%d bulk keys left", k)
			}
			_, err = createEmployeesBulk(context.Background(), s, er.ID, 1, n)
			if c.all {
				wantCode(t, err, CodeImmatUsed)
			} else if err != nil {
				t.Fatal(err)
			}
			if count, audit := employeeState(t, s, er.ID); count != n || audit != audit0+n {
				t.Fatalf("after re-run: %d employees, %d audit entries", count, audit-audit0)
			}
		})
	}
}

// TestUpdateBulkRollbackFails: an error during the rollback of a failed
// bulk reports store.bulk_pending, and the next Open finishes the rollback.
func TestUpdateBulkRollbackFails(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, testKey, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	withBulkHook(t, func(step string, i int) error {
		if step == "rollback" && i == 1 {
			return errors.New("disk gone")
		}
		return nil
	})
	_, err = s.UpdateBulk(context.Background(), func(tx *Tx) error {
		for i := 1; i <= 8000; i++ {
			if _, err := tx.Employees().Create(sampleEmployee(er.ID, i)); err != nil {
				return err
			}
		}
		_, err := tx.Employees().Create(sampleEmployee(er.ID, 1))
		return err
	})
	wantCode(t, err, CodeBulkPending)
	if !errors.Is(err, ErrDuplicate) {
		t.Fatalf("cause lost: %v", err)
	}
	bulkHook = nil
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, dir)
	if n, _ := employeeState(t, s, er.ID); n != 0 {
		t.Fatalf("%d employees after reopen", n)
	}
	if k := stagingKeys(t, s); k != 0 {
		t.Fatalf("%d bulk keys left", k)
	}
}

// TestUpdateBulkReadersWait: a View starting while the bulk is written
// waits for the end: it sees all the rows, never a prefix.
func TestUpdateBulkReadersWait(t *testing.T) {
	s := openTest(t)
	er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(1)))
	const n = 8000
	got := make(chan int, 1)
	withBulkHook(t, func(step string, i int) error {
		if step == "chunk" && i == 1 {
			go func() {
				l, err := s.Employees().List(er.ID)
				if err != nil {
					got <- -1
					return
				}
				got <- len(l)
			}()
		}
		return nil
	})
	st, err := createEmployeesBulk(context.Background(), s, er.ID, 1, n)
	if err != nil {
		t.Fatal(err)
	}
	if st.Transactions < 3 {
		t.Fatalf("stats %+v: too few transactions, nothing tested", st)
	}
	if c := <-got; c != n {
		t.Fatalf("a reader during the write saw %d of %d employees", c, n)
	}
}

func TestChunkRoundTrip(t *testing.T) {
	muts := []mutation{
		{key: []byte("a"), val: []byte("1")},
		{key: []byte("b"), del: true},
		{key: []byte("c"), val: []byte{}},
		{key: bytes.Repeat([]byte("k"), 300), val: bytes.Repeat([]byte("v"), 70000)},
	}
	got, err := decodeChunk(encodeChunk(muts))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(muts) {
		t.Fatalf("%d writes", len(got))
	}
	for i := range muts {
		if !bytes.Equal(got[i].key, muts[i].key) || !bytes.Equal(got[i].val, muts[i].val) || got[i].del != muts[i].del {
			t.Fatalf("write %d differs", i)
		}
	}
	for _, bad := range [][]byte{nil, {2}, {1, 5, 'a'}, {1, 1, 'a', 7}, {1, 1, 'a', 0, 9, 'x'}, {1, 0, 0}} {
		if _, err := decodeChunk(bad); err == nil {
			t.Fatalf("%v accepted", bad)
		}
	}
}

func FuzzDecodeChunk(f *testing.F) {
	f.Add(encodeChunk([]mutation{{key: []byte("ee/x"), val: []byte(`{"a":1}`)}, {key: []byte("xi/y"), del: true}}))
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, b []byte) {
		muts, err := decodeChunk(b)
		if err != nil {
			return
		}
		again, err := decodeChunk(encodeChunk(muts))
		if err != nil || len(again) != len(muts) {
			t.Fatalf("re-encoded chunk: %v", err)
		}
		for i := range muts {
			if !bytes.Equal(again[i].key, muts[i].key) || !bytes.Equal(again[i].val, muts[i].val) || again[i].del != muts[i].del {
				t.Fatalf("write %d changed", i)
			}
		}
	})
}
