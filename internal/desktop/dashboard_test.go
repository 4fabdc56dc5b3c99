package desktop

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/anchor/anchortest"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/keyring/keyringtest"
	"github.com/tasrih/tasrih/internal/params"
	"github.com/tasrih/tasrih/internal/settings"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
)

var storeKey = bytes.Repeat([]byte{9}, store.KeySize)

func openStore(tb testing.TB, dir string) *store.Store {
	tb.Helper()
	st, err := store.Open(dir, storeKey, store.Options{Actor: "test", Logger: quiet()})
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

func date(y int, m time.Month, d int) domain.Date { return domain.Date{Year: y, Month: m, Day: d} }

func TestUrgencyOf(t *testing.T) {
	due := date(2026, time.February, 10)
	tests := []struct {
		state store.PeriodState
		today domain.Date
		want  Urgency
		left  int
	}{
		{store.StateNotStarted, date(2026, time.January, 20), UrgencyOK, 21},
		{store.StateInProgress, date(2026, time.February, 2), UrgencyOK, 8},
		{store.StateInProgress, date(2026, time.February, 3), UrgencySoon, 7},
		{store.StateErrors, date(2026, time.February, 7), UrgencyUrgent, 3},
		{store.StateReady, date(2026, time.February, 10), UrgencyUrgent, 0},
		{store.StateReady, date(2026, time.February, 11), UrgencyOverdue, -1},
		{store.StateRejected, date(2026, time.March, 31), UrgencyOverdue, -49},
		{store.StateQueued, date(2026, time.February, 11), UrgencyDone, -1},
		{store.StateSubmitted, date(2026, time.February, 9), UrgencyDone, 1},
		{store.StateAccepted, date(2026, time.March, 1), UrgencyDone, -19},
		{store.StateManual, date(2026, time.January, 1), UrgencyDone, 40},
	}
	for _, tt := range tests {
		u, left := UrgencyOf(tt.state, due, tt.today)
		if u != tt.want || left != tt.left {
			t.Errorf("%s on %s: %s %d, want %s %d", tt.state, tt.today, u, left, tt.want, tt.left)
		}
	}
}

func TestBuildDashboard(t *testing.T) {
	st := openStore(t, t.TempDir())
	defer st.Close()
	p := domain.NewPeriod(2026, time.January)
	a, _ := st.Employers().Create(domain.Employer{Affiliation: "1234567", Name: "A"})
	_, err := st.Employers().Create(domain.Employer{Affiliation: "2000016", Name: "B",
		DeadlineOverrides: []domain.DeadlineOverride{{Period: p, Date: date(2026, time.February, 20)}}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := range 3 {
		em, err := st.Employees().Create(domain.Employee{EmployerID: a.ID, Immatriculation: decltest.Immat(i + 1), LastName: fmt.Sprintf("NOM%d", i)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, em.ID)
	}
	lines := func(gross ...int64) []domain.MonthLine {
		var out []domain.MonthLine
		for i, g := range gross {
			l := domain.MonthLine{EmployeeID: ids[i], Gross: domain.MAD(g)}
			if g > 0 {
				l.Days = 26
			} else {
				l.Situation = domain.SitLeft
			}
			out = append(out, l)
		}
		return out
	}
	if err := st.Periods().ReplaceLines(a.ID, p, lines(5000, 6000, 0)); err != nil {
		t.Fatal(err)
	}
	if err := st.Periods().ReplaceLines(a.ID, p.AddMonths(-11), lines(4000)); err != nil {
		t.Fatal(err)
	}
	if err := st.Periods().ReplaceLines(a.ID, p.AddMonths(-12), lines(9999)); err != nil { // outside the window
		t.Fatal(err)
	}
	today := date(2026, time.February, 8)
	d, err := BuildDashboard(st, nil, p, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Rows) != 2 || d.Period != p || d.Today != today {
		t.Fatalf("dashboard %+v", d)
	}
	ra, rb := d.Rows[0], d.Rows[1]
	if ra.EmployerID != a.ID || ra.DueDate != params.DueDate(p) || ra.DaysLeft != 2 || ra.Urgency != UrgencyUrgent || ra.State != store.StateInProgress {
		t.Errorf("row A: %+v", ra)
	}
	if rb.DueDate != date(2026, time.February, 20) || rb.DaysLeft != 12 || rb.Urgency != UrgencyOK {
		t.Errorf("row B (deadline override): due %s left %d %s", rb.DueDate, rb.DaysLeft, rb.Urgency)
	}
	if len(ra.History) != HistoryMonths || ra.History[0].Period != p.AddMonths(-11) || ra.History[HistoryMonths-1].Period != p {
		t.Fatalf("history periods: %+v", ra.History)
	}
	if h := ra.History[HistoryMonths-1]; h.Real != domain.MAD(11000) || h.Headcount != 2 {
		t.Errorf("last month: %+v", h)
	}
	if h := ra.History[0]; h.Real != domain.MAD(4000) || h.Headcount != 1 {
		t.Errorf("first month: %+v", h)
	}
	for _, h := range rb.History {
		if h.Real != 0 || h.Headcount != 0 {
			t.Errorf("B has history %+v", h)
		}
	}
	if d.Counts[UrgencyUrgent] != 1 || d.Counts[UrgencyOK] != 1 {
		t.Errorf("counts %v", d.Counts)
	}
	// The history follows every change of the lines at once.
	if err := st.Periods().ReplaceLines(a.ID, p, lines(1000)); err != nil {
		t.Fatal(err)
	}
	d, _ = BuildDashboard(st, nil, p, today)
	if h := d.Rows[0].History[HistoryMonths-1]; h.Real != domain.MAD(1000) || h.Headcount != 1 {
		t.Errorf("after ReplaceLines: headcount %d, real right %t", h.Headcount, h.Real == domain.MAD(1000))
	}
	if err := st.Periods().SetLine(a.ID, p, domain.MonthLine{EmployeeID: ids[2], Days: 10, Gross: domain.MAD(2500)}); err != nil {
		t.Fatal(err)
	}
	d, _ = BuildDashboard(st, nil, p, today)
	if h := d.Rows[0].History[HistoryMonths-1]; h.Real != domain.MAD(3500) || h.Headcount != 2 {
		t.Errorf("after SetLine: headcount %d, real right %t", h.Headcount, h.Real == domain.MAD(3500))
	}
	if _, err := BuildDashboard(st, nil, domain.Period{}, today); err == nil {
		t.Error("invalid period accepted")
	}
}

// oldHistory is how the dashboard computed the history before the store kept
// period totals: every line of every month decoded.
func oldHistory(t *testing.T, st *store.Store, er string, p domain.Period) []HistoryPoint {
	t.Helper()
	first := p.AddMonths(-(HistoryMonths - 1))
	pts := make([]HistoryPoint, HistoryMonths)
	for k := range pts {
		q := first.AddMonths(k)
		lines, err := st.Periods().Lines(er, q)
		if err != nil {
			t.Fatal(err)
		}
		pts[k].Period = q
		for _, l := range lines {
			if l.Days > 0 || l.Gross > 0 {
				pts[k].Real += l.Gross
				pts[k].Headcount++
			}
		}
	}
	return pts
}

// TestDashboardHistoryMatchesLines builds a random portfolio (seeded) with
// ReplaceLines and SetLine over 15 months and checks the dashboard history of
// several periods against the computation from the lines.
func TestDashboardHistoryMatchesLines(t *testing.T) {
	st := openStore(t, t.TempDir())
	defer st.Close()
	rng := rand.New(rand.NewPCG(7, 11))
	p := domain.NewPeriod(2026, time.March)
	start := p.AddMonths(-14)
	var ers []string
	ees := map[string][]string{}
	n := 0
	for i := range 8 {
		er, err := st.Employers().Create(domain.Employer{Affiliation: decltest.Affiliation(200000 + i), Name: fmt.Sprintf("SOCIETE %02d", i)})
		if err != nil {
			t.Fatal(err)
		}
		ers = append(ers, er.ID)
		for range 1 + rng.IntN(12) {
			n++
			em, err := st.Employees().Create(domain.Employee{EmployerID: er.ID, Immatriculation: decltest.Immat(n), LastName: fmt.Sprintf("NOM%03d", n)})
			if err != nil {
				t.Fatal(err)
			}
			ees[er.ID] = append(ees[er.ID], em.ID)
		}
	}
	line := func(id string) domain.MonthLine {
		l := domain.MonthLine{EmployeeID: id}
		switch rng.IntN(5) {
		case 0: // neither days nor pay
			l.Situation = domain.SitLeft
		case 1:
			l.Days = 1 + rng.IntN(26)
		case 2:
			l.Gross = domain.Money(rng.Int64N(1_000_000))
		default:
			l.Days, l.Gross = 1+rng.IntN(26), domain.Money(rng.Int64N(3_000_000))
		}
		return l
	}
	for _, er := range ers[:7] { // the last employer has no line at all
		for k := range 15 {
			q := start.AddMonths(k)
			switch rng.IntN(6) {
			case 0: // no lines this month
				continue
			case 1: // lines set one by one
				for _, id := range ees[er] {
					if err := st.Periods().SetLine(er, q, line(id)); err != nil {
						t.Fatal(err)
					}
				}
			default:
				var lines []domain.MonthLine
				for _, i := range rng.Perm(len(ees[er]))[:1+rng.IntN(len(ees[er]))] {
					lines = append(lines, line(ees[er][i]))
				}
				if err := st.Periods().ReplaceLines(er, q, lines); err != nil {
					t.Fatal(err)
				}
			}
			if rng.IntN(4) == 0 { // then corrected
				if err := st.Periods().SetLine(er, q, line(ees[er][rng.IntN(len(ees[er]))])); err != nil {
					t.Fatal(err)
				}
			}
			if rng.IntN(10) == 0 { // or emptied
				if err := st.Periods().ReplaceLines(er, q, nil); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for _, q := range []domain.Period{p, p.AddMonths(-3), start, p.AddMonths(5)} {
		d, err := BuildDashboard(st, nil, q, date(2026, time.April, 1))
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Rows) != len(ers) {
			t.Fatalf("%d rows", len(d.Rows))
		}
		nonZero := 0
		for i, r := range d.Rows {
			want := oldHistory(t, st, r.EmployerID, q)
			if !reflect.DeepEqual(r.History, want) {
				// Amounts stay out of the output (payroll data).
				for k := range want {
					if k < len(r.History) && r.History[k] != want[k] {
						t.Errorf("row %d, dashboard of %s: month %s differs (headcount %d, want %d; real equal: %t)", i, q,
							want[k].Period, r.History[k].Headcount, want[k].Headcount, r.History[k].Real == want[k].Real)
					}
				}
				t.Fatalf("row %d, dashboard of %s: history differs (%d points, want %d)", i, q, len(r.History), len(want))
			}
			for _, h := range want {
				if h.Headcount > 0 {
					nonZero++
				}
			}
		}
		if q == p && nonZero == 0 {
			t.Fatal("generated portfolio has no history")
		}
	}
}

// Speed target: the dashboard of 300 employers within 300 ms of unlocking.
const (
	benchEmployers = 300
	benchEmployees = 20000
)

var (
	portfolioOnce sync.Once
	portfolioDir  string
	portfolioErr  error
)

// portfolio builds once a store of 300 employers and 20 000 employees (a few
// large employers, many small ones) with twelve months of lines each.
func portfolio(b *testing.B) string {
	portfolioOnce.Do(func() {
		portfolioDir, portfolioErr = os.MkdirTemp("", "tasrih-desktop-bench-")
		if portfolioErr == nil {
			portfolioErr = buildPortfolio(portfolioDir)
		}
	})
	if portfolioErr != nil {
		b.Fatal(portfolioErr)
	}
	return portfolioDir
}

func TestMain(m *testing.M) {
	code := anchortest.Main(m) // the anchors of the vaults opened stay out of ~/.config
	if portfolioDir != "" {
		os.RemoveAll(portfolioDir)
	}
	os.Exit(code)
}

func benchPeriod() domain.Period { return domain.NewPeriod(2026, time.January) }

func buildPortfolio(dir string) error {
	st, err := store.Open(dir, storeKey, store.Options{Actor: "bench", Logger: quiet()})
	if err != nil {
		return err
	}
	defer st.Close()
	return fillPortfolio(st)
}

func fillPortfolio(st *store.Store) error {
	per := make([]int, benchEmployers)
	left := benchEmployees
	for i := range per {
		per[i] = 20
		left -= 20
	}
	for i := 0; left > 0; i = (i + 1) % 30 {
		per[i]++
		left--
	}
	n := 0
	p := benchPeriod()
	for i := range benchEmployers {
		er, err := st.Employers().Create(domain.Employer{Affiliation: decltest.Affiliation(100000 + i), Name: fmt.Sprintf("SOCIETE %03d", i)})
		if err != nil {
			return err
		}
		var ids []string
		for chunk := 0; chunk < per[i]; chunk += 1000 {
			err := st.Update(func(tx *store.Tx) error {
				for j := chunk; j < min(chunk+1000, per[i]); j++ {
					n++
					em, err := tx.Employees().Create(domain.Employee{EmployerID: er.ID, Immatriculation: decltest.Immat(n),
						LastName: fmt.Sprintf("NOM%05d", n), FirstName: "PRENOM", MonthlyGross: domain.MAD(6000)})
					if err != nil {
						return err
					}
					ids = append(ids, em.ID)
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		lines := make([]domain.MonthLine, len(ids))
		for j, id := range ids {
			lines[j] = domain.MonthLine{EmployeeID: id, Days: 26, Gross: domain.MAD(6000) + domain.Money(j)}
		}
		err = st.Update(func(tx *store.Tx) error {
			for k := range HistoryMonths {
				if err := tx.Periods().ReplaceLines(er.ID, p.AddMonths(-k), lines); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkDashboard is a dashboard on an open store. There is no history
// cache: every dashboard, the first after an unlock included, reads the
// statuses and the period totals (see BenchmarkDashboardFirst for a store
// just opened).
func BenchmarkDashboard(b *testing.B) {
	dir := portfolio(b)
	st := openStore(b, dir)
	defer st.Close()
	today := date(2026, time.February, 5)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		d, err := BuildDashboard(st, nil, benchPeriod(), today)
		if err != nil || len(d.Rows) != benchEmployers {
			b.Fatal(err, len(d.Rows))
		}
	}
}

// BenchmarkDashboardFirst is the very first dashboard after the store opens
// (cold block cache): each iteration opens the store anew, outside the timer.
func BenchmarkDashboardFirst(b *testing.B) {
	dir := portfolio(b)
	today := date(2026, time.February, 5)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		st := openStore(b, dir)
		b.StartTimer()
		d, err := BuildDashboard(st, nil, benchPeriod(), today)
		b.StopTimer()
		if err != nil || len(d.Rows) != benchEmployers {
			b.Fatal(err, len(d.Rows))
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// BenchmarkUnlockToDashboard is what the user waits for between the unlock
// and the portfolio: open the store, start the embedded sandbox and the
// outbox, then the first dashboard (300 employers, 20 000 employees, 12
// months of lines). The Argon2id derivation is left out (cheap KDF here; it
// takes ~0.75 s by design with the calibrated parameters), and so is the
// snapshot taken when locking between two iterations.
func BenchmarkUnlockToDashboard(b *testing.B) {
	vault.UseCheapKDFForTests(b)
	c, err := New(Options{Dir: b.TempDir(), Vault: vault.Options{Keyring: keyringtest.New()}, Logger: quiet(),
		Getenv: func(string) string { return "" }})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Create(testPassphrase, false); err != nil {
		b.Fatal(err)
	}
	if err := c.Use(func(s *Session) error { return fillPortfolio(s.Store) }); err != nil {
		b.Fatal(err)
	}
	st := settings.Defaults()
	st.SnapshotOnExit = false
	if err := settings.Save(c.Dir(), st); err != nil {
		b.Fatal(err)
	}
	c.Lock(ReasonUser)
	today := date(2026, time.February, 5)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := c.UnlockPassphrase(testPassphrase); err != nil {
			b.Fatal(err)
		}
		err := c.Use(func(s *Session) error {
			d, err := s.Dashboard(benchPeriod(), today)
			if err == nil && len(d.Rows) != benchEmployers {
				err = fmt.Errorf("%d rows", len(d.Rows))
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		c.Lock(ReasonUser)
		b.StartTimer()
	}
}
