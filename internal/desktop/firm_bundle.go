package desktop

import (
	"crypto/rand"
	"encoding/hex"
	"strings"

	"github.com/tasrih/tasrih/internal/firm"
	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/store"
)

// Bundles carry one dossier to one seat without an object store (a shared
// folder, a USB key): sealed for the receiving seat, signed by the sender
// (firm.ExportBundle). A seat names the other by its invitation line, or by
// its seat id when both are in the same firm.

// seatNamed returns the public keys of the seat who: an invitation line, or
// the id of a seat of the firm's roster.
func (f *Firm) seatNamed(who string) (firm.SeatPublic, error) {
	who = strings.TrimSpace(who)
	if strings.HasPrefix(who, "tasrih-seat1:") {
		return firm.ParseInvitation(who)
	}
	var roster firm.Roster
	if f.client != nil {
		roster = f.client.Roster()
	} else if s, err := firm.UnmarshalState(f.saved.State); err == nil && s.Roster != nil {
		roster = *s.Roster
	}
	for _, s := range roster.Seats {
		if string(s.ID) == who {
			return s.SeatPublic, nil
		}
	}
	_, err := firm.ParseInvitation(who) // not an invitation: its message
	return firm.SeatPublic{}, err
}

// ExportBundle seals employerID's dossier (every record) for the seat to.
func (f *Firm) ExportBundle(employerID, to string) ([]byte, error) {
	var out []byte
	err := f.use(func(s *Session) error {
		if f.id == nil {
			return i18n.New(CodeFirmNotSetUp, msgFirmNotSetUp)
		}
		pub, err := f.seatNamed(to)
		if err != nil {
			return err
		}
		recs, err := dossierRecords(s.Store, employerID)
		if err != nil {
			return err
		}
		d, ok := f.saved.Employers[employerID]
		if !ok {
			var b [16]byte
			if _, err := rand.Read(b[:]); err != nil {
				return err
			}
			d = firm.DossierID(hex.EncodeToString(b[:]))
			f.mapDossier(employerID, d)
		}
		// The seat's own audit entries about the dossier travel with it,
		// the whole history each time (the receiver keeps each once).
		ar, err := f.auditChanges(s.Store, employerID, d, recs, 1)
		if err != nil {
			return err
		}
		recs = append(recs, ar...)
		if f.saved.Bundles == nil {
			f.saved.Bundles = map[firm.DossierID]uint64{}
		}
		f.saved.Bundles[d]++
		if out, err = firm.ExportBundle(f.id, pub, firm.Dossier{ID: d, Seq: f.saved.Bundles[d], Records: recs}); err != nil {
			return err
		}
		return f.save(s)
	})
	return out, err
}

// ImportBundle opens a bundle sent to this seat by from (an invitation line
// or a seat id of the firm) and writes its records here; a bundle older
// than one already imported for the dossier is refused (firm.rollback). It
// returns the employer's id.
func (f *Firm) ImportBundle(data []byte, from string) (string, error) {
	var employerID string
	err := f.use(func(s *Session) error {
		if f.id == nil {
			return i18n.New(CodeFirmNotSetUp, msgFirmNotSetUp)
		}
		pub, err := f.seatNamed(from)
		if err != nil {
			return err
		}
		dos, err := firm.ImportBundle(data, f.id, pub, 0)
		if err != nil {
			return err
		}
		if last := f.saved.Bundles[dos.ID]; dos.Seq <= last {
			// Opened again with the last position: the firm package's
			// replay refusal and message.
			if _, err := firm.ImportBundle(data, f.id, pub, last+1); err != nil {
				return err
			}
		}
		return s.Store.Update(func(tx *store.Tx) error {
			// Audit entries must be the sender's own (its signature is on
			// the bundle): another seat's would be refused.
			er, err := applyRecords(tx, dos.Records, f.id.ID(), pub.ID)
			if err != nil {
				return err
			}
			employerID = er
			if f.saved.Bundles == nil {
				f.saved.Bundles = map[firm.DossierID]uint64{}
			}
			f.saved.Bundles[dos.ID] = dos.Seq
			if er != "" {
				f.mapDossier(er, dos.ID)
			}
			return f.persist(tx)
		})
	})
	return employerID, err
}
