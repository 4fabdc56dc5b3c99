package sandbox

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/api"
)

func TestExampleSeed(t *testing.T) {
	s, err := LoadSeed("testdata/seed.example.json")
	if err != nil {
		t.Fatal(err)
	}
	if s.ProcessingDelay != 3*time.Second || s.TokenTTL != 15*time.Minute || len(s.Employers) != 3 || len(s.Accounts) != 2 || len(s.Preetablis) != 1 {
		t.Fatalf("%+v", s)
	}
	if s.Employers[2].Name != "CAFE ETOILE" || !s.Employers[1].AMOSolidarityOnly || s.Employers[2].Employees != 3 {
		t.Fatalf("employers: %+v", s.Employers)
	}
	clk := newClock()
	e := start(t, Options{Seed: s, Now: clk.Now})
	ch, err := e.c.Login(context.Background(), "fiduciaire.atlas", "formation-2026")
	if err != nil || ch.OTPDestination != "+2126******78" {
		t.Fatalf("%+v %v", ch, err)
	}
	sess := e.login(t, "fiduciaire.atlas", "formation-2026")
	if len(sess.Affiliations) != 2 || sess.Affiliations[1].Name != "BOULANGERIE AL AMAL" || sess.Affiliations[1].Role != api.RoleMandataire {
		t.Fatalf("%+v", sess.Affiliations)
	}
	// The seeded préétabli is served byte for byte.
	want, _ := os.ReadFile("testdata/AFFEBDS_1234567_202601.txt")
	got, err := e.c.Preetabli(context.Background(), "1234567", domain.NewPeriod(2026, 1))
	if err != nil || string(got) != string(want) {
		t.Fatalf("seeded préétabli not served as is: %v", err)
	}
	// A generated one has the employer's name and size.
	got, _ = e.c.Preetabli(context.Background(), "2000016", testPeriod)
	pre, rep := declaration.ReadPreetabli(got)
	if !rep.Valid() || len(pre.File.Insured) != 6 || pre.File.Employer.Name != "BOULANGERIE AL AMAL" {
		t.Fatalf("generated: %d employees, %q", len(pre.File.Insured), pre.File.Employer.Name)
	}
	// AMO solidarity only: the amount due uses the solidarity rate.
	ds := buildDS(t, got, 0, 11)
	rec, err := e.c.Deposit(context.Background(), "2000016", testPeriod, api.KindPrincipal, 0, newKey(), ds.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(3 * time.Second)
	d, _ := e.c.GetDeposit(context.Background(), rec.DepositID)
	if d.Status != api.StatusAccepted || d.AmountDue.Total >= ds.Estimate.Total {
		t.Fatalf("AMO solidarity only: %v vs full %v", d.AmountDue, ds.Estimate.Total)
	}
}

func TestParseSeedInline(t *testing.T) {
	pre := string(decltest.PreetabliBytes("1234567", domain.NewPeriod(2026, 1), 2, 1))
	seed := `{"version":1,"employers":[{"affiliation":"1234567","name":"X"}],
		"accounts":[{"login":"a","password":"p","otp_channel":"sms","otp_destination":"0600","mandates":[{"affiliation":"1234567","role":"employer"}]}],
		"preetablis":[{"affiliation":"1234567","period":"202601","text":` + jsonString(pre) + `}]}`
	s, err := ParseSeed([]byte(seed), "")
	if err != nil {
		t.Fatal(err)
	}
	if string(s.Preetablis["1234567/202601"]) != pre || s.ProcessingDelay != DefaultProcessingDelay || s.TokenTTL != DefaultTokenTTL || s.Employers[0].Employees != DefaultEmployees {
		t.Fatalf("%+v", s)
	}
}

func jsonString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

func TestParseSeedErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad.txt"), []byte("garbage\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "other.txt"), decltest.PreetabliBytes("2000016", domain.NewPeriod(2026, 1), 2, 1), 0o600)
	const emp = `"employers":[{"affiliation":"1234567","name":"X"}]`
	const acc = `"accounts":[{"login":"a","password":"p","otp_channel":"sms","otp_destination":"0600","mandates":[{"affiliation":"1234567","role":"employer"}]}]`
	for _, tc := range []struct{ seed, want string }{
		{``, "JSON"},
		{`[]`, "JSON"},
		{`{"version":1} {}`, "after the object"},
		{`{"version":2,` + emp + `,` + acc + `}`, "version 2"},
		{`{"version":1,"extra":1,` + emp + `,` + acc + `}`, `unknown field "extra"`},
		{`{"version":1,` + emp + `}`, "at least one"},
		{`{"version":1,"processing_delay":"soon",` + emp + `,` + acc + `}`, "processing_delay"},
		{`{"version":1,"processing_delay":"-1s",` + emp + `,` + acc + `}`, "processing_delay"},
		{`{"version":1,"token_ttl":"0s",` + emp + `,` + acc + `}`, "token_ttl"},
		{`{"version":1,"employers":[{"affiliation":"1234568","name":"X"}],` + acc + `}`, "check digit"},
		{`{"version":1,"employers":[{"affiliation":"1234567","name":"X"},{"affiliation":"1234567","name":"Y"}],` + acc + `}`, "twice"},
		{`{"version":1,"employers":[{"affiliation":"1234567","name":"شركة"}],` + acc + `}`, "name"},
		{`{"version":1,"employers":[{"affiliation":"1234567","name":"X","employees":0}],` + acc + `}`, "employees"},
		{`{"version":1,` + emp + `,"accounts":[{"login":"a b","password":"p","otp_channel":"sms","otp_destination":"0600"}]}`, "login"},
		{`{"version":1,` + emp + `,"accounts":[{"login":"a","password":"","otp_channel":"sms","otp_destination":"0600"}]}`, "password"},
		{`{"version":1,` + emp + `,"accounts":[{"login":"a","password":"p","otp_channel":"fax","otp_destination":"0600"}]}`, "otp_channel"},
		{`{"version":1,` + emp + `,"accounts":[{"login":"a","password":"p","otp_channel":"sms","otp_destination":""}]}`, "otp_destination"},
		{`{"version":1,` + emp + `,"accounts":[{"login":"a","password":"p","otp_channel":"sms","otp_destination":"1","mandates":[{"affiliation":"2000016","role":"employer"}]}]}`, "not in employers"},
		{`{"version":1,` + emp + `,"accounts":[{"login":"a","password":"p","otp_channel":"sms","otp_destination":"1","mandates":[{"affiliation":"1234567","role":"boss"}]}]}`, "role"},
		{`{"version":1,` + emp + `,"accounts":[{"login":"a","password":"p","otp_channel":"sms","otp_destination":"1"},{"login":"a","password":"p","otp_channel":"sms","otp_destination":"1"}]}`, "twice"},
		{`{"version":1,` + emp + `,` + acc + `,"preetablis":[{"affiliation":"1234567","period":"2026-01","text":"x"}]}`, "period"},
		{`{"version":1,` + emp + `,` + acc + `,"preetablis":[{"affiliation":"1234567","period":"202601"}]}`, "either file or text"},
		{`{"version":1,` + emp + `,` + acc + `,"preetablis":[{"affiliation":"1234567","period":"202601","file":"bad.txt"}]}`, "blocking"},
		{`{"version":1,` + emp + `,` + acc + `,"preetablis":[{"affiliation":"1234567","period":"202601","file":"missing.txt"}]}`, "missing.txt"},
		{`{"version":1,` + emp + `,` + acc + `,"preetablis":[{"affiliation":"1234567","period":"202601","file":"other.txt"}]}`, "is for 2000016"},
	} {
		_, err := ParseSeed([]byte(tc.seed), dir)
		if i18n.Code(err) != CodeSeed || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseSeed(%.60s…): %v, want %q", tc.seed, err, tc.want)
			continue
		}
		for _, l := range i18n.Langs {
			if m := i18n.Message(err, l); m == "" || strings.Contains(m, "%!") {
				t.Errorf("message in %s: %q", l, m)
			}
		}
	}
	// Without a base folder, files are refused.
	if _, err := ParseSeed([]byte(`{"version":1,`+emp+`,`+acc+`,"preetablis":[{"affiliation":"1234567","period":"202601","file":"other.txt"}]}`), ""); err == nil {
		t.Fatal("file accepted without a base folder")
	}
}

func TestMaskDestination(t *testing.T) {
	for _, tc := range []struct {
		ch       api.OTPChannel
		in, want string
	}{
		{api.OTPSMS, "+212600000042", "+2126******42"},
		{api.OTPSMS, "+212 6 12 34 56 78", "+212 6 ** ** ** 78"},
		{api.OTPSMS, "0612", "0612"},
		{api.OTPEmail, "comptable@exemple.ma", "c********@exemple.ma"},
		{api.OTPEmail, "éa@x.ma", "é*@x.ma"},
		{api.OTPEmail, "nomail", "******"},
	} {
		if got := maskDestination(tc.ch, tc.in); got != tc.want {
			t.Errorf("mask(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
