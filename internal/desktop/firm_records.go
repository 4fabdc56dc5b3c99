package desktop

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/firm"
	"github.com/tasrih/tasrih/internal/store"
)

// The records of an employer's dossier, as the firm mode carries them: the
// store's own JSON encodings, keyed so that another seat's store can write
// them back with the same ids (store's Replicate): the employer, its
// employees, préétablis, month lines, declarations (with their files),
// submissions (keyed by idempotency key), receipts and manual-deposit
// evidence. Its audit entries travel too (firm_audit.go), but as remote
// entries: each store keeps its own hash chain, and a firm.apply entry
// records every write a replication makes.

// kindRank orders a change's records so that each one's parents come first
// (the employer, then its employees, their month lines, the declarations,
// their submissions).
var kindRank = map[string]int{
	firm.KindEmployer: 0, firm.KindEmployee: 1, firm.KindPreetabli: 2, firm.KindMonthLine: 3,
	firm.KindDeclaration: 4, firm.KindSubmission: 5, firm.KindReceipt: 6, firm.KindManualDeposit: 6,
	firm.KindAudit: 7,
}

func recordID(r firm.Record) string { return r.Kind + "/" + r.Key }

func digest(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:16])
}

// dossierRecords reads every record of employerID's dossier from st.
func dossierRecords(st *store.Store, employerID string) ([]firm.Record, error) {
	var out []firm.Record
	add := func(kind, key string, v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		out = append(out, firm.Record{Kind: kind, Key: key, Value: b})
		return nil
	}
	er, err := st.Employers().Get(employerID)
	if err != nil {
		return nil, err
	}
	if err := add(firm.KindEmployer, er.ID, er); err != nil {
		return nil, err
	}
	ees, err := st.Employees().List(employerID)
	if err != nil {
		return nil, err
	}
	for _, e := range ees {
		if err := add(firm.KindEmployee, e.ID, e); err != nil {
			return nil, err
		}
	}
	pres, err := st.Periods().PreetabliPeriods(employerID)
	if err != nil {
		return nil, err
	}
	for _, p := range pres {
		pre, err := st.Periods().Preetabli(employerID, p)
		if err != nil {
			return nil, err
		}
		if err := add(firm.KindPreetabli, employerID+"/"+p.String(), pre); err != nil {
			return nil, err
		}
	}
	periods, err := st.Periods().LinePeriods(employerID)
	if err != nil {
		return nil, err
	}
	for _, p := range periods {
		lines, err := st.Periods().Lines(employerID, p)
		if err != nil {
			return nil, err
		}
		if err := add(firm.KindMonthLine, employerID+"/"+p.String(), lines); err != nil {
			return nil, err
		}
	}
	decls, err := st.Declarations().ListEmployer(employerID)
	if err != nil {
		return nil, err
	}
	for _, d := range decls {
		full, err := st.Declarations().Get(d.ID)
		if err != nil {
			return nil, err
		}
		if err := add(firm.KindDeclaration, d.ID, full); err != nil {
			return nil, err
		}
	}
	subs, err := st.Submissions().ListEmployer(employerID)
	if err != nil {
		return nil, err
	}
	for _, s := range subs {
		if err := add(firm.KindSubmission, s.IdempotencyKey, s); err != nil {
			return nil, err
		}
	}
	for _, d := range decls {
		rcs, err := st.Receipts().ListByDeclaration(d.ID)
		if err != nil {
			return nil, err
		}
		for _, rc := range rcs {
			full, err := st.Receipts().Get(rc.ID)
			if err != nil {
				return nil, err
			}
			if err := add(firm.KindReceipt, rc.ID, full); err != nil {
				return nil, err
			}
		}
		md, err := st.ManualDeposits().Get(d.ID)
		if store.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := add(firm.KindManualDeposit, d.ID, md); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// sortRecords puts parents before children (a stable sort: two versions of
// one record keep their order, the later one wins).
func sortRecords(recs []firm.Record) []firm.Record {
	out := append([]firm.Record(nil), recs...)
	sort.SliceStable(out, func(i, j int) bool { return kindRank[out[i].Kind] < kindRank[out[j].Kind] })
	return out
}

// applyRecords writes recs, received from another seat, into the store
// through tx, and returns the employer they belong to ("" if none says).
// A record of an unknown kind or that does not decode is refused: the whole
// change is, and the sync says so.
//
// self is this seat; writer, when known, the seat that wrote the change: an
// audit entry must be the writer's own, and this seat's own are skipped
// (they are links of its chain already).
func applyRecords(tx *store.Tx, recs []firm.Record, self, writer firm.SeatID) (string, error) {
	employerID := ""
	for _, r := range sortRecords(recs) {
		if r.Deleted {
			// Only an employee's erasure (law 09-08) travels: the rest
			// of a dossier is not deleted by the seats (an employee
			// leaves with an exit date; declarations stay).
			var tb tombstone
			if r.Kind != firm.KindEmployee || json.Unmarshal(r.Value, &tb) != nil || tb.EmployerID == "" {
				return employerID, badRecord(r, fmt.Errorf("deletion not supported"))
			}
			if err := tx.Employees().Erase(tb.EmployerID, r.Key); err != nil && !store.IsNotFound(err) {
				return employerID, err
			}
			employerID = tb.EmployerID
			continue
		}
		switch r.Kind {
		case firm.KindEmployer:
			var e domain.Employer
			if err := json.Unmarshal(r.Value, &e); err != nil || e.ID != r.Key {
				return employerID, badRecord(r, err)
			}
			if err := tx.Employers().Replicate(e); err != nil {
				return employerID, err
			}
			employerID = e.ID
		case firm.KindEmployee:
			var e domain.Employee
			if err := json.Unmarshal(r.Value, &e); err != nil || e.ID != r.Key {
				return employerID, badRecord(r, err)
			}
			if err := tx.Employees().Replicate(e); err != nil {
				return employerID, err
			}
			employerID = e.EmployerID
		case firm.KindMonthLine:
			var lines []domain.MonthLine
			er, ps, ok := strings.Cut(r.Key, "/")
			p, perr := domain.ParsePeriod(ps)
			if err := json.Unmarshal(r.Value, &lines); err != nil || perr != nil || !ok {
				return employerID, badRecord(r, err)
			}
			if err := tx.Periods().ReplaceLines(er, p, lines); err != nil {
				return employerID, err
			}
			employerID = er
		case firm.KindDeclaration:
			var d store.Declaration
			if err := json.Unmarshal(r.Value, &d); err != nil || d.ID != r.Key {
				return employerID, badRecord(r, err)
			}
			if err := tx.Declarations().Replicate(d); err != nil {
				return employerID, err
			}
			employerID = d.EmployerID
		case firm.KindSubmission:
			var s store.Submission
			if err := json.Unmarshal(r.Value, &s); err != nil || s.IdempotencyKey != r.Key {
				return employerID, badRecord(r, err)
			}
			if err := tx.Submissions().Replicate(s); err != nil {
				return employerID, err
			}
			employerID = s.EmployerID
		case firm.KindPreetabli:
			var p store.Preetabli
			if err := json.Unmarshal(r.Value, &p); err != nil || r.Key != p.EmployerID+"/"+p.Period.String() {
				return employerID, badRecord(r, err)
			}
			if err := tx.Periods().ReplicatePreetabli(p); err != nil {
				return employerID, err
			}
			employerID = p.EmployerID
		case firm.KindReceipt:
			var rc store.Receipt
			if err := json.Unmarshal(r.Value, &rc); err != nil || rc.ID != r.Key {
				return employerID, badRecord(r, err)
			}
			if err := tx.Receipts().Replicate(rc); err != nil {
				return employerID, err
			}
		case firm.KindManualDeposit:
			var md store.ManualDeposit
			if err := json.Unmarshal(r.Value, &md); err != nil || md.DeclarationID != r.Key {
				return employerID, badRecord(r, err)
			}
			if err := tx.ManualDeposits().Replicate(md); err != nil {
				return employerID, err
			}
			employerID = md.EmployerID
		case firm.KindAudit:
			er, err := applyAudit(tx, r, self, writer)
			if err != nil {
				return employerID, err
			}
			if er != "" {
				employerID = er
			}
		default:
			return employerID, badRecord(r, fmt.Errorf("unknown kind"))
		}
	}
	return employerID, nil
}

// tombstone is the value of a deleted record: what the receiving seat
// needs to find it (an employee's key is its id only).
type tombstone struct {
	EmployerID string `json:"employer_id"`
}

func badRecord(r firm.Record, err error) error {
	return fmt.Errorf("firm record %s %s: %v", r.Kind, digest([]byte(r.Key)), err)
}
