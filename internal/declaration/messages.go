package declaration

import "github.com/tasrih/tasrih/internal/i18n"

// The messages of the findings. Each rule's fix hint is in the catalogue
// (rules.go); these say what was found, with the values.
var (
	msgEmpty = i18n.Text{
		FR: "le fichier est vide",
		AR: "الملف فارغ",
		EN: "the file is empty",
	}
	msgIsPreetabli = i18n.Text{
		FR: "ce fichier est un préétabli (enregistrements A), pas une déclaration DS ou DSC",
		AR: "هذا الملف ملف معد مسبقاً (تسجيلات A) وليس تصريحاً DS أو DSC",
		EN: "this file is a préétabli (A records), not a DS or DSC declaration",
	}
	msgIsDeclaration = i18n.Text{
		FR: "ce fichier est une déclaration (enregistrements B ou E), pas un préétabli",
		AR: "هذا الملف تصريح (تسجيلات B أو E) وليس ملفاً معداً مسبقاً",
		EN: "this file is a declaration (B or E records), not a préétabli",
	}
	msgNotDeclaration = i18n.Text{
		FR: "ce fichier n'est pas un fichier CNSS : aucun enregistrement B00 à B06 ou E00 à E06 reconnu",
		AR: "هذا الملف ليس ملفاً للصندوق: لم يُتعرف على أي تسجيل من B00 إلى B06 أو من E00 إلى E06",
		EN: "this is not a CNSS file: no B00–B06 or E00–E06 record found",
	}
	msgLength = i18n.Text{
		FR: "l'enregistrement fait %d caractères au lieu de 260",
		AR: "يتكون التسجيل من %d حرفاً بدل 260",
		EN: "the record is %d characters long instead of 260",
	}
	msgLengthRun = i18n.Text{
		FR: "les enregistrements font %d caractères au lieu de 260 (%d lignes de suite, lignes %d à %d) : le fichier a été écrit avec une autre largeur",
		AR: "تتكون التسجيلات من %d حرفاً بدل 260 (%d أسطر متتالية، من السطر %d إلى %d): كُتب الملف بعرض آخر",
		EN: "the records are %d characters long instead of 260 (%d lines in a row, lines %d to %d): the file was written with another width",
	}
	msgAlign = i18n.Text{
		FR: "champ texte (positions %d à %d) commençant par %d espace(s) : il doit être cadré à gauche",
		AR: "حقل نصي (المواضع %d إلى %d) يبدأ بـ%d مسافة: يجب أن يُصفّ إلى اليسار",
		EN: "text field (positions %d to %d) starting with %d space(s): it must be left-aligned",
	}
	msgNameDSC = i18n.Text{
		FR: "le fichier s'appelle « %s » (déclaration complémentaire %d) mais contient une déclaration principale (enregistrements B)",
		AR: "اسم الملف « %s » (التصريح التكميلي %d) لكنه يحتوي على تصريح رئيسي (تسجيلات B)",
		EN: "the file is named %q (complementary declaration %d) but holds a principal declaration (B records)",
	}
	msgNameDS = i18n.Text{
		FR: "le fichier s'appelle « %s » (déclaration principale) mais contient une déclaration complémentaire (enregistrements E)",
		AR: "اسم الملف « %s » (تصريح رئيسي) لكنه يحتوي على تصريح تكميلي (تسجيلات E)",
		EN: "the file is named %q (principal declaration) but holds a complementary declaration (E records)",
	}
	msgNameSequence = i18n.Text{
		FR: "le fichier s'appelle « %s » (complémentaire %d) mais son en-tête porte la complémentaire %d",
		AR: "اسم الملف « %s » (التكميلي %d) لكن ترويسته تحمل التكميلي %d",
		EN: "the file is named %q (complementary %d) but its header says complementary %d",
	}
	msgEntPreetabli = i18n.Text{
		FR: "déclaré comme entrant alors qu'il figure dans le préétabli (ligne %d)",
		AR: "مصرح به كوافد بينما يوجد في الملف المعد مسبقاً (السطر %d)",
		EN: "declared as an entrant but is in the préétabli (line %d)",
	}
	msgEntSpaceCIN = i18n.Text{
		FR: "numéro de CIN « %s » avec un espace : il s'écrit d'un bloc (par exemple BK123456)",
		AR: "رقم البطاقة الوطنية « %s » به مسافة: يُكتب دون فراغ (مثلاً BK123456)",
		EN: "ID card number %q with a space: it is written as one block (e.g. BK123456)",
	}
	msgType = i18n.Text{
		FR: "type d'enregistrement « %s » inattendu dans ce fichier (attendu %s)",
		AR: "نوع تسجيل غير منتظر « %s » في هذا الملف (المنتظر %s)",
		EN: "unexpected record type %q in this file (expected %s)",
	}
	msgOutOfOrder = i18n.Text{
		FR: "%s placé après %s : hors d'ordre",
		AR: "%s يأتي بعد %s: خارج الترتيب",
		EN: "%s comes after %s: out of order",
	}
	msgRepeated = i18n.Text{
		FR: "%s en double : un seul est permis",
		AR: "%s مكرر: يُسمح بواحد فقط",
		EN: "duplicate %s: only one is allowed",
	}
	msgMissingBefore = i18n.Text{
		FR: "%s manquant avant %s",
		AR: "%s ناقص قبل %s",
		EN: "%s missing before %s",
	}
	msgMissingEnd = i18n.Text{
		FR: "%s manquant en fin de fichier",
		AR: "%s ناقص في نهاية الملف",
		EN: "%s missing at the end of the file",
	}
	msgBlankNumeric = i18n.Text{
		FR: "champ numérique vide",
		AR: "حقل رقمي فارغ",
		EN: "empty numeric field",
	}
	msgNumeric = i18n.Text{
		FR: "« %s » n'est pas un nombre (position %d)",
		AR: "« %s » ليس رقماً (الموضع %d)",
		EN: "%q is not a number (position %d)",
	}
	msgOverflow = i18n.Text{
		FR: "nombre trop grand pour être traité",
		AR: "رقم أكبر من أن يُعالَج",
		EN: "number too large to process",
	}
	msgCharset = i18n.Text{
		FR: "caractère « %s » interdit (position %d)",
		AR: "الحرف « %s » غير مسموح (الموضع %d)",
		EN: "forbidden character %q (position %d)",
	}
	msgFiller = i18n.Text{
		FR: "la zone de remplissage (positions %d à %d) doit être vide : « %s » en position %d",
		AR: "يجب أن تكون منطقة الحشو (المواضع %d إلى %d) فارغة: « %s » في الموضع %d",
		EN: "the filler (positions %d to %d) must be blank: %q at position %d",
	}
	msgDate = i18n.Text{
		FR: "« %s » n'est pas une date ou une période valide",
		AR: "« %s » ليس تاريخاً أو فترة صالحة",
		EN: "%q is not a valid date or period",
	}
	msgCat = i18n.Text{
		FR: "catégorie « %s » au lieu de %s",
		AR: "الفئة « %s » بدل %s",
		EN: "category %q instead of %s",
	}
	msgAffCheck = i18n.Text{
		FR: "la clé du numéro d'affiliation %s ne correspond pas",
		AR: "مفتاح رقم الانخراط %s غير مطابق",
		EN: "the check digit of affiliation number %s does not match",
	}
	msgImmatCheck = i18n.Text{
		FR: "la clé du numéro d'immatriculation %s ne correspond pas",
		AR: "مفتاح رقم التسجيل %s غير مطابق",
		EN: "the check digit of registration number %s does not match",
	}
	msgAffDiffers = i18n.Text{
		FR: "affiliation %s différente de celle de l'en-tête (%s)",
		AR: "رقم الانخراط %s مختلف عن رقم الترويسة (%s)",
		EN: "affiliation %s differs from the header's (%s)",
	}
	msgPeriodDiffers = i18n.Text{
		FR: "période %s différente de celle de l'en-tête (%s)",
		AR: "الفترة %s مختلفة عن فترة الترويسة (%s)",
		EN: "period %s differs from the header's (%s)",
	}
	msgEmptyEntrantExtra = i18n.Text{
		FR: "ligne d'entrant vide en trop : elle n'est permise que seule, quand il n'y a aucun entrant",
		AR: "سطر وافد فارغ زائد: لا يُسمح به إلا منفرداً عند غياب أي وافد",
		EN: "extra empty entrant line: it is allowed only alone, when there is no entrant",
	}
	msgBlankNotEmpty = i18n.Text{
		FR: "immatriculation vide sur une ligne qui n'est pas la ligne vide (nom, CIN, jours ou salaires renseignés)",
		AR: "رقم تسجيل فارغ في سطر ليس هو السطر الفارغ (الاسم أو البطاقة أو الأيام أو الأجور مملوءة)",
		EN: "blank registration number on a line that is not the empty line (name, ID card, days or salaries filled)",
	}
	msgDSCLine = i18n.Text{
		FR: "une déclaration complémentaire ne contient qu'une ligne E02 vide : les oubliés se déclarent en E04",
		AR: "لا يحتوي التصريح التكميلي إلا على سطر E02 فارغ: يُصرَّح بالمنسيين في E04",
		EN: "a complementary declaration holds only one empty E02 line: forgotten employees go in E04",
	}
	msgDSCOneLine = i18n.Text{
		FR: "%d lignes E02 au lieu d'une seule ligne vide",
		AR: "%d أسطر E02 بدل سطر فارغ واحد",
		EN: "%d E02 lines instead of a single empty one",
	}
	msgDays = i18n.Text{
		FR: "%d jours déclarés : %d au plus",
		AR: "%d يوماً مصرحاً بها: %d على الأكثر",
		EN: "%d days declared: %d at most",
	}
	msgCap = i18n.Text{
		FR: "salaire plafonné %s au lieu de %s",
		AR: "الأجر المسقف %s بدل %s",
		EN: "capped salary %s instead of %s",
	}
	msgMinimum = i18n.Text{
		FR: "salaire réel %s pour %d jours : pas plus que le SMIG de %d jours (%s)",
		AR: "أجر حقيقي %s مقابل %d يوماً: لا يتجاوز الحد الأدنى للأجور عن %d يوماً (%s)",
		EN: "real salary %s for %d days: no more than the minimum wage of %d days (%s)",
	}
	msgSitCode = i18n.Text{
		FR: "code de situation « %s » inconnu",
		AR: "رمز الوضعية « %s » غير معروف",
		EN: "unknown situation code %q",
	}
	msgSitNormal = i18n.Text{
		FR: "aucune situation mais %d jours et un salaire de %s",
		AR: "بدون وضعية لكن %d يوماً وأجر %s",
		EN: "no situation but %d days and a salary of %s",
	}
	msgSitZero = i18n.Text{
		FR: "situation %s avec %d jours et un salaire de %s : tout doit être à zéro",
		AR: "الوضعية %s مع %d يوماً وأجر %s: يجب أن يكون الكل صفراً",
		EN: "situation %s with %d days and a salary of %s: everything must be zero",
	}
	msgSitAFEqual = i18n.Text{
		FR: "situation %s : AF à reverser %s au lieu des AF nettes %s",
		AR: "الوضعية %s: التعويضات الواجب إرجاعها %s بدل التعويضات الصافية %s",
		EN: "situation %s: allowances to pay back %s instead of the net allowances %s",
	}
	msgSitAFMore = i18n.Text{
		FR: "AF à reverser %s supérieures aux AF nettes %s",
		AR: "التعويضات الواجب إرجاعها %s أكبر من التعويضات الصافية %s",
		EN: "allowances to pay back %s exceed the net allowances %s",
	}
	msgCtr = i18n.Text{
		FR: "somme de contrôle %d au lieu de %d",
		AR: "مجموع المراقبة %d بدل %d",
		EN: "control sum %d instead of %d",
	}
	msgDuplicate = i18n.Text{
		FR: "déjà déclaré en %s ligne %d",
		AR: "سبق التصريح به في %s السطر %d",
		EN: "already declared in %s line %d",
	}
	msgTotal = i18n.Text{
		FR: "%s vaut %d, la somme des lignes donne %d",
		AR: "%s يساوي %d ومجموع الأسطر يعطي %d",
		EN: "%s is %d, the lines add up to %d",
	}
	msgOverflowSum = i18n.Text{
		FR: "la somme des lignes dépasse la capacité des totaux",
		AR: "مجموع الأسطر يتجاوز سعة المجاميع",
		EN: "the sum of the lines exceeds what the totals can hold",
	}
	msgEntName = i18n.Text{
		FR: "entrant sans nom",
		AR: "وافد بدون اسم",
		EN: "entrant without a name",
	}
	msgEntNoCIN = i18n.Text{
		FR: "entrant non immatriculé (000000000) sans numéro de CIN",
		AR: "وافد غير مسجل (000000000) بدون رقم البطاقة الوطنية",
		EN: "unregistered entrant (000000000) without an ID card number",
	}
	msgEntBadCIN = i18n.Text{
		FR: "entrant non immatriculé avec un numéro de CIN invalide « %s »",
		AR: "وافد غير مسجل برقم بطاقة وطنية غير صالح « %s »",
		EN: "unregistered entrant with an invalid ID card number %q",
	}
	msgEntSalary = i18n.Text{
		FR: "entrant avec %d jours et un salaire de %s",
		AR: "وافد بـ%d يوماً وأجر %s",
		EN: "entrant with %d days and a salary of %s",
	}
	msgTransfer = i18n.Text{
		FR: "identifiant de transfert %s différent de celui du préétabli (%s)",
		AR: "معرف التحويل %s مختلف عن معرف الملف المعد مسبقاً (%s)",
		EN: "transfer id %s differs from the préétabli's (%s)",
	}
	msgEmployerDiff = i18n.Text{
		FR: "l'en-tête employeur diffère de celui du préétabli (champ %s)",
		AR: "ترويسة المشغل مختلفة عن ترويسة الملف المعد مسبقاً (الحقل %s)",
		EN: "the employer header differs from the préétabli's (field %s)",
	}
	msgUnknown = i18n.Text{
		FR: "salarié absent du préétabli de la période",
		AR: "أجير غير موجود في الملف المعد مسبقاً للفترة",
		EN: "employee not in the period's préétabli",
	}
	msgEmpOrder = i18n.Text{
		FR: "ligne hors de l'ordre du préétabli (ce salarié y figure ligne %d)",
		AR: "سطر خارج ترتيب الملف المعد مسبقاً (يوجد هذا الأجير في السطر %d)",
		EN: "line out of the préétabli order (this employee is on its line %d)",
	}
	msgMissing = i18n.Text{
		FR: "salarié du préétabli sans ligne dans la déclaration",
		AR: "أجير من الملف المعد مسبقاً بدون سطر في التصريح",
		EN: "préétabli employee without a line in the declaration",
	}
)
