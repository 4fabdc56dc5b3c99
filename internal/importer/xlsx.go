package importer

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/richardlehane/mscfb"
	"github.com/xuri/excelize/v2"

	"github.com/tasrih/tasrih/internal/i18n"
)

// xlsxTable streams the rows of one sheet of an XLSX workbook.
type xlsxTable struct {
	info     TableInfo
	f        *excelize.File
	rows     *excelize.Rows
	line     int
	date1904 bool
	done     bool
}

var _ Table = (*xlsxTable)(nil)

// excelizeOptions keeps every part in memory (UnzipXMLSizeLimit equal to the
// total limit: excelize would otherwise extract big sheets, in plaintext, to a
// temporary file) and reads stored values, not displayed text (see Cell).
func excelizeOptions(password string) excelize.Options {
	return excelize.Options{
		Password:          password,
		RawCellValue:      true,
		UnzipSizeLimit:    MaxUnzipSize,
		UnzipXMLSizeLimit: MaxUnzipSize,
	}
}

// openOLE handles a Compound File (OLE2) container: either an encrypted
// (password-protected) XLSX package, or a legacy .xls workbook.
func openOLE(name string, data []byte, opts TableOptions) (Table, error) {
	doc, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, i18n.Wrap(err, CodeXLSXCorrupt, msgXLSXCorrupt, name)
	}
	encrypted := false
	for entry, err := doc.Next(); err == nil; entry, err = doc.Next() {
		if entry.Name == "EncryptionInfo" || entry.Name == "EncryptedPackage" {
			encrypted = true
			break
		}
	}
	if !encrypted {
		return nil, i18n.New(CodeXLS, msgXLS, name)
	}
	if opts.Password == "" {
		return nil, i18n.New(CodeXLSXPassword, msgXLSXPassword, name)
	}
	// Decrypt here rather than in excelize, so that the package is inspected
	// (inspectXLSX) before it is opened. The package is no larger than the
	// encrypted file, itself bounded by MaxTableSize.
	pkg, err := excelize.Decrypt(data, &excelize.Options{Password: opts.Password})
	if err != nil || !bytes.HasPrefix(pkg, zipMagic) {
		return nil, i18n.New(CodeXLSXBadPasswd, msgXLSXBadPasswd, name)
	}
	opts.Password = ""
	return openXLSX(name, pkg, opts)
}

func openXLSX(name string, data []byte, opts TableOptions) (Table, error) {
	if err := inspectXLSX(name, data); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelizeOptions(opts.Password))
	if err != nil {
		if f != nil {
			_ = f.Close()
		}
		return nil, xlsxOpenError(name, opts, err)
	}
	t := &xlsxTable{info: TableInfo{Name: name, Format: "xlsx", Sheets: f.GetSheetList()}, f: f}
	ok := false
	defer func() {
		if !ok {
			_ = f.Close()
		}
	}()
	if len(t.info.Sheets) == 0 {
		return nil, i18n.New(CodeXLSXCorrupt, msgNoSheet, name)
	}
	t.info.Sheet = t.info.Sheets[0]
	if opts.Sheet != "" {
		t.info.Sheet = ""
		for _, s := range t.info.Sheets {
			if strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(opts.Sheet)) {
				t.info.Sheet = s
			}
		}
		if t.info.Sheet == "" {
			return nil, i18n.New(CodeSheetNotFound, msgSheetNotFound, name, opts.Sheet, strings.Join(t.info.Sheets, ", "))
		}
	}
	props, err := f.GetWorkbookProps()
	if err != nil {
		return nil, i18n.Wrap(err, CodeXLSXCorrupt, msgXLSXCorrupt, name)
	}
	t.date1904 = props.Date1904 != nil && *props.Date1904
	if t.rows, err = f.Rows(t.info.Sheet); err != nil {
		return nil, i18n.Wrap(err, CodeXLSXCorrupt, msgXLSXCorrupt, name)
	}
	ok = true
	return t, nil
}

func xlsxOpenError(name string, opts TableOptions, err error) error {
	var sizeErr bool
	if strings.Contains(err.Error(), "unzip size exceeds") || errors.Is(err, excelize.ErrOptionsUnzipSizeLimit) {
		sizeErr = true
	}
	switch {
	case sizeErr:
		return i18n.Wrap(err, CodeUnzipTooLarge, msgUnzipTooLarge, name, MaxUnzipSize>>20)
	case opts.Password != "" && (errors.Is(err, excelize.ErrWorkbookPassword) || errors.Is(err, excelize.ErrWorkbookFileFormat)):
		return i18n.Wrap(err, CodeXLSXBadPasswd, msgXLSXBadPasswd, name)
	}
	return i18n.Wrap(err, CodeXLSXCorrupt, msgXLSXCorrupt, name)
}

func (t *xlsxTable) Info() TableInfo { return t.info }

func (t *xlsxTable) Close() error {
	var err error
	if t.rows != nil {
		err = t.rows.Close()
		t.rows = nil
	}
	if t.f != nil {
		if cerr := t.f.Close(); err == nil {
			err = cerr
		}
		t.f = nil
	}
	return err
}

// Next returns the next non-blank row. Row numbers follow the sheet (a row
// absent from the file is blank and skipped).
func (t *xlsxTable) Next() (Row, error) {
	if t.done || t.rows == nil {
		return Row{}, io.EOF
	}
	for t.rows.Next() {
		t.line++
		if t.line > MaxRows {
			t.done = true
			return Row{}, i18n.New(CodeTooManyRows, msgTooManyRows, t.info.Name, MaxRows)
		}
		cols, err := t.rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.done = true
			return Row{}, i18n.Wrap(err, CodeXLSXCorrupt, msgXLSXCorrupt, t.info.Name)
		}
		if blank(cols) {
			continue
		}
		if err := checkCells(t.info.Name, t.line, cols); err != nil {
			t.done = true
			return Row{}, err
		}
		cells := make([]Cell, len(cols))
		for i, v := range cols {
			cells[i] = Cell{Text: v, Numeric: isDecimal(v)}
		}
		return Row{Line: t.line, Cells: cells}, nil
	}
	t.done = true
	if err := t.rows.Error(); err != nil {
		if errors.Is(err, excelize.ErrMaxRows) {
			return Row{}, i18n.New(CodeTooManyRows, msgTooManyRows, t.info.Name, MaxRows)
		}
		return Row{}, i18n.Wrap(err, CodeXLSXCorrupt, msgXLSXCorrupt, t.info.Name)
	}
	return Row{}, io.EOF
}

// isDecimal reports whether s is a number as XLSX stores it: an optional
// sign, digits with an optional decimal point, an optional exponent.
func isDecimal(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	c := s[0]
	if !(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.') {
		return false // fast path for text
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && !strings.ContainsAny(s, "xXpP_iInN")
}
