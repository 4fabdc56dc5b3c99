package firm

import (
	"encoding/json"
)

// State is what a seat remembers between syncs: the highest roster version,
// per dossier the chain position and hash it has applied, the dossier keys
// it unwrapped, the highest lease generation it saw, a write in flight and
// the proposals. It holds keys: persist it in the seat's vault only
// (Marshal / UnmarshalState), never in a plain file.
type State struct {
	Firm          string                      `json:"firm"`
	RosterVersion uint64                      `json:"roster_version"`
	Roster        *Roster                     `json:"roster,omitempty"`
	Dossiers      map[DossierID]*DossierState `json:"dossiers"`
}

// DossierState is a seat's memory of one dossier.
type DossierState struct {
	Seq  uint64 `json:"seq"`  // highest chain position applied
	Hash []byte `json:"hash"` // SHA-256 of the object at Seq
	// Epochs are the dossier keys this seat unwrapped, by epoch.
	Epochs map[uint32]EpochKey `json:"epochs"`
	// KeyringEpoch is the highest keyring read; Seats are the seats
	// allowed by it.
	KeyringEpoch uint32   `json:"keyring_epoch"`
	Seats        []SeatID `json:"seats"`
	LeaseGen     uint64   `json:"lease_gen"` // highest lease generation seen
	// Pending is a change sealed and sent, whose arrival is not confirmed
	// (the store went away mid-write): sent again, byte for byte, first.
	Pending   *Pending   `json:"pending,omitempty"`
	Proposals []Proposal `json:"proposals,omitempty"`
}

// EpochKey is a dossier key and the first chain position written with it.
type EpochKey struct {
	Key     []byte `json:"key"`
	FromSeq uint64 `json:"from_seq"`
	// Seats are the seats allowed to write with this key.
	Seats []SeatID `json:"seats"`
}

// Pending is a sealed change in flight.
type Pending struct {
	Seq     uint64   `json:"seq"`
	Data    []byte   `json:"data"`
	Records []Record `json:"records"`
}

// Marshal encodes the state (keys included: for the vault only).
func (s *State) Marshal() ([]byte, error) { return json.Marshal(s) }

// UnmarshalState decodes what Marshal wrote.
func UnmarshalState(b []byte) (*State, error) {
	var s State
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, err
	}
	if s.Dossiers == nil {
		s.Dossiers = map[DossierID]*DossierState{}
	}
	return &s, nil
}

// epochFor is the epoch a change at seq must be written with: the highest
// known epoch whose FromSeq is at or before seq.
func (d *DossierState) epochFor(seq uint64) (uint32, bool) {
	var best uint32
	found := false
	for e, k := range d.Epochs {
		if k.FromSeq <= seq && (!found || e > best) {
			best, found = e, true
		}
	}
	return best, found
}

func (d *DossierState) allows(id SeatID) bool {
	for _, s := range d.Seats {
		if s == id {
			return true
		}
	}
	return false
}
