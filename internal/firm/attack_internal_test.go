package firm

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/firm/objstore"
)

// A revoked seat still holds the old keys and its signing key. It forges
// a keyring for a new epoch of its own (it does not know the key made at
// its revocation) and writes a change with it: the other seats refuse it.
func TestRevokedSeatCannotForgeAKeyring(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st := objstore.NewMem()
	ids := map[string]*Identity{}
	for _, n := range []string{"Amine", "Fatima", "Karim"} {
		id, err := NewIdentity(n)
		if err != nil {
			t.Fatal(err)
		}
		ids[n] = id
	}
	a, err := Create(ctx, st, ids["Amine"])
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"Fatima", "Karim"} {
		if err := a.Invite(ctx, ids[n].Public()); err != nil {
			t.Fatal(err)
		}
	}
	f, err := Join(ctx, st, ids["Fatima"], a.Ref(), nil)
	if err != nil {
		t.Fatal(err)
	}
	k, err := Join(ctx, st, ids["Karim"], a.Ref(), nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err := a.CreateDossier(ctx, []SeatID{f.Seat(), k.Seat()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Push(ctx, d, []Record{{Kind: KindEmployee, Key: "e1", Value: []byte("v1")}}); err != nil {
		t.Fatal(err)
	}
	nop := SinkFunc(func(Change) error { return nil })
	for _, c := range []*Client{f, k} {
		if err := c.Pull(ctx, d, nop); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Revoke(ctx, k.Seat()); err != nil {
		t.Fatal(err)
	}
	// Karim's forgery: epoch 3 (after the revocation's 2), his own key,
	// the keys he knows, for himself and Fatima; then a change with it.
	ks := k.state.Dossiers[d]
	keys := map[uint32]EpochKey{}
	for e, key := range ks.Epochs {
		keys[e] = key
	}
	forged, _ := newKey()
	seats := []SeatID{a.Seat(), f.Seat(), k.Seat()}
	keys[3] = EpochKey{Key: forged, FromSeq: 3, Seats: seats}
	if err := k.writeKeyring(ctx, &keyring{Dossier: d, Epoch: 3, Seats: seats, Keys: keys}); err != nil {
		t.Fatalf("the forger could not even write: %v", err)
	}
	// The marker at 2 is readable as bytes: the chain hash is easy.
	marker, _, err := st.Get(ctx, k.changeKey(d, 2))
	if err != nil {
		t.Fatal(err)
	}
	data, err := k.sealChange(d, 3, 3, hashOf(marker), []Record{{Kind: KindEmployee, Key: "e1", Value: []byte("forged")}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Put(ctx, k.changeKey(d, 3), data, objstore.Cond{IfAbsent: true}); err != nil {
		t.Fatal(err)
	}
	var got []Record
	err = f.Pull(ctx, d, SinkFunc(func(ch Change) error { got = append(got, ch.Records...); return nil }))
	if !errors.Is(err, ErrTampered) {
		t.Fatalf("Fatima accepted the forged keyring: err %v, records %v", err, got)
	}
	for _, r := range got {
		if string(r.Value) == "forged" {
			t.Fatal("the forged change was applied")
		}
	}
}
