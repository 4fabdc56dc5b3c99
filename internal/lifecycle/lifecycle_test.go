package lifecycle

import (
	"errors"
	"fmt"
	"testing"

	"github.com/tasrih/tasrih/internal/i18n"
)

// allowed is the state machine written out again, by hand, as the list of
// every change a user's declaration may go through. The test walks every
// pair of statuses: a pair listed here must be allowed, any other refused.
var allowed = map[[2]Status]string{
	{Draft, Ready}:        "declaration.generate",
	{Ready, Draft}:        "declaration.generate",
	{Outdated, Draft}:     "declaration.generate",
	{Outdated, Ready}:     "declaration.generate",
	{Draft, Outdated}:     "declaration.outdated",
	{Ready, Outdated}:     "declaration.outdated",
	{Ready, Queued}:       "declaration.queue",
	{Draft, Queued}:       "declaration.queue",
	{Draft, Manual}:       "declaration.manual",
	{Queued, Submitted}:   "declaration.deposit",
	{Queued, Accepted}:    "declaration.accept",
	{Submitted, Accepted}: "declaration.accept",
	{Queued, Rejected}:    "declaration.reject",
	{Submitted, Rejected}: "declaration.reject",
	{Rejected, Queued}:    "declaration.resubmit",
	{Queued, Ready}:       "declaration.cancel",
	{Ready, Manual}:       "declaration.manual",
	{Queued, Manual}:      "declaration.manual",
	{Rejected, Manual}:    "declaration.manual",
}

func TestEveryTransition(t *testing.T) {
	for _, from := range Statuses {
		for _, to := range Statuses {
			t.Run(fmt.Sprintf("%s→%s", from, to), func(t *testing.T) {
				err := Check(from, to)
				audit, ok := allowed[[2]Status{from, to}]
				switch {
				case from == to:
					if err != nil {
						t.Fatalf("keeping the status %s refused: %v", from, err)
					}
				case ok:
					if err != nil {
						t.Fatalf("allowed transition refused: %v", err)
					}
					if got := AuditAction(from, to, "declaration.update"); got != audit {
						t.Fatalf("audit action %q, want %q", got, audit)
					}
				default:
					if err == nil {
						t.Fatal("forbidden transition allowed")
					}
					if !errors.Is(err, ErrForbidden) {
						t.Fatalf("refusal not in ErrForbidden's chain: %v", err)
					}
					want := CodeForbidden
					if from == Outdated {
						want = CodeOutdated
					}
					if i18n.Code(err) != want {
						t.Fatalf("code %q, want %q", i18n.Code(err), want)
					}
					checkMessages(t, err)
				}
			})
		}
	}
}

func checkMessages(t *testing.T, err error) {
	t.Helper()
	var ue *i18n.Error
	if !errors.As(err, &ue) {
		t.Fatalf("not an i18n error: %v", err)
	}
	for _, l := range i18n.Langs {
		if m := ue.In(l); m == "" || m == ue.Code {
			t.Fatalf("no %s message for %s", l, ue.Code)
		}
	}
}

// The table has no duplicate pair and only known statuses and events.
func TestTableWellFormed(t *testing.T) {
	seen := map[[2]Status]bool{}
	for _, tr := range Transitions {
		if !tr.From.Valid() || !tr.To.Valid() || tr.Event == "" || tr.Audit == "" {
			t.Fatalf("malformed transition %+v", tr)
		}
		k := [2]Status{tr.From, tr.To}
		if seen[k] {
			t.Fatalf("duplicate transition %s→%s", tr.From, tr.To)
		}
		seen[k] = true
	}
	if Status("frozen").Valid() {
		t.Fatal("unknown status reported valid")
	}
}

// Issue 15.2: an edit outdates a generated declaration, never a frozen one,
// and an outdated declaration's file cannot be used.
func TestEditAndOutdated(t *testing.T) {
	for _, s := range Statuses {
		got, changed := OnEdit(s)
		want := s == Draft || s == Ready
		if changed != want || (changed && got != Outdated) || (!changed && got != s) {
			t.Errorf("OnEdit(%s) = %s, %v", s, got, changed)
		}
		if err := CheckUsable(s); (err != nil) != (s == Outdated) {
			t.Errorf("CheckUsable(%s) = %v", s, err)
		} else if err != nil {
			if i18n.Code(err) != CodeOutdated {
				t.Errorf("code %q", i18n.Code(err))
			}
			checkMessages(t, err)
		}
	}
}

func TestFrozenAndDeposited(t *testing.T) {
	frozen := map[Status]bool{Queued: true, Submitted: true, Accepted: true, Rejected: true, Manual: true}
	deposited := map[Status]bool{Submitted: true, Accepted: true, Manual: true}
	for _, s := range Statuses {
		if s.Frozen() != frozen[s] {
			t.Errorf("%s.Frozen() = %v", s, s.Frozen())
		}
		if s.Deposited() != deposited[s] {
			t.Errorf("%s.Deposited() = %v", s, s.Deposited())
		}
	}
}

func TestDeclFlags(t *testing.T) {
	cases := []struct {
		s       Status
		errors  int
		hasFile bool
		want    Flags
	}{
		{Draft, 2, false, Flags{}},
		{Ready, 0, true, Flags{CanSubmit: true, CanExport: true}},
		{Ready, 0, false, Flags{}},
		{Outdated, 0, true, Flags{NeedsRegenerate: true}},
		{Queued, 0, true, Flags{Frozen: true, CanExport: true}},
		{Submitted, 0, true, Flags{Frozen: true, CanExport: true, Deposited: true}},
		{Accepted, 0, true, Flags{Frozen: true, Deposited: true}},
		{Rejected, 0, true, Flags{Frozen: true, CanSubmit: true, CanExport: true}},
		{Manual, 0, true, Flags{Frozen: true, CanExport: true, Deposited: true}},
	}
	for _, c := range cases {
		if got := DeclFlags(c.s, c.errors, c.hasFile); got != c.want {
			t.Errorf("DeclFlags(%s, %d, %v) = %+v, want %+v", c.s, c.errors, c.hasFile, got, c.want)
		}
	}
}

func TestMonthFlags(t *testing.T) {
	cases := []struct {
		decls []Decl
		want  MonthFlags
	}{
		{nil, MonthFlags{}},
		{[]Decl{{true, Ready}}, MonthFlags{}},
		{[]Decl{{true, Outdated}}, MonthFlags{NeedsRegenerate: true}},
		{[]Decl{{true, Queued}}, MonthFlags{Frozen: true}},
		{[]Decl{{true, Rejected}}, MonthFlags{}},
		{[]Decl{{true, Accepted}, {false, Outdated}}, MonthFlags{Frozen: true, CanComplement: true}},
		{[]Decl{{true, Manual}}, MonthFlags{Frozen: true, CanComplement: true}},
		{[]Decl{{false, Accepted}}, MonthFlags{}},
	}
	for _, c := range cases {
		if got := Month(c.decls); got != c.want {
			t.Errorf("Month(%+v) = %+v, want %+v", c.decls, got, c.want)
		}
	}
}

func TestDeclStatusOf(t *testing.T) {
	for s, want := range map[SubState]Status{SubReceived: Submitted, SubProcessing: Submitted, SubAccepted: Accepted, SubRejected: Rejected} {
		if got, ok := DeclStatusOf(s); !ok || got != want {
			t.Errorf("DeclStatusOf(%s) = %s, %v", s, got, ok)
		}
	}
	for _, s := range []SubState{SubQueued, SubSending, SubFailed, SubCancelled} {
		if _, ok := DeclStatusOf(s); ok {
			t.Errorf("DeclStatusOf(%s) set a status", s)
		}
	}
}

// Every pair of submission states: settled ones never move, nothing goes
// back to queued, cancelled only from queued.
func TestEverySubmissionTransition(t *testing.T) {
	for _, from := range SubStates {
		for _, to := range SubStates {
			err := CheckSub(from, to)
			want := from == to || !from.Terminal() && to != SubQueued && (to != SubCancelled || from == SubQueued) &&
				!(from == SubReceived && to == SubSending) && !(from == SubProcessing && to == SubSending)
			if (err == nil) != want {
				t.Errorf("%s→%s: allowed=%v, want %v", from, to, err == nil, want)
			}
			if err != nil {
				if i18n.Code(err) != CodeForbidden {
					t.Errorf("%s→%s: code %q", from, to, i18n.Code(err))
				}
				checkMessages(t, err)
			}
		}
	}
}
