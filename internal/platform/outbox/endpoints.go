package outbox

import (
	"strings"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/client"
	"github.com/tasrih/tasrih/internal/platform/profiles"
)

// Environment variables of EndpointsFromEnv.
const (
	// EnvSandboxURL is the base URL of the sandbox platform (e.g. the
	// address printed by "tasrih sandbox").
	EnvSandboxURL = "TASRIH_PLATFORM_URL"
	// EnvRemoteURLPrefix + NAME is the base URL of profile remote:<name>
	// (NAME upper-cased, every character other than a letter or digit
	// replaced by '_').
	EnvRemoteURLPrefix = "TASRIH_PLATFORM_URL_"
)

// Endpoints says where each platform profile is:
//
//   - sandbox → Sandbox, the loopback address of the sandbox embedded in the
//     desktop app, or of "tasrih sandbox" run alone (--platform-url,
//     TASRIH_PLATFORM_URL);
//   - remote:<name> → Remote[name], an HTTPS base URL configured by the user
//     (TASRIH_PLATFORM_URL_<NAME> for the CLI);
//   - manual → no endpoint: the deposit is done by hand (package manual).
//
// The client refuses plain HTTP except on loopback addresses.
type Endpoints struct {
	Sandbox string            `json:"sandbox,omitempty"`
	Remote  map[string]string `json:"remote,omitempty"`
}

// RemoteEnvVar returns the environment variable of profile remote:<name>.
func RemoteEnvVar(name string) string {
	var b strings.Builder
	b.WriteString(EnvRemoteURLPrefix)
	for _, r := range strings.ToUpper(name) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// EndpointsFromEnv returns the sandbox URL of TASRIH_PLATFORM_URL and, for
// each remote profile named in names, its TASRIH_PLATFORM_URL_<NAME>.
func EndpointsFromEnv(getenv func(string) string, names ...string) Endpoints {
	e := Endpoints{Sandbox: strings.TrimSpace(getenv(EnvSandboxURL)), Remote: map[string]string{}}
	for _, n := range names {
		if u := strings.TrimSpace(getenv(RemoteEnvVar(n))); u != "" {
			e.Remote[n] = u
		}
	}
	return e
}

// WithSaved completes e with the remote profiles saved in a data folder
// (profiles.URLs): a name the environment does not set takes its saved URL;
// an environment variable, being explicit for this run, keeps precedence.
func (e Endpoints) WithSaved(saved map[string]string) Endpoints {
	out := Endpoints{Sandbox: e.Sandbox, Remote: make(map[string]string, len(e.Remote)+len(saved))}
	for n, u := range saved {
		out.Remote[n] = u
	}
	for n, u := range e.Remote {
		out.Remote[n] = u
	}
	return out
}

// LoadEndpoints returns the endpoints of the environment (EndpointsFromEnv
// for names) completed by the remote profiles saved in the data folder dir
// ("" = none).
func LoadEndpoints(getenv func(string) string, dir string, names ...string) Endpoints {
	return EndpointsFromEnv(getenv, names...).WithSaved(profiles.URLs(dir))
}

// BaseURL returns the base URL of profile.
func (e Endpoints) BaseURL(profile domain.PlatformProfile) (string, error) {
	switch {
	case profile == domain.ProfileManual:
		return "", i18n.New(CodeManualProfile, msgManualProfile)
	case !profile.Valid():
		return "", i18n.New(CodeNoEndpoint, msgBadProfile, string(profile))
	case profile == domain.ProfileSandbox:
		if e.Sandbox == "" {
			return "", i18n.New(CodeNoEndpoint, msgNoSandbox)
		}
		return e.Sandbox, nil
	}
	name := profile.RemoteName()
	if u := e.Remote[name]; u != "" {
		return u, nil
	}
	return "", i18n.New(CodeNoEndpoint, msgNoRemote, name, RemoteEnvVar(name))
}

// Dialer returns a Dialer making one client.Client per profile with opts
// (client.New checks the URL: HTTPS, or HTTP on loopback only).
func (e Endpoints) Dialer(opts client.Options) Dialer {
	return func(profile domain.PlatformProfile) (Client, error) {
		u, err := e.BaseURL(profile)
		if err != nil {
			return nil, err
		}
		return client.New(u, opts)
	}
}
