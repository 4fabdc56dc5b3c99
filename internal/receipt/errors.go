package receipt

import "github.com/tasrih/tasrih/internal/i18n"

// Error codes of this package (i18n.Code of the errors it returns).
const (
	CodeInvalid      = "receipt.invalid"       // the input lacks something a document must show
	CodeRender       = "receipt.render"        // the PDF library failed
	CodeZIPName      = "receipt.zip_name"      // an entry name is not a safe relative path
	CodeZIPDuplicate = "receipt.zip_duplicate" // two entries have the same name
	CodeZIPItem      = "receipt.zip_item"      // producing one document of the archive failed
	CodeZIPWrite     = "receipt.zip_write"     // writing the archive failed
	CodeCancelled    = "receipt.cancelled"     // the export was cancelled
)

var (
	msgInvalid = i18n.Text{
		FR: "document impossible à produire : %s",
		AR: "تعذر إنشاء الوثيقة: %s",
		EN: "the document cannot be produced: %s",
	}
	msgRender = i18n.Text{
		FR: "le PDF n'a pas pu être produit : %v",
		AR: "تعذر إنشاء ملف PDF: %v",
		EN: "the PDF could not be produced: %v",
	}
	msgZIPName = i18n.Text{
		FR: "nom d'entrée d'archive invalide « %s » : un chemin relatif sans « .. » est attendu",
		AR: "اسم عنصر الأرشيف « %s » غير صالح: المنتظر مسار نسبي بدون « .. »",
		EN: "invalid archive entry name %q: a relative path without \"..\" is expected",
	}
	msgZIPDuplicate = i18n.Text{
		FR: "l'archive contiendrait deux fois « %s »",
		AR: "سيحتوي الأرشيف على « %s » مرتين",
		EN: "the archive would contain %q twice",
	}
	msgZIPItem = i18n.Text{
		FR: "« %s » : %v",
		AR: "« %s »: %v",
		EN: "%q: %v",
	}
	msgZIPWrite = i18n.Text{
		FR: "écriture de l'archive impossible : %v",
		AR: "تعذرت كتابة الأرشيف: %v",
		EN: "the archive could not be written: %v",
	}
	msgCancelled = i18n.Text{
		FR: "export annulé",
		AR: "أُلغي التصدير",
		EN: "export cancelled",
	}
)

// What is missing or wrong, for msgInvalid.
var (
	whyAffiliation = i18n.Text{
		FR: "numéro d'affiliation manquant",
		AR: "رقم الانخراط مفقود",
		EN: "affiliation number missing",
	}
	whyPeriod = i18n.Text{
		FR: "période invalide",
		AR: "فترة غير صالحة",
		EN: "invalid period",
	}
	whyFileName = i18n.Text{
		FR: "nom du fichier déposé manquant",
		AR: "اسم الملف المودع مفقود",
		EN: "name of the deposited file missing",
	}
	whySHA256 = i18n.Text{
		FR: "empreinte SHA-256 invalide : 64 caractères hexadécimaux attendus",
		AR: "بصمة SHA-256 غير صالحة: المنتظر 64 حرفاً ست عشرياً",
		EN: "invalid SHA-256 digest: 64 hexadecimal characters expected",
	}
	whyAck = i18n.Text{
		FR: "numéro d'accusé de réception de la plateforme manquant",
		AR: "رقم إشعار الاستلام من المنصة مفقود",
		EN: "platform acknowledgement number missing",
	}
	whyDepositedAt = i18n.Text{
		FR: "date et heure du dépôt manquantes",
		AR: "تاريخ وساعة الإيداع مفقودان",
		EN: "deposit date and time missing",
	}
	whyManualRef = i18n.Text{
		FR: "référence du dépôt manuel manquante",
		AR: "مرجع الإيداع اليدوي مفقود",
		EN: "manual deposit reference missing",
	}
	whyManualDate = i18n.Text{
		FR: "date du dépôt manuel manquante ou invalide",
		AR: "تاريخ الإيداع اليدوي مفقود أو غير صالح",
		EN: "manual deposit date missing or invalid",
	}
	whyKind = i18n.Text{
		FR: "type de déclaration inconnu : principale ou complémentaire",
		AR: "نوع تصريح غير معروف: رئيسي أو تكميلي",
		EN: "unknown declaration kind: principal or complementary",
	}
	whySequence = i18n.Text{
		FR: "numéro de déclaration complémentaire invalide : de 1 à 9",
		AR: "رقم التصريح التكميلي غير صالح: من 1 إلى 9",
		EN: "invalid complementary declaration number: 1 to 9",
	}
)

func invalid(why i18n.Text, field string) error {
	return i18n.New(CodeInvalid, msgInvalid, why).WithField(field)
}
