package firm

import (
	"encoding/json"
	"errors"
	"time"
)

// A bundle carries one dossier from a seat to another without an object
// store (a shared folder, a USB key): the snapshot, encrypted (age) for the
// receiving seat only and signed by the sending one.

type bundleBody struct {
	Kind    string    `json:"kind"`
	From    SeatID    `json:"from"`
	To      SeatID    `json:"to"`
	At      time.Time `json:"at"`
	Dossier Dossier   `json:"dossier"`
}

// bundleKey binds the signature to the pair of seats (there is no object
// key for a file).
func bundleKey(from, to SeatID) string { return "bundle:" + string(from) + ">" + string(to) }

// ExportBundle seals d for the seat to, signed by from.
func ExportBundle(from *Identity, to SeatPublic, d Dossier) ([]byte, error) {
	if err := to.valid(); err != nil {
		return nil, errBadSeat(err)
	}
	if !d.ID.valid() {
		return nil, errBadBundle(errors.New("bad dossier id"))
	}
	body, err := signedBody(from, labelBundle, bundleKey(from.ID(), to.ID), bundleBody{
		Kind: "dossier", From: from.ID(), To: to.ID, At: time.Now().UTC(), Dossier: d,
	})
	if err != nil {
		return nil, err
	}
	return sealAge([]SeatPublic{to}, body)
}

// ImportBundle opens a bundle addressed to me and sent by from (whose
// public keys the receiving seat knows: the roster, or the invitation it
// was handed). lastSeq is the highest Seq this seat already imported for
// the dossier: an older bundle is refused (a replayed file).
func ImportBundle(data []byte, me *Identity, from SeatPublic, lastSeq uint64) (Dossier, error) {
	body, err := openAge(me, data)
	if err != nil {
		return Dossier{}, errBadBundle(err)
	}
	js, sig, err := splitBody(body)
	if err != nil {
		return Dossier{}, errBadBundle(err)
	}
	if !verifyBody(from, labelBundle, bundleKey(from.ID, me.ID()), js, sig) {
		return Dossier{}, errBadBundle(errors.New("signature"))
	}
	var b bundleBody
	if err := json.Unmarshal(js, &b); err != nil || b.Kind != "dossier" || b.From != from.ID || b.To != me.ID() || !b.Dossier.ID.valid() {
		return Dossier{}, errBadBundle(errors.New("bad content"))
	}
	if b.Dossier.Seq < lastSeq {
		return Dossier{}, errRollback("bundle older than the one imported")
	}
	return b.Dossier, nil
}
