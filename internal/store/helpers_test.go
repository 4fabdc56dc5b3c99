package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// testKey is a fixed 32-byte key; otherKey a different one.
var (
	testKey  = bytes.Repeat([]byte{0x5a}, KeySize)
	otherKey = bytes.Repeat([]byte{0xa5}, KeySize)
)

// logBuffer collects what the store logs, safe for concurrent writes.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func testOptions() Options {
	return Options{Actor: "tester", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

// openTest opens a store in a fresh temporary directory and closes it at the
// end of the test.
func openTest(t testing.TB) *Store {
	t.Helper()
	return openAt(t, t.TempDir())
}

func openAt(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := Open(dir, testKey, testOptions())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return v
	}
}

func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want error %s, got nil", code)
	}
	if got := i18n.Code(err); got != code {
		t.Fatalf("want error code %s, got %q (%v)", code, got, err)
	}
	var ue *i18n.Error
	if !errors.As(err, &ue) {
		t.Fatalf("not an *i18n.Error: %T", err)
	}
	for _, l := range i18n.Langs {
		if ue.Msg.In(l) == "" || (l != i18n.FR && ue.Msg.In(l) == ue.Msg.FR) {
			t.Fatalf("%s: message missing in %s", code, l)
		}
	}
}

// checkKey returns s followed by the digits that make the whole number
// divisible by 97 (the key of ICE and RIB), width digits in all.
func mod97Complete(prefix string, keyDigits int) string {
	n, _ := new(big.Int).SetString(prefix+"00", 10)
	r := new(big.Int).Mod(n, big.NewInt(97)).Int64()
	k := (97 - r) % 97
	return fmt.Sprintf("%s%0*d", prefix, keyDigits, k)
}

// ribFor returns a valid 24-digit RIB derived from n.
func ribFor(n int) string { return mod97Complete(fmt.Sprintf("1810%018d", 700000000+n), 2) }

// iceFor returns a valid 15-digit ICE derived from n.
func iceFor(n int) string { return mod97Complete(fmt.Sprintf("%013d", 1000000+n), 2) }

func sampleEmployer(n int) domain.Employer {
	return domain.Employer{
		Affiliation: fmt.Sprintf("%07d", 1000000+n),
		Name:        fmt.Sprintf("Société Test %03d", n),
		ICE:         iceFor(n),
		IF:          fmt.Sprintf("%08d", 40000000+n),
		City:        "Casablanca",
		PostalCode:  "20000",
		Agency:      "A1",
	}
}

func sampleEmployee(employerID string, n int) domain.Employee {
	return domain.Employee{
		EmployerID:      employerID,
		Immatriculation: fmt.Sprintf("%09d", 100000000+n),
		CIN:             fmt.Sprintf("BK%06d", n),
		LastName:        fmt.Sprintf("NOM%05d", n),
		FirstName:       "Prénom",
		HireDate:        domain.Date{Year: 2020, Month: time.March, Day: 1},
		MonthlyGross:    domain.MAD(6000) + domain.Money(n),
		Children:        n % 4,
		RIB:             ribFor(n),
	}
}

var p202601 = domain.Period{Year: 2026, Month: time.January}
