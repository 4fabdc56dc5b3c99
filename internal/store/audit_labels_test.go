package store

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/lifecycle"
)

// storeConsts returns the string constants of the store package (non-test
// files) whose name starts with prefix, by name.
func storeConsts(t *testing.T, prefix string) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, p := range pkgs {
		for _, f := range p.Files {
			for _, d := range f.Decls {
				g, ok := d.(*ast.GenDecl)
				if !ok || g.Tok != token.CONST {
					continue
				}
				for _, s := range g.Specs {
					vs := s.(*ast.ValueSpec)
					for _, n := range vs.Names {
						if strings.HasPrefix(n.Name, prefix) {
							out[n.Name] = ""
						}
					}
				}
			}
		}
	}
	return out
}

func checkLabel(t *testing.T, what string, l i18n.Text, ok bool) {
	t.Helper()
	if !ok {
		t.Errorf("%s has no label", what)
		return
	}
	for lang, s := range map[string]string{"FR": l.FR, "AR": l.AR, "EN": l.EN} {
		if strings.TrimSpace(s) == "" {
			t.Errorf("%s: no %s label", what, lang)
		}
	}
	arabic := false
	for _, r := range l.AR {
		arabic = arabic || unicode.Is(unicode.Arabic, r)
	}
	if !arabic {
		t.Errorf("%s: the AR label %q is not in Arabic script", what, l.AR)
	}
}

// Every audit action the code can write has its label in the three
// languages: the store's Action constants (found in the source, so a new one
// without a label fails here) and the lifecycle's transitions; and every
// kind of record an entry can be about has one too.
func TestEveryAuditActionHasALabel(t *testing.T) {
	values := map[string]string{}
	// The constants' values: the names found in the source are resolved
	// through the table below, which must list them all.
	all := map[string]string{
		"ActionStoreCreate": ActionStoreCreate, "ActionSchemaMigrate": ActionSchemaMigrate, "ActionAuditKeyed": ActionAuditKeyed,
		"ActionAuditRollbackAcknowledged": ActionAuditRollbackAcknowledged, "ActionEmployerCreate": ActionEmployerCreate,
		"ActionEmployerUpdate": ActionEmployerUpdate, "ActionEmployerDelete": ActionEmployerDelete, "ActionEmployeeCreate": ActionEmployeeCreate,
		"ActionEmployeeUpdate": ActionEmployeeUpdate, "ActionEmployeeErase": ActionEmployeeErase, "ActionPreetabliImport": ActionPreetabliImport,
		"ActionMonthLinesReplace": ActionMonthLinesReplace, "ActionMonthLinesSet": ActionMonthLinesSet, "ActionDeclarationCreate": ActionDeclarationCreate,
		"ActionDeclarationUpdate": ActionDeclarationUpdate, "ActionDeclarationExportManual": ActionDeclarationExportManual,
		"ActionSubmissionCreate": ActionSubmissionCreate, "ActionSubmissionUpdate": ActionSubmissionUpdate, "ActionSubmissionRetry": ActionSubmissionRetry,
		"ActionSubmissionLoginRequired": ActionSubmissionLoginRequired, "ActionSubmissionCancel": ActionSubmissionCancel,
		"ActionSubmissionResubmit": ActionSubmissionResubmit, "ActionReceiptCreate": ActionReceiptCreate, "ActionDepositResultPut": ActionDepositResultPut,
		"ActionManualDepositRecord": ActionManualDepositRecord, "ActionDepositAttemptRecord": ActionDepositAttemptRecord,
		"ActionDeadlineExtensionSet": ActionDeadlineExtensionSet, "ActionDeadlineExtensionDelete": ActionDeadlineExtensionDelete,
		"ActionPlatformLoginAdd": ActionPlatformLoginAdd, "ActionPlatformLoginRemove": ActionPlatformLoginRemove, "ActionFirmApply": ActionFirmApply,
		"ActionBackupRestore": ActionBackupRestore,
	}
	for name := range storeConsts(t, "Action") {
		v, ok := all[name]
		if !ok {
			t.Errorf("the test does not know the action constant %s: add it to its table", name)
			continue
		}
		values[name] = v
	}
	if len(values) < 30 {
		t.Fatalf("only %d action constants found", len(values))
	}
	for name, v := range values {
		l, ok := AuditActionLabel(v)
		checkLabel(t, name+" ("+v+")", l, ok)
	}
	for _, tr := range lifecycle.Transitions {
		l, ok := AuditActionLabel(tr.Audit)
		checkLabel(t, "transition "+string(tr.From)+"→"+string(tr.To)+" ("+tr.Audit+")", l, ok)
	}
	kinds := map[string]string{
		"kindEmployer": kindEmployer, "kindEmployee": kindEmployee, "kindEmployeeErased": kindEmployeeErased, "kindPreetabli": kindPreetabli,
		"kindMonthLines": kindMonthLines, "kindDeclaration": kindDeclaration, "kindSubmission": kindSubmission, "kindReceipt": kindReceipt,
		"kindSchema": kindSchema, "kindPlatformLogin": kindPlatformLogin, "kindDepositResult": kindDepositResult,
		"kindManualDeposit": kindManualDeposit, "kindDepositAttempt": kindDepositAttempt, "kindDeadlineExtension": kindDeadlineExtension,
		"kindBackup": kindBackup,
	}
	notAudited := map[string]bool{"kindTotals": true} // only names a record in a not-found message
	for name := range storeConsts(t, "kind") {
		if notAudited[name] {
			continue
		}
		v, ok := kinds[name]
		if !ok {
			t.Errorf("the test does not know the kind constant %s: add it to its table", name)
			continue
		}
		l, ok := AuditEntityLabel(v)
		checkLabel(t, name+" ("+v+")", l, ok)
	}
	if _, ok := AuditActionLabel("no.such_action"); ok {
		t.Error("an unknown action has a label")
	}
}

// moduleRoot walks up from the package folder to go.mod.
func auditModuleRoot(t *testing.T) string {
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

// No code writes an audit entry with an action or entity spelled as a
// literal (or built from one): every tx.Audit call in app/ and internal/,
// and every audit action handed to the outbox's transition, names a
// constant (or lifecycle.AuditAction), so the test above sees every action.
func TestAuditActionsAreConstants(t *testing.T) {
	root := auditModuleRoot(t)
	fset := token.NewFileSet()
	calls := 0
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
			ast.Inspect(f, func(n ast.Node) bool {
				c, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := c.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				var args []ast.Expr
				switch {
				case sel.Sel.Name == "Audit" && len(c.Args) == 5:
					args = c.Args[:2]
				case sel.Sel.Name == "transition" && len(c.Args) == 6:
					args = c.Args[3:4]
				default:
					return true
				}
				calls++
				for _, a := range args {
					if lit := literalIn(a); lit != "" && lit != `""` { // "": the outbox writes no extra entry
						t.Errorf("%s: audit action or entity written as the literal %s: use a store constant with its label", fset.Position(a.Pos()), lit)
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if calls < 35 {
		t.Fatalf("only %d audit calls found: the walk misses them", calls)
	}
}

// literalIn returns the first string literal of e outside a function call's
// arguments ("" if none): "x", "x"+y; lifecycle.AuditAction(from, to,
// ActionDeclarationUpdate) is checked by its own arguments.
func literalIn(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind == token.STRING {
			return x.Value
		}
	case *ast.BinaryExpr:
		if s := literalIn(x.X); s != "" {
			return s
		}
		return literalIn(x.Y)
	case *ast.ParenExpr:
		return literalIn(x.X)
	case *ast.CallExpr:
		for _, a := range x.Args {
			if s := literalIn(a); s != "" {
				return s
			}
		}
	}
	return ""
}
