package sandbox

import (
	"encoding/binary"
	"fmt"
	"net/http"
	"sort"
	"strconv"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tasrih/tasrih/internal/cnssfile"
	"github.com/tasrih/tasrih/internal/declaration"
	"github.com/tasrih/tasrih/internal/declaration/decltest"
	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/params"
	"github.com/tasrih/tasrih/internal/platform/api"
)

func (s *Server) handlePreetabli(w http.ResponseWriter, r *http.Request, login string) {
	aff := r.PathValue("aff")
	if e := s.checkMandate(login, aff); e != nil {
		writeError(w, e)
		return
	}
	per, e := s.publishedPeriod(r.PathValue("period"))
	if e != nil {
		writeError(w, e)
		return
	}
	raw, err := s.preetabli(aff, per)
	if err != nil {
		writeError(w, s.internal(err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=us-ascii")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="AFFEBDS_%s_%s.txt"`, aff, per))
	h.Set("Content-Length", strconv.Itoa(len(raw)))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(raw)
}

// publishedPeriod parses a period of the URL and answers not_published for
// a period after the current month or before the parameter table (no
// ceiling or SMIG to check it with).
func (s *Server) publishedPeriod(v string) (domain.Period, *api.Error) {
	per, err := domain.ParsePeriod(v)
	if err != nil || len(v) != 6 {
		return domain.Period{}, badRequest("period: AAAAMM expected")
	}
	cur := domain.DateOf(s.now().UTC()).Period()
	if cur.Before(per) || per.Before(params.Default().First()) {
		return domain.Period{}, api.New(api.CodeNotPublished, "no préétabli published for this period")
	}
	return per, nil
}

// preetabli returns the préétabli published for aff and per, publishing it
// the first time: the seeded file, else the one derived from the previous
// period's accepted declarations, else generated demo data. Once published
// it never changes: deposits are checked against exactly these bytes.
func (s *Server) preetabli(aff string, per domain.Period) ([]byte, error) {
	unlock := s.locks.lock("pre:" + aff + per.String())
	defer unlock()
	var raw []byte
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		raw, _, err = getBytes(txn, kPre(aff, per.String()))
		return err
	})
	if err != nil || raw != nil {
		return raw, err
	}
	raw = s.seed.Preetablis[preKey(aff, per)]
	if raw == nil {
		if raw, err = s.derivePreetabli(aff, per); err != nil {
			return nil, err
		}
	}
	if raw == nil {
		raw, err = s.demoPreetabli(aff, per)
		if err != nil {
			return nil, err
		}
	}
	err = s.update(func(txn *badger.Txn) error { return txn.Set(kPre(aff, per.String()), raw) })
	return raw, err
}

func (s *Server) demoPreetabli(aff string, per domain.Period) ([]byte, error) {
	emp := s.employers[aff]
	var seed [8]byte
	copy(seed[:], hashKey("demo", aff, per.String()))
	x := decltest.Preetabli(aff, per, emp.Employees, binary.LittleEndian.Uint64(seed[:]))
	x.Employer.Name = emp.Name
	return cnssfile.AppendPreetabli(nil, x)
}

// derivePreetabli builds the préétabli of per from the accepted declarations
// of the previous period: its B02 employees except those who left (SO) or
// died (DE), then its entrants that have an immatriculation (DS then DSC in
// sequence order). nil when the previous period has no accepted principal
// declaration.
func (s *Server) derivePreetabli(aff string, per domain.Period) ([]byte, error) {
	prev := per.Prev()
	deps, err := s.listDeposits(aff, &prev)
	if err != nil {
		return nil, err
	}
	var accepted []depositRecord
	hasPrincipal := false
	for _, d := range deps {
		if d.Status == api.StatusAccepted {
			accepted = append(accepted, d)
			hasPrincipal = hasPrincipal || d.Kind == api.KindPrincipal
		}
	}
	if !hasPrincipal {
		return nil, nil
	}
	sort.SliceStable(accepted, func(i, j int) bool { return accepted[i].Sequence < accepted[j].Sequence })
	x := &cnssfile.Preetabli{
		Header: cnssfile.Header{TransferID: transferID(aff, per), Cat: "A0"},
		Totals: cnssfile.PreTotals{Affiliation: aff, Period: per},
	}
	seen := map[string]bool{}
	add := func(in cnssfile.Insured) {
		if in.Immat == "" || in.Immat == "000000000" || in.Immat == "999999999" || seen[in.Immat] {
			return
		}
		seen[in.Immat] = true
		in.Affiliation, in.Period = aff, per
		x.Insured = append(x.Insured, in)
		x.Totals.Count++
		x.Totals.Children += int64(in.Children)
		x.Totals.AFToPay += in.AFToPay
		x.Totals.AFToDeduct += in.AFToDeduct
		x.Totals.AFNet += in.AFNet
		v, _ := strconv.ParseInt(in.Immat, 10, 64)
		x.Totals.ImmatSum += v
	}
	for _, d := range accepted {
		body, err := s.depositBody(d.DepositID)
		if err != nil {
			return nil, err
		}
		parsed, _ := declaration.Validate(body, declaration.Options{})
		if d.Kind == api.KindPrincipal {
			x.Employer = parsed.Decl.Employer
			x.Employer.Period = per
			x.Employer.IssueDate = domain.DateOf(per.Next().First())
			x.Employer.DueDate = params.DueDate(per)
			for _, l := range parsed.Decl.Lines {
				if l.Situation != domain.SitLeft && l.Situation != domain.SitDeceased {
					add(l.Insured)
				}
			}
		}
		for _, e := range parsed.Decl.Entrants {
			add(cnssfile.Insured{Immat: e.Immat, Name: e.Name})
		}
	}
	raw, err := cnssfile.AppendPreetabli(nil, x)
	if err != nil {
		return nil, nil // not encodable: fall back to demo data
	}
	if _, rep := declaration.ReadPreetabli(raw); !rep.Valid() {
		return nil, nil
	}
	return raw, nil
}

// transferID is the N_Identif_Transfert of a sandbox préétabli: affiliation,
// AAMM, "001".
func transferID(aff string, per domain.Period) string {
	return fmt.Sprintf("%s%02d%02d001", aff, per.Year%100, int(per.Month))
}
