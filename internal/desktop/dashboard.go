package desktop

import (
	"errors"
	"runtime"
	"sync"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/params"
	"github.com/tasrih/tasrih/internal/store"
)

// HistoryMonths is the length of the dashboard's history (the sparkline).
const HistoryMonths = 12

// Urgency ranks an employer of the portfolio by what is left to do before
// the due date.
type Urgency string

// Urgencies, from the most pressing.
const (
	UrgencyOverdue Urgency = "overdue" // due date passed, not deposited
	UrgencyUrgent  Urgency = "urgent"  // due within UrgentDays
	UrgencySoon    Urgency = "soon"    // due within SoonDays
	UrgencyOK      Urgency = "ok"
	UrgencyDone    Urgency = "done" // deposited (queued, submitted, accepted or manual)
)

// Thresholds of the urgencies, in days left (the due day itself is 0).
const (
	UrgentDays = 3
	SoonDays   = 7
)

// HistoryPoint is one month of an employer's history: the gross payroll and
// the headcount of the month's lines (employees with days or pay).
type HistoryPoint struct {
	Period    domain.Period `json:"period"`
	Real      domain.Money  `json:"real"`
	Headcount int           `json:"headcount"`
}

// DashboardRow is one employer of the portfolio for a period.
type DashboardRow struct {
	store.EmployerStatus
	// DueDate is the deadline of the period: the employer's override, else
	// the legal one (params).
	DueDate domain.Date `json:"due_date"`
	// DaysLeft is the number of days from today to the due date (0 on the
	// day, negative once passed).
	DaysLeft int     `json:"days_left"`
	Urgency  Urgency `json:"urgency"`
	// History holds the HistoryMonths months ending with the period, oldest
	// first.
	History []HistoryPoint `json:"history"`
}

// Dashboard is the portfolio for one period.
type Dashboard struct {
	Period domain.Period   `json:"period"`
	Today  domain.Date     `json:"today"`
	Rows   []DashboardRow  `json:"rows"`
	Counts map[Urgency]int `json:"counts"`
}

// UrgencyOf ranks a period state due on due, seen on today.
func UrgencyOf(state store.PeriodState, due, today domain.Date) (Urgency, int) {
	left := int(due.Time().Sub(today.Time()).Hours() / 24)
	switch state {
	case store.StateQueued, store.StateSubmitted, store.StateAccepted, store.StateManual:
		return UrgencyDone, left
	}
	switch {
	case left < 0:
		return UrgencyOverdue, left
	case left <= UrgentDays:
		return UrgencyUrgent, left
	case left <= SoonDays:
		return UrgencySoon, left
	}
	return UrgencyOK, left
}

// BuildDashboard returns the portfolio of period p seen on today: every
// employer with its state (store.ListEmployerStatus), due date, days left,
// urgency and history. The history comes from the month lines, read once per
// employer and month and then kept in cache (nil: no cache) until Forget.
func BuildDashboard(st *store.Store, tab *params.Table, p domain.Period, today domain.Date, cache *historyCache) (Dashboard, error) {
	if tab == nil {
		tab = params.Default()
	}
	rows, err := st.ListEmployerStatus(p)
	if err != nil {
		return Dashboard{}, err
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.EmployerID
	}
	if cache == nil {
		cache = newHistoryCache()
	}
	hist, err := cache.get(st, ids, p)
	if err != nil {
		return Dashboard{}, err
	}
	legal := tab.DueDate(p)
	d := Dashboard{Period: p, Today: today, Rows: make([]DashboardRow, len(rows)), Counts: map[Urgency]int{}}
	for i, r := range rows {
		due := legal
		if !r.Deadline.IsZero() {
			due = r.Deadline
		}
		u, left := UrgencyOf(r.State, due, today)
		d.Rows[i] = DashboardRow{EmployerStatus: r, DueDate: due, DaysLeft: left, Urgency: u, History: hist[i]}
		d.Counts[u]++
	}
	return d, nil
}

// historyCache keeps the history points of each employer and month. It is
// safe for concurrent use.
type historyCache struct {
	mu  sync.Mutex
	m   map[string]map[domain.Period]HistoryPoint
	gen uint64 // incremented by forget: a read that overlapped one is not kept
}

func newHistoryCache() *historyCache {
	return &historyCache{m: map[string]map[domain.Period]HistoryPoint{}}
}

// forget drops what is kept for an employer ("" : everything).
func (h *historyCache) forget(employerID string) {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gen++
	if employerID == "" {
		h.m = map[string]map[domain.Period]HistoryPoint{}
		return
	}
	delete(h.m, employerID)
}

// get returns the HistoryMonths points ending at p of each employer of ids,
// reading what the cache lacks in one read transaction.
func (h *historyCache) get(st *store.Store, ids []string, p domain.Period) ([][]HistoryPoint, error) {
	first := p.AddMonths(-(HistoryMonths - 1))
	out := make([][]HistoryPoint, len(ids))
	type miss struct {
		i int
		q domain.Period
	}
	var misses []miss
	h.mu.Lock()
	for i, id := range ids {
		pts := make([]HistoryPoint, HistoryMonths)
		for k := range HistoryMonths {
			q := first.AddMonths(k)
			if pt, ok := h.m[id][q]; ok {
				pts[k] = pt
			} else {
				pts[k] = HistoryPoint{Period: q}
				misses = append(misses, miss{i, q})
			}
		}
		out[i] = pts
	}
	gen := h.gen
	h.mu.Unlock()
	if len(misses) == 0 {
		return out, nil
	}
	// Decoding the month lines is the cost (JSON, ~60 % of it): the misses
	// are read by one goroutine per CPU, each in its own read transaction.
	read := make([]HistoryPoint, len(misses))
	workers := min(runtime.GOMAXPROCS(0), (len(misses)+63)/64)
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[w] = st.View(func(tx *store.Tx) error {
				per := tx.Periods()
				for j := w; j < len(misses); j += workers {
					m := misses[j]
					lines, err := per.Lines(ids[m.i], m.q)
					if err != nil {
						return err
					}
					pt := HistoryPoint{Period: m.q}
					for _, l := range lines {
						if l.Days > 0 || l.Gross > 0 {
							pt.Real += l.Gross
							pt.Headcount++
						}
					}
					read[j] = pt
				}
				return nil
			})
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	h.mu.Lock()
	keep := gen == h.gen
	for j, m := range misses {
		out[m.i][m.q.Index()-first.Index()] = read[j]
		if !keep {
			continue
		}
		id := ids[m.i]
		if h.m[id] == nil {
			h.m[id] = map[domain.Period]HistoryPoint{}
		}
		h.m[id][m.q] = read[j]
	}
	h.mu.Unlock()
	return out, nil
}
