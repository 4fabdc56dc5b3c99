package archtest

import (
	"bytes"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// module is the import path prefix of the project's packages.
const module = "github.com/tasrih/tasrih/internal/"

// layer is a rule on the direct imports (production files, default build
// tags) of the packages under Pkg: none may import a package under any of
// Forbidden, or — when Only is set — anything of the project outside Only.
type layer struct {
	Pkg       string
	Forbidden []string
	Only      []string
	Why       string
}

// layers are the dependency rules of issue 10: one lifecycle that every
// layer may use and that uses nothing, a store that knows no domain service,
// and platform code that never reaches up into the month service or the
// desktop layer.
var layers = []layer{
	{Pkg: "lifecycle", Only: []string{"i18n"},
		Why: "the state machine is a leaf every layer can use"},
	{Pkg: "store", Forbidden: []string{"monthly", "platform", "desktop", "declaration", "importer", "receipt", "cli", "backup", "workspace"},
		Why: "the store keeps records; the domain services use it, never the reverse"},
	{Pkg: "platform", Forbidden: []string{"monthly", "desktop", "cli", "importer"},
		Why: "the platform layer deposits files; the month service and the desktop layer drive it"},
	{Pkg: "monthly", Forbidden: []string{"platform", "desktop", "cli"},
		Why: "the month workspace prepares files; it never deposits them"},
	{Pkg: "domain", Only: []string{"i18n", "params"},
		Why: "the domain types stand alone"},
}

// layerViolations returns "pkg imports dep (rule)" for every broken rule.
func layerViolations(pkgs []listedPackage, rules []layer) []string {
	var out []string
	for _, p := range pkgs {
		rel := strings.TrimPrefix(p.ImportPath, module)
		if rel == p.ImportPath {
			continue
		}
		for _, r := range rules {
			if rel != r.Pkg && !strings.HasPrefix(rel, r.Pkg+"/") {
				continue
			}
			for _, imp := range p.Imports {
				dep := strings.TrimPrefix(imp, module)
				if dep == imp || dep == rel || strings.HasPrefix(dep, r.Pkg+"/") {
					continue
				}
				if under(dep, r.Forbidden) || r.Only != nil && !under(dep, r.Only) {
					out = append(out, rel+" imports "+dep+" ("+r.Why+")")
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

func under(dep string, list []string) bool {
	for _, x := range list {
		if dep == x || strings.HasPrefix(dep, x+"/") {
			return true
		}
	}
	return false
}

func TestLayers(t *testing.T) {
	cmd := exec.Command("go", "list", "-e", "-json=ImportPath,Imports", "./internal/...")
	cmd.Dir = moduleRoot(t)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	pkgs, err := decodePackages(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range layerViolations(pkgs, layers) {
		t.Error(v)
	}
}

// The rule check must be able to fail: feed it known violations.
func TestLayerViolationsFindsThem(t *testing.T) {
	pkgs := []listedPackage{
		{ImportPath: module + "store", Imports: []string{"fmt", module + "lifecycle", module + "monthly"}},
		{ImportPath: module + "platform/outbox", Imports: []string{module + "store", module + "monthly"}},
		{ImportPath: module + "lifecycle", Imports: []string{"errors", module + "i18n", module + "store"}},
		{ImportPath: module + "monthly", Imports: []string{module + "store", module + "lifecycle"}},
	}
	got := layerViolations(pkgs, layers)
	want := []string{"lifecycle imports store", "platform/outbox imports monthly", "store imports monthly"}
	if len(got) != len(want) {
		t.Fatalf("violations %q, want %d", got, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w+" (") {
			t.Errorf("violation %d: %q, want %q", i, got[i], w)
		}
	}
}
