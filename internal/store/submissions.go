package store

import (
	"errors"
	"sort"

	"github.com/tasrih/tasrih/internal/i18n"
	"github.com/tasrih/tasrih/internal/lifecycle"
)

// Submissions is the outbox: one record per deposit attempt of a frozen
// declaration, under one idempotency key.
type Submissions struct{ scope }

// Submissions returns the submission repository of the store.
func (s *Store) Submissions() Submissions { return Submissions{scope{s: s}} }

// Submissions returns the submission repository bound to tx.
func (tx *Tx) Submissions() Submissions { return Submissions{scope{s: tx.s, tx: tx}} }

var msgNotFrozen = i18n.Text{
	FR: "une déclaration doit être figée (mise en file d'attente) avant d'être soumise",
	AR: "يجب تجميد التصريح (وضعه في قائمة الانتظار) قبل إرساله",
	EN: "a declaration must be frozen (queued) before it is submitted",
}

// Enqueue freezes a declaration (status queued; it must be draft or ready
// without blocking finding) and creates its submission (state queued, a new
// idempotency key, the employer's platform profile) in one transaction.
func (r Submissions) Enqueue(declarationID string) (Submission, error) {
	var out Submission
	err := r.update(func(tx *Tx) error {
		d, err := tx.declaration(declarationID, false)
		if err != nil {
			return err
		}
		if d.Status.Frozen() {
			return i18n.Wrap(ErrFrozen, CodeFrozen, msgFrozen, string(d.Status))
		}
		if err := lifecycle.CheckUsable(d.Status); err != nil {
			return err
		}
		d.Status = StatusQueued
		if _, err := tx.Declarations().Update(d); err != nil {
			return err
		}
		out, err = tx.Submissions().Create(Submission{DeclarationID: d.ID})
		return err
	})
	return out, err
}

// Create stores a submission of a frozen declaration. The store assigns ID
// and timestamps, copies the employer and the file digest, and defaults the
// idempotency key (a new UUID), the state (queued) and the profile (the
// employer's). The idempotency key must be unique.
func (r Submissions) Create(sub Submission) (Submission, error) {
	sub.ID = ""
	if sub.IdempotencyKey == "" {
		sub.IdempotencyKey = mustUUIDv4()
	}
	if sub.State == "" {
		sub.State = SubQueued
	}
	err := r.update(func(tx *Tx) error {
		d, err := tx.declaration(sub.DeclarationID, false)
		if err != nil {
			return err
		}
		if !d.Status.Frozen() {
			return i18n.New(CodeNotReady, msgNotFrozen)
		}
		if sub.Profile == "" {
			er, err := tx.employer(d.EmployerID)
			if err != nil {
				return err
			}
			sub.Profile = er.PlatformProfile
		}
		if err := Validate(sub); err != nil {
			return err
		}
		if ok, err := tx.exists(keyIdem(sub.IdempotencyKey)); err != nil {
			return err
		} else if ok {
			return i18n.Wrap(ErrDuplicate, CodeIdemUsed, msgIdemUsed).WithField("idempotency_key")
		}
		sub.ID = newID()
		sub.EmployerID, sub.SHA256 = d.EmployerID, d.SHA256
		sub.CreatedAt, sub.UpdatedAt = tx.now, tx.now
		if err := tx.put(keySub(sub.ID), sub); err != nil {
			return err
		}
		if err := tx.putRaw(keySubIdx(sub.DeclarationID, sub.ID), nil); err != nil {
			return err
		}
		if err := tx.putRaw(keyIdem(sub.IdempotencyKey), []byte(sub.ID)); err != nil {
			return err
		}
		_, err = tx.Audit(ActionSubmissionCreate, kindSubmission, sub.ID, nil, sub)
		return err
	})
	if err != nil {
		return Submission{}, err
	}
	return sub, nil
}

// Update records a new state of a submission (attempts, error, deposit id…).
// Declaration, employer, idempotency key, digest and creation time never
// change. The declaration follows: received/processing → submitted,
// accepted → accepted, rejected → rejected (in the same transaction).
func (r Submissions) Update(sub Submission) (Submission, error) {
	err := r.update(func(tx *Tx) error {
		old, err := tx.submission(sub.ID)
		if err != nil {
			return err
		}
		sub.DeclarationID, sub.EmployerID, sub.IdempotencyKey = old.DeclarationID, old.EmployerID, old.IdempotencyKey
		sub.SHA256, sub.CreatedAt = old.SHA256, old.CreatedAt
		if sub.Profile == "" {
			sub.Profile = old.Profile
		}
		if err := Validate(sub); err != nil {
			return err
		}
		if err := lifecycle.CheckSub(old.State, sub.State); err != nil {
			return err
		}
		sub.UpdatedAt = tx.now
		if err := tx.put(keySub(sub.ID), sub); err != nil {
			return err
		}
		if _, err := tx.Audit(ActionSubmissionUpdate, kindSubmission, sub.ID, old, sub); err != nil {
			return err
		}
		st, ok := lifecycle.DeclStatusOf(sub.State)
		if !ok {
			return nil
		}
		d, err := tx.declaration(sub.DeclarationID, false)
		if err != nil || d.Status == st {
			return err
		}
		d.Status = st
		_, err = tx.Declarations().Update(d)
		return err
	})
	if err != nil {
		return Submission{}, err
	}
	return sub, nil
}

// Get returns a submission.
func (r Submissions) Get(id string) (Submission, error) {
	var out Submission
	err := r.view(func(tx *Tx) error {
		var err error
		out, err = tx.submission(id)
		return err
	})
	return out, err
}

// ListByDeclaration returns the submissions of a declaration, oldest first.
func (r Submissions) ListByDeclaration(declarationID string) ([]Submission, error) {
	var out []Submission
	err := r.view(func(tx *Tx) error {
		if !validID(declarationID) {
			return notFound(kindDeclaration)
		}
		pre := prefix(pSubIdx, declarationID)
		var ids []string
		if err := tx.scan(pre, true, func(key, _ []byte) error {
			ids = append(ids, string(key[len(pre):]))
			return nil
		}); err != nil {
			return err
		}
		for _, id := range ids {
			s, err := tx.submission(id)
			if err != nil {
				return err
			}
			out = append(out, s)
		}
		return nil
	})
	sortSubs(out)
	return out, err
}

// ListPending returns every submission the outbox worker still has to carry
// (state not terminal), oldest first.
func (r Submissions) ListPending() ([]Submission, error) {
	var out []Submission
	err := r.view(func(tx *Tx) error {
		return tx.scan([]byte(pSub), false, func(_, val []byte) error {
			var s Submission
			if err := jsonDecode(val, &s, kindSubmission); err != nil {
				return err
			}
			if !s.State.Terminal() {
				out = append(out, s)
			}
			return nil
		})
	})
	sortSubs(out)
	return out, err
}

func sortSubs(s []Submission) {
	sort.SliceStable(s, func(i, j int) bool {
		if !s[i].CreatedAt.Equal(s[j].CreatedAt) {
			return s[i].CreatedAt.Before(s[j].CreatedAt)
		}
		return s[i].ID < s[j].ID
	})
}

func (tx *Tx) submission(id string) (Submission, error) {
	var s Submission
	if !validID(id) {
		return s, notFound(kindSubmission)
	}
	err := tx.get(keySub(id), kindSubmission, &s)
	if errors.Is(err, errMissing) {
		return s, notFound(kindSubmission)
	}
	return s, err
}

// Receipts is the repository of PDF receipts. The PDF is stored apart from
// the metadata: Get returns it, ListByDeclaration does not.
type Receipts struct{ scope }

// Receipts returns the receipt repository of the store.
func (s *Store) Receipts() Receipts { return Receipts{scope{s: s}} }

// Receipts returns the receipt repository bound to tx.
func (tx *Tx) Receipts() Receipts { return Receipts{scope{s: tx.s, tx: tx}} }

const pReceiptPDF = "rp/"

func keyReceiptPDF(id string) []byte { return k(pReceiptPDF, id) }

// Create stores a receipt of an existing declaration (and submission, if set).
func (r Receipts) Create(rc Receipt) (Receipt, error) {
	rc.ID = ""
	if err := Validate(rc); err != nil {
		return Receipt{}, err
	}
	err := r.update(func(tx *Tx) error {
		if _, err := tx.declaration(rc.DeclarationID, false); err != nil {
			return err
		}
		if rc.SubmissionID != "" {
			if _, err := tx.submission(rc.SubmissionID); err != nil {
				return err
			}
		}
		rc.ID = newID()
		rc.CreatedAt = tx.now
		meta := rc
		meta.PDF = nil
		if err := tx.put(keyReceipt(rc.ID), meta); err != nil {
			return err
		}
		if err := tx.putRaw(keyReceiptPDF(rc.ID), rc.PDF); err != nil {
			return err
		}
		if err := tx.putRaw(keyReceiptIdx(rc.DeclarationID, rc.ID), nil); err != nil {
			return err
		}
		_, err := tx.Audit(ActionReceiptCreate, kindReceipt, rc.ID, nil, meta)
		return err
	})
	if err != nil {
		return Receipt{}, err
	}
	return rc, nil
}

// Get returns a receipt with its PDF.
func (r Receipts) Get(id string) (Receipt, error) {
	var out Receipt
	err := r.view(func(tx *Tx) error {
		if !validID(id) {
			return notFound(kindReceipt)
		}
		err := tx.get(keyReceipt(id), kindReceipt, &out)
		if errors.Is(err, errMissing) {
			return notFound(kindReceipt)
		}
		if err != nil {
			return err
		}
		out.PDF, err = tx.getRaw(keyReceiptPDF(id))
		if errors.Is(err, errMissing) {
			return errCorrupt(kindReceipt, errors.New("pdf missing"))
		}
		return err
	})
	return out, err
}

// ListByDeclaration returns the receipts of a declaration (without the PDF), oldest first.
func (r Receipts) ListByDeclaration(declarationID string) ([]Receipt, error) {
	var out []Receipt
	err := r.view(func(tx *Tx) error {
		if !validID(declarationID) {
			return notFound(kindDeclaration)
		}
		pre := prefix(pReceiptIdx, declarationID)
		var ids []string
		if err := tx.scan(pre, true, func(key, _ []byte) error {
			ids = append(ids, string(key[len(pre):]))
			return nil
		}); err != nil {
			return err
		}
		for _, id := range ids {
			var rc Receipt
			if err := tx.get(keyReceipt(id), kindReceipt, &rc); err != nil {
				if errors.Is(err, errMissing) {
					return errCorrupt(kindReceipt, err)
				}
				return err
			}
			out = append(out, rc)
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].CreatedAt.Before(out[j].CreatedAt) })
	return out, err
}
