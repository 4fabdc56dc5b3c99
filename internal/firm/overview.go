package firm

import (
	"context"
	"errors"
)

// DossierStatus is one line of the portfolio dashboard, as this seat sees
// it: who holds the dossier and since when, how far the store's chain goes
// and how far this seat applied it, and its proposals waiting for a person.
type DossierStatus struct {
	Dossier   DossierID
	Lease     Lease
	Head      uint64 // changes on the store
	Applied   uint64 // changes this seat applied
	Proposals int
	Pending   bool // a write of this seat in flight
}

// Overview lists the dossiers this seat may read with their status (one
// listing, then one lease read per dossier).
func (c *Client) Overview(ctx context.Context) ([]DossierStatus, error) {
	c.op.Lock()
	defer c.op.Unlock()
	dossiers, err := c.listDossiers(ctx)
	if err != nil {
		return nil, err
	}
	var out []DossierStatus
	for _, d := range dossiers {
		if err := c.refreshKeys(ctx, d.id, d.keyrings); err != nil {
			if errors.Is(err, ErrNoAccess) {
				continue
			}
			return nil, err
		}
		l, _, _, err := c.readLease(ctx, d.id)
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		ds := c.state.Dossiers[d.id]
		out = append(out, DossierStatus{
			Dossier: d.id, Lease: l, Head: uint64(len(d.changes)), Applied: ds.Seq,
			Proposals: len(ds.Proposals), Pending: ds.Pending != nil,
		})
		c.mu.Unlock()
	}
	return out, nil
}
