package store

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

func TestConcurrentUse(t *testing.T) {
	s := openTest(t)
	const employers, writers, perWriter = 3, 6, 15
	var ers []domain.Employer
	for i := 0; i < employers; i++ {
		ers = append(ers, must[domain.Employer](t)(s.Employers().Create(sampleEmployer(i))))
	}
	var wg, readers sync.WaitGroup
	errs := make(chan error, 1000)
	// Writers: create employees, then update each once.
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < perWriter; i++ {
				n := w*1000 + i
				er := ers[n%employers]
				e, err := s.Employees().Create(sampleEmployee(er.ID, n))
				if err != nil {
					errs <- err
					return
				}
				e.JobTitle = fmt.Sprintf("poste %d", i)
				if _, err := s.Employees().Update(e); err != nil {
					errs <- err
					return
				}
			}
		}(w)
	}
	// Readers: listings, status, audit verification, all the while.
	stop := make(chan struct{})
	var reads atomic.Int64
	for r := 0; r < 3; r++ {
		readers.Add(1)
		go func(r int) {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				var err error
				switch r {
				case 0:
					_, err = s.ListEmployerStatus(p202601)
				case 1:
					_, err = s.Employees().List(ers[0].ID)
				case 2:
					var broken int
					_, broken, err = s.VerifyAudit()
					if err == nil && broken != -1 {
						err = fmt.Errorf("audit broken at %d during concurrent writes", broken)
					}
				}
				if err != nil {
					errs <- err
					return
				}
				reads.Add(1)
			}
		}(r)
	}
	// Racing creations of the same CIN: exactly one wins.
	var wins atomic.Int64
	var race sync.WaitGroup
	for i := 0; i < 8; i++ {
		race.Add(1)
		go func(i int) {
			defer race.Done()
			e := sampleEmployee(ers[0].ID, 900000+i)
			e.CIN = "ZZ123456"
			_, err := s.Employees().Create(e)
			switch {
			case err == nil:
				wins.Add(1)
			case i18n.Code(err) != CodeCINUsed:
				errs <- err
			}
		}(i)
	}
	race.Wait()
	// Let the writers finish, then stop the readers.
	wg.Wait()
	close(stop)
	readers.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if wins.Load() != 1 {
		t.Fatalf("%d creations with the same CIN succeeded", wins.Load())
	}
	total := 0
	for _, er := range ers {
		n := must[int](t)(s.Employees().Count(er.ID))
		if l := len(must[[]domain.Employee](t)(s.Employees().List(er.ID))); l != n {
			t.Fatalf("counter %d, list %d", n, l)
		}
		total += n
	}
	if total != writers*perWriter+1 {
		t.Fatalf("%d employees, want %d", total, writers*perWriter+1)
	}
	n, broken, err := s.VerifyAudit()
	// store.create + employers + creations + updates + the CIN winner.
	if err != nil || broken != -1 || n != 1+employers+2*writers*perWriter+1 {
		t.Fatalf("audit: %d entries, broken %d, %v", n, broken, err)
	}
	if reads.Load() == 0 {
		t.Fatal("readers never ran")
	}
}
