package cli

import (
	"path/filepath"

	"github.com/tasrih/tasrih/internal/cli/cmdline"
	"github.com/tasrih/tasrih/internal/cli/early"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/i18n"
)

func init() {
	register("validate", "vérifie un fichier DS ou DSC avec tout le catalogue de règles CNSS", runValidate)
}

var msgValidateArgs = i18n.Text{
	FR: "indiquez un seul fichier DS ou DSC à vérifier",
	AR: "حدد ملف DS أو DSC واحداً للتحقق منه",
	EN: "give exactly one DS or DSC file to check",
}

func runValidate(env *Env) int {
	fs := newFlags(env, "validate", cmdline.ValidateUsage)
	var c cmdline.Validate
	c.Register(fs)
	args, err := cmdline.ParseInterleaved(fs, env.Args)
	if err != nil {
		return ExitUsage
	}
	l, err := checkOutput(&c.Output)
	if err != nil {
		return usageError(env, l, err)
	}
	if len(args) != 1 {
		fs.Usage()
		return usageError(env, l, i18n.New("cli.args", msgValidateArgs))
	}
	env.tuneGC(early.InputSize(args[0], c.Preetabli, c.Previous))
	// The préétabli is read and checked while the file is read, split,
	// checked and decoded (declaration.Options.LatePreetabli); the file's
	// read error, if any, is still the one reported first.
	var pre *preetabliRead
	if c.Preetabli != "" {
		pre = readPreetabliFile(c.Preetabli)
	}
	data, err := readCNSSFile(args[0])
	if err != nil {
		return usageError(env, l, err)
	}
	opt := declaration.Options{FileName: filepath.Base(args[0])}
	if pre != nil {
		opt.LatePreetabli = func() *declaration.Preetabli {
			pre.wait()
			return pre.pre // nil when it could not be read: reported below
		}
	}
	prev, err := readPrevious(c.Previous)
	if err != nil {
		if pre != nil && pre.wait() != nil {
			err = pre.err
		}
		return usageError(env, l, err)
	}
	parsed, rep := declaration.ValidateString(data, opt)
	var findings []declaration.Finding
	if pre != nil {
		if err := pre.wait(); err != nil {
			return usageError(env, l, err)
		}
		findings = append(findings, pre.rep.Findings...)
	}
	findings = append(findings, rep.Findings...)
	if parsed.Kind != "" {
		findings = append(findings, declaration.Plausibility(declaration.PlausibilityInput{Current: parsed, Previous: prev})...)
	}
	all := &declaration.Report{Findings: findings}

	name := filepath.Base(args[0])
	if c.Format == "json" {
		writeJSON(env.Stdout, reportJSON{File: args[0], Valid: all.Valid(), Errors: all.Errors(),
			Warnings: all.Warnings(), Findings: findingsJSON(findings, l)})
	} else {
		printFindings(env.Stdout, name, findings, l)
	}
	if !all.Valid() {
		return ExitFindings
	}
	return ExitOK
}
