package desktop

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tasrih/tasrih/internal/firm"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
)

// The audit entries of a dossier travel with it (issue 14). A seat sends
// the entries of its own chain about the dossier's employer, employees,
// month lines, préétablis, declarations, submissions and receipts, as
// records of kind audit keyed "<seat>/<seq>"; the receiving seat keeps them
// as remote entries (store.RemoteAuditEntry), apart from its own chain,
// which they neither enter nor break. What a seat received is never sent
// again (only the entries of its own chain are read, and its firm.apply
// entries, the writes of a replication, are left out). An entry carries
// what the chain link carries — time, person, action, entity, the writer's
// hash and, for an employee, the keyed digest — and never the before/after
// values: an employee's personal values stay in the erasable record of the
// seat that wrote them (law 09-08).

// auditRecord is the value of an audit record.
type auditRecord struct {
	EmployerID string    `json:"employer_id"`
	Seq        uint64    `json:"seq"`
	Time       time.Time `json:"time"`
	Who        string    `json:"who"`
	Action     string    `json:"action"`
	Entity     string    `json:"entity"`
	EntityID   string    `json:"entity_id"`
	Personal   string    `json:"personal,omitempty"`
	Hash       string    `json:"hash"`
	WriterName string    `json:"writer_name"` // the writing seat's name
}

// auditPage is how many chain entries auditChanges reads at a time.
const auditPage = 512

// auditChanges returns the entries of this store's chain about employerID's
// dossier from sequence from on (a sync: those not sent yet; a bundle: 1,
// the whole history). recs are the dossier's records (their ids tell the
// entries that belong to it).
func (f *Firm) auditChanges(st *store.Store, employerID string, d firm.DossierID, recs []firm.Record, from uint64) ([]firm.Record, error) {
	ids := map[string]bool{employerID: true}
	for _, r := range recs {
		switch r.Kind {
		case firm.KindSubmission:
			var s store.Submission
			if json.Unmarshal(r.Value, &s) == nil {
				ids[s.ID] = true
			}
		case firm.KindEmployee, firm.KindDeclaration, firm.KindReceipt:
			ids[r.Key] = true
		}
	}
	// An employee erased here since the last change is gone from recs
	// but still known to the firm's store: its last entries go too.
	for id := range f.sentOf(d) {
		if kind, key, _ := strings.Cut(id, "/"); kind == firm.KindEmployee {
			ids[key] = true
		}
	}
	me := f.id.ID()
	from = max(from, 1)
	var out []firm.Record
	for {
		page, err := st.AuditEntries(from, auditPage)
		if err != nil {
			return nil, err
		}
		for _, e := range page {
			if e.Action == store.ActionFirmApply || !(ids[e.EntityID] || strings.HasPrefix(e.EntityID, employerID+"/")) {
				continue
			}
			b, err := json.Marshal(auditRecord{
				EmployerID: employerID, Seq: e.Seq, Time: e.Time, Who: e.Who, Action: e.Action,
				Entity: e.Entity, EntityID: e.EntityID, Personal: e.Personal, Hash: e.Hash,
				WriterName: f.id.Public().Name,
			})
			if err != nil {
				return nil, err
			}
			out = append(out, firm.Record{Kind: firm.KindAudit, Key: string(me) + "/" + strconv.FormatUint(e.Seq, 10), Value: b})
		}
		if len(page) < auditPage {
			return out, nil
		}
		from = page[len(page)-1].Seq + 1
	}
}

// markAuditSent moves d's audit position past r.
func (f *Firm) markAuditSent(d firm.DossierID, r firm.Record) {
	var a auditRecord
	if json.Unmarshal(r.Value, &a) != nil {
		return
	}
	if f.saved.AuditNext == nil {
		f.saved.AuditNext = map[firm.DossierID]uint64{}
	}
	if a.Seq+1 > f.saved.AuditNext[d] {
		f.saved.AuditNext[d] = a.Seq + 1
	}
}

// applyAudit keeps an audit record of another seat as a remote entry and
// returns its employer ("" for one of this seat's own, skipped).
func applyAudit(tx *store.Tx, r firm.Record, self, writer firm.SeatID) (string, error) {
	w, seq, ok := strings.Cut(r.Key, "/")
	var a auditRecord
	if err := json.Unmarshal(r.Value, &a); err != nil || !ok || strconv.FormatUint(a.Seq, 10) != seq {
		return "", badRecord(r, err)
	}
	if writer != "" && firm.SeatID(w) != writer {
		return "", badRecord(r, fmt.Errorf("entry of another seat"))
	}
	if firm.SeatID(w) == self {
		return "", nil
	}
	err := tx.PutRemoteAudit(store.RemoteAuditEntry{
		EmployerID: a.EmployerID, Writer: w, WriterName: a.WriterName, Seq: a.Seq, Time: a.Time, Who: a.Who, Action: a.Action,
		Entity: a.Entity, EntityID: a.EntityID, Personal: a.Personal, Hash: a.Hash,
	})
	if err != nil {
		return "", err
	}
	return a.EmployerID, nil
}

// Journal returns the audit entries other seats wrote about employerID's
// dossier, oldest first, each with its writer (this seat's own entries are
// in its audit journal).
func (f *Firm) Journal(employerID string) ([]FirmJournalRow, error) {
	var entries []store.RemoteAuditEntry
	err := f.use(func(s *Session) error {
		if _, err := f.dossierOf(employerID); err != nil {
			return err
		}
		var err error
		entries, err = s.Store.RemoteAudit(employerID)
		return err
	})
	out := make([]FirmJournalRow, 0, len(entries))
	for _, e := range entries {
		al, _ := store.AuditActionLabel(e.Action)
		el, _ := store.AuditEntityLabel(e.Entity)
		out = append(out, FirmJournalRow{EmployerID: e.EmployerID, Personal: e.Personal, Writer: e.Writer, WriterName: e.WriterName, Seq: e.Seq, Time: e.Time,
			Who: e.Who, Action: e.Action, ActionLabel: al, Entity: e.Entity, EntityLabel: el, EntityID: e.EntityID, Hash: e.Hash})
	}
	return out, err
}

// FirmJournalRow is one line of a dossier's journal by the other seats: a
// received audit entry with the labels of its action and object in the
// three languages (the same table as this seat's own journal, AuditRow).
type FirmJournalRow struct {
	EmployerID  string    `json:"employer_id"`
	Writer      string    `json:"writer"`      // the writing seat's id
	WriterName  string    `json:"writer_name"` // and its name
	Seq         uint64    `json:"seq"`         // its sequence in the writer's chain
	Time        time.Time `json:"time" ts_type:"string"`
	Who         string    `json:"who"`
	Action      string    `json:"action"`
	ActionLabel i18n.Text `json:"action_label"` // empty when the code is unknown here
	Entity      string    `json:"entity"`
	EntityLabel i18n.Text `json:"entity_label"`
	EntityID    string    `json:"entity_id"`
	Personal    string    `json:"personal,omitempty"` // keyed digest of an employee entry's personal fields
	Hash        string    `json:"hash"`               // the entry's hash in the writer's chain
}
