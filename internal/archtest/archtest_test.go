package archtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// forbidden is the import path prefix no internal package may reach.
const forbidden = "github.com/wailsapp/wails"

func isForbidden(path string) bool {
	return path == forbidden || strings.HasPrefix(path, forbidden+"/")
}

// moduleRoot returns the directory of go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		t.Fatal("not inside a module")
	}
	return filepath.Dir(gomod)
}

// listedPackage is the part of `go list -json` output this test reads.
type listedPackage struct {
	ImportPath   string
	Imports      []string
	Deps         []string
	TestImports  []string
	XTestImports []string
}

// violation is one forbidden dependency.
type violation struct {
	Where string // package import path or file path
	What  string // the forbidden import path (the first one, sorted)
	Via   string // for packages: the direct import that leads to it
}

// depViolations returns, one per package and sorted by package, the packages
// whose transitive dependencies or whose test files' imports include a
// forbidden path, with the direct import that brings it in.
func depViolations(pkgs []listedPackage) []violation {
	bad := map[string]string{} // package → first forbidden dependency
	for _, p := range pkgs {
		var found []string
		for _, lists := range [][]string{p.Deps, p.TestImports, p.XTestImports} {
			for _, d := range lists {
				if isForbidden(d) {
					found = append(found, d)
				}
			}
		}
		if len(found) > 0 {
			sort.Strings(found)
			bad[p.ImportPath] = found[0]
		}
	}
	var out []violation
	for _, p := range pkgs {
		what, ok := bad[p.ImportPath]
		if !ok {
			continue
		}
		v := violation{Where: p.ImportPath, What: what}
		for _, lists := range [][]string{p.Imports, p.TestImports, p.XTestImports} {
			for _, imp := range lists {
				if _, viaBad := bad[imp]; v.Via == "" && (isForbidden(imp) || viaBad) {
					v.Via = imp
				}
			}
		}
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Where < out[j].Where })
	return out
}

// decodePackages reads the concatenated JSON objects `go list -json` prints.
func decodePackages(r io.Reader) ([]listedPackage, error) {
	var pkgs []listedPackage
	dec := json.NewDecoder(r)
	for {
		var p listedPackage
		err := dec.Decode(&p)
		if errors.Is(err, io.EOF) {
			return pkgs, nil
		}
		if err != nil {
			return nil, err
		}
		pkgs = append(pkgs, p)
	}
}

// fileViolations parses every .go file under dir, whatever its build
// constraints (go list only sees the files of the current platform and tags),
// and returns the files that import a forbidden path directly. testdata
// directories are skipped unless dir is itself inside one.
func fileViolations(dir string) ([]violation, error) {
	var out []violation
	fset := token.NewFileSet()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != dir && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				return err
			}
			if isForbidden(p) {
				out = append(out, violation{Where: path, What: p})
			}
		}
		return nil
	})
	return out, err
}

// TestInternalDoesNotDependOnWails checks the transitive dependencies of every
// package under internal/ as the go command resolves them (default build tags).
func TestInternalDoesNotDependOnWails(t *testing.T) {
	root := moduleRoot(t)
	cmd := exec.Command("go", "list", "-e", "-json=ImportPath,Imports,Deps,TestImports,XTestImports", "./internal/...")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	pkgs, err := decodePackages(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("decoding go list output: %v", err)
	}
	if len(pkgs) < 2 {
		t.Fatalf("go list found %d packages under internal/; expected several", len(pkgs))
	}
	for _, v := range depViolations(pkgs) {
		t.Errorf("%s depends on %s (through its import of %s): nothing under internal/ may use Wails (move that code to app/)", v.Where, v.What, v.Via)
	}
}

// TestInternalFilesDoNotImportWails parses every file, so a file behind a build
// tag (keyring, windows, …) cannot slip through.
func TestInternalFilesDoNotImportWails(t *testing.T) {
	root := moduleRoot(t)
	vs, err := fileViolations(filepath.Join(root, "internal"))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		rel, _ := filepath.Rel(root, v.Where)
		t.Errorf("%s imports %s: nothing under internal/ may use Wails (move that code to app/)", rel, v.What)
	}
}

// The checks above must be able to fail: feed them a known violation.

func TestFileViolationsFindsTaggedImport(t *testing.T) {
	vs, err := fileViolations(filepath.Join("testdata", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	want := []violation{
		{Where: filepath.Join("testdata", "bad", "bad.go"), What: "github.com/wailsapp/wails/v2/pkg/runtime"},
		{Where: filepath.Join("testdata", "bad", "tagged.go"), What: "github.com/wailsapp/wails/v2"},
	}
	if len(vs) != len(want) {
		t.Fatalf("got %v, want %v", vs, want)
	}
	for i := range want {
		if vs[i] != want[i] {
			t.Errorf("violation %d = %v, want %v", i, vs[i], want[i])
		}
	}
}

func TestDepViolations(t *testing.T) {
	in := `{"ImportPath":"x/internal/ok","Imports":["fmt"],"Deps":["fmt","github.com/wailsapp/wailsfake"]}
{"ImportPath":"x/internal/store","Imports":["fmt","x/internal/ui"],"Deps":["fmt","github.com/wailsapp/wails/v2/pkg/runtime","github.com/wailsapp/wails/v2","x/internal/ui"]}
{"ImportPath":"x/internal/ui","Imports":["github.com/wailsapp/wails/v2/pkg/runtime"],"Deps":["github.com/wailsapp/wails/v2/pkg/runtime"]}
{"ImportPath":"x/internal/vault","Imports":["fmt"],"Deps":["fmt"],"XTestImports":["github.com/wailsapp/wails/v2"]}`
	pkgs, err := decodePackages(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	got := depViolations(pkgs)
	want := []violation{
		{"x/internal/store", "github.com/wailsapp/wails/v2", "x/internal/ui"},
		{"x/internal/ui", "github.com/wailsapp/wails/v2/pkg/runtime", "github.com/wailsapp/wails/v2/pkg/runtime"},
		{"x/internal/vault", "github.com/wailsapp/wails/v2", "github.com/wailsapp/wails/v2"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("violation %d = %v, want %v", i, got[i], want[i])
		}
	}
}
