package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"net"
	"net/http"

	"github.com/tasrih/tasrih/internal/platform/api"
)

// CheckBaseURL applies New's rule to a platform base URL without building a
// client: HTTPS, or HTTP on a loopback host only (platform.insecure_url); no
// login or password, query or fragment (platform.bad_url). It returns the
// URL in the form New keeps (no trailing '/').
func CheckBaseURL(raw string) (string, error) {
	u, err := checkBaseURL(raw)
	if err != nil {
		return "", err
	}
	return u.String(), nil
}

// Reach is the outcome of Probe.
type Reach string

// Outcomes of Probe.
const (
	// Reachable: a Tasrih-compatible platform answered (a platform error
	// answer such as token_expired counts: the API is there).
	Reachable Reach = "reachable"
	// TLSError: the connection was made but the certificate or the TLS
	// handshake was refused.
	TLSError Reach = "tls_error"
	// NotPlatform: something answered over HTTP, but not the platform API.
	NotPlatform Reach = "not_platform"
	// Timeout: no answer within the timeout.
	Timeout Reach = "timeout"
	// Unreachable: the connection was refused or the host is unknown.
	Unreachable Reach = "unreachable"
)

// Reaches lists the outcomes of Probe (bound as a TypeScript enum).
var Reaches = []Reach{Reachable, TLSError, NotPlatform, Timeout, Unreachable}

// Probe asks the platform's API for the affiliations without a session and
// says whether the platform is there. The answer must be the API's: a JSON
// list, or an error answer in the API's format ({"error":{"code",…}}); any
// other answer (an HTML page, a redirect, another JSON) is NotPlatform. The
// returned error is the transport's cause, for the log (never a token: none
// is sent).
func (c *Client) Probe(ctx context.Context) (Reach, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	cctx, cancel := context.WithTimeout(ctx, c.opt.CallTimeout)
	defer cancel()
	u := *c.base
	u.Path = c.base.Path + api.Version + "/affiliations"
	u.RawPath = ""
	req, err := http.NewRequestWithContext(cctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return NotPlatform, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.opt.UserAgent)
	resp, err := c.hc.Do(req)
	if err != nil {
		return classifyTransport(cctx, err), err
	}
	defer resp.Body.Close()
	data, err := readLimited(resp.Body, maxErrorBody)
	if err != nil {
		if cctx.Err() != nil {
			return Timeout, err
		}
		return NotPlatform, err
	}
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		var list []api.Affiliation
		if json.Unmarshal(data, &list) == nil && list != nil {
			return Reachable, nil
		}
		return NotPlatform, nil
	}
	if _, ok := parseErrorBody(data); ok {
		return Reachable, nil
	}
	return NotPlatform, nil
}

func classifyTransport(ctx context.Context, err error) Reach {
	var (
		unknownCA *x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
		verify    *tls.CertificateVerificationError
		record    tls.RecordHeaderError
		alert     tls.AlertError
		netErr    net.Error
	)
	switch {
	case errors.As(err, &unknownCA), errors.As(err, &hostname), errors.As(err, &invalid),
		errors.As(err, &verify), errors.As(err, &record), errors.As(err, &alert):
		return TLSError
	case errors.Is(err, context.DeadlineExceeded), ctx.Err() != nil:
		return Timeout
	case errors.As(err, &netErr) && netErr.Timeout():
		return Timeout
	}
	return Unreachable
}
