package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
)

// recompute is the reference definition of PeriodTotals, written apart from
// totalsOf: headcount counts the lines with days or pay.
func recompute(p domain.Period, lines []domain.MonthLine) PeriodTotals {
	t := PeriodTotals{Period: p}
	for _, l := range lines {
		t.Days += l.Days
		if l.Days > 0 || l.Gross > 0 {
			t.Headcount++
			t.Real += l.Gross
		}
	}
	return t
}

// wantHistory recomputes ListHistory(from, to) from Periods.Lines.
func wantHistory(t *testing.T, s *Store, ers []string, from, to domain.Period) map[string][]PeriodTotals {
	t.Helper()
	want := map[string][]PeriodTotals{}
	for _, er := range ers {
		for p := from; !to.Before(p); p = p.Next() {
			lines := must[[]domain.MonthLine](t)(s.Periods().Lines(er, p))
			if len(lines) > 0 {
				want[er] = append(want[er], recompute(p, lines))
			}
		}
	}
	return want
}

// checkTotals compares the stored totals of every employer and period in
// [from, to] with a recomputation from the lines.
func checkTotals(t *testing.T, s *Store, ers []string, from, to domain.Period) {
	t.Helper()
	for _, er := range ers {
		for p := from; !to.Before(p); p = p.Next() {
			lines := must[[]domain.MonthLine](t)(s.Periods().Lines(er, p))
			got := must[PeriodTotals](t)(s.Periods().Totals(er, p))
			if want := recompute(p, lines); got != want {
				t.Fatalf("totals of employer #%d %s: %s", indexOf(ers, er), p, totalsDiff(got, want))
			}
		}
	}
	got := must[map[string][]PeriodTotals](t)(s.ListHistory(from, to))
	if want := wantHistory(t, s, ers, from, to); !reflect.DeepEqual(got, want) {
		t.Fatalf("ListHistory(%s, %s): %s", from, to, historyDiff(ers, got, want))
	}
}

// totalsDiff describes a difference without the amounts (payroll data stays
// out of the test output).
func totalsDiff(got, want PeriodTotals) string {
	return fmt.Sprintf("period %s/%s, headcount %d/%d, days %d/%d, real equal %t (got/want)",
		got.Period, want.Period, got.Headcount, want.Headcount, got.Days, want.Days, got.Real == want.Real)
}

func historyDiff(ers []string, got, want map[string][]PeriodTotals) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d employers, want %d", len(got), len(want))
	}
	for er, w := range want {
		g := got[er]
		if len(g) != len(w) {
			return fmt.Sprintf("employer #%d: %d periods, want %d", indexOf(ers, er), len(g), len(w))
		}
		for i := range w {
			if g[i] != w[i] {
				return fmt.Sprintf("employer #%d: %s", indexOf(ers, er), totalsDiff(g[i], w[i]))
			}
		}
	}
	return "employers differ"
}

func indexOf(l []string, s string) int {
	for i, v := range l {
		if v == s {
			return i
		}
	}
	return -1
}

// fixture creates employers with n employees each.
func totalsFixture(t *testing.T, s *Store, employers, n int) (ers []string, ees map[string][]string) {
	t.Helper()
	ees = map[string][]string{}
	k := 0
	for i := range employers {
		er := must[domain.Employer](t)(s.Employers().Create(sampleEmployer(i + 1)))
		ers = append(ers, er.ID)
		for range n {
			k++
			ee := must[domain.Employee](t)(s.Employees().Create(sampleEmployee(er.ID, k)))
			ees[er.ID] = append(ees[er.ID], ee.ID)
		}
	}
	return ers, ees
}

func TestTotalsFollowLines(t *testing.T) {
	s := openTest(t)
	ers, ees := totalsFixture(t, s, 2, 4)
	a, b := ers[0], ers[1]
	p := p202601
	line := func(er string, i, days int, gross int64) domain.MonthLine {
		return domain.MonthLine{EmployeeID: ees[er][i], Days: days, Gross: domain.Money(gross)}
	}
	steps := []struct {
		name string
		do   func() error
	}{
		{"replace", func() error {
			return s.Periods().ReplaceLines(a, p, []domain.MonthLine{line(a, 0, 26, 600000), line(a, 1, 13, 300050), line(a, 2, 0, 0)})
		}},
		{"days without pay", func() error { return s.Periods().SetLine(a, p, line(a, 3, 5, 0)) }},
		{"pay without days", func() error { return s.Periods().SetLine(a, p, line(a, 2, 0, 12345)) }},
		{"set to nothing", func() error { return s.Periods().SetLine(a, p, line(a, 0, 0, 0)) }},
		{"other period", func() error { return s.Periods().SetLine(a, p.Prev(), line(a, 1, 26, 999)) }},
		{"other employer", func() error { return s.Periods().ReplaceLines(b, p, []domain.MonthLine{line(b, 0, 26, 700000)}) }},
		{"replace smaller", func() error { return s.Periods().ReplaceLines(a, p, []domain.MonthLine{line(a, 1, 26, 500000)}) }},
		{"replace with none", func() error { return s.Periods().ReplaceLines(a, p, nil) }},
		{"set after none", func() error { return s.Periods().SetLine(a, p, line(a, 2, 1, 1)) }},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		checkTotals(t, s, ers, p.AddMonths(-2), p.Next())
	}
	// A period emptied by ReplaceLines has no totals record left.
	if err := s.Periods().ReplaceLines(b, p, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.View(func(tx *Tx) error {
		_, err := tx.getRaw(keyTotals(b, p))
		if !errors.Is(err, errMissing) {
			t.Errorf("totals record left after removing the lines: %v", err)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	// Refused changes and rolled-back transactions leave the totals as they were.
	before := must[PeriodTotals](t)(s.Periods().Totals(a, p))
	if err := s.Periods().SetLine(a, p, domain.MonthLine{EmployeeID: ees[b][0], Days: 26, Gross: 1}); err == nil {
		t.Fatal("line of another employer's employee accepted")
	}
	if err := s.Periods().ReplaceLines(a, p, []domain.MonthLine{line(a, 0, 27, 1)}); err == nil {
		t.Fatal("27 days accepted")
	}
	rollback := errors.New("rollback")
	err := s.Update(func(tx *Tx) error {
		if err := tx.Periods().ReplaceLines(a, p, []domain.MonthLine{line(a, 0, 26, 1), line(a, 1, 26, 1)}); err != nil {
			return err
		}
		if got := must[PeriodTotals](t)(tx.Periods().Totals(a, p)); got != (PeriodTotals{Period: p, Real: 2, Headcount: 2, Days: 52}) {
			t.Errorf("totals inside the transaction: %s", totalsDiff(got, PeriodTotals{Period: p, Real: 2, Headcount: 2, Days: 52}))
		}
		return rollback
	})
	if !errors.Is(err, rollback) {
		t.Fatal(err)
	}
	if got := must[PeriodTotals](t)(s.Periods().Totals(a, p)); got != before {
		t.Fatalf("totals changed by refused or rolled-back changes: %s", totalsDiff(got, before))
	}
	checkTotals(t, s, ers, p.AddMonths(-2), p.Next())

	// Unknown employer, invalid period.
	_, err = s.Periods().Totals(newID(), p)
	wantCode(t, err, CodeNotFound)
	_, err = s.Periods().Totals(a, domain.Period{})
	wantCode(t, err, "validation.failed")
}

// TestTotalsRandomSequences applies random ReplaceLines and SetLine calls
// (seeded, reproducible) and checks the totals after each.
func TestTotalsRandomSequences(t *testing.T) {
	s := openTest(t)
	ers, ees := totalsFixture(t, s, 3, 6)
	rng := rand.New(rand.NewPCG(1, 2))
	first := p202601.AddMonths(-3)
	randLine := func(er string, i int) domain.MonthLine {
		l := domain.MonthLine{EmployeeID: ees[er][i]}
		switch rng.IntN(4) {
		case 0: // nothing
		case 1:
			l.Days = rng.IntN(27)
		case 2:
			l.Gross = domain.Money(rng.Int64N(2_000_000))
		default:
			l.Days, l.Gross = 1+rng.IntN(26), domain.Money(rng.Int64N(5_000_000))
		}
		return l
	}
	for step := range 150 {
		er := ers[rng.IntN(len(ers))]
		p := first.AddMonths(rng.IntN(4))
		var err error
		if rng.IntN(3) == 0 {
			var lines []domain.MonthLine
			for _, i := range rng.Perm(len(ees[er]))[:rng.IntN(len(ees[er])+1)] {
				lines = append(lines, randLine(er, i))
			}
			err = s.Periods().ReplaceLines(er, p, lines)
		} else {
			err = s.Periods().SetLine(er, p, randLine(er, rng.IntN(len(ees[er]))))
		}
		if err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		if step%10 == 9 {
			checkTotals(t, s, ers, first, p202601)
		}
	}
	checkTotals(t, s, ers, first, p202601)
}

func TestListHistoryRange(t *testing.T) {
	s := openTest(t)
	ers, ees := totalsFixture(t, s, 4, 1)
	// Employer i has lines in 2025-01 … 2026-12 except every (i+2)th month;
	// the last employer has none.
	start := domain.Period{Year: 2025, Month: 1}
	for i, er := range ers[:3] {
		for k := range 24 {
			if k%(i+2) == 0 {
				continue
			}
			l := domain.MonthLine{EmployeeID: ees[er][0], Days: 1 + k, Gross: domain.Money(100*i + k)}
			if err := s.Periods().ReplaceLines(er, start.AddMonths(k), []domain.MonthLine{l}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, r := range []struct{ from, to domain.Period }{
		{start, start.AddMonths(23)},
		{start.AddMonths(-5), start.AddMonths(40)},
		{start.AddMonths(3), start.AddMonths(3)},
		{start.AddMonths(4), start.AddMonths(15)},
		{start.AddMonths(30), start.AddMonths(40)},
		{start.AddMonths(-12), start.AddMonths(-1)},
	} {
		got := must[map[string][]PeriodTotals](t)(s.ListHistory(r.from, r.to))
		if want := wantHistory(t, s, ers, r.from, r.to); !reflect.DeepEqual(got, want) {
			t.Errorf("ListHistory(%s, %s): %s", r.from, r.to, historyDiff(ers, got, want))
		}
	}
	for _, r := range []struct{ from, to domain.Period }{
		{start.Next(), start},
		{domain.Period{}, start},
		{start, domain.Period{Year: 2026, Month: 13}},
	} {
		_, err := s.ListHistory(r.from, r.to)
		wantCode(t, err, "validation.failed")
	}
}

// TestMigrationPeriodTotals opens a schema-1 store whose month lines have no
// totals (and a stale totals record, as left by a newer program's interrupted
// migration followed by an older program) and checks that the migration to
// schema 2 computes them, in several batches.
func TestMigrationPeriodTotals(t *testing.T) {
	old := totalsBatch
	totalsBatch = 3
	t.Cleanup(func() { totalsBatch = old })

	dir := t.TempDir()
	v1 := schemaMigrations[:1]
	s, err := openWith(t, dir, v1, nil)
	if err != nil {
		t.Fatal(err)
	}
	ers, ees := totalsFixture(t, s, 3, 5)
	first := p202601.AddMonths(-5)
	for i, er := range ers {
		for k := range 6 {
			var lines []domain.MonthLine
			for j, ee := range ees[er] {
				l := domain.MonthLine{EmployeeID: ee}
				if (i+j+k)%4 != 0 {
					l.Days, l.Gross = 26-j, domain.MAD(3000+int64(1000*j+k))
				}
				lines = append(lines, l)
			}
			if err := s.Periods().ReplaceLines(er, first.AddMonths(k), lines); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Schema 1 had no totals: remove what this program wrote, then plant a
	// wrong record and a stale one.
	var keys [][]byte
	if err := s.View(func(tx *Tx) error {
		return tx.scan([]byte(pTotals), true, func(k, _ []byte) error {
			keys = append(keys, append([]byte(nil), k...))
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	if len(keys) != 18 {
		t.Fatalf("%d totals records, want 18", len(keys))
	}
	for _, k := range keys {
		rawDelete(t, s, k)
	}
	rawSet(t, s, keyTotals(ers[0], first), []byte(`{"real":1,"headcount":99,"days":1}`))
	rawSet(t, s, keyTotals(ers[1], first.AddMonths(-7)), []byte(`{"real":5,"headcount":1,"days":1}`))
	if v := must[int](t)(s.SchemaVersion()); v != 1 {
		t.Fatalf("schema %d", v)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	var calls [][2]int
	s, err = openWith(t, dir, nil, func(from, to int) error { calls = append(calls, [2]int{from, to}); return nil })
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if len(calls) != 1 || calls[0] != [2]int{1, 3} || SchemaVersion() != 3 || must[int](t)(s.SchemaVersion()) != 3 {
		t.Fatalf("migration calls %v, schema %d", calls, must[int](t)(s.SchemaVersion()))
	}
	checkTotals(t, s, ers, first.AddMonths(-8), p202601)
	n := 0
	if err := s.View(func(tx *Tx) error {
		var err error
		n, err = tx.count([]byte(pTotals))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if n != 18 {
		t.Errorf("%d totals records after migration, want 18 (stale one kept?)", n)
	}
	entries := must[[]AuditEntry](t)(s.AuditEntries(1, 1000))
	last := entries[len(entries)-2] // then the keyed-chain step (v3)
	if last.Action != "schema.migrate" || !strings.Contains(string(last.After), `"version":2`) {
		t.Fatalf("migration not audited: %s %s", last.Action, last.After)
	}
	if _, broken, _ := s.VerifyAudit(); broken != -1 {
		t.Fatalf("audit broken at %d", broken)
	}
}

// BenchmarkListHistory reads the 12-month history of the 300-employer
// portfolio (this package's portfolio has lines in one month for 180 of them;
// internal/desktop's BenchmarkDashboard has twelve months for all).
func BenchmarkListHistory(b *testing.B) {
	dir := portfolio(b)
	s, err := Open(dir, testKey, testOptions())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		h, err := s.ListHistory(p202601.AddMonths(-11), p202601)
		if err != nil {
			b.Fatal(err)
		}
		if len(h) == 0 {
			b.Fatal("no history")
		}
	}
}

// TestTotalsInBulk: lines written through UpdateBulk carry their totals too,
// and ListHistory inside the bulk Tx sees the pending writes.
func TestTotalsInBulk(t *testing.T) {
	s := openTest(t)
	ers, ees := totalsFixture(t, s, 2, 3)
	_, err := s.UpdateBulk(context.Background(), func(tx *Tx) error {
		for i, er := range ers {
			for k := range 3 {
				lines := []domain.MonthLine{{EmployeeID: ees[er][0], Days: 26, Gross: domain.Money(1000 * (i + k + 1))}, {EmployeeID: ees[er][1]}}
				if err := tx.Periods().ReplaceLines(er, p202601.AddMonths(-k), lines); err != nil {
					return err
				}
			}
		}
		if err := tx.Periods().SetLine(ers[0], p202601, domain.MonthLine{EmployeeID: ees[ers[0]][2], Days: 3}); err != nil {
			return err
		}
		h, err := tx.ListHistory(p202601.AddMonths(-2), p202601)
		if err != nil {
			return err
		}
		if len(h) != 2 || len(h[ers[0]]) != 3 || h[ers[0]][2].Headcount != 2 || h[ers[0]][2].Days != 29 {
			t.Errorf("ListHistory inside the bulk: %d employers", len(h))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkTotals(t, s, ers, p202601.AddMonths(-3), p202601)
}
