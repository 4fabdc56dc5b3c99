package firm_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/firm"
	"github.com/tasrih/tasrih/internal/firm/objstore"
	"github.com/tasrih/tasrih/internal/firm/s3test"
)

// The portfolio of the initial-sync figure: 300 dossiers, 20 000
// employees, 12 months of lines each.
const (
	benchDossiers  = 300
	benchEmployees = 20000
	benchMonths    = 12
)

// employeeValue stands for an employee record as the local store encodes
// it (about the size of the real one).
func employeeValue(d, e int) []byte {
	return fmt.Appendf(nil, `{"matricule":"M%05d","nom":"NOM%05d","prenom":"PRENOM%05d","cin":"AB%06d","naissance":"1985-04-12","entree":"2019-09-01","dossier":%d}`, e, e, e, e, d)
}

func lineValue(e, m int) []byte {
	return fmt.Appendf(nil, `{"matricule":"M%05d","periode":"2026-%02d","jours":26,"salaire_reel":%d,"salaire_plaf":%d,"situation":"SO"}`, e, m, 500000+e, 600000)
}

// fillBench writes the portfolio with several founder clients at once and
// returns its reference and the secret of a reader seat allowed on every
// dossier.
func fillBench(b *testing.B, st objstore.Store) (firm.Ref, *firm.Identity, int) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	cs := seats(b, st, "Amine", "Fatima")
	a, reader := cs[0], cs[1]
	const workers = 8
	clients := []*firm.Client{a}
	for len(clients) < workers {
		c, err := firm.Join(ctx, st, identityOf(b, a), a.Ref(), nil)
		if err != nil {
			b.Fatal(err)
		}
		clients = append(clients, c)
	}
	var (
		wg      sync.WaitGroup
		records atomic.Int64
		failed  atomic.Value
	)
	per := benchEmployees / benchDossiers
	for w, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := w; d < benchDossiers; d += workers {
				if err := fillDossier(ctx, c, reader.Seat(), d, per+boolInt(d < benchEmployees%benchDossiers), &records); err != nil {
					failed.Store(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err, _ := failed.Load().(error); err != nil {
		b.Fatal(err)
	}
	return a.Ref(), identityOf(b, reader), int(records.Load())
}

func boolInt(v bool) int {
	if v {
		return 1
	}
	return 0
}

func fillDossier(ctx context.Context, c *firm.Client, reader firm.SeatID, d, employees int, n *atomic.Int64) error {
	id, err := c.CreateDossier(ctx, []firm.SeatID{reader})
	if err != nil {
		return err
	}
	recs := []firm.Record{{Kind: firm.KindEmployer, Key: "employer", Value: fmt.Appendf(nil, `{"affiliation":"%07d","raison_sociale":"SOCIETE %d"}`, 1000000+d, d)}}
	for e := range employees {
		recs = append(recs, firm.Record{Kind: firm.KindEmployee, Key: fmt.Sprint(e), Value: employeeValue(d, d*1000+e)})
	}
	if _, err := c.Push(ctx, id, recs); err != nil {
		return err
	}
	n.Add(int64(len(recs)))
	for m := 1; m <= benchMonths; m++ {
		recs = recs[:0]
		for e := range employees {
			recs = append(recs, firm.Record{Kind: firm.KindMonthLine, Key: fmt.Sprintf("2026-%02d/%d", m, e), Value: lineValue(d*1000+e, m)})
		}
		if _, err := c.Push(ctx, id, recs); err != nil {
			return err
		}
		n.Add(int64(len(recs)))
	}
	return nil
}

// The child process of BenchmarkInitialSync: a fresh seat syncing the
// whole portfolio, alone in its process so that its peak RSS is its own.
func TestInitialSyncChild(t *testing.T) {
	if os.Getenv("TASRIH_FIRM_CHILD_BUCKET") == "" {
		t.Skip("run by BenchmarkInitialSync")
	}
	srv := s3test.Require(t)
	st, err := objstore.Open(srv.Config(os.Getenv("TASRIH_FIRM_CHILD_BUCKET")))
	must(t, err)
	ref, err := firm.ParseRef(os.Getenv("TASRIH_FIRM_CHILD_REF"))
	must(t, err)
	id, err := firm.ParseIdentity(os.Getenv("TASRIH_FIRM_CHILD_SEAT"))
	must(t, err)
	ctx := context.Background()
	c, err := firm.Join(ctx, st, id, ref, nil)
	must(t, err)
	var n, size int
	must(t, c.Sync(ctx, firm.SinkFunc(func(ch firm.Change) error {
		for _, r := range ch.Records {
			n++
			size += len(r.Value)
		}
		return nil
	}), nil))
	fmt.Printf("records=%d bytes=%d\n", n, size)
}

func BenchmarkInitialSync(b *testing.B) {
	srv := s3test.Require(b)
	st, bucket := srv.NewBucket(b)
	start := time.Now()
	ref, reader, records := fillBench(b, st)
	b.Logf("portfolio written in %s: %d dossiers, %d records", time.Since(start).Round(time.Second), benchDossiers, records)
	b.ResetTimer()
	var maxRSS int64
	for range b.N {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestInitialSyncChild$", "-test.v")
		cmd.Env = append(os.Environ(),
			"TASRIH_FIRM_CHILD_BUCKET="+bucket,
			"TASRIH_FIRM_CHILD_REF="+ref.String(),
			"TASRIH_FIRM_CHILD_SEAT="+reader.Marshal())
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("child: %v\n%s", err, out)
		}
		if !strings.Contains(string(out), "records="+strconv.Itoa(records)+" ") {
			b.Fatalf("child did not sync every record (want %d):\n%s", records, out)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > maxRSS {
			maxRSS = ru.Maxrss
		}
	}
	b.ReportMetric(float64(maxRSS)/1024, "peak-RSS-MB")
	b.ReportMetric(float64(records), "records")
}

func BenchmarkIncrementalSync(b *testing.B) {
	srv := s3test.Require(b)
	st, _ := srv.NewBucket(b)
	ctx := ctxT(b)
	cs := seats(b, st, "Amine", "Fatima")
	a, r := cs[0], cs[1]
	var n atomic.Int64
	must(b, fillDossier(ctx, a, r.Seat(), 0, benchEmployees/benchDossiers, &n))
	must(b, r.Sync(ctx, firm.SinkFunc(func(firm.Change) error { return nil }), nil))
	d := r.State()
	var id firm.DossierID
	for k := range d.Dossiers {
		id = k
	}
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		var recs []firm.Record
		for e := range benchEmployees / benchDossiers {
			recs = append(recs, firm.Record{Kind: firm.KindMonthLine, Key: fmt.Sprintf("2027-%d/%d", i, e), Value: lineValue(e, i%12+1)})
		}
		if _, err := a.Push(ctx, id, recs); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		got := 0
		must(b, r.Pull(ctx, id, firm.SinkFunc(func(ch firm.Change) error { got += len(ch.Records); return nil })))
		if got != len(recs) {
			b.Fatalf("pulled %d records, want %d", got, len(recs))
		}
	}
}

func BenchmarkLeaseTakeAndHandOver(b *testing.B) {
	srv := s3test.Require(b)
	st, _ := srv.NewBucket(b)
	ctx := ctxT(b)
	cs := seats(b, st, "Amine", "Fatima")
	a, f := cs[0], cs[1]
	d := mustDossier(b, a, f.Seat())
	must(b, a.Release(ctx, d))
	must(b, f.Pull(ctx, d, firm.SinkFunc(func(firm.Change) error { return nil })))
	b.ResetTimer()
	for range b.N {
		if _, err := a.TakeLease(ctx, d, time.Hour); err != nil {
			b.Fatal(err)
		}
		if _, err := a.HandOver(ctx, d, f.Seat(), time.Hour); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		must(b, f.Release(ctx, d))
		b.StartTimer()
	}
}
