package receipt

import (
	"context"
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/tasrih/tasrih/internal/i18n"
)

// BenchmarkReceipt: one receipt in each language (target < 15 ms).
func BenchmarkReceipt(b *testing.B) {
	for _, l := range i18n.Langs {
		b.Run(string(l), func(b *testing.B) {
			d := sandboxDeposit(b)
			d.Lang = l
			// The one-time font subsetting and parsing are not part of a receipt.
			if _, err := Receipt(d); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Receipt(d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSummary2000: the summary of a 2 000-employee declaration with 60
// entrants, in each language (target < 300 ms).
func BenchmarkSummary2000(b *testing.B) {
	for _, l := range i18n.Langs {
		b.Run(string(l), func(b *testing.B) {
			s := bigSummary(b, 2000, 60)
			s.Lang = l
			if _, err := SummaryPDF(s); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := SummaryPDF(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkZIP300Receipts: an export of 300 receipts (target < 5 s).
func BenchmarkZIP300Receipts(b *testing.B) {
	base := normalDeposit(b)
	items := make([]Item, 300)
	for i := range items {
		d := base
		d.Employer.Affiliation = fmt.Sprintf("%07d", 1000000+i)
		items[i] = ReceiptItem(d)
	}
	fontSubsets()
	b.ReportAllocs()
	for b.Loop() {
		if err := ExportZIP(context.Background(), io.Discard, items, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFontSubsets: the one-time cost of cutting the embedded fonts.
func BenchmarkFontSubsets(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		fonts.once = sync.Once{}
		fontSubsets()
	}
}
