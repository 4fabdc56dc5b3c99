package firm

import (
	"errors"
	"fmt"
	"time"

	"github.com/tasrih/tasrih/internal/firm/objstore"
	"github.com/tasrih/tasrih/internal/i18n"
)

// The stable codes of the firm mode's user-facing errors.
const (
	CodeNoConditional = "firm.no_conditional_writes"
	CodeUnavailable   = "firm.unavailable"
	CodeTampered      = "firm.tampered"
	CodeRollback      = "firm.rollback"
	CodeMissing       = "firm.missing_object"
	CodeNoAccess      = "firm.no_access"
	CodeNotMember     = "firm.not_member"
	CodeNotFounder    = "firm.not_founder"
	CodeLeaseHeld     = "firm.lease_held"
	CodeNotHolder     = "firm.not_lease_holder"
	CodeConflict      = "firm.conflict"
	CodeBadSeat       = "firm.bad_seat"
	CodeBadBundle     = "firm.bad_bundle"
	CodeUnknownSeat   = "firm.unknown_seat"
)

// Sentinels for errors.Is on the i18n errors below.
var (
	ErrTampered  = errors.New("firm: object tampered with")
	ErrRollback  = errors.New("firm: object store rolled back")
	ErrMissing   = errors.New("firm: object missing")
	ErrNoAccess  = errors.New("firm: no access to the dossier")
	ErrLeaseHeld = errors.New("firm: lease held by another seat")
	ErrNotHolder = errors.New("firm: this seat does not hold the lease")
)

func errNoConditional(err error) error {
	return i18n.Wrap(err, CodeNoConditional, i18n.Text{
		FR: "ce stockage objet n'honore pas les écritures conditionnelles (If-None-Match, If-Match) : le mode cabinet ne peut pas s'y fier pour les baux et l'ordre des modifications ; choisissez un serveur S3 qui les prend en charge",
		AR: "خادم التخزين هذا لا يحترم الكتابة المشروطة (If-None-Match وIf-Match): لا يمكن لوضع المكتب الاعتماد عليه في الإيجارات وترتيب التعديلات؛ اختر خادم S3 يدعمها",
		EN: "this object store does not honour conditional writes (If-None-Match, If-Match): firm mode cannot rely on it for leases and the order of changes; choose an S3 server that supports them",
	})
}

func errUnavailable(err error) error {
	return i18n.Wrap(err, CodeUnavailable, i18n.Text{
		FR: "le stockage du cabinet est injoignable ; vos modifications restent sur ce poste et seront envoyées à la prochaine synchronisation",
		AR: "تخزين المكتب غير متاح؛ تبقى تعديلاتك على هذا الجهاز وسترسل عند المزامنة القادمة",
		EN: "the firm's store cannot be reached; your changes stay on this computer and will be sent at the next synchronisation",
	})
}

func errTampered(what string) error {
	return i18n.Wrap(fmt.Errorf("%w: %s", ErrTampered, what), CodeTampered, i18n.Text{
		FR: "un objet du stockage du cabinet a été modifié ou déplacé (%s) : il est refusé",
		AR: "تم تعديل أو نقل كائن في تخزين المكتب (%s): تم رفضه",
		EN: "an object of the firm's store was altered or moved (%s): it is refused",
	}, what)
}

func errRollback(what string) error {
	return i18n.Wrap(fmt.Errorf("%w: %s", ErrRollback, what), CodeRollback, i18n.Text{
		FR: "le stockage du cabinet présente un état plus ancien que celui déjà vu par ce poste (%s) : retour en arrière ou rejeu refusé",
		AR: "يعرض تخزين المكتب حالة أقدم مما رآه هذا الجهاز (%s): تم رفض الرجوع أو إعادة التشغيل",
		EN: "the firm's store shows an older state than this seat has already seen (%s): rollback or replay refused",
	}, what)
}

func errMissing(what string) error {
	return i18n.Wrap(fmt.Errorf("%w: %s", ErrMissing, what), CodeMissing, i18n.Text{
		FR: "un objet manque dans le stockage du cabinet (%s) : il a été supprimé",
		AR: "كائن مفقود في تخزين المكتب (%s): تم حذفه",
		EN: "an object is missing from the firm's store (%s): it was deleted",
	}, what)
}

func errNoAccess() error {
	return i18n.Wrap(ErrNoAccess, CodeNoAccess, i18n.Text{
		FR: "ce poste n'a pas accès à ce dossier",
		AR: "هذا المقعد لا يملك صلاحية الوصول إلى هذا الملف",
		EN: "this seat has no access to this dossier",
	})
}

func errNotMember() error {
	return i18n.New(CodeNotMember, i18n.Text{
		FR: "ce poste ne fait pas (ou plus) partie du cabinet",
		AR: "هذا المقعد ليس (أو لم يعد) عضوا في المكتب",
		EN: "this seat is not (or no longer) a member of the firm",
	})
}

func errNotFounder() error {
	return i18n.New(CodeNotFounder, i18n.Text{
		FR: "seul le poste fondateur du cabinet peut inviter ou révoquer un poste",
		AR: "وحده المقعد المؤسس للمكتب يمكنه دعوة مقعد أو إلغاؤه",
		EN: "only the firm's founding seat can invite or revoke a seat",
	})
}

func errUnknownSeat(id SeatID) error {
	return i18n.New(CodeUnknownSeat, i18n.Text{
		FR: "poste inconnu du cabinet : %s",
		AR: "مقعد غير معروف في المكتب: %s",
		EN: "seat unknown to the firm: %s",
	}, string(id))
}

func errBadSeat(err error) error {
	return i18n.Wrap(err, CodeBadSeat, i18n.Text{
		FR: "invitation de poste illisible ou altérée",
		AR: "دعوة المقعد غير مقروءة أو معدلة",
		EN: "seat invitation unreadable or altered",
	})
}

func errBadBundle(err error) error {
	return i18n.Wrap(err, CodeBadBundle, i18n.Text{
		FR: "fichier de dossier illisible, altéré, ou destiné à un autre poste",
		AR: "ملف الملف غير مقروء أو معدل أو موجه لمقعد آخر",
		EN: "dossier bundle unreadable, altered, or meant for another seat",
	})
}

// LeaseError says who holds a dossier's lease: returned (wrapped in an
// i18n error with CodeLeaseHeld) when a seat tries to take a held lease.
type LeaseError struct{ Lease Lease }

func (e *LeaseError) Error() string { return ErrLeaseHeld.Error() }

// Unwrap lets errors.Is(err, ErrLeaseHeld) hold.
func (e *LeaseError) Unwrap() error { return ErrLeaseHeld }

func errLeaseHeld(l Lease) error {
	return i18n.Wrap(&LeaseError{Lease: l}, CodeLeaseHeld, i18n.Text{
		FR: "ce dossier est en cours de modification par %s depuis le %s (jusqu'au %s)",
		AR: "هذا الملف قيد التعديل من طرف %s منذ %s (حتى %s)",
		EN: "this dossier is being edited by %s since %s (until %s)",
	}, l.HolderName, l.Since.Format(time.DateTime), l.Expires.Format(time.DateTime))
}

// Conflict is returned (wrapped in an i18n error with CodeConflict) when a
// seat pushes changes to a dossier it does not hold the lease of, or that
// another seat changed meanwhile: the changes were kept as Proposal, and
// nothing was merged.
type Conflict struct {
	Dossier  DossierID
	Lease    Lease // the lease as the store has it (Holder "" if free)
	Proposal Proposal
}

func (e *Conflict) Error() string { return "firm: conflict on dossier " + string(e.Dossier) }

func errConflict(c *Conflict) error {
	who := c.Lease.HolderName
	if who == "" {
		who = "—"
	}
	return i18n.Wrap(c, CodeConflict, i18n.Text{
		FR: "vos modifications n'ont pas été envoyées : le dossier est tenu par %s ou a changé entre-temps ; elles sont gardées comme proposition sur ce poste, à reprendre ou écarter",
		AR: "لم ترسل تعديلاتك: الملف بيد %s أو تغير في الأثناء؛ احتفظ بها كاقتراح على هذا الجهاز، للاعتماد أو الاستبعاد",
		EN: "your changes were not sent: the dossier is held by %s or changed meanwhile; they are kept as a proposal on this seat, to take up or discard",
	}, who)
}

// wrapStore turns the object store's errors into user-facing ones.
func wrapStore(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, objstore.ErrUnavailable) {
		return errUnavailable(err)
	}
	if errors.Is(err, objstore.ErrNoConditionalWrites) {
		return errNoConditional(err)
	}
	return err
}

func errNotHolderErr() error {
	return i18n.Wrap(ErrNotHolder, CodeNotHolder, i18n.Text{
		FR: "ce poste ne tient pas (ou plus) ce dossier : reprenez-le d'abord",
		AR: "هذا المقعد لا يمسك (أو لم يعد يمسك) هذا الملف: استرجعه أولا",
		EN: "this seat does not (or no longer) hold this dossier: take it first",
	})
}
