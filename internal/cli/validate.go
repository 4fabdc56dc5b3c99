package cli

import (
	"path/filepath"

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
	fs := newFlags(env, "validate", "DS_ou_DSC.txt [--preetabli AFFEBDS.txt] [--previous DS_mois_precedent.txt] [--format text|json] [--lang fr|ar|en]")
	var out outputFlags
	out.register(fs)
	prePath := fs.String("preetabli", "", "préétabli de la même période, pour les contrôles croisés")
	prevPath := fs.String("previous", "", "déclaration DS du mois précédent, pour les contrôles de vraisemblance (PLA-…)")
	args, err := parseInterleaved(fs, env.Args)
	if err != nil {
		return ExitUsage
	}
	l, err := out.check()
	if err != nil {
		return usageError(env, l, err)
	}
	if len(args) != 1 {
		fs.Usage()
		return usageError(env, l, i18n.New("cli.args", msgValidateArgs))
	}
	env.tuneGC(inputSize(args[0], *prePath, *prevPath))
	// The préétabli is read and checked while the file is read, split,
	// checked and decoded (declaration.Options.LatePreetabli); the file's
	// read error, if any, is still the one reported first.
	var pre *preetabliRead
	if *prePath != "" {
		pre = readPreetabli(func() (string, error) { return readCNSSFile(*prePath) })
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
	prev, err := readPrevious(*prevPath)
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
	if out.format == "json" {
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
