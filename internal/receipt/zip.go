package receipt

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Item is one document of an export: its path in the archive and the
// function that produces it. PDF may be called from another goroutine than
// ExportZIP's, concurrently with the PDF functions of other items.
type Item struct {
	// Name is a relative, "/"-separated path, e.g. EntryName(...).
	Name string `json:"name"`
	// Modified is the time recorded for the entry; zero means
	// 1980-01-01 00:00 UTC (the ZIP epoch), so that archives are
	// deterministic either way.
	Modified time.Time                                 `json:"modified"`
	PDF      func(ctx context.Context) ([]byte, error) `json:"-"`
}

// Suffixes of the entry names.
const (
	ReceiptSuffix = "recu"
	SummarySuffix = "bordereau"
)

// EntryName is the conventional name of a document in an export:
// "<affiliation>/<file name without extension>-<suffix>.pdf", e.g.
// "1234567/DS_1234567_202601-recu.pdf". Characters other than ASCII
// letters, digits, ".", "_" and "-" become "_".
func EntryName(affiliation, fileName, suffix string) string {
	base := path.Base(strings.ReplaceAll(fileName, "\\", "/"))
	base = strings.TrimSuffix(base, path.Ext(base))
	return safeSegment(affiliation) + "/" + safeSegment(base) + "-" + safeSegment(suffix) + ".pdf"
}

func safeSegment(s string) string {
	b := make([]byte, 0, len(s))
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			c = '_'
		}
		b = append(b, byte(c))
	}
	out := strings.TrimLeft(string(b), ".")
	if out == "" {
		return "_"
	}
	return out
}

// ReceiptItem is the export item of a deposit's receipt.
func ReceiptItem(d Deposit) Item {
	return Item{
		Name:     EntryName(d.Employer.Affiliation, d.FileName, ReceiptSuffix),
		Modified: d.documentTime(),
		PDF:      func(context.Context) ([]byte, error) { return Receipt(d) },
	}
}

// SummaryItem is the export item of a declaration summary.
func SummaryItem(s Summary) Item {
	it := Item{PDF: func(context.Context) ([]byte, error) { return SummaryPDF(s) }}
	if r, err := resolveSummary(s); err == nil {
		it.Name = EntryName(r.aff, r.FileName, SummarySuffix)
		it.Modified = r.created
	} else {
		it.Name = EntryName(s.Employer.Affiliation, s.FileName, SummarySuffix)
	}
	return it
}

// zipEpoch is the time of an entry without one.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// ExportZIP writes the documents of items to w as one ZIP archive, in the
// order of items. Documents are produced by a few goroutines at a time (at
// most GOMAXPROCS, and only a few ahead of the writer, so memory stays
// bounded); progress, if not nil, is called from ExportZIP's goroutine with
// (0, total) first and then after each entry written.
//
// Entry names are checked first: a name that is not a safe relative path or
// that appears twice (ignoring case, as Windows does) fails the export before
// anything is written. The archive is deterministic: same items (same bytes,
// names and times) → same archive.
//
// On error or cancellation (ctx), what was written to w is an incomplete
// archive that the caller discards; the error is an *i18n.Error (code
// CodeCancelled wrapping ctx.Err(), CodeZIPItem wrapping the item's error,
// CodeZIPWrite…).
func ExportZIP(ctx context.Context, w io.Writer, items []Item, progress func(done, total int)) error {
	if err := checkNames(items); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return i18n.Wrap(err, CodeCancelled, msgCancelled)
	}
	total := len(items)
	if progress != nil {
		progress(0, total)
	}
	workers := min(runtime.GOMAXPROCS(0), 8, max(total, 1))

	type result struct {
		pdf []byte
		err error
	}
	results := make([]chan result, total)
	for i := range results {
		results[i] = make(chan result, 1)
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait() // after cancel (deferred below, so run first)
	defer cancel()

	// ahead bounds the documents produced and not yet written.
	ahead := make(chan struct{}, 2*workers)
	next := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(next)
		for i := range items {
			select {
			case ahead <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				pdf, err := produce(ctx, items[i])
				results[i] <- result{pdf, err}
			}
		}()
	}

	zw := zip.NewWriter(w)
	for i, it := range items {
		var r result
		select {
		case r = <-results[i]:
		case <-ctx.Done():
			return i18n.Wrap(ctx.Err(), CodeCancelled, msgCancelled)
		}
		<-ahead
		if r.err != nil {
			if ctx.Err() != nil {
				return i18n.Wrap(ctx.Err(), CodeCancelled, msgCancelled)
			}
			return i18n.Wrap(r.err, CodeZIPItem, msgZIPItem, it.Name, r.err)
		}
		mod := it.Modified
		if mod.IsZero() {
			mod = zipEpoch
		}
		// Stored, not deflated: a PDF's streams are compressed already
		// (deflating again saves about 7 % and costs CPU time).
		h := &zip.FileHeader{Name: it.Name, Method: zip.Store, Modified: mod.In(casablanca())}
		h.SetMode(0o644)
		f, err := zw.CreateHeader(h)
		if err == nil {
			_, err = f.Write(r.pdf)
		}
		if err != nil {
			return i18n.Wrap(err, CodeZIPWrite, msgZIPWrite, err)
		}
		if progress != nil {
			progress(i+1, total)
		}
	}
	if err := zw.Close(); err != nil {
		return i18n.Wrap(err, CodeZIPWrite, msgZIPWrite, err)
	}
	return nil
}

// produce runs an item's PDF function; a panic becomes an error.
func produce(ctx context.Context, it Item) (pdf []byte, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if it.PDF == nil {
		return nil, fmt.Errorf("no document")
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return it.PDF(ctx)
}

func checkNames(items []Item) error {
	seen := make(map[string]bool, len(items))
	for _, it := range items {
		n := it.Name
		if !fs.ValidPath(n) || n == "." || strings.ContainsAny(n, "\\:") || strings.HasSuffix(n, "/") {
			return i18n.New(CodeZIPName, msgZIPName, n)
		}
		k := strings.ToLower(n)
		if seen[k] {
			return i18n.New(CodeZIPDuplicate, msgZIPDuplicate, n)
		}
		seen[k] = true
	}
	return nil
}
