package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/tasrih/tasrih/internal/i18n"
)

// A Table is one sheet of a CSV or XLSX file, read row by row. Next returns the
// rows that hold at least one non-blank cell, in file order, and io.EOF after
// the last one. A Table is not safe for concurrent use; Close releases it.
type Table interface {
	Info() TableInfo
	Next() (Row, error)
	Close() error
}

// TableInfo describes where the rows come from.
type TableInfo struct {
	// Name is the file name used in messages.
	Name string `json:"file"`
	// Format is "csv" or "xlsx".
	Format string `json:"format"`
	// Sheet is the XLSX sheet read ("" for CSV); Sheets lists every sheet.
	Sheet  string   `json:"sheet,omitempty"`
	Sheets []string `json:"sheets,omitempty"`
	// Encoding is the CSV text encoding detected: "utf-8", "utf-16" or
	// "windows-1252" ("" for XLSX).
	Encoding string `json:"encoding,omitempty"`
}

// Row is one row of a Table.
type Row struct {
	// Line is the 1-based line of the CSV file where the row starts, or the
	// XLSX row number.
	Line  int
	Cells []Cell
}

// Cell is one cell of a row.
//
// Text is the cell as text. For CSV it is the field as written. For XLSX it is
// the value stored in the file, not the text Excel displays: text as typed, a
// number in plain decimal ("8000.5", "12345678") and a date as its serial
// number ("32947" for 15/03/1990). Display formats are ignored on purpose:
// they are locale-dependent and lossy ("mm-dd-yy", "8 000,50 DH"), while the
// stored value is exact. The field parsers turn serial numbers back into dates
// in date columns (parseDateCell).
//
// Numeric is true when the cell comes from an XLSX file and its stored value
// is a plain decimal number: a number or date cell. excelize's streaming
// reader does not expose cell types, so a text cell holding only digits is
// Numeric too; the field parsers are written so that this makes no difference
// that matters (see parseDigitsCell).
type Cell struct {
	Text    string
	Numeric bool
}

// TableOptions tunes OpenTable. The zero value reads the first sheet.
type TableOptions struct {
	// Sheet is the XLSX sheet to read; "" means the first sheet of the workbook.
	Sheet string
	// Password opens a password-protected XLSX file.
	Password string
}

// Error codes of OpenTable and Table.Next (with CodeEncoding, CodeEmpty, CodeCSV
// and CodeTooLarge of the payroll reader).
const (
	CodeTooManyRows   = "import.too_many_rows"
	CodeXLSXCorrupt   = "import.xlsx_corrupt"
	CodeXLSXPassword  = "import.xlsx_password"
	CodeXLSXBadPasswd = "import.xlsx_wrong_password"
	CodeXLS           = "import.xls_format"
	CodeSheetNotFound = "import.sheet_not_found"
)

var (
	msgTooManyRows = i18n.Text{
		FR: "%s : plus de %d lignes ; découpez le fichier",
		AR: "%s: أكثر من %d سطر؛ قسّم الملف",
		EN: "%s: more than %d rows; split the file",
	}
	msgXLSXCorrupt = i18n.Text{
		FR: "%s n'est pas un classeur Excel (.xlsx) lisible : le fichier est endommagé ou d'un autre format ; ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel (.xlsx) » ou « CSV UTF-8 »",
		AR: "%s ليس مصنف Excel (.xlsx) مقروءاً: الملف تالف أو بصيغة أخرى؛ افتحه في Excel واحفظه بصيغة « مصنف Excel (.xlsx) » أو « CSV UTF-8 »",
		EN: "%s is not a readable Excel workbook (.xlsx): the file is damaged or in another format; open it in Excel and save it as \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\"",
	}
	msgXLSXPassword = i18n.Text{
		FR: "%s est protégé par un mot de passe : donnez le mot de passe, ou enregistrez une copie sans mot de passe (Fichier › Informations › Protéger le classeur)",
		AR: "%s محمي بكلمة مرور: أدخل كلمة المرور، أو احفظ نسخة بدون كلمة مرور (ملف › معلومات › حماية المصنف)",
		EN: "%s is protected by a password: give the password, or save a copy without it (File › Info › Protect Workbook)",
	}
	msgXLSXBadPasswd = i18n.Text{
		FR: "%s : mot de passe du classeur incorrect",
		AR: "%s: كلمة مرور المصنف غير صحيحة",
		EN: "%s: wrong workbook password",
	}
	msgXLS = i18n.Text{
		FR: "%s est au format Excel 97-2003 (.xls), non pris en charge : enregistrez-le au format « Classeur Excel (.xlsx) » ou « CSV UTF-8 »",
		AR: "%s بصيغة Excel 97-2003 (.xls) غير المدعومة: احفظه بصيغة « مصنف Excel (.xlsx) » أو « CSV UTF-8 »",
		EN: "%s is in the Excel 97-2003 format (.xls), which is not supported: save it as \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\"",
	}
	msgSheetNotFound = i18n.Text{
		FR: "%s : pas de feuille « %s » (feuilles : %s)",
		AR: "%s: لا توجد ورقة « %s » (الأوراق: %s)",
		EN: "%s: no sheet %q (sheets: %s)",
	}
	msgNoSheet = i18n.Text{
		FR: "%s : le classeur ne contient aucune feuille",
		AR: "%s: المصنف لا يحتوي على أي ورقة",
		EN: "%s: the workbook has no sheet",
	}
)

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// OpenTable reads a CSV or XLSX file (recognised by its content, not its
// name; name is used in messages) and returns its rows.
//
// CSV: UTF-8 with or without BOM; UTF-16 with a BOM (Excel's "Unicode text")
// is decoded; any other non-UTF-8 file is decoded as Windows-1252 when it
// looks like Latin text (see decodeText), and refused otherwise with a
// "save as CSV UTF-8" message naming the line. The separator is ';', ',' or a
// tab, whichever the first lines use most (';' on a tie). Quotes follow RFC
// 4180; a malformed quote is an error naming the line.
//
// XLSX (via excelize): the first sheet, or opts.Sheet; rows are streamed. An
// Excel 97-2003 .xls file, a password-protected workbook without (or with a
// wrong) password, and a damaged file each get their own clear error. Every
// part of the workbook is unzipped in memory, up to MaxUnzipSize in all, so
// that no plaintext copy of personal data is written to a temporary file.
//
// The file must stay within the limits (limits.go): MaxTableSize bytes,
// MaxRows rows, MaxColumns columns, MaxCellLength bytes a cell; an XLSX
// also within MaxUnzipSize, MaxZipRatio, MaxZipEntries, MaxSharedStrings and
// MaxSharedStringsSize, without entity declarations. Each is checked before
// the memory it protects is allocated.
func OpenTable(name string, r io.Reader, opts TableOptions) (Table, error) {
	data, err := readLimited(r, MaxTableSize)
	if errors.Is(err, errTooBig) {
		return nil, i18n.New(CodeTooLarge, msgTooLargeFile, name, MaxTableSize>>20)
	}
	if err != nil {
		return nil, err
	}
	switch {
	case bytes.HasPrefix(data, zipMagic):
		return openXLSX(name, data, opts)
	case bytes.HasPrefix(data, oleMagic):
		return openOLE(name, data, opts)
	}
	return openCSV(name, data)
}

// csvTable is a Table over a CSV file held in memory.
type csvTable struct {
	info  TableInfo
	cr    *csv.Reader
	width int // cells of the widest row so far, to size the next one
	rows  int
}

var _ Table = (*csvTable)(nil)

func openCSV(name string, data []byte) (*csvTable, error) {
	text, enc, err := decodeText(name, data)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(text)) == 0 {
		return nil, i18n.New(CodeEmpty, msgEmptyFile, name)
	}
	sep := detectSeparator(text)
	if err := checkCSV(name, text, sep); err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.Comma = sep
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	return &csvTable{info: TableInfo{Name: name, Format: "csv", Encoding: enc}, cr: cr}, nil
}

func (t *csvTable) Info() TableInfo { return t.info }
func (t *csvTable) Close() error    { return nil }

func (t *csvTable) Next() (Row, error) {
	for {
		rec, err := t.cr.Read()
		if err == io.EOF {
			return Row{}, io.EOF
		}
		if err != nil {
			return Row{}, csvError(t.info.Name, err)
		}
		line, _ := t.cr.FieldPos(0)
		if t.rows++; t.rows > MaxRows {
			return Row{}, i18n.New(CodeTooManyRows, msgTooManyRows, t.info.Name, MaxRows)
		}
		if blank(rec) {
			continue
		}
		if err := checkCells(t.info.Name, line, rec); err != nil {
			return Row{}, err
		}
		cells := make([]Cell, len(rec))
		for i, v := range rec {
			cells[i] = Cell{Text: v}
		}
		return Row{Line: line, Cells: cells}, nil
	}
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// detectSeparator returns ';', ',' or '\t': the one that occurs most on the
// line (among the first ten) that holds the most separators; ';' on a tie
// (the French Excel default).
func detectSeparator(text []byte) rune {
	best, bestN := ';', 0
	rest := text
	for i := 0; i < 10 && len(rest) > 0; i++ {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte{'\n'})
		for _, sep := range []rune{';', ',', '\t'} {
			if n := bytes.Count(line, []byte(string(sep))); n > bestN {
				best, bestN = sep, n
			}
		}
	}
	return best
}

// decodeText returns the CSV text as UTF-8 and the name of the encoding found.
//
// Decision: a non-UTF-8 file is decoded as Windows-1252 (a superset of the
// printable Latin-1 range, what French Windows writes for "CSV (séparateur:
// point-virgule)") only when that reading is reliable, that is when the bytes
// look like Latin text: no byte undefined in Windows-1252, no run of three or
// more non-ASCII bytes (French words have isolated accented letters, while
// Windows-1256 Arabic or another multi-byte encoding has whole words of them),
// and no valid multi-byte UTF-8 sequence (a UTF-8 file with one bad byte must
// not be turned into mojibake). Anything else is refused with the line of the
// first non-UTF-8 byte and "save as CSV UTF-8".
func decodeText(name string, data []byte) ([]byte, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		// The decoder replaces what is not UTF-16 (an odd byte, a lone
		// surrogate) by U+FFFD: refuse rather than import replacement marks.
		if err != nil || len(data)%2 != 0 || bytes.ContainsRune(out, utf8.RuneError) {
			return nil, "", i18n.New(CodeEncoding, msgEncoding, name, 1)
		}
		return out, "utf-16", nil
	}
	if utf8.Valid(data) {
		return data, "utf-8", nil
	}
	if latinText(data) {
		out, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err == nil && utf8.Valid(out) {
			return out, "windows-1252", nil
		}
	}
	line := 1 + bytes.Count(data[:firstInvalid(data)], []byte{'\n'})
	return nil, "", i18n.New(CodeEncoding, msgEncoding, name, line)
}

// latinText reports whether non-UTF-8 data reads reliably as Windows-1252 text
// (see decodeText).
func latinText(data []byte) bool {
	run := 0
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c < 0x80 {
			run = 0
			continue
		}
		switch c {
		case 0x81, 0x8D, 0x8F, 0x90, 0x9D: // undefined in Windows-1252
			return false
		}
		if r, n := utf8.DecodeRune(data[i:]); r != utf8.RuneError && n > 1 {
			return false // a valid UTF-8 sequence: a damaged UTF-8 file
		}
		if run++; run >= 3 {
			return false
		}
	}
	return true
}
