// Package cmdline declares the command lines of `tasrih declare` and
// `tasrih validate` (their flags, defaults and help) once, for the commands
// themselves (internal/cli) and for internal/cli/early, which reads the same
// words before the program's libraries are initialised to start reading
// the files they name. It imports only the standard library.
package cmdline

import "flag"

// Output holds the --format and --lang options of the reporting commands.
type Output struct {
	Format string
	Lang   string
}

// Register adds --format and --lang to fs.
func (o *Output) Register(fs *flag.FlagSet) {
	fs.StringVar(&o.Format, "format", "text", "format de sortie : text ou json")
	fs.StringVar(&o.Lang, "lang", "fr", "langue des messages : fr, ar ou en")
}

// DeclareUsage is the synopsis of `tasrih declare`.
const DeclareUsage = "--preetabli AFFEBDS_<aff>_<AAAAMM>.txt --payroll paie.csv [--previous DS_mois_precedent.txt] [--out DOSSIER] [--format text|json] [--lang fr|ar|en]"

// Declare is the command line of `tasrih declare`.
type Declare struct {
	Output
	Preetabli     string
	Payroll       string
	Out           string
	Previous      string
	Complementary int
}

// Register adds the options of `tasrih declare` to fs.
func (d *Declare) Register(fs *flag.FlagSet) {
	d.Output.Register(fs)
	fs.StringVar(&d.Preetabli, "preetabli", "", "préétabli CNSS de la période (AFFEBDS_<affiliation>_<AAAAMM>.txt)")
	fs.StringVar(&d.Payroll, "payroll", "", "paie du mois en CSV (colonnes immatriculation, cin, nom, prenom, jours, salaire, situation)")
	fs.StringVar(&d.Out, "out", ".", "dossier où écrire DS_<affiliation>_<AAAAMM>.txt")
	fs.StringVar(&d.Previous, "previous", "", "déclaration DS du mois précédent, pour les contrôles de vraisemblance (PLA-…)")
	fs.IntVar(&d.Complementary, "complementary", 0, "n de 1 à 9 : prépare la déclaration complémentaire DSC<n> des entrants oubliés (toutes les lignes de la paie sont des entrants)")
}

// ValidateUsage is the synopsis of `tasrih validate`.
const ValidateUsage = "DS_ou_DSC.txt [--preetabli AFFEBDS.txt] [--previous DS_mois_precedent.txt] [--format text|json] [--lang fr|ar|en]"

// Validate is the command line of `tasrih validate`, whose one positional
// argument, the file to check, is returned by ParseInterleaved.
type Validate struct {
	Output
	Preetabli string
	Previous  string
}

// Register adds the options of `tasrih validate` to fs.
func (v *Validate) Register(fs *flag.FlagSet) {
	v.Output.Register(fs)
	fs.StringVar(&v.Preetabli, "preetabli", "", "préétabli de la même période, pour les contrôles croisés")
	fs.StringVar(&v.Previous, "previous", "", "déclaration DS du mois précédent, pour les contrôles de vraisemblance (PLA-…)")
}

// ParseInterleaved parses flags that may come before or after positional
// arguments ("validate FILE --format json") and returns the positional ones.
func ParseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
