package firm

import (
	"context"
	"testing"
	"time"

	"github.com/tasrih/tasrih/internal/firm/objstore"
)

// Whatever text is pasted as an invitation, a firm reference or a seat
// secret, parsing answers an error or a valid value, never a panic, and an
// accepted invitation's id matches its keys.
func FuzzParseInvitation(f *testing.F) {
	id, _ := NewIdentity("Fatima")
	f.Add(id.Public().Invitation())
	f.Add(Ref{Firm: "0123456789abcdef01234567", Founder: id.Public()}.String())
	f.Add(id.Marshal())
	f.Add("tasrih-seat1:e30")
	f.Fuzz(func(t *testing.T, s string) {
		if p, err := ParseInvitation(s); err == nil && p.valid() != nil {
			t.Fatalf("accepted an invalid seat: %+v", p)
		}
		if r, err := ParseRef(s); err == nil && (!validFirmID(r.Firm) || r.Founder.valid() != nil) {
			t.Fatalf("accepted an invalid reference: %+v", r)
		}
		_, _ = ParseIdentity(s)
	})
}

// Whatever bytes the store returns for a change, opening it fails cleanly
// unless they are the genuine object.
func FuzzOpenChange(f *testing.F) {
	ctx := context.Background()
	st := objstore.NewMem()
	id, _ := NewIdentity("Amine")
	c, err := Create(ctx, st, id)
	if err != nil {
		f.Fatal(err)
	}
	d, err := c.CreateDossier(ctx, nil)
	if err != nil {
		f.Fatal(err)
	}
	if _, err := c.Push(ctx, d, []Record{{Kind: KindEmployee, Key: "e", Value: []byte("v")}}); err != nil {
		f.Fatal(err)
	}
	genuine, _, err := st.Get(ctx, c.changeKey(d, 1))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(genuine)
	f.Add([]byte("TFS1\x00\x00\x00\x01"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		ch, err := c.openChange(ctx, d, 1, data, []byte{})
		if err == nil && string(data) != string(genuine) {
			t.Fatalf("opened a change that is not the genuine one: %+v", ch)
		}
	})
}
