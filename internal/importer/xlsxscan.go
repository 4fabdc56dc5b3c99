package importer

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/tasrih/tasrih/internal/i18n"
)

// inspectXLSX checks an XLSX package against the limits before excelize
// opens it. excelize bounds only the total unzipped size declared by the zip
// directory (Options.UnzipSizeLimit) and decides which parts stay in memory
// (UnzipXMLSizeLimit); it then decodes the whole shared-strings table into
// memory, makes a row as wide as its last cell (column XFD: 16 384 cells)
// and has no bound on rows, cells or entity declarations. So:
//
//   - the zip directory: at most MaxZipEntries parts, MaxUnzipSize unzipped
//     in all, and no part over zipRatioFloor unzipping more than MaxZipRatio
//     times its zipped size (archive/zip refuses an entry longer than its
//     declared size, so the directory cannot lie);
//   - the shared-strings part: at most MaxSharedStringsSize unzipped;
//   - then each XML part is unzipped through a fixed buffer and scanned,
//     without being kept: no DOCTYPE (entity declarations: billion laughs),
//     at most MaxSharedStrings shared strings, no sheet row above MaxRows,
//     no cell beyond column MaxColumns, no text of a cell or shared string
//     longer than MaxCellLength bytes.
//
// The scan is a small byte-level reader, not encoding/xml: it only needs tag
// names and two attributes, and runs at unzip speed.
func inspectXLSX(name string, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return i18n.Wrap(err, CodeXLSXCorrupt, msgXLSXCorrupt, name)
	}
	if len(zr.File) > MaxZipEntries {
		return i18n.New(CodeZipEntries, msgZipEntries, name, MaxZipEntries)
	}
	var total uint64
	for _, f := range zr.File {
		u := f.UncompressedSize64
		if total += u; total > MaxUnzipSize || u > MaxUnzipSize {
			return i18n.New(CodeUnzipTooLarge, msgUnzipTooLarge, name, MaxUnzipSize>>20)
		}
		if u > zipRatioFloor && u > MaxZipRatio*max(f.CompressedSize64, 1) {
			return i18n.New(CodeZipRatio, msgZipRatio, name, MaxZipRatio)
		}
		if isSharedStrings(f.Name) && u > MaxSharedStringsSize {
			return i18n.New(CodeSharedStrings, msgSharedStrings, name, MaxSharedStrings, MaxSharedStringsSize>>20)
		}
	}
	sc := &xmlScanner{name: name}
	for _, f := range zr.File {
		lower := strings.ToLower(f.Name)
		if !strings.HasSuffix(lower, ".xml") && !strings.HasSuffix(lower, ".rels") && !strings.HasSuffix(lower, ".vml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return i18n.Wrap(err, CodeXLSXCorrupt, msgXLSXCorrupt, name)
		}
		sc.sheet = strings.HasPrefix(lower, "xl/worksheets/")
		err = sc.scan(rc)
		rc.Close()
		if err != nil {
			var ie *i18n.Error
			if errors.As(err, &ie) {
				return ie
			}
			return i18n.Wrap(err, CodeXLSXCorrupt, msgXLSXCorrupt, name)
		}
	}
	return nil
}

func isSharedStrings(part string) bool {
	return strings.HasSuffix(strings.ToLower(strings.ReplaceAll(part, "\\", "/")), "sharedstrings.xml")
}

// xmlScanner scans XML parts for the limits of inspectXLSX.
type xmlScanner struct {
	name  string
	sheet bool // the part is a worksheet

	br     *bufio.Reader
	shared int // shared strings (<si>) seen, over all parts
	row    int // current row number of a worksheet
	col    int // current column number in the row
	text   int // bytes of text of the current cell or shared string
	inText bool
	tag    []byte
	attr   []byte
}

// scan reads one part to its end.
func (s *xmlScanner) scan(r io.Reader) error {
	if s.br == nil {
		s.br = bufio.NewReaderSize(r, 64<<10)
	} else {
		s.br.Reset(r)
	}
	s.row, s.col, s.text, s.inText = 0, 0, 0, false
	for {
		c, err := s.br.ReadByte()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if c != '<' {
			if s.inText {
				if err := s.addText(1); err != nil {
					return err
				}
			}
			continue
		}
		if err := s.markup(); err != nil {
			return err
		}
	}
}

func (s *xmlScanner) addText(n int) error {
	if s.text += n; s.text > MaxCellLength {
		if s.sheet {
			return i18n.New(CodeCellTooLong, msgCellTooLong, s.name, s.row, MaxCellLength)
		}
		return i18n.New(CodeCellTooLong, msgSharedCellTooLong, s.name, MaxCellLength)
	}
	return nil
}

// markup reads what follows a '<'.
func (s *xmlScanner) markup() error {
	c, err := s.br.ReadByte()
	if err != nil {
		return err
	}
	switch c {
	case '?':
		return s.skipUntil("?>", false)
	case '!':
		head, _ := s.br.Peek(7)
		switch {
		case bytes.HasPrefix(head, []byte("--")):
			return s.skipUntil("-->", false)
		case bytes.HasPrefix(head, []byte("[CDATA[")):
			_, _ = s.br.Discard(7)
			return s.skipUntil("]]>", s.inText)
		}
		// <!DOCTYPE, <!ENTITY, <!ELEMENT…: a part of an XLSX never has one.
		return i18n.New(CodeXMLEntities, msgXMLEntities, s.name)
	case '/':
		s.inText = false
		return s.skipUntil(">", false)
	}
	// A start tag: its name, then its attributes up to '>' (quoted values
	// may hold '>').
	s.tag = append(s.tag[:0], c)
	for {
		c, err = s.br.ReadByte()
		if err != nil {
			return err
		}
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>' {
			break
		}
		if len(s.tag) < 64 {
			s.tag = append(s.tag, c)
		}
	}
	s.attr = s.attr[:0]
	selfClosing := false
	var quote byte
	for c != '>' || quote != 0 {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		}
		selfClosing = c == '/'
		if len(s.attr) < 256 {
			s.attr = append(s.attr, c)
		}
		if c, err = s.br.ReadByte(); err != nil {
			return err
		}
	}
	local := s.tag
	if i := bytes.LastIndexByte(local, ':'); i >= 0 {
		local = local[i+1:]
	}
	s.inText = false
	switch string(local) {
	case "row":
		if !s.sheet {
			break
		}
		if n, ok := attrNumber(s.attr, false); ok {
			s.row = n
		} else {
			s.row++
		}
		s.col = 0
		if s.row > MaxRows {
			return i18n.New(CodeTooManyRows, msgTooManyRows, s.name, MaxRows)
		}
	case "c":
		if !s.sheet {
			break
		}
		s.text = 0
		if n, ok := attrNumber(s.attr, true); ok {
			s.col = n
		} else {
			s.col++
		}
		if s.col > MaxColumns {
			return i18n.New(CodeTooManyColumns, msgTooManyColumns, s.name, max(s.row, 1), MaxColumns)
		}
	case "si":
		s.text = 0
		if s.shared++; s.shared > MaxSharedStrings {
			return i18n.New(CodeSharedStrings, msgSharedStrings, s.name, MaxSharedStrings, MaxSharedStringsSize>>20)
		}
	case "t", "v":
		s.inText = !selfClosing
	}
	return nil
}

// skipUntil reads past end; the bytes skipped count as text when text is set
// (a CDATA section in a cell).
func (s *xmlScanner) skipUntil(end string, text bool) error {
	matched := 0
	for {
		c, err := s.br.ReadByte()
		if err != nil {
			return err
		}
		if text {
			if err := s.addText(1); err != nil {
				return err
			}
		}
		switch {
		case c == end[matched]:
			if matched++; matched == len(end) {
				return nil
			}
		case c == end[0]:
			matched = 1
		default:
			matched = 0
		}
	}
}

// attrNumber reads the r attribute of a start tag: a row number (r="12"),
// or the column number of a cell reference (r="XFD12" → 16384) when
// column is set. ok is false when there is no r attribute.
func attrNumber(attrs []byte, column bool) (int, bool) {
	i := 0
	for {
		j := bytes.Index(attrs[i:], []byte("r="))
		if j < 0 {
			return 0, false
		}
		j += i
		if j == 0 || attrs[j-1] == ' ' || attrs[j-1] == '\t' || attrs[j-1] == '\n' || attrs[j-1] == '\r' {
			i = j + 2
			break
		}
		i = j + 2
	}
	if i >= len(attrs) || (attrs[i] != '"' && attrs[i] != '\'') {
		return 0, false
	}
	q := attrs[i]
	n := 0
	for i++; i < len(attrs) && attrs[i] != q; i++ {
		c := attrs[i]
		switch {
		case column && c >= 'A' && c <= 'Z':
			n = n*26 + int(c-'A'+1)
		case column && c >= 'a' && c <= 'z':
			n = n*26 + int(c-'a'+1)
		case column && c == '$':
		case !column && c >= '0' && c <= '9':
			n = n*10 + int(c-'0')
		default:
			if column {
				return n, n > 0
			}
			return 0, false
		}
		if n > 1<<24 {
			return n, true // far beyond any limit: stop counting
		}
	}
	return n, n > 0
}
