package importer

import (
	"context"
	"errors"
	"github.com/tasrih/tasrih/internal/boundedread"
	"io"
	"os"
	"time"
	"unicode/utf8"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Limits of every file this package reads (see README, "Limits"). Each is
// checked before the memory it protects is allocated: the file size before
// anything else; the columns, cell lengths and rows of a CSV by a scan of the
// bytes before encoding/csv splits a record; the zip directory of an XLSX
// (entries, unzipped sizes, compression ratio) before excelize unzips
// anything, then every XML part by a streaming scan (entity declarations,
// shared strings, rows, columns, cell lengths) before excelize parses it.
// A 20 000-employee XLSX is about 1 MiB (12 MiB unzipped, ratio 12), its CSV
// about 2 MiB: each limit leaves a wide margin above a real sheet, and each
// exceeded limit names itself and says to split the file.
const (
	// MaxTableSize bounds the file read (CSV or XLSX, as given).
	MaxTableSize = 64 << 20
	// MaxUnzipSize bounds the total unzipped size of an XLSX file, as its zip
	// directory declares it (archive/zip refuses an entry longer than declared).
	MaxUnzipSize = 96 << 20
	// MaxZipRatio bounds the unzipped/zipped ratio of each XLSX part larger
	// than zipRatioFloor (zip bombs compress about 1000:1; a sheet about 10:1).
	MaxZipRatio = 100
	// MaxZipEntries bounds the number of parts of an XLSX file.
	MaxZipEntries = 2000
	// MaxSharedStrings bounds the number of entries of the shared-strings
	// table, and MaxSharedStringsSize its unzipped size: excelize decodes
	// the whole table into memory (about 100 bytes an entry).
	MaxSharedStrings     = 500_000
	MaxSharedStringsSize = 32 << 20
	// MaxRows bounds the number of rows of a table, header included.
	MaxRows = 100_000
	// MaxColumns bounds the columns of a row (the last one used: a cell in
	// column XFD makes a 16 384-cell row).
	MaxColumns = 256
	// MaxCellLength bounds a cell, in bytes (Excel's own limit is 32 767
	// characters).
	MaxCellLength = 32 << 10
	// MaxImportTime bounds the reading and checking of a preview; the
	// limits above keep a real file far below it.
	MaxImportTime = 2 * time.Minute

	// zipRatioFloor: parts smaller than this are not ratio-checked (a tiny
	// styles part may compress very well and costs nothing).
	zipRatioFloor = 1 << 20
	// excerptRunes: a cell quoted in a message is cut to this many runes.
	excerptRunes = 40
)

// Error codes of the limits (with CodeTooLarge and CodeTooManyRows).
const (
	CodeTooManyColumns = "import.too_many_columns"
	CodeCellTooLong    = "import.cell_too_long"
	CodeUnzipTooLarge  = "import.unzip_too_large"
	CodeZipRatio       = "import.zip_ratio"
	CodeZipEntries     = "import.zip_entries"
	CodeSharedStrings  = "import.shared_strings"
	CodeXMLEntities    = "import.xml_entities"
	CodeTimeout        = "import.timeout"
)

var (
	msgTooManyColumns = i18n.Text{
		FR: "%s ligne %d : plus de %d colonnes ; supprimez les colonnes inutiles (ou les cellules lointaines) ou découpez le fichier",
		AR: "%s السطر %d: أكثر من %d عموداً؛ احذف الأعمدة غير اللازمة (أو الخلايا البعيدة) أو قسّم الملف",
		EN: "%s line %d: more than %d columns; delete the unneeded columns (or far-away cells) or split the file",
	}
	msgCellTooLong = i18n.Text{
		FR: "%s ligne %d : une cellule dépasse %d caractères ; raccourcissez-la ou découpez le fichier",
		AR: "%s السطر %d: خلية تتجاوز %d حرفاً؛ اختصرها أو قسّم الملف",
		EN: "%s line %d: a cell exceeds %d characters; shorten it or split the file",
	}
	msgSharedCellTooLong = i18n.Text{
		FR: "%s : un texte du classeur dépasse %d caractères ; raccourcissez-le ou découpez le fichier",
		AR: "%s: نص في المصنف يتجاوز %d حرفاً؛ اختصره أو قسّم الملف",
		EN: "%s: a text of the workbook exceeds %d characters; shorten it or split the file",
	}
	msgUnzipTooLarge = i18n.Text{
		FR: "%s : le classeur dépasse %d Mo une fois décompressé ; découpez-le en plusieurs fichiers",
		AR: "%s: يتجاوز المصنف %d م.ب بعد فك الضغط؛ قسّمه إلى عدة ملفات",
		EN: "%s: the workbook exceeds %d MB once unzipped; split it into several files",
	}
	msgZipRatio = i18n.Text{
		FR: "%s : une partie du classeur se décompresse plus de %d fois (fichier piégé ou anormal) ; ouvrez-le dans Excel et enregistrez une copie, ou découpez-le",
		AR: "%s: جزء من المصنف يتضاعف أكثر من %d مرة عند فك الضغط (ملف مفخخ أو غير عادي)؛ افتحه في Excel واحفظ نسخة، أو قسّمه",
		EN: "%s: a part of the workbook unzips more than %d times larger (a booby-trapped or abnormal file); open it in Excel and save a copy, or split it",
	}
	msgZipEntries = i18n.Text{
		FR: "%s : le classeur contient plus de %d parties ; enregistrez seulement la feuille utile dans un nouveau classeur",
		AR: "%s: يحتوي المصنف على أكثر من %d جزء؛ احفظ الورقة اللازمة فقط في مصنف جديد",
		EN: "%s: the workbook holds more than %d parts; save only the sheet you need in a new workbook",
	}
	msgSharedStrings = i18n.Text{
		FR: "%s : plus de %d textes distincts ou %d Mo de texte ; découpez le fichier",
		AR: "%s: أكثر من %d نصاً مختلفاً أو %d م.ب من النص؛ قسّم الملف",
		EN: "%s: more than %d distinct texts or %d MB of text; split the file",
	}
	msgXMLEntities = i18n.Text{
		FR: "%s : le classeur déclare des entités XML (DOCTYPE), refusées par sécurité ; ouvrez-le dans Excel et enregistrez une copie",
		AR: "%s: يصرّح المصنف بكيانات XML (DOCTYPE)، وهي مرفوضة لأسباب أمنية؛ افتحه في Excel واحفظ نسخة",
		EN: "%s: the workbook declares XML entities (DOCTYPE), refused for safety; open it in Excel and save a copy",
	}
	msgTimeout = i18n.Text{
		FR: "%s : la lecture dépasse %d secondes ; découpez le fichier",
		AR: "%s: تتجاوز القراءة %d ثانية؛ قسّم الملف",
		EN: "%s: reading takes more than %d seconds; split the file",
	}
)

// excerpt returns s, or its first excerptRunes runes and "…": a cell quoted
// in a message is never longer (a hostile 150 MiB cell must not be echoed).
func excerpt(s string) string {
	if len(s) <= excerptRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == excerptRunes {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// errBudget is the cause of a preview's context when MaxImportTime runs out.
var errBudget = errors.New("import time budget exhausted")

// withBudget bounds ctx by MaxImportTime (or the budget given, in tests).
func withBudget(ctx context.Context, budget time.Duration) (context.Context, context.CancelFunc) {
	if budget <= 0 {
		budget = MaxImportTime
	}
	return context.WithTimeoutCause(ctx, budget, errBudget)
}

// budgetError turns the exhausted budget into CodeTimeout; other errors (a
// cancellation by the user) pass unchanged.
func budgetError(ctx context.Context, name string, budget time.Duration, err error) error {
	if err == nil || !errors.Is(context.Cause(ctx), errBudget) {
		return err
	}
	if budget <= 0 {
		budget = MaxImportTime
	}
	return i18n.Wrap(err, CodeTimeout, msgTimeout, name, int(budget.Seconds()))
}

// checkCSV scans CSV text before encoding/csv reads it, so that a record is
// never split into more than MaxColumns fields, nor holds a field longer than
// MaxCellLength bytes, nor the file more than MaxRows records: encoding/csv
// allocates a whole record at once (a 60 MiB line of separators is 60 million
// fields). Quotes follow encoding/csv: a quote opens a quoted field only at
// the start of a field (after leading blanks); "" inside is a quote; a
// quote elsewhere is left to encoding/csv to refuse.
func checkCSV[T ~string | ~[]byte](name string, text T, sep rune) error {
	return checkCSVWithin(name, text, sep, csvLimits{MaxColumns, MaxCellLength, MaxRows})
}

// csvLimits are the bounds checkCSVWithin applies (the package's limits;
// the fuzz test uses small ones).
type csvLimits struct{ columns, cell, rows int }

func checkCSVWithin[T ~string | ~[]byte](name string, text T, sep rune, lim csvLimits) error {
	if sep >= utf8.RuneSelf {
		return nil // only ';', ',' and '\t' are used
	}
	s := byte(sep)
	line, recLine := 1, 1
	fields, cell, rows := 1, 0, 0
	quoted, fieldStart := false, true
	for i := 0; i < len(text); i++ {
		c := text[i]
		if quoted {
			switch {
			case c == '"' && i+1 < len(text) && text[i+1] == '"':
				i++
			case c == '"':
				quoted = false
				continue
			case c == '\n':
				line++
			}
			if cell++; cell > lim.cell {
				return i18n.New(CodeCellTooLong, msgCellTooLong, name, recLine, lim.cell)
			}
			continue
		}
		switch {
		case c == s:
			if fields++; fields > lim.columns {
				return i18n.New(CodeTooManyColumns, msgTooManyColumns, name, recLine, lim.columns)
			}
			cell, fieldStart = 0, true
			continue
		case c == '\n':
			line++
			if rows++; rows > lim.rows {
				return i18n.New(CodeTooManyRows, msgTooManyRows, name, lim.rows)
			}
			recLine, fields, cell, fieldStart = line, 1, 0, true
			continue
		case c == '"' && fieldStart:
			quoted, fieldStart = true, false
			continue
		case fieldStart && (c == ' ' || c == '\t'):
			// leading blanks (TrimLeadingSpace) keep the field start
		default:
			fieldStart = false
		}
		if cell++; cell > lim.cell {
			return i18n.New(CodeCellTooLong, msgCellTooLong, name, recLine, lim.cell)
		}
	}
	return nil
}

// checkCells bounds the cells of a row read by a Table (a second line of
// defence behind the scans: what a parser receives is never larger).
func checkCells(name string, line int, cells []string) error {
	if len(cells) > MaxColumns {
		return i18n.New(CodeTooManyColumns, msgTooManyColumns, name, line, MaxColumns)
	}
	for _, c := range cells {
		if len(c) > MaxCellLength {
			return i18n.New(CodeCellTooLong, msgCellTooLong, name, line, MaxCellLength)
		}
	}
	return nil
}

// readLimited reads r, or returns errTooBig beyond max bytes. When r
// tells its size (a file, a bytes or strings reader), the buffer is
// allocated once at that size (boundedread.Read) instead of grown by
// doubling, which would hold two copies of a large file at once.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	size := knownSize(r)
	if size > max {
		return nil, errTooBig // refused unread
	}
	buf, err := boundedread.Read(r, size, max)
	if err == nil && int64(len(buf)) > max {
		return nil, errTooBig
	}
	return buf, err
}

// readLimitedString is readLimited for a text kept as a string (the
// payroll, whose rows hold substrings of it): the string shares the buffer
// read (one copy of the file fewer).
func readLimitedString(r io.Reader, max int64) (string, error) {
	buf, err := readLimited(r, max)
	return boundedread.String(buf), err
}

// knownSize is the number of bytes r will give when it tells it (a bytes
// or strings reader, a regular file), or -1.
func knownSize(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Len() int }:
		return int64(v.Len())
	case interface{ Stat() (os.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			return fi.Size()
		}
	}
	return -1
}

// errTooBig: readLimited found more than max bytes.
var errTooBig = errors.New("file too large")
