package store

import (
	"encoding/json"
	"errors"
	"time"

	"github.com/tasrih/tasrih/internal/domain"
	"github.com/tasrih/tasrih/internal/i18n"
)

// Deadline extensions announced by the CNSS for a whole period (every
// employer; an employer's own extension is a domain.DeadlineOverride on the
// employer). One record per period, audited:
//
//	dl/<AAAAMM>   DeadlineExtension
const pExtension = "dl/"

func keyExtension(p domain.Period) []byte { return k(pExtension, p.String()) }

const kindDeadlineExtension = "deadline_extension"

// DeadlineExtension moves the deadline of a period for everyone.
type DeadlineExtension struct {
	Period domain.Period `json:"period" validate:"period" ts_type:"string"`
	Date   domain.Date   `json:"date" validate:"date" ts_type:"string"`
	// Reference is the reference of the CNSS communiqué.
	Reference string    `json:"reference" validate:"required,max=200"`
	UpdatedAt time.Time `json:"updated_at" ts_type:"string"` // set by the store
}

// CodeExtensionBefore is the code of an extension that does not move the
// deadline later.
const CodeExtensionBefore = "store.extension_before_deadline"

var (
	msgExtensionBefore = i18n.Text{
		FR: "un report doit être postérieur à la date limite légale (%s)",
		AR: "يجب أن يكون التمديد بعد الأجل القانوني (%s)",
		EN: "an extension must be later than the legal deadline (%s)",
	}
	msgExtensionNotFound = i18n.Text{
		FR: "aucun report enregistré pour cette période",
		AR: "لا يوجد أي تمديد مسجل لهذه الفترة",
		EN: "no extension recorded for this period",
	}
)

func init() {
	if _, ok := fieldLabels["reference"]; !ok {
		fieldLabels["reference"] = i18n.Text{FR: "Référence du communiqué", AR: "مرجع البلاغ", EN: "Communiqué reference"}
	}
}

// DeadlineExtensions is the repository of period-wide deadline extensions.
type DeadlineExtensions struct{ scope }

// DeadlineExtensions returns the repository of the store.
func (s *Store) DeadlineExtensions() DeadlineExtensions { return DeadlineExtensions{scope{s: s}} }

// DeadlineExtensions returns the repository bound to tx.
func (tx *Tx) DeadlineExtensions() DeadlineExtensions {
	return DeadlineExtensions{scope{s: tx.s, tx: tx}}
}

// Set records (or replaces) the extension of e.Period; legal is the legal
// deadline the extension must move later.
func (r DeadlineExtensions) Set(e DeadlineExtension, legal domain.Date) (DeadlineExtension, error) {
	if err := Validate(e); err != nil {
		return DeadlineExtension{}, err
	}
	if !legal.Before(e.Date) {
		return DeadlineExtension{}, i18n.New(CodeExtensionBefore, msgExtensionBefore, legal.Time().Format("02/01/2006")).WithField("date")
	}
	err := r.update(func(tx *Tx) error {
		var before *DeadlineExtension
		var old DeadlineExtension
		if err := tx.get(keyExtension(e.Period), kindDeadlineExtension, &old); err == nil {
			before = &old
		} else if !errors.Is(err, errMissing) {
			return err
		}
		e.UpdatedAt = tx.now
		if err := tx.put(keyExtension(e.Period), e); err != nil {
			return err
		}
		_, err := tx.Audit(ActionDeadlineExtensionSet, kindDeadlineExtension, e.Period.String(), before, e)
		return err
	})
	return e, err
}

// Get returns the extension of period p; ok is false when there is none.
func (r DeadlineExtensions) Get(p domain.Period) (e DeadlineExtension, ok bool, err error) {
	err = r.view(func(tx *Tx) error {
		err := tx.get(keyExtension(p), kindDeadlineExtension, &e)
		if errors.Is(err, errMissing) {
			return nil
		}
		ok = err == nil
		return err
	})
	return e, ok, err
}

// List returns every extension, oldest period first.
func (r DeadlineExtensions) List() ([]DeadlineExtension, error) {
	out := []DeadlineExtension{}
	err := r.view(func(tx *Tx) error {
		return tx.scan([]byte(pExtension), false, func(_, val []byte) error {
			var e DeadlineExtension
			if err := json.Unmarshal(val, &e); err != nil {
				return errCorrupt(kindDeadlineExtension, err)
			}
			out = append(out, e)
			return nil
		})
	})
	return out, err
}

// Delete removes the extension of period p (audited).
func (r DeadlineExtensions) Delete(p domain.Period) error {
	return r.update(func(tx *Tx) error {
		var old DeadlineExtension
		err := tx.get(keyExtension(p), kindDeadlineExtension, &old)
		if errors.Is(err, errMissing) {
			return i18n.Wrap(ErrNotFound, CodeNotFound, msgExtensionNotFound)
		}
		if err != nil {
			return err
		}
		if err := tx.del(keyExtension(p)); err != nil {
			return err
		}
		_, err = tx.Audit(ActionDeadlineExtensionDelete, kindDeadlineExtension, p.String(), old, nil)
		return err
	})
}
