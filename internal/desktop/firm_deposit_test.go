package desktop

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/importer"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/outbox"
	"github.com/tasrih/tasrih/internal/platform/sandbox"
	"github.com/tasrih/tasrih/internal/store"
)

const (
	depLogin    = "cabinet"
	depPassword = "mot-de-passe-cabinet"
)

var depAff = decltest.Affiliation(620001)

// depSeed is the sandbox platform of each seat: one account with a mandate
// on depAff and its préétabli of the test period.
func depSeed() *sandbox.Seed {
	p := testPeriod()
	return &sandbox.Seed{
		Version: sandbox.SeedVersion, ProcessingDelay: 50 * time.Millisecond, TokenTTL: time.Hour,
		Employers:  []sandbox.Employer{{Affiliation: depAff, Name: "SOCIETE CABINET", Employees: 3}},
		Accounts:   []sandbox.Account{{Login: depLogin, Password: depPassword, OTPChannel: api.OTPSMS, OTPDestination: "+212600000077", Mandates: []sandbox.Mandate{{Affiliation: depAff, Role: api.RoleEmployer}}}},
		Preetablis: map[string][]byte{depAff + "/" + p.String(): decltest.PreetabliBytes(depAff, p, 3, 1)},
	}
}

// login logs the seat into its sandbox platform.
func (s *seat) login(t *testing.T) {
	t.Helper()
	s.session(t, func(ss *Session) {
		ctx, cancel := ss.CallContext()
		defer cancel()
		if _, err := ss.Login(ctx, domain.ProfileSandbox, depLogin, depPassword, false); err != nil {
			t.Fatal(err)
		}
		inbox, err := ss.SandboxInbox(depLogin)
		if err != nil || len(inbox) == 0 {
			t.Fatalf("inbox: %v", err)
		}
		if err := ss.VerifyOTP(ctx, domain.ProfileSandbox, inbox[0].Code); err != nil {
			t.Fatal(err)
		}
	})
}

func (s *seat) attempts(t *testing.T, declID string) int {
	t.Helper()
	var n int
	s.session(t, func(ss *Session) {
		as, err := ss.Store.DepositAttempts().List(declID)
		if err != nil {
			t.Fatal(err)
		}
		n = len(as)
	})
	return n
}

func (s *seat) submission(t *testing.T, id string) store.Submission {
	t.Helper()
	var out store.Submission
	s.session(t, func(ss *Session) {
		var err error
		if out, err = ss.Store.Submissions().Get(id); err != nil {
			t.Fatalf("%s: submission: %v", s.name, err)
		}
	})
	return out
}

// A declaration submitted by the seat holding the dossier is deposited
// once: the other seat, logged in to its platform and holding the same
// submission after a sync, never sends it — not while the first holds the
// dossier, and not after the dossier was handed to it either.
func TestFirmExactlyOnceAcrossSeats(t *testing.T) {
	seats := firmWith(t, func(o *Options) { o.NoSandbox = false; o.SandboxSeed = depSeed() }, "Karim", "Fatima")
	karim, fatima := seats[0], seats[1]
	ctx := context.Background()
	p := testPeriod()

	// Karim prepares the month: a ready declaration built on the préétabli.
	var er, declID string
	karim.session(t, func(ss *Session) {
		e, err := ss.Store.Employers().Create(domain.Employer{Affiliation: depAff, Name: "Société Cabinet", PlatformProfile: domain.ProfileSandbox})
		if err != nil {
			t.Fatal(err)
		}
		er = e.ID
		pre, rep := declaration.ReadPreetabli(decltest.PreetabliBytes(depAff, p, 3, 1))
		if !rep.Valid() {
			t.Fatal(rep.Findings)
		}
		rows, err := importer.ReadPayroll("paie.csv", bytes.NewReader(decltest.PayrollCSV(&pre.File, 1, 9)))
		if err != nil {
			t.Fatal(err)
		}
		res, err := declaration.Build(importer.DeclarationInput(pre, rows, func(l int) string { return fmt.Sprint(l) }))
		if err != nil || res.Bytes == nil {
			t.Fatal(err)
		}
		d, err := ss.Store.Declarations().Create(store.Declaration{EmployerID: er, Period: p, Kind: store.KindPrincipal,
			Status: store.StatusReady, FileName: res.FileName, Bytes: res.Bytes})
		if err != nil {
			t.Fatal(err)
		}
		declID = d.ID
	})
	if _, err := karim.f.Share(ctx, er, []string{fatima.status(t).SeatID}); err != nil {
		t.Fatal(err)
	}
	// Karim submits before logging in: the submission waits for his login.
	out, err := karim.core.Submit([]string{declID}, "")
	if err != nil || len(out.Results) != 1 || out.Results[0].Err != nil {
		t.Fatalf("submit: %+v %v", out, err)
	}
	subID := out.Results[0].Submission.ID
	karim.sync(t) // the submission and its key reach the firm's store
	// While his outbox carries it, Karim cannot let the dossier go.
	if _, err := karim.f.HandOver(ctx, er, fatima.status(t).SeatID); i18n.Code(err) != CodeFirmDepositInFlight {
		t.Fatalf("hand-over with a deposit in flight: %v", err)
	}
	if _, err := karim.f.Release(ctx, er); i18n.Code(err) != CodeFirmDepositInFlight {
		t.Fatalf("release with a deposit in flight: %v", err)
	}

	// Fatima, logged in, gets the queued submission: her outbox asks the
	// firm first and is told Karim holds the dossier.
	fatima.login(t)
	fatima.sync(t)
	if got := fatima.submission(t, subID); got.IdempotencyKey != out.Results[0].Submission.IdempotencyKey {
		t.Fatalf("fatima's copy of the submission: %+v", got)
	}
	fatima.rec.waitFor(t, 30*time.Second, "fatima's outbox to be refused by the firm", func() bool {
		for _, ev := range fatima.rec.named(EventOutbox) {
			if e := ev.(outbox.Event); e.Kind == outbox.EventRetry && e.Error != nil && e.Error.Code == CodeFirmReadOnly {
				return true
			}
		}
		return false
	})

	// Fatima's submit of Karim's declaration is refused: he holds it.
	if o, err := fatima.core.Submit([]string{declID}, ""); err != nil || len(o.Results) != 1 || i18n.Code(o.Results[0].Err) != CodeFirmReadOnly {
		t.Fatalf("fatima submits karim's declaration: %+v %v", o, err)
	}

	// Karim logs in: his outbox sends it, the platform accepts it.
	karim.login(t)
	karim.rec.waitFor(t, 30*time.Second, "karim's deposit accepted", func() bool {
		return karim.submission(t, subID).State == store.SubAccepted
	})
	// Karim hands the dossier over once the receipt is made (a receipt
	// made after a hand-over is kept as his proposal, not sent).
	karim.rec.waitFor(t, 30*time.Second, "karim's receipt", func() bool { return len(karim.rec.named(EventReceipt)) > 0 })
	karim.sync(t)
	if _, err := karim.f.HandOver(ctx, er, fatima.status(t).SeatID); err != nil {
		t.Fatal(err)
	}
	fatima.sync(t)
	if got := fatima.submission(t, subID); got.State != store.SubAccepted || got.DepositID == "" {
		t.Fatalf("fatima's copy after the deposit: %s %q", got.State, got.DepositID)
	}
	// The receipt travelled with the dossier.
	fatima.session(t, func(ss *Session) {
		rcs, err := ss.Store.Receipts().ListByDeclaration(declID)
		if err != nil || len(rcs) != 1 {
			t.Fatalf("fatima's receipts: %d, %v", len(rcs), err)
		}
		full, err := ss.Store.Receipts().Get(rcs[0].ID)
		if err != nil || !bytes.HasPrefix(full.PDF, []byte("%PDF-")) {
			t.Fatalf("fatima's receipt PDF: %v", err)
		}
	})
	// Fatima now holds the dossier; her outbox has nothing to send.
	fatima.session(t, func(ss *Session) { ss.Outbox.Kick() })
	time.Sleep(300 * time.Millisecond) // several outbox cycles (backoff 20–200 ms)
	if n := fatima.attempts(t, declID); n != 0 {
		t.Fatalf("fatima's outbox called the platform %d times", n)
	}
	if n := karim.attempts(t, declID); n == 0 {
		t.Fatal("karim's deposit attempts not recorded")
	}
}
