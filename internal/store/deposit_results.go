package store

import (
	"errors"

	"github.com/tasrih/tasrih/internal/i18n"
)

// DepositResults keeps the platform's definitive answer of each submission
// (one record per submission).
type DepositResults struct{ scope }

// DepositResults returns the deposit result repository of the store.
func (s *Store) DepositResults() DepositResults { return DepositResults{scope{s: s}} }

// DepositResults returns the deposit result repository bound to tx.
func (tx *Tx) DepositResults() DepositResults { return DepositResults{scope{s: tx.s, tx: tx}} }

var msgResultNotFound = i18n.Text{
	FR: "aucune réponse définitive de la plateforme pour cette soumission",
	AR: "لا يوجد رد نهائي من المنصة على هذا الإرسال",
	EN: "no definitive answer from the platform for this submission",
}

// Put stores (or replaces) the result of an existing submission. The store
// copies the declaration and sets RecordedAt.
func (r DepositResults) Put(res DepositResult) (DepositResult, error) {
	if err := Validate(res); err != nil {
		return DepositResult{}, err
	}
	err := r.update(func(tx *Tx) error {
		sub, err := tx.submission(res.SubmissionID)
		if err != nil {
			return err
		}
		var before *DepositResult
		var old DepositResult
		if err := tx.get(keyDepositResult(sub.ID), kindDepositResult, &old); err == nil {
			before = &old
		} else if !errors.Is(err, errMissing) {
			return err
		}
		res.DeclarationID = sub.DeclarationID
		res.RecordedAt = tx.now
		if err := tx.put(keyDepositResult(sub.ID), res); err != nil {
			return err
		}
		_, err = tx.Audit(ActionDepositResultPut, kindDepositResult, sub.ID, before, res)
		return err
	})
	if err != nil {
		return DepositResult{}, err
	}
	return res, nil
}

// Get returns the result of a submission (store.not_found if none yet).
func (r DepositResults) Get(submissionID string) (DepositResult, error) {
	var out DepositResult
	err := r.view(func(tx *Tx) error {
		if !validID(submissionID) {
			return i18n.Wrap(ErrNotFound, CodeNotFound, msgResultNotFound)
		}
		err := tx.get(keyDepositResult(submissionID), kindDepositResult, &out)
		if errors.Is(err, errMissing) {
			return i18n.Wrap(ErrNotFound, CodeNotFound, msgResultNotFound)
		}
		return err
	})
	return out, err
}
