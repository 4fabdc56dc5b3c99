package importer

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
)

// The hostile files of issue 12, each built by the test. Each must be refused
// by OpenTable (or by reading its rows) with its own code, quickly and in
// bounded memory. TestHostileFiles runs each in a fresh child process (the
// test binary re-executed) that writes the file to disk, resets its peak RSS,
// reads the file and reports the code, the time and VmHWM; the parent checks
// the code and peak < 200 MiB, and a generous 20 s (the target is 2 s: see
// BenchmarkHostileFiles for the figures).

type hostileCase struct {
	name  string
	code  string
	build func(w io.Writer) error
}

const sharedHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// minimalXLSX writes a workbook of one sheet whose parts are given (sheet and
// shared strings are written by the callbacks, so that they can be streamed).
func minimalXLSX(w io.Writer, sheet func(io.Writer) error, sst func(io.Writer) error) error {
	zw := zip.NewWriter(w)
	put := func(name, body string) error {
		fw, err := zw.Create(name)
		if err == nil {
			_, err = io.WriteString(fw, body)
		}
		return err
	}
	ct := sharedHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
		`</Types>`
	rels := sharedHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	wb := sharedHead + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>`
	wbRels := sharedHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	for _, p := range [][2]string{{"[Content_Types].xml", ct}, {"_rels/.rels", rels}, {"xl/workbook.xml", wb}, {"xl/_rels/workbook.xml.rels", wbRels}} {
		if err := put(p[0], p[1]); err != nil {
			return err
		}
	}
	for _, p := range []struct {
		name string
		fn   func(io.Writer) error
	}{{"xl/worksheets/sheet1.xml", sheet}, {"xl/sharedStrings.xml", sst}} {
		if p.fn == nil {
			continue
		}
		fw, err := zw.Create(p.name)
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(fw, 1<<16)
		if err := p.fn(bw); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	return zw.Close()
}

const sheetOpen = sharedHead + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
const sheetClose = `</sheetData></worksheet>`

func plainSheet(w io.Writer) error {
	_, err := io.WriteString(w, sheetOpen+`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`+sheetClose)
	return err
}

// deflateBomb writes a zip whose sheet is n MiB of spaces (inside the
// sheetData), compressed once and repeated: a real zip bomb, built in
// milliseconds. declared is the unzipped size the directory states (the
// real one when 0).
func deflateBomb(w io.Writer, mib int, declared uint64) error {
	chunk := bytes.Repeat([]byte{' '}, 1<<20)
	var seg bytes.Buffer
	fw, _ := flate.NewWriter(&seg, flate.BestCompression)
	fw.Write(chunk)
	fw.Flush() // a byte-aligned run of blocks that does not look back before itself
	var head, tail bytes.Buffer
	hw, _ := flate.NewWriter(&head, flate.BestCompression)
	hw.Write([]byte(sheetOpen))
	hw.Flush()
	tw, _ := flate.NewWriter(&tail, flate.BestCompression)
	tw.Write([]byte(sheetClose))
	tw.Close()
	crc := crc32.ChecksumIEEE([]byte(sheetOpen))
	for i := 0; i < mib; i++ {
		crc = crc32.Update(crc, crc32.IEEETable, chunk)
	}
	crc = crc32.Update(crc, crc32.IEEETable, []byte(sheetClose))
	size := uint64(len(sheetOpen)+len(sheetClose)) + uint64(mib)<<20
	if declared == 0 {
		declared = size
	}
	zw := zip.NewWriter(w)
	for _, p := range [][2]string{{"[Content_Types].xml", `<Types/>`}, {"xl/workbook.xml", `<workbook/>`}} {
		f, _ := zw.Create(p[0])
		io.WriteString(f, p[1])
	}
	raw, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(head.Len()+tail.Len()) + uint64(mib*seg.Len()), UncompressedSize64: declared})
	if err != nil {
		return err
	}
	raw.Write(head.Bytes())
	for i := 0; i < mib; i++ {
		raw.Write(seg.Bytes())
	}
	raw.Write(tail.Bytes())
	return zw.Close()
}

var hostileCases = []hostileCase{
	{"csv-60MiB-of-separators", CodeTooManyColumns, func(w io.Writer) error {
		_, err := w.Write(bytes.Repeat([]byte{';'}, 60<<20))
		return err
	}},
	{"csv-150MiB-cell", CodeTooLarge, func(w io.Writer) error {
		io.WriteString(w, "nom;date de naissance\nA;")
		_, err := w.Write(bytes.Repeat([]byte{'1'}, 150<<20))
		return err
	}},
	{"csv-1MiB-cell", CodeCellTooLong, func(w io.Writer) error {
		io.WriteString(w, "nom;date de naissance\nA;")
		_, err := w.Write(bytes.Repeat([]byte{'1'}, 1<<20))
		return err
	}},
	{"csv-million-rows", CodeTooManyRows, func(w io.Writer) error {
		_, err := w.Write(bytes.Repeat([]byte("a;b\n"), 1_000_000))
		return err
	}},
	{"xlsx-shared-strings-bomb", CodeZipRatio, func(w io.Writer) error {
		// The file of the issue: millions of empty shared strings, a few
		// hundred KiB zipped.
		return minimalXLSX(w, plainSheet, func(w io.Writer) error {
			io.WriteString(w, sharedHead+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
			for i := 0; i < 3_000_000; i++ {
				io.WriteString(w, `<si><t></t></si>`)
			}
			_, err := io.WriteString(w, `</sst>`)
			return err
		})
	}},
	{"xlsx-shared-strings-count", CodeSharedStrings, func(w io.Writer) error {
		// Distinct strings (a normal ratio): too many of them.
		return minimalXLSX(w, plainSheet, func(w io.Writer) error {
			io.WriteString(w, sharedHead+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
			for i := 0; i < MaxSharedStrings+1; i++ {
				fmt.Fprintf(w, `<si><t>%x</t></si>`, uint32(i)*2654435761)
			}
			_, err := io.WriteString(w, `</sst>`)
			return err
		})
	}},
	{"xlsx-column-XFD", CodeTooManyColumns, func(w io.Writer) error {
		return minimalXLSX(w, func(w io.Writer) error {
			io.WriteString(w, sheetOpen)
			for r := 1; r <= 50_000; r++ {
				fmt.Fprintf(w, `<row r="%d"><c r="A%d"><v>%d</v></c><c r="XFD%d"><v>1</v></c></row>`, r, r, r, r)
			}
			_, err := io.WriteString(w, sheetClose)
			return err
		}, nil)
	}},
	{"xlsx-wide-row-without-refs", CodeTooManyColumns, func(w io.Writer) error {
		return minimalXLSX(w, func(w io.Writer) error {
			io.WriteString(w, sheetOpen+`<row>`)
			for c := 0; c < 20_000; c++ {
				fmt.Fprintf(w, `<c><v>%d</v></c>`, c)
			}
			_, err := io.WriteString(w, `</row>`+sheetClose)
			return err
		}, nil)
	}},
	{"xlsx-150MiB-cell", CodeUnzipTooLarge, func(w io.Writer) error {
		return minimalXLSX(w, plainSheet, func(w io.Writer) error {
			io.WriteString(w, sharedHead+`<sst><si><t>`)
			w.Write(bytes.Repeat([]byte{'A'}, 150<<20))
			_, err := io.WriteString(w, `</t></si></sst>`)
			return err
		})
	}},
	{"xlsx-long-cell", CodeCellTooLong, func(w io.Writer) error {
		// 64 KiB of varied text in one cell: a normal ratio, too long.
		return minimalXLSX(w, func(w io.Writer) error {
			io.WriteString(w, sheetOpen+`<row r="1"><c r="A1" t="inlineStr"><is><t>`)
			for i := 0; i < 8<<10; i++ {
				fmt.Fprintf(w, "%08x", uint32(i)*2654435761)
			}
			_, err := io.WriteString(w, `</t></is></c></row>`+sheetClose)
			return err
		}, nil)
	}},
	{"xlsx-billion-laughs", CodeXMLEntities, func(w io.Writer) error {
		return minimalXLSX(w, func(w io.Writer) error {
			io.WriteString(w, `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">`)
			prev := "lol"
			for i := 1; i <= 9; i++ {
				fmt.Fprintf(w, `<!ENTITY lol%d "%s">`, i, strings.Repeat("&"+prev+";", 10))
				prev = fmt.Sprintf("lol%d", i)
			}
			_, err := io.WriteString(w, `]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+
				`<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>`+sheetClose)
			return err
		}, nil)
	}},
	{"xlsx-zip-bomb-1GiB", CodeUnzipTooLarge, func(w io.Writer) error { return deflateBomb(w, 1024, 0) }},
	{"xlsx-zip-bomb-64MiB", CodeZipRatio, func(w io.Writer) error { return deflateBomb(w, 64, 0) }},
	{"xlsx-zip-bomb-lying-directory", CodeXLSXCorrupt, func(w io.Writer) error { return deflateBomb(w, 1024, 1<<20) }},
	{"xlsx-million-rows", CodeTooManyRows, func(w io.Writer) error {
		return minimalXLSX(w, func(w io.Writer) error {
			_, err := io.WriteString(w, sheetOpen+`<row r="1"><c r="A1"><v>1</v></c></row><row r="1000000"><c r="A1000000"><v>1</v></c></row>`+sheetClose)
			return err
		}, nil)
	}},
}

// readAllRows opens and reads a table to its end, returning the first error.
func readAllRows(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	t, err := OpenTable(filepath.Base(path), f, TableOptions{})
	if err != nil {
		return err
	}
	defer t.Close()
	for {
		if _, err := t.Next(); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

func writeHostile(dir string, c hostileCase) (string, error) {
	path := filepath.Join(dir, c.name)
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := c.build(bw); err != nil {
		f.Close()
		return "", err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return "", err
	}
	return path, f.Close()
}

type hostileResult struct {
	Code    string  `json:"code"`
	Message string  `json:"message"`
	Seconds float64 `json:"seconds"`
	PeakMiB float64 `json:"peak_mib"`
	Err     string  `json:"err,omitempty"`
}

const hostileEnv = "TASRIH_TEST_HOSTILE_CASE"

// TestHostileChild is the child side of TestHostileFiles.
func TestHostileChild(t *testing.T) {
	name := os.Getenv(hostileEnv)
	if name == "" {
		t.Skip("run by TestHostileFiles")
	}
	var res hostileResult
	for _, c := range hostileCases {
		if c.name != name {
			continue
		}
		path, err := writeHostile(t.TempDir(), c)
		if err != nil {
			t.Fatal(err)
		}
		if !resetPeak() {
			res.PeakMiB = -1
		}
		start := time.Now()
		err = readAllRows(path)
		res.Seconds = time.Since(start).Seconds()
		if res.PeakMiB == 0 {
			res.PeakMiB = peakRSS()
		}
		res.Code = i18n.Code(err)
		if err != nil {
			res.Message = i18n.Message(err, i18n.EN)
			res.Err = err.Error()
		}
	}
	out, _ := json.Marshal(res)
	fmt.Printf("HOSTILE %s\n", out)
}

func TestHostileFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds files of up to 150 MiB")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range hostileCases {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(exe, "-test.run", "^TestHostileChild$", "-test.v")
			cmd.Env = append(os.Environ(), hostileEnv+"="+c.name)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			_, js, ok := bytes.Cut(out, []byte("HOSTILE "))
			if !ok {
				t.Fatalf("no result:\n%s", out)
			}
			js, _, _ = bytes.Cut(js, []byte("\n"))
			var res hostileResult
			if err := json.Unmarshal(js, &res); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %.2f s, peak RSS %.0f MiB: %s", res.Code, res.Seconds, res.PeakMiB, res.Message)
			if res.Code != c.code {
				t.Fatalf("code %q (%s), want %q", res.Code, res.Err, c.code)
			}
			if res.PeakMiB > 200 && !raceEnabled {
				t.Errorf("peak RSS %.0f MiB > 200 MiB", res.PeakMiB)
			}
			if res.Seconds > 20 {
				t.Errorf("%.1f s, far beyond the 2 s target", res.Seconds)
			}
			if len(res.Message) > 400 {
				t.Errorf("message of %d bytes: %.200s…", len(res.Message), res.Message)
			}
		})
	}
}

// BenchmarkHostileFiles: the time and peak RSS of refusing each hostile file
// (target < 2 s, < 200 MiB). Each file is built once, on disk, before the
// timer; peak-RSS-MiB is VmHWM over the timed part (reset before it).
func BenchmarkHostileFiles(b *testing.B) {
	dir := b.TempDir()
	for _, c := range hostileCases {
		path, err := writeHostile(dir, c)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			peakOK := resetPeak()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := readAllRows(path); i18n.Code(err) != c.code {
					b.Fatalf("code %q (%v), want %q", i18n.Code(err), err, c.code)
				}
			}
			b.StopTimer()
			if peakOK {
				b.ReportMetric(peakRSS(), "peak-RSS-MiB")
			}
		})
		os.Remove(path)
	}
}
