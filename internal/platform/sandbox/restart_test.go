package sandbox

import (
	"context"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/api"
	"github.com/tasrih/tasrih/internal/platform/client"
)

// TestRestartKeepsEverything closes the server while one deposit is
// processing and another is just received, reopens the same folder, and
// checks that both complete, that sessions, idempotency keys, the published
// préétabli and the lockout survive.
func TestRestartKeepsEverything(t *testing.T) {
	clk := newClock()
	dir := t.TempDir()
	seed := DemoSeed()
	seed.ProcessingDelay = 10 * time.Second
	e := start(t, Options{Dir: dir, Now: clk.Now, Seed: seed})
	ctx := context.Background()
	e.login(t, DemoLogin, DemoPassword)
	token := e.c.Token()
	pre, _ := e.c.Preetabli(ctx, affDemo, testPeriod)
	pre2, _ := e.c.Preetabli(ctx, affDemo2, testPeriod)
	ds, ds2 := buildDS(t, pre, 1, 9), buildDS(t, pre2, 1, 10)
	key, key2 := newKey(), newKey()
	r1, err := e.c.Deposit(ctx, affDemo, testPeriod, api.KindPrincipal, 0, key, ds.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(6 * time.Second)
	if d, _ := e.c.GetDeposit(ctx, r1.DepositID); d.Status != api.StatusProcessing {
		t.Fatalf("before restart: %s", d.Status)
	}
	r2, err := e.c.Deposit(ctx, affDemo2, testPeriod, api.KindPrincipal, 0, key2, ds2.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ { // two wrong passwords of demo2 are remembered
		e.c.Login(ctx, DemoLogin2, "wrong")
	}
	if err := e.srv.Close(); err != nil {
		t.Fatal(err)
	}
	if err := e.srv.Close(); err != nil {
		t.Fatal("second Close:", err)
	}

	// The wrong key does not open the data.
	if _, err := New(Options{Dir: dir, Key: make([]byte, KeySize), Now: clk.Now}); i18n.Code(err) != CodeBadKey {
		t.Fatalf("wrong key: %v", err)
	}
	if _, err := New(Options{Dir: dir, Key: []byte("short"), Now: clk.Now}); i18n.Code(err) != CodeBadKey {
		t.Fatalf("short key: %v", err)
	}

	e2 := start(t, Options{Dir: dir, Now: clk.Now, Seed: seed})
	e2.c.SetToken(token) // the session survived the restart
	clk.Advance(5 * time.Second)
	d1 := waitFinal(t, e2, r1.DepositID) // the worker of the new server finishes it
	if d1.Status != api.StatusAccepted || d1.Totals.Employees != ds.Decl.GrandTotals.Count {
		t.Fatalf("after restart: %+v", d1)
	}
	if d, err := e2.c.GetDeposit(ctx, r2.DepositID); err != nil || d.Status != api.StatusProcessing {
		t.Fatalf("second deposit after restart: %+v %v", d, err)
	}
	clk.Advance(5 * time.Second)
	if d := waitFinal(t, e2, r2.DepositID); d.Status != api.StatusAccepted {
		t.Fatalf("second deposit: %+v", d)
	}
	// Idempotency keys survived.
	replay, err := e2.c.Deposit(ctx, affDemo, testPeriod, api.KindPrincipal, 0, key, ds.Bytes)
	if err != nil || replay.DepositID != r1.DepositID || replay.Status != api.StatusAccepted {
		t.Fatalf("replay after restart: %+v %v", replay, err)
	}
	if _, err := e2.c.Deposit(ctx, affDemo, testPeriod, api.KindPrincipal, 0, key, ds2.Bytes); api.CodeOf(err) != api.CodeIdempotencyConflict {
		t.Fatalf("conflict after restart: %v", err)
	}
	// The published préétabli did not change.
	if again, _ := e2.c.Preetabli(ctx, affDemo, testPeriod); string(again) != string(pre) {
		t.Fatal("préétabli changed across the restart")
	}
	// Lockout counters survived: 3 more wrong passwords lock demo2.
	c2, _ := client.New(e2.base, client.Options{})
	for i := 0; i < 2; i++ {
		if _, err := c2.Login(ctx, DemoLogin2, "wrong"); api.CodeOf(err) != api.CodeInvalidCredentials {
			t.Fatalf("failure %d: %v", i+3, err)
		}
	}
	if _, err := c2.Login(ctx, DemoLogin2, "wrong"); api.CodeOf(err) != api.CodeTooManyAttempts {
		t.Fatalf("fifth failure across a restart: %v", err)
	}
	if list, _ := e2.c.ListDeposits(ctx, affDemo, testPeriod); len(list) != 1 {
		t.Fatalf("list after restart: %d", len(list))
	}
}

// TestSecondServerSameDir refuses a second sandbox on an open folder.
func TestSecondServerSameDir(t *testing.T) {
	dir := t.TempDir()
	start(t, Options{Dir: dir})
	if _, err := New(Options{Dir: dir, Key: testKey}); i18n.Code(err) != CodeLocked {
		t.Fatalf("second server: %v", err)
	}
}

func TestLoadOrCreateKey(t *testing.T) {
	dir := t.TempDir()
	k1, err := LoadOrCreateKey(dir)
	if err != nil || len(k1) != KeySize {
		t.Fatal(err)
	}
	k2, err := LoadOrCreateKey(dir)
	if err != nil || string(k1) != string(k2) {
		t.Fatal("key changed")
	}
	st, err := osStat(dir + "/" + KeyFile)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v %v", st.Mode(), err)
	}
	if err := osWriteFile(dir+"/"+KeyFile, []byte("zz\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKey(dir); i18n.Code(err) != CodeBadKey {
		t.Fatalf("corrupt key file: %v", err)
	}
}
