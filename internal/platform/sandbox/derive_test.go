package sandbox

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/platform/api"
)

// TestDerivedPreetabli: the préétabli of February comes from January's
// accepted DS and DSC1: B02 employees minus SO/DE, plus registered entrants.
func TestDerivedPreetabli(t *testing.T) {
	clk := newClock()
	e := start(t, Options{Now: clk.Now})
	e.login(t, DemoLogin, DemoPassword)
	ctx := context.Background()
	jan := domain.NewPeriod(2026, 1)
	raw, err := e.c.Preetabli(ctx, affDemo, jan)
	if err != nil {
		t.Fatal(err)
	}
	pre, _ := declaration.ReadPreetabli(raw)
	ins := pre.File.Insured
	in := declaration.Input{Preetabli: pre}
	for i, x := range ins {
		l := declaration.MonthLine{Immat: x.Immat, Days: 26, Gross: 600000}
		switch i {
		case 0:
			l = declaration.MonthLine{Immat: x.Immat, Situation: domain.SitLeft}
		case 1:
			l = declaration.MonthLine{Immat: x.Immat, Situation: domain.SitDeceased}
		case 2:
			l = declaration.MonthLine{Immat: x.Immat, Situation: domain.SitUnpaid}
		}
		in.Lines = append(in.Lines, l)
	}
	registered := decltest.Immat(55_555_555)
	in.Entrants = []declaration.EntrantLine{
		{Immat: registered, LastName: "NOUVEAU", FirstName: "SALARIE", Days: 20, Gross: 400000},
		{CIN: "BK777777", LastName: "PAS", FirstName: "IMMATRICULE", Days: 10, Gross: 200000},
		{Immat: "999999999", LastName: "OCCASIONNEL", FirstName: "X", Days: 2, Gross: 30000},
	}
	ds, err := declaration.Build(in)
	if err != nil || ds.Bytes == nil {
		t.Fatalf("%v %v", err, ds.Report.Findings)
	}
	dsc := buildDSC(t, raw, 1, 1)
	// A rejected DSC2 adds nobody.
	bad := buildDSC(t, raw, 2, 1)
	bad.Bytes[len(bad.Bytes)-3] = '7' // breaks the E06 control total

	r1, err := e.c.Deposit(ctx, affDemo, jan, api.KindPrincipal, 0, newKey(), ds.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := e.c.Deposit(ctx, affDemo, jan, api.KindComplementary, 1, newKey(), dsc.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	r3, err := e.c.Deposit(ctx, affDemo, jan, api.KindComplementary, 2, newKey(), bad.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(2 * time.Second)
	for id, want := range map[string]api.Status{r1.DepositID: api.StatusAccepted, r2.DepositID: api.StatusAccepted, r3.DepositID: api.StatusRejected} {
		if d, _ := e.c.GetDeposit(ctx, id); d.Status != want {
			t.Fatalf("deposit %s: %s, want %s", d.Kind, d.Status, want)
		}
	}

	febRaw, err := e.c.Preetabli(ctx, affDemo, testPeriod)
	if err != nil {
		t.Fatal(err)
	}
	feb, rep := declaration.ReadPreetabli(febRaw)
	if !rep.Valid() {
		t.Fatalf("derived préétabli: %v", rep.Findings)
	}
	var got []string
	for _, x := range feb.File.Insured {
		got = append(got, x.Immat)
	}
	var want []string
	for _, x := range ins[2:] {
		want = append(want, x.Immat)
	}
	want = append(want, registered, dsc.Decl.Entrants[0].Immat)
	if !slices.Equal(got, want) {
		t.Fatalf("derived employees\n got %v\nwant %v", got, want)
	}
	emp := feb.File.Employer
	if emp.Period != testPeriod || emp.Name != "ATLAS DEMO SARL" || emp.DueDate != (domain.Date{Year: 2026, Month: 3, Day: 10}) ||
		feb.File.Header.TransferID != affDemo+"2602001" {
		t.Fatalf("derived header: %+v %+v", emp, feb.File.Header)
	}
	// It is a préétabli one can declare on.
	res := buildDS(t, febRaw, 1, 12)
	rec, err := e.c.Deposit(ctx, affDemo, testPeriod, api.KindPrincipal, 0, newKey(), res.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(2 * time.Second)
	if d, _ := e.c.GetDeposit(ctx, rec.DepositID); d.Status != api.StatusAccepted {
		t.Fatalf("February: %+v", d.ControlReport)
	}
}
