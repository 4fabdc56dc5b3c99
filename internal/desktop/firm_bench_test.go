package desktop

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/firm/objstore"
	"github.com/tasrih/tasrih/internal/keyring/keyringtest"
	"github.com/tasrih/tasrih/internal/vault"
)

// benchSeat is an unlocked Core whose firm mode talks to mem.
func benchSeat(b *testing.B, mem objstore.Store, name string) *Core {
	vault.UseCheapKDFForTests(b)
	kr := keyringtest.New()
	c, err := New(Options{Dir: b.TempDir(), Vault: vault.Options{Keyring: kr, KeyringTimeout: time.Second}, Keyring: kr,
		Logger: quiet(), Getenv: func(string) string { return "" }, NoSandbox: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { c.Close() })
	if _, err := c.Create(testPassphrase, false); err != nil {
		b.Fatal(err)
	}
	c.SetFirmOptions(FirmOptions{OpenStore: func(objstore.Config) (objstore.Store, error) { return mem, nil }})
	if _, err := c.Firm().NewSeat(name); err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkFirmSync is the desktop side of a sync on an in-memory store
// (the store's own cost is in internal/firm's benchmarks against
// SeaweedFS): a founder shares 20 employers of 200 employees each, a second
// seat takes them all in one first sync; then "idle" is a sync with
// nothing new on either side (each dossier read to look for local
// changes), and "one change" a sync after the holder changed one employee.
func BenchmarkFirmSync(b *testing.B) {
	const employers, employees = 20, 200
	ctx := context.Background()
	mem := objstore.NewMem()
	karim, fatima := benchSeat(b, mem, "Karim"), benchSeat(b, mem, "Fatima")
	set := FirmSettings{Endpoint: "http://127.0.0.1:9", Bucket: "b", AccessKey: "a"}
	st, err := karim.Firm().Create(ctx, set, "s")
	if err != nil {
		b.Fatal(err)
	}
	fst, _ := fatima.Firm().Status()
	if _, err := karim.Firm().Invite(ctx, fst.Invitation); err != nil {
		b.Fatal(err)
	}
	if _, err := fatima.Firm().Join(ctx, set, "s", st.Ref); err != nil {
		b.Fatal(err)
	}
	var first domain.Employee
	for i := range employers {
		err := karim.Use(func(s *Session) error {
			er, err := s.Store.Employers().Create(domain.Employer{Affiliation: decltest.Affiliation(5000 + i), Name: fmt.Sprintf("SOCIETE %d", i)})
			if err != nil {
				return err
			}
			for j := 1; j <= employees; j++ {
				e, err := s.Store.Employees().Create(domain.Employee{EmployerID: er.ID, Immatriculation: decltest.Immat(j), LastName: "NOM"})
				if err != nil {
					return err
				}
				if i == 0 && j == 1 {
					first = e
				}
			}
			_, err = karim.Firm().Share(ctx, er.ID, []string{fst.SeatID})
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	pb := b // seats made during a sub-benchmark live as long as the benchmark
	b.Run(fmt.Sprintf("first-%dx%d", employers, employees), func(b *testing.B) {
		for b.Loop() {
			res, err := fatima.Firm().Sync(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			if res.Applied != employers {
				b.Fatalf("applied %d", res.Applied)
			}
			// Forget what was applied, so that the next round starts afresh.
			fatima = benchSeat(pb, mem, "Fatima2")
			fst2, _ := fatima.Firm().Status()
			if _, err := karim.Firm().Invite(ctx, fst2.Invitation); err != nil {
				b.Fatal(err)
			}
			if _, err := fatima.Firm().Join(ctx, set, "s", st.Ref); err != nil {
				b.Fatal(err)
			}
			for er := range karim.Firm().saved.Employers {
				if _, err := karim.Firm().Share(ctx, er, []string{fst2.SeatID}); err != nil {
					b.Fatal(err)
				}
			}
			b.StartTimer()
		}
	})
	if _, err := fatima.Firm().Sync(ctx, nil); err != nil {
		b.Fatal(err)
	}
	b.Run("idle", func(b *testing.B) {
		for b.Loop() {
			if res, err := fatima.Firm().Sync(ctx, nil); err != nil || res.Applied != 0 || res.Published != 0 {
				b.Fatal(res, err)
			}
		}
	})
	b.Run("one-change", func(b *testing.B) {
		n := 0
		for b.Loop() {
			b.StopTimer()
			n++
			first.LastName = fmt.Sprintf("NOM%d", n)
			if err := karim.Use(func(s *Session) error { _, err := s.Store.Employees().Update(first); return err }); err != nil {
				b.Fatal(err)
			}
			if res, err := karim.Firm().Sync(ctx, nil); err != nil || res.Published != 1 {
				b.Fatal(res, err)
			}
			b.StartTimer()
			if res, err := fatima.Firm().Sync(ctx, nil); err != nil || res.Applied != 1 {
				b.Fatal(res, err)
			}
		}
	})
}
