package receipt

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"testing"

	"github.com/tasrih/tasrih/internal/i18n"
)

func TestEntryName(t *testing.T) {
	for _, tc := range []struct{ aff, file, suffix, want string }{
		{"1234567", "DS_1234567_202601.txt", ReceiptSuffix, "1234567/DS_1234567_202601-recu.pdf"},
		{"1234567", "DSC2_1234567_202601.txt", SummarySuffix, "1234567/DSC2_1234567_202601-bordereau.pdf"},
		{"1234567", "../../etc/passwd", ReceiptSuffix, "1234567/passwd-recu.pdf"},
		{"12/34", `C:\tmp\DS x é.txt`, ReceiptSuffix, "12_34/DS_x__-recu.pdf"},
		{"", "", ReceiptSuffix, "_/_-recu.pdf"},
		{"..", ".hidden", ReceiptSuffix, "_/_-recu.pdf"},
	} {
		if got := EntryName(tc.aff, tc.file, tc.suffix); got != tc.want {
			t.Errorf("EntryName(%q, %q) = %q, want %q", tc.aff, tc.file, got, tc.want)
		}
	}
}

// exportItems are a few real documents of two employers.
func exportItems(t *testing.T) []Item {
	n, c := normalDeposit(t), complementaryDeposit(t)
	other := sandboxDeposit(t)
	other.Employer.Affiliation = "2703892"
	other.FileName = "DS_2703892_202601.txt"
	return []Item{ReceiptItem(n), SummaryItem(vectorSummary(t)), ReceiptItem(c), ReceiptItem(other)}
}

func TestExportZIP(t *testing.T) {
	items := exportItems(t)
	var calls [][2]int
	var buf bytes.Buffer
	if err := ExportZIP(context.Background(), &buf, items, func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
		t.Fatal(err)
	}
	wantCalls := [][2]int{{0, 4}, {1, 4}, {2, 4}, {3, 4}, {4, 4}}
	if !slices.Equal(calls, wantCalls) {
		t.Errorf("progress %v, want %v", calls, wantCalls)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	wantNames := []string{"1234567/DS_1234567_202601-recu.pdf", "1234567/DS_1234567_202601-bordereau.pdf",
		"1234567/DSC2_1234567_202601-recu.pdf", "2703892/DS_2703892_202601-recu.pdf"}
	if len(zr.File) != len(wantNames) {
		t.Fatalf("%d entries", len(zr.File))
	}
	for i, f := range zr.File {
		if f.Name != wantNames[i] {
			t.Errorf("entry %d is %q, want %q", i, f.Name, wantNames[i])
		}
		if !f.Modified.Equal(items[i].Modified) {
			t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, items[i].Modified)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		want, _ := items[i].PDF(context.Background())
		if !bytes.Equal(got, want) {
			t.Errorf("%s: content differs from the document", f.Name)
		}
	}
	// Deterministic: the same export twice gives the same archive.
	var again bytes.Buffer
	if err := ExportZIP(context.Background(), &again, exportItems(t), nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two exports of the same items differ")
	}
}

// TestExportZIPEpoch: an entry without a time gets the ZIP epoch.
func TestExportZIPEpoch(t *testing.T) {
	var buf bytes.Buffer
	items := []Item{{Name: "a.pdf", PDF: func(context.Context) ([]byte, error) { return []byte("%PDF-1.3"), nil }}}
	if err := ExportZIP(context.Background(), &buf, items, nil); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if m := zr.File[0].Modified; !m.Equal(zipEpoch) {
		t.Errorf("modified %v, want %v", m, zipEpoch)
	}
}

func fake(name string, pdf func(context.Context) ([]byte, error)) Item {
	return Item{Name: name, Modified: utc(2026, 2, 5, 9, 0), PDF: pdf}
}

func ok(context.Context) ([]byte, error) { return []byte("%PDF-1.3 fake"), nil }

func TestExportZIPErrors(t *testing.T) {
	boom := errors.New("boom")
	for _, tc := range []struct {
		name    string
		items   []Item
		code    string
		cause   error
		written bool // whether something may have been written before the error
	}{
		{"absolute name", []Item{fake("/etc/x.pdf", ok)}, CodeZIPName, nil, false},
		{"dot-dot", []Item{fake("a/../../x.pdf", ok)}, CodeZIPName, nil, false},
		{"backslash", []Item{fake(`a\x.pdf`, ok)}, CodeZIPName, nil, false},
		{"drive", []Item{fake("C:x.pdf", ok)}, CodeZIPName, nil, false},
		{"empty", []Item{fake("", ok)}, CodeZIPName, nil, false},
		{"directory", []Item{fake("a/", ok)}, CodeZIPName, nil, false},
		{"duplicate", []Item{fake("a/x.pdf", ok), fake("b.pdf", ok), fake("A/X.pdf", ok)}, CodeZIPDuplicate, nil, false},
		{"item fails", []Item{fake("a.pdf", ok), fake("b.pdf", func(context.Context) ([]byte, error) { return nil, boom })}, CodeZIPItem, boom, true},
		{"item panics", []Item{fake("a.pdf", func(context.Context) ([]byte, error) { panic("bad") })}, CodeZIPItem, nil, true},
		{"no function", []Item{{Name: "a.pdf"}}, CodeZIPItem, nil, true},
		{"invalid receipt", []Item{ReceiptItem(Deposit{FileName: "x.txt"})}, CodeZIPItem, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := ExportZIP(context.Background(), &buf, tc.items, nil)
			if i18n.Code(err) != tc.code {
				t.Fatalf("error %v, want code %s", err, tc.code)
			}
			if tc.cause != nil && !errors.Is(err, tc.cause) {
				t.Errorf("%v does not wrap %v", err, tc.cause)
			}
			if !tc.written && buf.Len() != 0 {
				t.Errorf("%d bytes written before a name error", buf.Len())
			}
		})
	}
}

// TestExportZIPCancel: cancelling stops the export with CodeCancelled
// wrapping context.Canceled, and stops producing documents.
func TestExportZIPCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	produced := make(chan struct{}, 1000)
	var items []Item
	for i := 0; i < 200; i++ {
		items = append(items, fake(fmt.Sprintf("d%03d.pdf", i), func(ctx context.Context) ([]byte, error) {
			produced <- struct{}{}
			return ok(ctx)
		}))
	}
	err := ExportZIP(ctx, io.Discard, items, func(done, total int) {
		if done == 5 {
			cancel()
		}
	})
	if i18n.Code(err) != CodeCancelled || !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want %s wrapping context.Canceled", err, CodeCancelled)
	}
	// Production stops: at most the documents already in flight (a bounded
	// window ahead of the writer) were produced.
	if n := len(produced); n >= len(items) {
		t.Errorf("all %d documents produced despite the cancellation", len(items))
	}

	// Already cancelled: nothing is written.
	var buf bytes.Buffer
	if err := ExportZIP(ctx, &buf, items, nil); i18n.Code(err) != CodeCancelled || buf.Len() != 0 {
		t.Errorf("cancelled context: error %v, %d bytes", err, buf.Len())
	}
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestExportZIPWriteError(t *testing.T) {
	err := ExportZIP(context.Background(), &failWriter{n: 100}, []Item{fake("a.pdf", ok), fake("b.pdf", ok)}, nil)
	if i18n.Code(err) != CodeZIPWrite {
		t.Fatalf("error %v, want %s", err, CodeZIPWrite)
	}
}
