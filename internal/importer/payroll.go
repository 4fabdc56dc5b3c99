package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// PayrollRow is one row of the payroll CSV of `tasrih declare`.
type PayrollRow struct {
	Line      int    // 1-based line in the file
	Immat     string // 9 digits, "" when not yet registered, "999999999" occasional labour
	CIN       string
	LastName  string
	FirstName string
	Days      int
	Gross     domain.Money
	Situation domain.Situation // upper-cased as typed; checked by the rule catalogue
}

var payrollColumns = columnSet{
	"immatriculation": "immatriculation", "immat": "immatriculation", "n_immatriculation": "immatriculation",
	"cin":       "cin",
	"last_name": "last_name", "nom": "last_name", "lastname": "last_name",
	"first_name": "first_name", "prenom": "first_name", "firstname": "first_name",
	"days": "days", "jours": "days", "nb_jours": "days",
	"salary": "salary", "salaire": "salary", "salaire_brut": "salary", "gross": "salary",
	"situation": "situation",
}

var requiredPayroll = []string{"immatriculation", "days", "salary"}

// Error codes of ReadPayroll.
const (
	CodeEncoding      = "import.encoding"
	CodeEmpty         = "import.empty"
	CodeCSV           = "import.csv"
	CodeUnknownColumn = "import.unknown_column"
	CodeDupColumn     = "import.duplicate_column"
	CodeMissingColumn = "import.missing_column"
	CodeFieldCount    = "import.field_count"
	CodeCell          = "import.cell"
	CodeTooLarge      = "import.too_large"
)

var (
	msgEncoding = i18n.Text{
		FR: "%s ligne %d : le fichier n'est pas en UTF-8 (enregistrez-le au format « CSV UTF-8 »)",
		AR: "%s السطر %d: الملف ليس بترميز UTF-8 (احفظه بصيغة « CSV UTF-8 »)",
		EN: "%s line %d: the file is not UTF-8 (save it as \"CSV UTF-8\")",
	}
	msgEmptyFile = i18n.Text{
		FR: "%s est vide : il faut au moins la ligne d'en-tête",
		AR: "%s فارغ: يلزم على الأقل سطر العناوين",
		EN: "%s is empty: at least the header line is needed",
	}
	msgCSV = i18n.Text{
		FR: "%s ligne %d : CSV mal formé (%s)",
		AR: "%s السطر %d: ملف CSV غير سليم (%s)",
		EN: "%s line %d: malformed CSV (%s)",
	}
	msgUnknownColumn = i18n.Text{
		FR: "%s ligne 1 : colonne inconnue « %s » (colonnes reconnues : %s)",
		AR: "%s السطر 1: عمود غير معروف « %s » (الأعمدة المعروفة: %s)",
		EN: "%s line 1: unknown column %q (known columns: %s)",
	}
	msgDupColumn = i18n.Text{
		FR: "%s ligne 1 : la colonne « %s » apparaît deux fois",
		AR: "%s السطر 1: العمود « %s » مكرر",
		EN: "%s line 1: column %q appears twice",
	}
	msgMissingColumn = i18n.Text{
		FR: "%s ligne 1 : colonne obligatoire « %s » absente",
		AR: "%s السطر 1: العمود الإلزامي « %s » غير موجود",
		EN: "%s line 1: required column %q is missing",
	}
	msgFieldCount = i18n.Text{
		FR: "%s ligne %d : %d valeurs au lieu de %d (une par colonne de l'en-tête)",
		AR: "%s السطر %d: %d قيم بدل %d (قيمة لكل عمود)",
		EN: "%s line %d: %d values instead of %d (one per header column)",
	}
	msgCell = i18n.Text{
		FR: "%s ligne %d, colonne %s : %s",
		AR: "%s السطر %d، العمود %s: %s",
		EN: "%s line %d, column %s: %s",
	}
	msgTooLargeFile = i18n.Text{
		FR: "%s dépasse la taille permise (%d Mo) ; découpez le fichier",
		AR: "%s يتجاوز الحجم المسموح (%d م.ب)؛ قسّم الملف",
		EN: "%s exceeds the allowed size (%d MB); split the file",
	}
	txtImmat = i18n.Text{
		FR: "immatriculation « %s » : 9 chiffres attendus (laissez vide si le salarié n'est pas encore immatriculé, 999999999 pour la main-d'œuvre occasionnelle)",
		AR: "رقم التسجيل « %s »: المنتظر 9 أرقام (اتركه فارغاً إن لم يُسجَّل الأجير بعد، و999999999 لليد العاملة العرضية)",
		EN: "registration number %q: 9 digits expected (leave empty if not registered yet, 999999999 for occasional labour)",
	}
	txtDays = i18n.Text{
		FR: "jours « %s » : un nombre entier de jours est attendu (0 à 26)",
		AR: "الأيام « %s »: المنتظر عدد صحيح من الأيام (0 إلى 26)",
		EN: "days %q: a whole number of days is expected (0 to 26)",
	}
	txtDaysNegative = i18n.Text{
		FR: "jours « %s » : négatif",
		AR: "الأيام « %s »: عدد سالب",
		EN: "days %q: negative",
	}
	txtSituation = i18n.Text{
		FR: "situation « %s » : deux lettres au plus (SO, DE, IT, IL, AT, CS, MS, MP ou vide)",
		AR: "الوضعية « %s »: حرفان على الأكثر (SO، DE، IT، IL، AT، CS، MS، MP أو فارغ)",
		EN: "situation %q: two letters at most (SO, DE, IT, IL, AT, CS, MS, MP or blank)",
	}
)

// MaxPayrollSize bounds the payroll file (a 10 000-employee payroll is < 1 MB);
// its rows, columns and cells are bounded as a table's (limits.go).
const MaxPayrollSize = 64 << 20

// ReadPayroll reads the payroll CSV of `tasrih declare` (architecture.md):
// UTF-8 with an optional BOM, `;` or `,` separator detected from the header,
// columns by header name. name is the file name used in messages. The first
// bad cell stops the reading with an *i18n.Error naming the file, line and
// column.
//
// The usual payroll (no quote, every cell well formed and within the limits)
// is read by readPlainPayroll in one pass; any other text, and every error,
// by readPayrollRef, the reference reading (TestPlainPayrollAgrees).
func ReadPayroll(name string, r io.Reader) ([]PayrollRow, error) {
	text, comma, err := payrollText(name, r)
	if err != nil {
		return nil, err
	}
	if rows, ok := readPlainPayroll(text, comma, payrollLimits); ok {
		return rows, nil
	}
	return readPayrollRef(name, text, comma, payrollLimits)
}

// payrollLimits are the bounds of a payroll's rows, columns and cells.
var payrollLimits = csvLimits{MaxColumns, MaxCellLength, MaxRows}

// payrollText reads the payroll file: its text without BOM (valid UTF-8,
// its first line not blank) and its separator.
func payrollText(name string, r io.Reader) (string, byte, error) {
	text, err := readLimitedString(r, MaxPayrollSize)
	if errors.Is(err, errTooBig) {
		return "", 0, i18n.New(CodeTooLarge, msgTooLargeFile, name, MaxPayrollSize>>20)
	}
	if err != nil {
		return "", 0, err
	}
	text = strings.TrimPrefix(text, "\ufeff")
	if !utf8.ValidString(text) {
		data := []byte(text)
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte{'\n'})
		return "", 0, i18n.New(CodeEncoding, msgEncoding, name, line)
	}
	header, _, _ := strings.Cut(text, "\n")
	if strings.TrimSpace(header) == "" {
		return "", 0, i18n.New(CodeEmpty, msgEmptyFile, name)
	}
	comma := byte(';')
	if strings.Count(header, ",") > strings.Count(header, ";") {
		comma = ','
	}
	return text, comma, nil
}

// readPayrollRef reads the payroll text (as payrollText gives it) with the
// byte scan of the limits (checkCSVWithin), then csvRecords and
// PayrollRow.set: the reference reading, which gives every error.
func readPayrollRef(name, text string, comma byte, lim csvLimits) ([]PayrollRow, error) {
	if err := checkCSVWithin(name, text, rune(comma), lim); err != nil {
		return nil, err
	}
	cr := newCSVRecords(text, rune(comma))

	rec, _, err := cr.next()
	if err != nil {
		return nil, csvError(name, err)
	}
	cols, err := payrollHeader(name, rec)
	if err != nil {
		return nil, err
	}

	rows := make([]PayrollRow, 0, strings.Count(text, "\n"))
	for {
		rec, line, err := cr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if len(rec) != len(cols) {
			// Tolerate trailing empty cells from spreadsheets (";;;").
			if len(rec) > len(cols) && strings.TrimSpace(strings.Join(rec[len(cols):], "")) == "" {
				rec = rec[:len(cols)]
			} else {
				return nil, i18n.New(CodeFieldCount, msgFieldCount, name, line, len(rec), len(cols))
			}
		}
		row := PayrollRow{Line: line}
		for i, v := range rec {
			v = strings.TrimSpace(v)
			if err := row.set(cols[i], v); err != nil {
				var ue *i18n.Error
				if errors.As(err, &ue) {
					return nil, &i18n.Error{Code: CodeCell, Msg: msgCell, Field: cols[i], Err: err,
						Args: []any{name, line, cols[i], ue}}
				}
				return nil, err
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// payrollHeader maps the fields of the header line to their canonical
// columns ("" for a blank last field: a trailing separator), or refuses an
// unknown or repeated column, or a missing required one.
func payrollHeader(name string, rec []string) ([]string, error) {
	cols := make([]string, len(rec))
	have := map[string]bool{}
	for i, h := range rec {
		c, ok := payrollColumns.canonical(h)
		if !ok {
			if strings.TrimSpace(h) == "" && i == len(rec)-1 {
				continue // a trailing separator on the header line
			}
			return nil, i18n.New(CodeUnknownColumn, msgUnknownColumn, name, excerpt(strings.TrimSpace(h)), payrollColumns.names()).WithField(excerpt(h))
		}
		if have[c] {
			return nil, i18n.New(CodeDupColumn, msgDupColumn, name, excerpt(strings.TrimSpace(h))).WithField(c)
		}
		have[c], cols[i] = true, c
	}
	for _, c := range requiredPayroll {
		if !have[c] {
			return nil, i18n.New(CodeMissingColumn, msgMissingColumn, name, c).WithField(c)
		}
	}
	return cols, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return i18n.Wrap(err, CodeCSV, msgCSV, name, pe.StartLine, pe.Err.Error())
	}
	return err
}

func (r *PayrollRow) set(col, v string) error {
	switch col {
	case "immatriculation":
		d := strings.ReplaceAll(v, " ", "")
		if d != "" && !domain.ImmatriculationShapeOK(d) {
			return i18n.New(CodeCell, txtImmat, excerpt(v))
		}
		r.Immat = d
	case "cin":
		r.CIN = domain.NormalizeCIN(v)
	case "last_name":
		r.LastName = v
	case "first_name":
		r.FirstName = v
	case "days":
		if v == "" {
			return nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || len(v) > 4 {
			return i18n.New(CodeCell, txtDays, excerpt(v))
		}
		if n < 0 {
			return i18n.New(CodeCell, txtDaysNegative, excerpt(v))
		}
		r.Days = n
	case "salary":
		if v == "" {
			return nil
		}
		m, err := parseMoney(v)
		if err != nil {
			return err
		}
		r.Gross = m
	case "situation":
		s := strings.ToUpper(v)
		if len(s) > 2 {
			return i18n.New(CodeCell, txtSituation, excerpt(v))
		}
		r.Situation = domain.Situation(s)
	}
	return nil
}

// DeclarationInput turns payroll rows into the input of declaration.Build
// (architecture.md): a row whose immatriculation is in the préétabli fills that
// employee's line; every other row is an entrant, in row order. source names a
// row for the messages (e.g. "paie.csv, ligne 4").
func DeclarationInput(pre *declaration.Preetabli, rows []PayrollRow, source func(line int) string) declaration.Input {
	in := declaration.Input{Preetabli: pre, Source: source}
	// Each row is looked up once, then both slices are made at their size
	// (the entrants' slice grown row by row was ten allocations).
	// A payroll usually follows the préétabli's order: each row's employee
	// is first looked for right after the previous one found (FindFrom).
	inPre := make([]bool, len(rows))
	lines, next := 0, 0
	for i := range rows {
		if immat := rows[i].Immat; immat != "" {
			if at, ok := pre.FindFrom(immat, next); ok {
				inPre[i] = true
				lines++
				next = at + 1
			}
		}
	}
	in.Lines = make([]declaration.MonthLine, 0, lines)
	if lines < len(rows) {
		in.Entrants = make([]declaration.EntrantLine, 0, len(rows)-lines)
	}
	for i := range rows {
		r := &rows[i]
		if inPre[i] {
			in.Lines = append(in.Lines, declaration.MonthLine{Immat: r.Immat, Days: r.Days, Gross: r.Gross, Situation: r.Situation, SourceLine: r.Line})
		} else {
			in.Entrants = append(in.Entrants, entrant(r))
		}
	}
	return in
}

// Entrants turns every payroll row into an entrant (for a complementary
// declaration DSC<n>).
func Entrants(rows []PayrollRow) []declaration.EntrantLine {
	out := make([]declaration.EntrantLine, 0, len(rows))
	for i := range rows {
		out = append(out, entrant(&rows[i]))
	}
	return out
}

func entrant(r *PayrollRow) declaration.EntrantLine {
	return declaration.EntrantLine{Immat: r.Immat, CIN: r.CIN, LastName: r.LastName,
		FirstName: r.FirstName, Days: r.Days, Gross: r.Gross, SourceLine: r.Line}
}
