package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// moduleRoot walks up from the package folder to go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}

// Every message Go can send to the page (the Text of each *Error and of
// each finding, in app/ and internal/) has its sentence in French, Arabic
// (in Arabic script) and English: the page shows Go's message in the user's
// language and keeps no translation of its own (frontend/src/i18n/errors.ts
// holds only the codes the page raises itself).
func TestEveryMessageIsTrilingual(t *testing.T) {
	root := moduleRoot(t)
	fset := token.NewFileSet()
	n := 0
	for _, top := range []string{"app", "internal"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "testdata" || d.Name() == "node_modules" {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			inI18n := f.Name.Name == "i18n"
			ast.Inspect(f, func(node ast.Node) bool {
				cl, ok := node.(*ast.CompositeLit)
				if !ok || !isText(cl.Type, inI18n) {
					return true
				}
				n++
				checkText(t, fset.Position(cl.Pos()).String(), cl)
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 300 {
		t.Fatalf("only %d messages found: the walk misses the catalogue", n)
	}
}

func isText(e ast.Expr, inI18n bool) bool {
	switch x := e.(type) {
	case *ast.SelectorExpr:
		id, ok := x.X.(*ast.Ident)
		return ok && id.Name == "i18n" && x.Sel.Name == "Text"
	case *ast.Ident:
		return inI18n && x.Name == "Text"
	}
	return false
}

// checkText: FR, AR and EN are all given; those written as string literals
// are not empty and the Arabic one is in Arabic script.
func checkText(t *testing.T, where string, cl *ast.CompositeLit) {
	t.Helper()
	if len(cl.Elts) == 0 {
		return // the zero Text (no message), e.g. a variable's type
	}
	got := map[string]ast.Expr{}
	lits := map[string]string{}
	for _, e := range cl.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			t.Errorf("%s: Text without field names", where)
			return
		}
		if k, ok := kv.Key.(*ast.Ident); ok {
			got[k.Name] = kv.Value
		}
	}
	for _, lang := range []string{"FR", "AR", "EN"} {
		v, ok := got[lang]
		if !ok {
			t.Errorf("%s: no %s message", where, lang)
			continue
		}
		lit, ok := v.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			continue // built (fmt.Sprintf…): checked by its package's tests
		}
		s, err := strconv.Unquote(lit.Value)
		if err != nil {
			t.Errorf("%s: %v", where, err)
			continue
		}
		if strings.TrimSpace(s) == "" {
			t.Errorf("%s: empty %s message", where, lang)
		}
		lits[lang] = s
	}
	// A sentence (not a format, a code or an acronym) has its Arabic in
	// Arabic script.
	if fr, ok := lits["FR"]; ok && isSentence(fr) && notSentence[fr] == "" {
		if ar, ok := lits["AR"]; ok && !strings.ContainsFunc(ar, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) {
			t.Errorf("%s: the AR message is not in Arabic: %q", where, ar)
		}
	}
}

// notSentence lists the French texts that look like sentences but are
// formats of ASCII tokens, with the reason.
var notSentence = map[string]string{
	"TASRIH|ACK=<n° d'accusé>|SHA256=<empreinte>": "the QR code payload of a receipt",
}

// isSentence: at least two words of three letters or more.
func isSentence(s string) bool {
	words := 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) >= 3 {
			words++
		}
	}
	return words >= 2
}
