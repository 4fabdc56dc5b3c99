package backup_test

import (
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/tasrih/tasrih/internal/backup"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/store"
	"github.com/tasrih/tasrih/internal/vault"
	"github.com/tasrih/tasrih/internal/workspace"
)

// BenchmarkWriteContext: a backup of 20 employers × 1 000 employees written
// with progress and a live context (the cost of "back up now"), to
// io.Discard: the store's two exports, hashing and age encryption.
func BenchmarkWriteContext(b *testing.B) {
	vault.UseCheapKDFForTests(b)
	w, _, err := workspace.Create(b.TempDir(), pass, vault.Options{}, quiet)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	for i := 0; i < 20; i++ {
		er, err := w.Store.Employers().Create(domain.Employer{Affiliation: decltest.Affiliation(400000 + i), Name: fmt.Sprintf("Société %d", i)})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := w.Store.UpdateBulk(context.Background(), func(tx *store.Tx) error {
			for j := 0; j < 1000; j++ {
				last, first := decltest.Name(j)
				if _, err := tx.Employees().Create(domain.Employee{EmployerID: er.ID, Immatriculation: decltest.Immat(30_000_000 + i*1000 + j),
					LastName: last, FirstName: first, MonthlyGross: domain.MAD(5000)}); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	src, err := w.BackupSource("manual")
	if err != nil {
		b.Fatal(err)
	}
	// "progress": what "back up now" and backup create do; "plain": Write,
	// the automatic snapshots (the cost of the meter is the difference).
	for _, withProgress := range []bool{true, false} {
		name := map[bool]string{true: "progress", false: "plain"}[withProgress]
		b.Run(name, func(b *testing.B) {
			calls := 0
			var progress func(int64, int64)
			if withProgress {
				progress = func(_, _ int64) { calls++ }
			}
			b.ReportAllocs()
			var m backup.Manifest
			for range b.N {
				if m, err = backup.WriteContext(context.Background(), io.Discard, src, progress); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(m.Records), "records")
			b.ReportMetric(float64(m.StreamBytes)/(1<<20), "MiB")
			b.ReportMetric(float64(calls)/float64(b.N), "progress/op")
		})
	}
}
