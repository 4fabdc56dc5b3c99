package client

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/api"
)

// Defaults of Options.
const (
	DefaultConnectTimeout = 10 * time.Second
	DefaultCallTimeout    = 60 * time.Second
	// DefaultMaxPreetabli bounds a downloaded préétabli (a 10 000-employee
	// préétabli is about 2.6 MB).
	DefaultMaxPreetabli = 32 << 20
	// DefaultMaxResponse bounds a JSON answer (a list of deposits with their
	// control reports).
	DefaultMaxResponse = 16 << 20
	// maxErrorBody bounds an error answer.
	maxErrorBody = 64 << 10
)

// Error codes of New.
const (
	CodeInsecureURL = "platform.insecure_url"
	CodeBadURL      = "platform.bad_url"
	CodeBadArgument = "platform.bad_argument"
)

var (
	msgInsecureURL = i18n.Text{
		FR: "adresse de plateforme « %s » refusée : HTTPS obligatoire (HTTP n'est permis que sur cet ordinateur : 127.0.0.1, ::1, localhost)",
		AR: "عنوان المنصة « %s » مرفوض: HTTPS إلزامي (لا يُسمح بـ HTTP إلا على هذا الحاسوب: 127.0.0.1 أو ::1 أو localhost)",
		EN: "platform address %q refused: HTTPS is required (plain HTTP only on this computer: 127.0.0.1, ::1, localhost)",
	}
	msgBadURL = i18n.Text{
		FR: "adresse de plateforme « %s » invalide : %s",
		AR: "عنوان المنصة « %s » غير صالح: %s",
		EN: "invalid platform address %q: %s",
	}
	msgBadArgument = i18n.Text{
		FR: "paramètre d'appel invalide : %s",
		AR: "معطى استدعاء غير صالح: %s",
		EN: "invalid call parameter: %s",
	}
)

// Options tune New. The zero value is ready to use.
type Options struct {
	// HTTPClient replaces the client built by New (tests). Its own Timeout,
	// transport and redirect policy are used as they are; CallTimeout still
	// bounds every call through its context.
	HTTPClient *http.Client
	// ConnectTimeout bounds the TCP connection and the TLS handshake (10 s).
	ConnectTimeout time.Duration
	// CallTimeout bounds a whole call, answer body included (60 s).
	CallTimeout time.Duration
	// MaxPreetabli bounds a downloaded préétabli (32 MiB).
	MaxPreetabli int64
	// MaxResponse bounds a JSON answer (16 MiB).
	MaxResponse int64
	// UserAgent is sent with every call ("tasrih").
	UserAgent string
}

// Client calls one platform. It is safe for concurrent use.
type Client struct {
	base *url.URL
	hc   *http.Client
	opt  Options

	mu    sync.RWMutex
	token string
}

// New returns a client of the platform at baseURL (e.g.
// "https://api.example.ma" or "http://127.0.0.1:8787"; a path prefix is kept).
// It refuses a non-HTTPS URL unless its host is loopback (platform.insecure_url)
// and a URL with credentials, a query or a fragment (platform.bad_url).
func New(baseURL string, opts Options) (*Client, error) {
	u, err := checkBaseURL(baseURL)
	if err != nil {
		return nil, err
	}
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = DefaultConnectTimeout
	}
	if opts.CallTimeout <= 0 {
		opts.CallTimeout = DefaultCallTimeout
	}
	if opts.MaxPreetabli <= 0 {
		opts.MaxPreetabli = DefaultMaxPreetabli
	}
	if opts.MaxResponse <= 0 {
		opts.MaxResponse = DefaultMaxResponse
	}
	if opts.UserAgent == "" {
		opts.UserAgent = "tasrih"
	}
	hc := opts.HTTPClient
	if hc == nil {
		d := &net.Dialer{Timeout: opts.ConnectTimeout, KeepAlive: 30 * time.Second}
		hc = &http.Client{
			Transport: &http.Transport{
				Proxy:                 http.ProxyFromEnvironment,
				DialContext:           d.DialContext,
				TLSHandshakeTimeout:   opts.ConnectTimeout,
				MaxIdleConns:          16,
				MaxIdleConnsPerHost:   16,
				IdleConnTimeout:       90 * time.Second,
				ExpectContinueTimeout: time.Second,
				ForceAttemptHTTP2:     true,
			},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	return &Client{base: u, hc: hc, opt: opts}, nil
}

func checkBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, i18n.Wrap(err, CodeBadURL, msgBadURL, raw, err.Error())
	}
	bad := func(why i18n.Text) error { return i18n.New(CodeBadURL, msgBadURL, raw, why) }
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, bad(i18n.Text{FR: "commencez par https://", AR: "ابدأ بـ https://", EN: "start with https://"})
	case u.Host == "" || u.Hostname() == "":
		return nil, bad(i18n.Text{FR: "nom d'hôte manquant", AR: "اسم المضيف مفقود", EN: "host name missing"})
	case u.User != nil:
		return nil, bad(i18n.Text{FR: "pas d'identifiant ni de mot de passe dans l'adresse", AR: "لا يوضع اسم المستخدم ولا كلمة المرور في العنوان", EN: "no login or password in the address"})
	case u.RawQuery != "" || u.Fragment != "" || u.Opaque != "":
		return nil, bad(i18n.Text{FR: "ni paramètres (?) ni fragment (#)", AR: "بدون معطيات (?) أو جزء (#)", EN: "no query (?) or fragment (#)"})
	}
	if u.Scheme == "http" && !IsLoopback(u.Hostname()) {
		return nil, i18n.New(CodeInsecureURL, msgInsecureURL, raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// IsLoopback reports whether host (without port) is this computer:
// 127.0.0.0/8, ::1 or "localhost".
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// BaseURL returns the base URL of the platform.
func (c *Client) BaseURL() string { return c.base.String() }

// Token returns the access token of the current session ("" when none).
func (c *Client) Token() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.token
}

// SetToken replaces the access token (e.g. to restore a profile's session,
// or "" to forget it).
func (c *Client) SetToken(tok string) {
	c.mu.Lock()
	c.token = tok
	c.mu.Unlock()
}

// Login sends the login and password; the platform answers a challenge and
// sends a one-time code to the account's phone or e-mail.
func (c *Client) Login(ctx context.Context, login, password string) (api.Challenge, error) {
	var ch api.Challenge
	body, _ := json.Marshal(api.LoginRequest{Login: login, Password: password})
	err := c.doJSON(ctx, http.MethodPost, "/auth/login", nil, body, false, &ch)
	return ch, err
}

// VerifyOTP sends the one-time code of a challenge. On success the access
// token is kept in the client (in memory only) for the next calls.
func (c *Client) VerifyOTP(ctx context.Context, challengeID, code string) (api.Session, error) {
	var s api.Session
	body, _ := json.Marshal(api.OTPRequest{ChallengeID: challengeID, Code: code})
	if err := c.doJSON(ctx, http.MethodPost, "/auth/otp", nil, body, false, &s); err != nil {
		return api.Session{}, err
	}
	if s.AccessToken == "" {
		return api.Session{}, &api.Error{Code: api.CodeBadResponse, Status: http.StatusOK, Message: "no access_token"}
	}
	c.SetToken(s.AccessToken)
	return s, nil
}

// Affiliations lists the affiliations the session may declare for.
func (c *Client) Affiliations(ctx context.Context) ([]api.Affiliation, error) {
	var out []api.Affiliation
	err := c.doJSON(ctx, http.MethodGet, "/affiliations", nil, nil, true, &out)
	return out, err
}

// Preetabli downloads the préétabli (AFFEBDS file bytes) of aff for period p.
func (c *Client) Preetabli(ctx context.Context, aff string, p domain.Period) ([]byte, error) {
	if err := checkAff(aff); err != nil {
		return nil, err
	}
	path := "/affiliations/" + url.PathEscape(aff) + "/periods/" + p.String() + "/preetabli"
	resp, cancel, err := c.do(ctx, http.MethodGet, path, nil, nil, nil, true)
	if err != nil {
		return nil, err
	}
	defer cancel()
	defer resp.Body.Close()
	data, err := readLimited(resp.Body, c.opt.MaxPreetabli)
	if err != nil {
		return nil, c.bodyError(ctx, resp, err)
	}
	return data, nil
}

// Deposit sends a declaration file: kind principal (seq 0) or complementary
// (seq 1–9), under idempotencyKey (a UUID the caller stores before the first
// attempt and reuses for every retry). The Content-SHA256 header is computed
// from body. A replay of the same key with the same bytes answers the same
// deposit.
func (c *Client) Deposit(ctx context.Context, aff string, p domain.Period, kind api.Kind, seq int, idempotencyKey string, body []byte) (api.DepositReceived, error) {
	var out api.DepositReceived
	if err := checkAff(aff); err != nil {
		return out, err
	}
	if !kind.Valid() || seq < 0 || seq > 9 {
		return out, i18n.New(CodeBadArgument, msgBadArgument, fmt.Sprintf("kind=%s sequence=%d", kind, seq))
	}
	if idempotencyKey == "" {
		return out, i18n.New(CodeBadArgument, msgBadArgument, api.HeaderIdempotencyKey)
	}
	sum := sha256.Sum256(body)
	digest := hex.EncodeToString(sum[:])
	q := url.Values{"kind": {string(kind)}, "sequence": {strconv.Itoa(seq)}}
	h := http.Header{}
	h.Set(api.HeaderIdempotencyKey, idempotencyKey)
	h.Set(api.HeaderContentSHA256, digest)
	h.Set("Content-Type", "text/plain; charset=us-ascii")
	path := "/affiliations/" + url.PathEscape(aff) + "/periods/" + p.String() + "/declarations"
	if err := c.doJSONHeader(ctx, http.MethodPost, path, q, h, body, true, &out); err != nil {
		return api.DepositReceived{}, err
	}
	if !strings.EqualFold(out.SHA256, digest) {
		return api.DepositReceived{}, &api.Error{Code: api.CodeBadResponse, Status: http.StatusOK,
			Message: "the platform acknowledged another SHA-256 than the file sent"}
	}
	return out, nil
}

// GetDeposit returns the state of a deposit.
func (c *Client) GetDeposit(ctx context.Context, id string) (api.Deposit, error) {
	var d api.Deposit
	if id == "" {
		return d, i18n.New(CodeBadArgument, msgBadArgument, "deposit_id")
	}
	err := c.doJSON(ctx, http.MethodGet, "/deposits/"+url.PathEscape(id), nil, nil, true, &d)
	return d, err
}

// ListDeposits lists the deposits of aff for period p.
func (c *Client) ListDeposits(ctx context.Context, aff string, p domain.Period) ([]api.Deposit, error) {
	if err := checkAff(aff); err != nil {
		return nil, err
	}
	var out []api.Deposit
	err := c.doJSON(ctx, http.MethodGet, "/affiliations/"+url.PathEscape(aff)+"/deposits", url.Values{"period": {p.String()}}, nil, true, &out)
	return out, err
}

func checkAff(aff string) error {
	if aff == "" || strings.ContainsAny(aff, "/?#") {
		return i18n.New(CodeBadArgument, msgBadArgument, "affiliation")
	}
	return nil
}

func (c *Client) doJSON(ctx context.Context, method, path string, q url.Values, body []byte, auth bool, out any) error {
	var h http.Header
	if body != nil {
		h = http.Header{"Content-Type": {"application/json"}}
	}
	return c.doJSONHeader(ctx, method, path, q, h, body, auth, out)
}

func (c *Client) doJSONHeader(ctx context.Context, method, path string, q url.Values, h http.Header, body []byte, auth bool, out any) error {
	resp, cancel, err := c.do(ctx, method, path, q, h, body, auth)
	if err != nil {
		return err
	}
	defer cancel()
	defer resp.Body.Close()
	data, err := readLimited(resp.Body, c.opt.MaxResponse)
	if err != nil {
		return c.bodyError(ctx, resp, err)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return &api.Error{Code: api.CodeBadResponse, Status: resp.StatusCode, Retryable: true, Message: "unreadable JSON answer", Err: err}
	}
	return nil
}

// do sends one request. On success (2xx) the caller reads and closes the
// body, then calls cancel.
func (c *Client) do(ctx context.Context, method, path string, q url.Values, h http.Header, body []byte, auth bool) (*http.Response, context.CancelFunc, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	cctx, cancel := context.WithTimeout(ctx, c.opt.CallTimeout)
	u := *c.base
	u.Path = c.base.Path + api.Version + path
	u.RawPath = ""
	if strings.Contains(path, "%") {
		u.RawPath = c.base.EscapedPath() + api.Version + path
		u.Path, _ = url.PathUnescape(u.RawPath)
	}
	u.RawQuery = q.Encode()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(cctx, method, u.String(), rd)
	if err != nil {
		cancel()
		return nil, nil, i18n.Wrap(err, CodeBadArgument, msgBadArgument, err.Error())
	}
	for k, v := range h {
		req.Header[k] = v
	}
	req.Header.Set("Accept", "application/json, text/plain")
	req.Header.Set("User-Agent", c.opt.UserAgent)
	if auth {
		if tok := c.Token(); tok != "" {
			req.Header.Set(api.HeaderAuthorization, "Bearer "+tok)
		}
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		cancel()
		return nil, nil, transportError(ctx, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		defer cancel()
		defer resp.Body.Close()
		return nil, nil, statusError(resp)
	}
	return resp, cancel, nil
}

// transportError turns an error without an answer into an *api.Error:
// CodeCanceled when the caller's context ended, else CodeNetwork (retryable).
func transportError(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil {
		return &api.Error{Code: api.CodeCanceled, Message: cerr.Error(), Err: cerr}
	}
	// The url.Error text holds the URL, never a token or a body.
	return &api.Error{Code: api.CodeNetwork, Retryable: true, Message: err.Error(), Err: err}
}

// bodyError is the error of a 2xx answer whose body could not be read.
func (c *Client) bodyError(ctx context.Context, resp *http.Response, err error) error {
	if errors.Is(err, errTooLarge) {
		return &api.Error{Code: api.CodeBadResponse, Status: resp.StatusCode, Message: "answer larger than the client's limit", Err: err}
	}
	return transportError(ctx, err)
}

var errTooLarge = errors.New("answer too large")

func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, errTooLarge
	}
	return data, nil
}

// statusError reads the error answer of a non-2xx response.
func statusError(resp *http.Response) *api.Error {
	ra := api.ParseRetryAfter(resp.Header.Get(api.HeaderRetryAfter), time.Now())
	e := &api.Error{Status: resp.StatusCode, RetryAfter: ra}
	data, rerr := readLimited(resp.Body, maxErrorBody)
	body, ok := parseErrorBody(data)
	if rerr == nil && ok {
		e.Code, e.Message, e.Retryable = body.Error.Code, body.Error.Message, body.Error.Retryable
	} else {
		e.Code = fallbackCode(resp.StatusCode, ra)
		e.Message = http.StatusText(resp.StatusCode)
	}
	if resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests {
		e.Retryable = true
	}
	return e
}

// parseErrorBody decodes {"error":{"code","message","retryable"}} strictly:
// one object, no unknown field, a non-empty code of at most 64 bytes.
func parseErrorBody(data []byte) (api.ErrorBody, bool) {
	var b api.ErrorBody
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return b, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return b, false
	}
	c := string(b.Error.Code)
	if c == "" || len(c) > 64 || strings.ContainsFunc(c, func(r rune) bool { return !(r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') }) {
		return b, false
	}
	if len(b.Error.Message) > 1024 {
		b.Error.Message = b.Error.Message[:1024]
	}
	return b, true
}

// fallbackCode is the code of an error answer whose body is unreadable.
func fallbackCode(status int, retryAfter time.Duration) api.Code {
	switch {
	case status == http.StatusUnauthorized:
		return api.CodeTokenExpired
	case status == http.StatusForbidden:
		return api.CodeNotMandated
	case status == http.StatusNotFound:
		return api.CodeNotFound
	case status == http.StatusRequestEntityTooLarge:
		return api.CodeTooLarge
	case status == http.StatusTooManyRequests:
		return api.CodeTooManyAttempts
	case status == http.StatusServiceUnavailable && retryAfter > 0:
		return api.CodeMaintenance
	case status >= 500:
		return api.CodeInternal
	}
	return api.CodeBadRequest
}
