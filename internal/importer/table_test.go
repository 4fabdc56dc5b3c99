package importer

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func TestCSVTable(t *testing.T) {
	utf16 := func(s string) string {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	latin1 := func(s string) string {
		b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	cases := []struct {
		name, data, enc string
		want            [][]string
		lines           []int
	}{
		{"semicolon with BOM and CRLF", "\ufeffnom;prénom\r\nAlami;Ahmed\r\n", "utf-8",
			[][]string{{"nom", "prénom"}, {"Alami", "Ahmed"}}, []int{1, 2}},
		{"comma", "name,city\nAcme,\"Fès, Maroc\"\n", "utf-8",
			[][]string{{"name", "city"}, {"Acme", "Fès, Maroc"}}, []int{1, 2}},
		{"tab", "a\tb\n1\t2\n", "utf-8", [][]string{{"a", "b"}, {"1", "2"}}, []int{1, 2}},
		{"semicolon wins a tie", "a;b,c\n", "utf-8", [][]string{{"a", "b,c"}}, []int{1}},
		{"title line without separator", "Liste du personnel\nnom,prenom\nA,B\n", "utf-8",
			[][]string{{"Liste du personnel"}, {"nom", "prenom"}, {"A", "B"}}, []int{1, 2, 3}},
		{"blank lines skipped, lines kept", "a;b\n\n;\n1;2\n", "utf-8", [][]string{{"a", "b"}, {"1", "2"}}, []int{1, 4}},
		{"quoted newline", "a;b\n\"x\ny\";2\n3;4\n", "utf-8", [][]string{{"a", "b"}, {"x\ny", "2"}, {"3", "4"}}, []int{1, 2, 4}},
		{"utf-16 with BOM", utf16("nom\tville\r\nAlami\tFès\r\n"), "utf-16",
			[][]string{{"nom", "ville"}, {"Alami", "Fès"}}, []int{1, 2}},
		{"windows-1252 decoded", latin1("raison sociale;ville\nSociété Générale;Salé\ncréée;œuvre\n"), "windows-1252",
			[][]string{{"raison sociale", "ville"}, {"Société Générale", "Salé"}, {"créée", "œuvre"}}, []int{1, 2, 3}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tb := csvTableOf(t, "f.csv", tc.data)
			if got := tb.Info(); got.Format != "csv" || got.Encoding != tc.enc || got.Name != "f.csv" {
				t.Fatalf("info %+v", got)
			}
			rows := readAll(t, tb)
			var got [][]string
			var lines []int
			for _, r := range rows {
				got = append(got, texts(r))
				lines = append(lines, r.Line)
				for _, c := range r.Cells {
					if c.Numeric {
						t.Errorf("CSV cell marked numeric")
					}
				}
			}
			if !reflect.DeepEqual(got, tc.want) || !reflect.DeepEqual(lines, tc.lines) {
				t.Fatalf("rows %q lines %v, want %q %v", got, lines, tc.want, tc.lines)
			}
		})
	}
}

func TestCSVTableErrors(t *testing.T) {
	cases := []struct {
		name, data, code string
		line             int // expected in the message, 0: not checked
	}{
		{"empty", "", CodeEmpty, 0},
		{"only blanks", " \n\n", CodeEmpty, 0},
		// Windows-1256 Arabic: whole words of non-ASCII bytes.
		{"windows-1256 refused", "nom;ville\nAlami;Fes\n\xe3\xcd\xe3\xcf;x\n", CodeEncoding, 3},
		// A UTF-8 file with one stray byte is not re-read as Latin.
		{"damaged utf-8 refused", "nom;ville\nAlami;Fès\nB;\xe9\n", CodeEncoding, 3},
		{"byte undefined in windows-1252", "a;b\n\x81;x\n", CodeEncoding, 2},
		{"utf-16 odd length", "\xff\xfea\x00b", CodeEncoding, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := OpenTable("liste.csv", strings.NewReader(tc.data), TableOptions{})
			ue := wantUserError(t, err, tc.code)
			if !strings.Contains(ue.In("fr"), "liste.csv") {
				t.Errorf("message lacks the file name")
			}
			if tc.line > 0 && !strings.Contains(ue.In("en"), "line "+strconv.Itoa(tc.line)) {
				t.Errorf("message lacks line %d: %s", tc.line, ue.In("en"))
			}
		})
	}
	t.Run("bad quote", func(t *testing.T) {
		tb := csvTableOf(t, "liste.csv", "a;b\n1;2\n\"x;y\n")
		var err error
		for err == nil {
			_, err = tb.Next()
		}
		ue := wantUserError(t, err, CodeCSV)
		if !strings.Contains(ue.In("en"), "line 3") {
			t.Errorf("message lacks the line: %s", ue.In("en"))
		}
	})
	t.Run("too many rows", func(t *testing.T) {
		// Refused by the scan of OpenTable, before any row is read.
		_, err := OpenTable("big.csv", strings.NewReader(strings.Repeat("x\n", MaxRows+1)), TableOptions{})
		wantUserError(t, err, CodeTooManyRows)
	})
	t.Run("too large", func(t *testing.T) {
		_, err := OpenTable("big.csv", io.LimitReader(zeros{}, MaxTableSize+1), TableOptions{})
		wantUserError(t, err, CodeTooLarge)
	})
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

func TestXLSXTable(t *testing.T) {
	birth := time.Date(1990, 3, 15, 0, 0, 0, 0, time.UTC)
	data := xlsxOf(t, false, "", sheetData{"Personnel", [][]any{
		{"Liste du personnel"},
		{},
		{"immatriculation", "nom", "date de naissance", "salaire", "note"},
		{12345678, "Alami", birth, 8000.5, "texte"},
		{"012345678", "Ben Ali", "15/03/1990", "8 000,50", nil},
	}}, sheetData{"Autre", [][]any{{"x"}}})
	tb, err := OpenTable("paie.xlsx", bytes.NewReader(data), TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	info := tb.Info()
	if info.Format != "xlsx" || info.Sheet != "Personnel" || !reflect.DeepEqual(info.Sheets, []string{"Personnel", "Autre"}) {
		t.Fatalf("info %+v", info)
	}
	rows := readAll(t, tb)
	if len(rows) != 4 {
		t.Fatalf("%d rows", len(rows))
	}
	wantLines := []int{1, 3, 4, 5}
	for i, r := range rows {
		if r.Line != wantLines[i] {
			t.Errorf("row %d: line %d, want %d", i, r.Line, wantLines[i])
		}
	}
	// Stored values, not displayed text: the date is its serial number.
	want := []Cell{{"12345678", true}, {"Alami", false}, {"32947", true}, {"8000.5", true}, {"texte", false}}
	if !reflect.DeepEqual(rows[2].Cells, want) {
		t.Errorf("cells %+v, want %+v", rows[2].Cells, want)
	}
	if got := texts(rows[3]); !reflect.DeepEqual(got, []string{"012345678", "Ben Ali", "15/03/1990", "8 000,50"}) {
		t.Errorf("text row %q", got)
	}

	t.Run("named sheet, any case", func(t *testing.T) {
		tb, err := OpenTable("paie.xlsx", bytes.NewReader(data), TableOptions{Sheet: " autre "})
		if err != nil {
			t.Fatal(err)
		}
		defer tb.Close()
		if rows := readAll(t, tb); tb.Info().Sheet != "Autre" || len(rows) != 1 || rows[0].Cells[0].Text != "x" {
			t.Fatalf("sheet %q rows %v", tb.Info().Sheet, rows)
		}
	})
	t.Run("unknown sheet", func(t *testing.T) {
		_, err := OpenTable("paie.xlsx", bytes.NewReader(data), TableOptions{Sheet: "Feuil9"})
		ue := wantUserError(t, err, CodeSheetNotFound)
		if !strings.Contains(ue.In("fr"), "Personnel, Autre") {
			t.Errorf("message does not list the sheets: %s", ue.In("fr"))
		}
	})
}

func TestXLSXTableErrors(t *testing.T) {
	good := xlsxOf(t, false, "", sheetData{"S", [][]any{{"a", "b"}, {1, 2}}})
	protected := xlsxOf(t, false, "s3cret", sheetData{"S", [][]any{{"a", "b"}, {1, 2}}})
	cases := []struct {
		name     string
		data     []byte
		password string
		code     string
	}{
		{"not a zip", append([]byte("PK\x03\x04"), bytes.Repeat([]byte{7}, 100)...), "", CodeXLSXCorrupt},
		{"truncated", good[:len(good)/2], "", CodeXLSXCorrupt},
		{"zip without workbook", zipOf(t, "hello.txt", "hi"), "", CodeXLSXCorrupt},
		{"password protected", protected, "", CodeXLSXPassword},
		{"wrong password", protected, "nope", CodeXLSXBadPasswd},
		{"legacy xls", minimalCFB("Workbook"), "", CodeXLS},
		{"damaged OLE", append(append([]byte{}, oleMagic...), 1, 2, 3), "", CodeXLSXCorrupt},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tb, err := OpenTable("paie.xlsx", bytes.NewReader(tc.data), TableOptions{Password: tc.password})
			if err == nil {
				// Some damage only shows when the rows are read.
				for err == nil {
					_, err = tb.Next()
				}
				tb.Close()
				if errors.Is(err, io.EOF) {
					t.Fatalf("damaged file read without error")
				}
			}
			ue := wantUserError(t, err, tc.code)
			if !strings.Contains(ue.In("fr"), "paie.xlsx") {
				t.Errorf("message lacks the file name")
			}
		})
	}
	t.Run("right password", func(t *testing.T) {
		tb, err := OpenTable("paie.xlsx", bytes.NewReader(protected), TableOptions{Password: "s3cret"})
		if err != nil {
			t.Fatal(err)
		}
		defer tb.Close()
		if rows := readAll(t, tb); len(rows) != 2 || rows[1].Cells[1].Text != "2" {
			t.Fatalf("rows %v", rows)
		}
	})
}

func zipOf(t *testing.T, name, content string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(content)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// minimalCFB builds a tiny Compound File (the OLE2 container of .xls files
// and of encrypted workbooks) holding one empty stream.
func minimalCFB(stream string) []byte {
	const sector = 512
	const (
		endOfChain = 0xFFFFFFFE
		freeSect   = 0xFFFFFFFF
		fatSect    = 0xFFFFFFFD
		noStream   = 0xFFFFFFFF
	)
	b := make([]byte, 3*sector)
	le := binary.LittleEndian
	copy(b, oleMagic)
	le.PutUint16(b[24:], 0x003E)
	le.PutUint16(b[26:], 3)
	le.PutUint16(b[28:], 0xFFFE)
	le.PutUint16(b[30:], 9)
	le.PutUint16(b[32:], 6)
	le.PutUint32(b[44:], 1)          // FAT sectors
	le.PutUint32(b[48:], 1)          // first directory sector
	le.PutUint32(b[56:], 0x1000)     // mini stream cutoff
	le.PutUint32(b[60:], endOfChain) // mini FAT
	le.PutUint32(b[68:], endOfChain) // DIFAT
	le.PutUint32(b[76:], 0)          // FAT in sector 0
	for i := 1; i < 109; i++ {
		le.PutUint32(b[76+4*i:], freeSect)
	}
	fat := b[sector : 2*sector]
	for i := 0; i < sector/4; i++ {
		le.PutUint32(fat[4*i:], freeSect)
	}
	le.PutUint32(fat[0:], fatSect)
	le.PutUint32(fat[4:], endOfChain)
	dir := b[2*sector:]
	entry := func(i int, name string, typ byte, child uint32) {
		e := dir[128*i : 128*(i+1)]
		n := 0
		for _, r := range name {
			le.PutUint16(e[2*n:], uint16(r))
			n++
		}
		le.PutUint16(e[64:], uint16(2*(n+1)))
		e[66], e[67] = typ, 1
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], noStream)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], endOfChain)
	}
	entry(0, "Root Entry", 5, 1)
	entry(1, stream, 2, noStream)
	for i := 2; i < 4; i++ {
		e := dir[128*i : 128*(i+1)]
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], noStream)
		le.PutUint32(e[76:], noStream)
	}
	return b
}
