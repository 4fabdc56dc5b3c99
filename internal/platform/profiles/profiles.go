package profiles

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tasrih/tasrih/internal/atomicfile"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/platform/client"
)

// FileName is the profiles file of a data folder.
const FileName = "platforms.json"

// Limits.
const (
	MaxRemotes  = 50
	MaxURL      = 2048
	maxFileSize = 256 << 10
)

// Error codes (the URL's own are client.CodeInsecureURL and client.CodeBadURL).
const (
	CodeInvalidName = "profiles.invalid_name"
	CodeDuplicate   = "profiles.duplicate"
	CodeNotFound    = "profiles.not_found"
	CodeTooMany     = "profiles.too_many"
	CodeDamaged     = "profiles.damaged"
	CodeIO          = "profiles.io"
)

var (
	msgInvalidName = i18n.Text{
		FR: "nom de plateforme invalide : 1 à 40 caractères parmi lettres sans accent, chiffres, « - », « _ » et « . »",
		AR: "اسم المنصة غير صالح: من 1 إلى 40 حرفاً من الحروف اللاتينية والأرقام و« - » و« _ » و« . »",
		EN: "invalid platform name: 1 to 40 characters among unaccented letters, digits, '-', '_' and '.'",
	}
	msgDuplicate = i18n.Text{
		FR: "une plateforme nommée « %s » existe déjà (les majuscules ne comptent pas)",
		AR: "توجد منصة باسم « %s » من قبل (لا فرق بين الحروف الكبيرة والصغيرة)",
		EN: "a platform named %q already exists (case does not matter)",
	}
	msgNotFound = i18n.Text{
		FR: "aucune plateforme nommée « %s »",
		AR: "لا توجد منصة باسم « %s »",
		EN: "no platform named %q",
	}
	msgTooMany = i18n.Text{
		FR: "trop de plateformes (%d au plus)",
		AR: "عدد المنصات كبير جداً (%d على الأكثر)",
		EN: "too many platforms (%d at most)",
	}
	msgURLTooLong = i18n.Text{
		FR: "adresse de plateforme trop longue (2 048 caractères au plus)",
		AR: "عنوان المنصة طويل جداً (2048 حرفاً على الأكثر)",
		EN: "platform address too long (2,048 characters at most)",
	}
	msgDamaged = i18n.Text{
		FR: "le fichier des plateformes (%s) est illisible : corrigez-le ou supprimez-le",
		AR: "ملف المنصات (%s) غير مقروء: صحّحه أو احذفه",
		EN: "the platforms file (%s) is unreadable: fix or delete it",
	}
	msgIO = i18n.Text{
		FR: "impossible d'enregistrer les plateformes : %s",
		AR: "تعذّر حفظ المنصات: %s",
		EN: "cannot save the platforms: %s",
	}
)

// Remote is a remote gateway: employers choose it as "remote:<Name>".
type Remote struct {
	Name    string `json:"name"`
	BaseURL string `json:"base_url"`
}

// Profile returns the employer profile of r, "remote:<name>".
func (r Remote) Profile() domain.PlatformProfile { return domain.RemoteProfile(r.Name) }

type file struct {
	Remotes []Remote `json:"remotes"`
}

// Check validates one profile and returns it normalised (name trimmed, URL
// in the client's form).
func Check(r Remote) (Remote, error) {
	r.Name = strings.TrimSpace(r.Name)
	if p, ok := domain.ParsePlatformProfile(domain.ProfileRemotePrefix + r.Name); !ok || p.RemoteName() != r.Name {
		return r, i18n.New(CodeInvalidName, msgInvalidName).WithField("name")
	}
	if len(r.BaseURL) > MaxURL {
		return r, i18n.New(client.CodeBadURL, msgURLTooLong).WithField("base_url")
	}
	u, err := client.CheckBaseURL(r.BaseURL)
	if err != nil {
		var ie *i18n.Error
		if errors.As(err, &ie) {
			ie.WithField("base_url")
		}
		return r, err
	}
	r.BaseURL = u
	return r, nil
}

// Validate checks every profile and that names are unique regardless of case.
func Validate(list []Remote) ([]Remote, error) {
	if len(list) > MaxRemotes {
		return nil, i18n.New(CodeTooMany, msgTooMany, MaxRemotes)
	}
	out := make([]Remote, 0, len(list))
	seen := map[string]bool{}
	for _, r := range list {
		r, err := Check(r)
		if err != nil {
			return nil, err
		}
		k := strings.ToLower(r.Name)
		if seen[k] {
			return nil, i18n.New(CodeDuplicate, msgDuplicate, r.Name).WithField("name")
		}
		seen[k] = true
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, nil
}

// Load returns the remote profiles saved in dir, sorted by name (none when
// the file is missing). A damaged file is an error (profiles.damaged): the
// caller shows it, nothing is overwritten behind the user's back.
func Load(dir string) ([]Remote, error) {
	path := filepath.Join(dir, FileName)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, i18n.Wrap(err, CodeDamaged, msgDamaged, path)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil || len(b) > maxFileSize {
		return nil, i18n.Wrap(err, CodeDamaged, msgDamaged, path)
	}
	var fl file
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fl); err != nil {
		return nil, i18n.Wrap(err, CodeDamaged, msgDamaged, path)
	}
	list, err := Validate(fl.Remotes)
	if err != nil {
		return nil, i18n.Wrap(err, CodeDamaged, msgDamaged, path)
	}
	return list, nil
}

// URLs returns the base URL of each saved remote profile by name (empty
// when the file is missing or damaged: the caller then says the profile has
// no address).
func URLs(dir string) map[string]string {
	out := map[string]string{}
	if dir == "" {
		return out
	}
	list, _ := Load(dir)
	for _, r := range list {
		out[r.Name] = r.BaseURL
	}
	return out
}

// mu serialises the read-modify-write of Put and Delete in this process.
var mu sync.Mutex

// save validates list and writes it atomically.
func save(dir string, list []Remote) error {
	list, err := Validate(list)
	if err != nil {
		return err
	}
	b, _ := json.MarshalIndent(file{Remotes: list}, "", "  ")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return i18n.Wrap(err, CodeIO, msgIO, err.Error())
	}
	if err := atomicfile.WriteFile(filepath.Join(dir, FileName), append(b, '\n'), 0o600); err != nil {
		return i18n.Wrap(err, CodeIO, msgIO, err.Error())
	}
	return nil
}

// Add saves a new remote profile (profiles.duplicate when its name is taken).
func Add(dir string, r Remote) (Remote, error) {
	mu.Lock()
	defer mu.Unlock()
	r, err := Check(r)
	if err != nil {
		return r, err
	}
	list, err := Load(dir)
	if err != nil {
		return r, err
	}
	for _, o := range list {
		if strings.EqualFold(o.Name, r.Name) {
			return r, i18n.New(CodeDuplicate, msgDuplicate, r.Name).WithField("name")
		}
	}
	return r, save(dir, append(list, r))
}

// Update replaces the base URL of the profile named r.Name. A profile is
// never renamed: employers and saved logins refer to it by name.
func Update(dir string, r Remote) (Remote, error) {
	mu.Lock()
	defer mu.Unlock()
	r, err := Check(r)
	if err != nil {
		return r, err
	}
	list, err := Load(dir)
	if err != nil {
		return r, err
	}
	for i := range list {
		if list[i].Name == r.Name {
			list[i] = r
			return r, save(dir, list)
		}
	}
	return r, i18n.New(CodeNotFound, msgNotFound, r.Name).WithField("name")
}

// Delete removes the profile named name.
func Delete(dir, name string) error {
	mu.Lock()
	defer mu.Unlock()
	list, err := Load(dir)
	if err != nil {
		return err
	}
	for i := range list {
		if list[i].Name == name {
			return save(dir, append(list[:i:i], list[i+1:]...))
		}
	}
	return i18n.New(CodeNotFound, msgNotFound, name).WithField("name")
}

// TestTimeout bounds a connection test.
const TestTimeout = 5 * time.Second

// Test says whether the platform API answers at baseURL (checked with the
// client's rule first), within timeout (≤ 0: TestTimeout).
func Test(ctx context.Context, baseURL string, timeout time.Duration) (client.Reach, error) {
	if timeout <= 0 {
		timeout = TestTimeout
	}
	c, err := client.New(baseURL, client.Options{ConnectTimeout: timeout, CallTimeout: timeout})
	if err != nil {
		return "", err
	}
	reach, _ := c.Probe(ctx)
	return reach, nil
}
