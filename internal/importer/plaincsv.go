package importer

import (
	"encoding/csv"
	"io"
	"strings"
	"unicode"
)

// csvRecords gives the records of a CSV file with the 1-based line each
// starts on, as encoding/csv reads them with FieldsPerRecord -1,
// TrimLeadingSpace and no comment character. The fields may share memory
// with the next record's (ReuseRecord).
type csvRecords interface {
	next() (rec []string, line int, err error)
}

// newCSVRecords returns plainRecords for a text without any double quote
// (the usual payroll: nothing is quoted, so no field can span lines or
// hold a separator) and encoding/csv for any other.
func newCSVRecords(text string, comma rune) csvRecords {
	if strings.IndexByte(text, '"') < 0 && comma < 0x80 && comma != '\r' && comma != '\n' {
		return &plainRecords{text: text, comma: byte(comma)}
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
	return stdRecords{cr}
}

type stdRecords struct{ r *csv.Reader }

func (s stdRecords) next() ([]string, int, error) {
	rec, err := s.r.Read()
	if err != nil {
		return nil, 0, err
	}
	line, _ := s.r.FieldPos(0)
	return rec, line, nil
}

// plainRecords reads a CSV text that holds no double quote, giving exactly
// what encoding/csv gives (TestPlainRecordsAreCSV, FuzzPlainRecords): "\r\n"
// ends a line like "\n", a '\r' just before the end of the text is dropped,
// empty lines are skipped, leading white space (unicode.IsSpace) is cut
// from every field. The fields are substrings of the text: no allocation
// per record.
type plainRecords struct {
	text  string
	comma byte
	line  int
	rec   []string
}

func (p *plainRecords) next() ([]string, int, error) {
	for {
		if p.text == "" {
			return nil, 0, io.EOF
		}
		var ln string
		if i := strings.IndexByte(p.text, '\n'); i >= 0 {
			ln, p.text = p.text[:i], p.text[i+1:]
			ln = strings.TrimSuffix(ln, "\r")
			p.line++
			if ln == "" {
				continue // an empty line
			}
		} else {
			ln, p.text = strings.TrimSuffix(p.text, "\r"), ""
			p.line++
			if ln == "" {
				return nil, 0, io.EOF
			}
		}
		p.rec = p.rec[:0]
		for {
			ln = strings.TrimLeftFunc(ln, unicode.IsSpace)
			i := strings.IndexByte(ln, p.comma)
			if i < 0 {
				p.rec = append(p.rec, ln)
				break
			}
			p.rec = append(p.rec, ln[:i])
			ln = ln[i+1:]
		}
		return p.rec, p.line, nil
	}
}
