package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/api"
)

// Seed limits.
const (
	SeedVersion = 1
	// MaxSeedSize bounds the seed file itself; préétabli files it names are
	// bounded by MaxPreetabliSize each.
	MaxSeedSize      = 1 << 20
	MaxPreetabliSize = 32 << 20
	// MaxDemoEmployees bounds the size of a generated préétabli.
	MaxDemoEmployees = 50_000
	// DefaultEmployees is the size of a generated préétabli when the seed
	// does not say.
	DefaultEmployees        = 12
	DefaultProcessingDelay  = 2 * time.Second
	DefaultTokenTTL         = 15 * time.Minute
	maxProcessingDelay      = time.Hour
	minTokenTTL, maxTokenTT = time.Second, 24 * time.Hour
)

// The demo account of DemoSeed (documented in the package doc).
const (
	DemoLogin     = "demo"
	DemoPassword  = "demo"
	DemoLogin2    = "demo2"
	DemoPassword2 = "demo2"
)

// Seed is the configuration of the sandbox platform: employers, accounts
// with their mandates, préétablis, delays. See the package doc for the JSON
// format.
type Seed struct {
	Version         int
	ProcessingDelay time.Duration
	TokenTTL        time.Duration
	Employers       []Employer
	Accounts        []Account
	// Preetablis are the seeded préétabli files, checked and indexed by
	// affiliation and period.
	Preetablis map[string][]byte // key: affiliation + "/" + AAAAMM
}

// Employer is an affiliation known to the sandbox.
type Employer struct {
	Affiliation string
	Name        string // as written in the préétabli: A–Z, 0–9, spaces
	// Employees is the size of the préétablis generated for it (when not
	// seeded and not derived from an accepted declaration).
	Employees         int
	AMOSolidarityOnly bool
}

// Account is a login of the sandbox.
type Account struct {
	Login          string
	Password       string
	OTPChannel     api.OTPChannel
	OTPDestination string // masked by the sandbox when shown
	Mandates       []Mandate
}

// Mandate lets an account declare for an affiliation.
type Mandate struct {
	Affiliation string
	Role        api.Role
}

// the JSON form, read strictly.
type seedJSON struct {
	Version         int            `json:"version"`
	ProcessingDelay *string        `json:"processing_delay"`
	TokenTTL        *string        `json:"token_ttl"`
	Employers       []employerJSON `json:"employers"`
	Accounts        []accountJSON  `json:"accounts"`
	Preetablis      []preJSON      `json:"preetablis"`
}

type employerJSON struct {
	Affiliation       string `json:"affiliation"`
	Name              string `json:"name"`
	Employees         *int   `json:"employees"`
	AMOSolidarityOnly bool   `json:"amo_solidarity_only"`
}

type accountJSON struct {
	Login          string         `json:"login"`
	Password       string         `json:"password"`
	OTPChannel     api.OTPChannel `json:"otp_channel"`
	OTPDestination string         `json:"otp_destination"`
	Mandates       []mandateJSON  `json:"mandates"`
}

type mandateJSON struct {
	Affiliation string   `json:"affiliation"`
	Role        api.Role `json:"role"`
}

type preJSON struct {
	Affiliation string `json:"affiliation"`
	Period      string `json:"period"`
	File        string `json:"file"`
	Text        string `json:"text"`
}

// CodeSeed is the i18n code of every seed error.
const CodeSeed = "sandbox.seed"

var msgSeed = i18n.Text{
	FR: "fichier d'amorçage du bac à sable invalide : %s",
	AR: "ملف تهيئة بيئة التجربة غير صالح: %s",
	EN: "invalid sandbox seed file: %s",
}

func seedErr(format string, args ...any) error {
	return i18n.New(CodeSeed, msgSeed, fmt.Sprintf(format, args...))
}

// LoadSeed reads and checks a seed file; préétabli file paths are relative
// to the seed file's folder.
func LoadSeed(path string) (*Seed, error) {
	data, err := readLimited(path, MaxSeedSize)
	if err != nil {
		return nil, err
	}
	return ParseSeed(data, filepath.Dir(path))
}

func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, i18n.Wrap(err, CodeSeed, msgSeed, err.Error())
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, i18n.Wrap(err, CodeSeed, msgSeed, err.Error())
	}
	if int64(len(data)) > limit {
		return nil, seedErr("%s: more than %d bytes", filepath.Base(path), limit)
	}
	return data, nil
}

// ParseSeed checks a seed (JSON, see the package doc). baseDir resolves the
// relative paths of préétabli files; "" forbids files (inline text only).
// It never panics on any input.
func ParseSeed(data []byte, baseDir string) (*Seed, error) {
	if len(data) > MaxSeedSize {
		return nil, seedErr("more than %d bytes", MaxSeedSize)
	}
	var j seedJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return nil, seedErr("JSON: %s", jsonReason(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, seedErr("JSON: data after the object")
	}
	if j.Version != SeedVersion {
		return nil, seedErr("version %d (expected %d)", j.Version, SeedVersion)
	}
	s := &Seed{Version: j.Version, ProcessingDelay: DefaultProcessingDelay, TokenTTL: DefaultTokenTTL, Preetablis: map[string][]byte{}}
	if j.ProcessingDelay != nil {
		d, err := time.ParseDuration(*j.ProcessingDelay)
		if err != nil || d < 0 || d > maxProcessingDelay {
			return nil, seedErr("processing_delay %q: a duration from 0s to 1h", *j.ProcessingDelay)
		}
		s.ProcessingDelay = d
	}
	if j.TokenTTL != nil {
		d, err := time.ParseDuration(*j.TokenTTL)
		if err != nil || d < minTokenTTL || d > maxTokenTT {
			return nil, seedErr("token_ttl %q: a duration from 1s to 24h", *j.TokenTTL)
		}
		s.TokenTTL = d
	}
	if len(j.Employers) == 0 || len(j.Accounts) == 0 {
		return nil, seedErr("at least one employer and one account are required")
	}
	if len(j.Employers) > 10_000 || len(j.Accounts) > 10_000 || len(j.Preetablis) > 10_000 {
		return nil, seedErr("too many entries (10 000 at most per list)")
	}
	emps := map[string]bool{}
	for i, e := range j.Employers {
		if err := domain.CheckAffiliation(e.Affiliation); err != nil || !domain.AffiliationCheckOK(e.Affiliation) {
			return nil, seedErr("employers[%d]: affiliation %q: 7 digits with a valid check digit", i, clip(e.Affiliation))
		}
		if emps[e.Affiliation] {
			return nil, seedErr("employers[%d]: affiliation %s listed twice", i, e.Affiliation)
		}
		emps[e.Affiliation] = true
		name, err := domain.FileText(e.Name)
		if err != nil || name == "" || len(name) > 40 {
			return nil, seedErr("employers[%d]: name %q: 1 to 40 letters, digits and spaces", i, clip(e.Name))
		}
		n := DefaultEmployees
		if e.Employees != nil {
			n = *e.Employees
		}
		if n < 1 || n > MaxDemoEmployees {
			return nil, seedErr("employers[%d]: employees %d: 1 to %d", i, n, MaxDemoEmployees)
		}
		s.Employers = append(s.Employers, Employer{Affiliation: e.Affiliation, Name: name, Employees: n, AMOSolidarityOnly: e.AMOSolidarityOnly})
	}
	logins := map[string]bool{}
	for i, a := range j.Accounts {
		if a.Login == "" || len(a.Login) > 128 || strings.ContainsFunc(a.Login, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
			return nil, seedErr("accounts[%d]: login: 1 to 128 characters, no spaces", i)
		}
		if logins[a.Login] {
			return nil, seedErr("accounts[%d]: login %q listed twice", i, clip(a.Login))
		}
		logins[a.Login] = true
		if a.Password == "" || len(a.Password) > 256 {
			return nil, seedErr("accounts[%d] (%s): password: 1 to 256 bytes", i, clip(a.Login))
		}
		if !a.OTPChannel.Valid() {
			return nil, seedErr("accounts[%d] (%s): otp_channel %q: sms or email", i, clip(a.Login), clip(string(a.OTPChannel)))
		}
		if a.OTPDestination == "" || len(a.OTPDestination) > 128 {
			return nil, seedErr("accounts[%d] (%s): otp_destination: 1 to 128 characters", i, clip(a.Login))
		}
		acc := Account{Login: a.Login, Password: a.Password, OTPChannel: a.OTPChannel, OTPDestination: a.OTPDestination}
		seen := map[string]bool{}
		for k, m := range a.Mandates {
			if !emps[m.Affiliation] {
				return nil, seedErr("accounts[%d].mandates[%d]: affiliation %q is not in employers", i, k, clip(m.Affiliation))
			}
			if seen[m.Affiliation] {
				return nil, seedErr("accounts[%d].mandates[%d]: affiliation %s listed twice", i, k, m.Affiliation)
			}
			seen[m.Affiliation] = true
			if !m.Role.Valid() {
				return nil, seedErr("accounts[%d].mandates[%d]: role %q: employer or mandataire", i, k, clip(string(m.Role)))
			}
			acc.Mandates = append(acc.Mandates, Mandate{Affiliation: m.Affiliation, Role: m.Role})
		}
		s.Accounts = append(s.Accounts, acc)
	}
	for i, p := range j.Preetablis {
		if !emps[p.Affiliation] {
			return nil, seedErr("preetablis[%d]: affiliation %q is not in employers", i, clip(p.Affiliation))
		}
		per, err := domain.ParsePeriod(p.Period)
		if err != nil {
			return nil, seedErr("preetablis[%d]: period %q: AAAAMM", i, clip(p.Period))
		}
		key := preKey(p.Affiliation, per)
		if _, dup := s.Preetablis[key]; dup {
			return nil, seedErr("preetablis[%d]: %s %s listed twice", i, p.Affiliation, per)
		}
		var raw []byte
		switch {
		case (p.File == "") == (p.Text == ""):
			return nil, seedErr("preetablis[%d]: give either file or text", i)
		case p.Text != "":
			raw = []byte(p.Text)
		case baseDir == "":
			return nil, seedErr("preetablis[%d]: files are not allowed here, give text", i)
		default:
			path := p.File
			if !filepath.IsAbs(path) {
				path = filepath.Join(baseDir, path)
			}
			raw, err = readLimited(path, MaxPreetabliSize)
			if err != nil {
				return nil, err
			}
		}
		pre, rep := declaration.ReadPreetabli(raw)
		if !rep.Valid() {
			return nil, seedErr("preetablis[%d]: %s %s: %d blocking finding(s), first: %s", i, p.Affiliation, per, rep.Errors(), firstBlocking(rep))
		}
		if pre.File.Employer.Affiliation != p.Affiliation || pre.File.Employer.Period != per {
			return nil, seedErr("preetablis[%d]: the file is for %s %s, not %s %s", i,
				pre.File.Employer.Affiliation, pre.File.Employer.Period, p.Affiliation, per)
		}
		s.Preetablis[key] = raw
	}
	return s, nil
}

func firstBlocking(rep *declaration.Report) string {
	for _, f := range rep.Findings {
		if f.Blocking() {
			return f.Rule + " line " + fmt.Sprint(f.Line)
		}
	}
	return ""
}

func jsonReason(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("field %q: wrong type", te.Field)
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return strings.TrimPrefix(err.Error(), "json: ")
	}
	return "unreadable"
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func preKey(aff string, p domain.Period) string { return aff + "/" + p.String() }

// DemoSeed is the configuration used without a seed file: the demo accounts
// of the package doc, three demo employers with generated préétablis,
// processing after 2 s, sessions of 15 min.
func DemoSeed() *Seed {
	a1, a2, a3, a4 := decltest.Affiliation(123456), decltest.Affiliation(200001), decltest.Affiliation(300002), decltest.Affiliation(400003)
	return &Seed{
		Version: SeedVersion, ProcessingDelay: DefaultProcessingDelay, TokenTTL: DefaultTokenTTL,
		Employers: []Employer{
			{Affiliation: a1, Name: "ATLAS DEMO SARL", Employees: 12},
			{Affiliation: a2, Name: "BOULANGERIE DEMO", Employees: 5},
			{Affiliation: a3, Name: "TEXTILES DEMO SA", Employees: 40},
			{Affiliation: a4, Name: "AUTRE SOCIETE DEMO", Employees: 8},
		},
		Accounts: []Account{
			{Login: DemoLogin, Password: DemoPassword, OTPChannel: api.OTPSMS, OTPDestination: "+212600000042",
				Mandates: []Mandate{{a1, api.RoleEmployer}, {a2, api.RoleMandataire}, {a3, api.RoleMandataire}}},
			{Login: DemoLogin2, Password: DemoPassword2, OTPChannel: api.OTPEmail, OTPDestination: "comptable@exemple.ma",
				Mandates: []Mandate{{a4, api.RoleEmployer}}},
		},
		Preetablis: map[string][]byte{},
	}
}

// maskDestination hides most of a phone number or e-mail address:
// "+212600000042" → "+2126******42", "comptable@exemple.ma" → "c********@exemple.ma".
func maskDestination(ch api.OTPChannel, d string) string {
	if ch == api.OTPEmail {
		local, host, ok := strings.Cut(d, "@")
		if !ok || local == "" {
			return strings.Repeat("*", min(len(d), 8))
		}
		_, n := utf8.DecodeRuneInString(local)
		return local[:n] + strings.Repeat("*", utf8.RuneCountInString(local)-1) + "@" + host
	}
	b := []byte(d)
	digits := 0
	for _, c := range b {
		if c >= '0' && c <= '9' {
			digits++
		}
	}
	seen := 0
	for i, c := range b {
		if c >= '0' && c <= '9' {
			seen++
			if seen > 4 && seen <= digits-2 {
				b[i] = '*'
			}
		}
	}
	return string(b)
}
