package sandbox

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Faults are the failures the sandbox injects on the /v1 API, for testing a
// client's retries. The zero value injects nothing. Every random choice comes
// from the server's RNG (Options.RNGSeed), so a sequential test replays the
// same faults.
type Faults struct {
	// Latency delays every /v1 answer by Latency plus a uniform random
	// share of Jitter.
	Latency, Jitter time.Duration
	// FailRate (0–1) is the share of /v1 calls answered 500 internal
	// (retryable) before anything is done.
	FailRate float64
	// DropAfterCommit (0–1) is the share of accepted deposit calls whose
	// connection is closed without an answer AFTER the deposit was stored:
	// the client sees a network error although the deposit exists, and must
	// send it again under the same Idempotency-Key.
	DropAfterCommit float64
	// Maintenance makes the /v1 API answer 503 maintenance with Retry-After
	// (the rest of the window) during its windows.
	Maintenance Maintenance
	// Reject rejects every deposit processed while it is set, whatever its
	// content, with one more control-report item saying so (RuleReject):
	// the rejection path of a client, without building a wrong file.
	Reject bool
}

// RuleReject is the control-report rule of a deposit rejected by
// Faults.Reject.
const RuleReject = "SBX-REJECT"

var msgRejectFault = i18n.Text{
	FR: "dépôt rejeté par le bac à sable à la demande (réglage de test) : renvoyez-le quand le réglage est levé",
	AR: "رفض صندوق التجربة الإيداع عمداً (إعداد اختبار): أعد إرساله بعد رفع الإعداد",
	EN: "deposit rejected by the sandbox on request (test setting): send it again once the setting is lifted",
}

// Maintenance describes maintenance windows: a periodic one (For at the start
// of every Every, counted from the server's start) and explicit ones.
type Maintenance struct {
	Every, For time.Duration
	Windows    []Window
}

// Window is an explicit maintenance window [From, To).
type Window struct{ From, To time.Time }

// CodeFault is the i18n code of a malformed fault setting.
const CodeFault = "sandbox.fault"

var msgFault = i18n.Text{
	FR: "réglage d'injection de pannes invalide « %s » : %s",
	AR: "إعداد حقن الأعطال غير صالح « %s »: %s",
	EN: "invalid fault-injection setting %q: %s",
}

// ParseMaintenance reads "D/P": D of maintenance at the start of every P
// (e.g. "10s/60s"); "" is no maintenance.
func ParseMaintenance(s string) (Maintenance, error) {
	if s == "" {
		return Maintenance{}, nil
	}
	ds, ps, ok := strings.Cut(s, "/")
	d, err1 := time.ParseDuration(ds)
	p, err2 := time.ParseDuration(ps)
	if !ok || err1 != nil || err2 != nil || d <= 0 || p <= d {
		return Maintenance{}, i18n.New(CodeFault, msgFault, s, i18n.Text{
			FR: "DURÉE/PÉRIODE attendu, la durée plus courte que la période, p. ex. 10s/60s",
			AR: "المنتظر المدة/الدورة، والمدة أقصر من الدورة، مثلاً 10s/60s",
			EN: "DURATION/PERIOD expected, the duration shorter than the period, e.g. 10s/60s",
		})
	}
	return Maintenance{Every: p, For: d}, nil
}

// ParseWindow reads an explicit window "RFC3339/DURATION", e.g.
// "2026-02-01T10:00:00Z/15m".
func ParseWindow(s string) (Window, error) {
	ts, ds, ok := strings.Cut(s, "/")
	t, err1 := time.Parse(time.RFC3339, ts)
	d, err2 := time.ParseDuration(ds)
	if !ok || err1 != nil || err2 != nil || d <= 0 {
		return Window{}, i18n.New(CodeFault, msgFault, s, i18n.Text{
			FR: "DÉBUT/DURÉE attendu, p. ex. 2026-02-01T10:00:00Z/15m",
			AR: "المنتظر البداية/المدة، مثلاً 2026-02-01T10:00:00Z/15m",
			EN: "START/DURATION expected, e.g. 2026-02-01T10:00:00Z/15m",
		})
	}
	return Window{From: t, To: t.Add(d)}, nil
}

// CheckRate checks a rate in [0, 1].
func CheckRate(name string, r float64) error {
	if !(r >= 0 && r <= 1) {
		return i18n.New(CodeFault, msgFault, fmt.Sprintf("%s=%v", name, r), i18n.Text{
			FR: "un taux entre 0 et 1", AR: "نسبة بين 0 و1", EN: "a rate between 0 and 1",
		})
	}
	return nil
}

func (f Faults) check() error {
	if err := CheckRate("fail-rate", f.FailRate); err != nil {
		return err
	}
	if err := CheckRate("drop-after-commit", f.DropAfterCommit); err != nil {
		return err
	}
	if f.Latency < 0 || f.Jitter < 0 || f.Latency > time.Minute || f.Jitter > time.Minute {
		return i18n.New(CodeFault, msgFault, fmt.Sprintf("latency=%v jitter=%v", f.Latency, f.Jitter), i18n.Text{
			FR: "de 0 à 1 min", AR: "من 0 إلى دقيقة واحدة", EN: "0 to 1 min",
		})
	}
	m := f.Maintenance
	if m.Every < 0 || m.For < 0 || (m.Every > 0) != (m.For > 0) || (m.Every > 0 && m.For >= m.Every) {
		return i18n.New(CodeFault, msgFault, fmt.Sprintf("maintenance=%v/%v", m.For, m.Every), i18n.Text{
			FR: "la durée doit être plus courte que la période", AR: "يجب أن تكون المدة أقصر من الدورة", EN: "the duration must be shorter than the period",
		})
	}
	return nil
}

// in returns the remaining time of the maintenance window holding now, or 0.
func (m Maintenance) in(now, start time.Time) time.Duration {
	var left time.Duration
	if m.Every > 0 && !now.Before(start) {
		if off := now.Sub(start) % m.Every; off < m.For {
			left = m.For - off
		}
	}
	for _, w := range m.Windows {
		if !now.Before(w.From) && now.Before(w.To) {
			left = max(left, w.To.Sub(now))
		}
	}
	return left
}

// lockedRand is the server's seeded RNG, safe for concurrent use.
type lockedRand struct {
	mu sync.Mutex
	r  *rand.Rand
}

func newRand(seed uint64) *lockedRand {
	return &lockedRand{r: rand.New(rand.NewPCG(seed, seed^0x5a4e_4442_5358))}
}

// chance reports true with probability p.
func (l *lockedRand) chance(p float64) bool {
	if p <= 0 {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Float64() < p
}

func (l *lockedRand) int64n(n int64) int64 {
	if n <= 0 {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Int64N(n)
}

// keyedMutex is one mutex per key, created on demand and dropped when free.
type keyedMutex struct {
	mu sync.Mutex
	m  map[string]*kmEntry
}

type kmEntry struct {
	mu sync.Mutex
	n  int
}

func (k *keyedMutex) lock(key string) (unlock func()) {
	k.mu.Lock()
	if k.m == nil {
		k.m = map[string]*kmEntry{}
	}
	e := k.m[key]
	if e == nil {
		e = &kmEntry{}
		k.m[key] = e
	}
	e.n++
	k.mu.Unlock()
	e.mu.Lock()
	return func() {
		e.mu.Unlock()
		k.mu.Lock()
		if e.n--; e.n == 0 {
			delete(k.m, key)
		}
		k.mu.Unlock()
	}
}
