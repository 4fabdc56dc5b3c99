// Error messages by code. Go sends {code, message, fields}; the interface
// shows the sentence of this table in the user's language, and falls back to
// Go's own message (which already says what to do) for a code it does not
// know. Each sentence says what happened and what to do.

import type { ApiError, FieldError } from '../api/errors';
import type { Lang } from './lang';

type T3 = Readonly<Record<Lang, string>>;

export const ERROR_TEXTS: Readonly<Record<string, T3>> = {
  'bridge.failed': {
    fr: "Tasrih n'a pas pu joindre son moteur. Réessayez ; si cela persiste, redémarrez l'application.",
    ar: 'تعذر على تصريح الاتصال بمحركه. أعد المحاولة؛ وإن استمر ذلك فأعد تشغيل التطبيق.',
    en: 'Tasrih could not reach its engine. Try again; if it persists, restart the application.',
  },
  'bridge.unavailable': {
    fr: "Cette fonction n'est pas disponible dans cette version de Tasrih. Mettez l'application à jour.",
    ar: 'هذه الوظيفة غير متوفرة في هذا الإصدار من تصريح. حدّث التطبيق.',
    en: 'This feature is not available in this version of Tasrih. Update the application.',
  },
  'internal.unexpected': {
    fr: "Une erreur inattendue s'est produite. Réessayez ; si elle persiste, signalez-la.",
    ar: 'حدث خطأ غير متوقع. أعد المحاولة؛ وإن تكرر فأبلغ عنه.',
    en: 'An unexpected error occurred. Try again; if it persists, please report it.',
  },
  'session.locked': {
    fr: 'La session est verrouillée : déverrouillez le coffre pour continuer.',
    ar: 'الجلسة مقفلة: افتح الخزنة للمتابعة.',
    en: 'The session is locked: unlock the vault to continue.',
  },
  'session.no_vault': {
    fr: 'Aucun coffre dans ce dossier de données : créez-en un.',
    ar: 'لا توجد خزنة في مجلد البيانات هذا: أنشئ واحدة.',
    en: 'There is no vault in this data folder: create one.',
  },
  'session.already_unlocked': {
    fr: 'Le coffre est déjà déverrouillé.',
    ar: 'الخزنة مفتوحة بالفعل.',
    en: 'The vault is already unlocked.',
  },
  'store.locked': {
    fr: 'Tasrih est déjà ouvert sur ce dossier de données : utilisez la fenêtre déjà ouverte, ou fermez-la avant de relancer.',
    ar: 'تصريح مفتوح بالفعل على مجلد البيانات هذا: استعمل النافذة المفتوحة أو أغلقها قبل إعادة التشغيل.',
    en: 'Tasrih is already open on this data folder: use the window already open, or close it before starting again.',
  },
  'vault.wrong_secret': {
    fr: 'Phrase de passe ou code incorrect. Vérifiez la saisie (majuscules, espaces) et réessayez.',
    ar: 'عبارة المرور أو الرمز غير صحيح. تحقق مما أدخلته (الأحرف الكبيرة، المسافات) وأعد المحاولة.',
    en: 'Wrong passphrase or code. Check what you typed (capitals, spaces) and try again.',
  },
  'vault.too_many_attempts': {
    fr: 'Trop de tentatives. Patientez quelques instants avant de réessayer.',
    ar: 'محاولات كثيرة. انتظر قليلاً قبل إعادة المحاولة.',
    en: 'Too many attempts. Wait a moment before trying again.',
  },
  'vault.recovery_format': {
    fr: "Ce code de récupération n'a pas le bon format : recopiez-le tel qu'il a été imprimé.",
    ar: 'رمز الاسترداد هذا ليس بالصيغة الصحيحة: انسخه كما طُبع.',
    en: 'This recovery code does not have the right format: copy it exactly as printed.',
  },
  'vault.not_remembered': {
    fr: "Tasrih ne se souvient pas de vous sur cet ordinateur : saisissez votre phrase de passe.",
    ar: 'لا يتذكرك تصريح على هذا الحاسوب: أدخل عبارة المرور.',
    en: 'Tasrih does not remember you on this computer: enter your passphrase.',
  },
  'vault.exists': {
    fr: 'Un coffre existe déjà dans ce dossier de données : déverrouillez-le.',
    ar: 'توجد خزنة بالفعل في مجلد البيانات هذا: افتحها.',
    en: 'A vault already exists in this data folder: unlock it.',
  },
  'vault.tampered': {
    fr: "Le fichier du coffre a été modifié en dehors de Tasrih. Restaurez une sauvegarde depuis les réglages.",
    ar: 'تم تعديل ملف الخزنة خارج تصريح. استعد نسخة احتياطية من الإعدادات.',
    en: 'The vault file was changed outside Tasrih. Restore a backup from the settings.',
  },
  'vault.corrupt': {
    fr: 'Le fichier du coffre est endommagé. Restaurez une sauvegarde depuis les réglages.',
    ar: 'ملف الخزنة تالف. استعد نسخة احتياطية من الإعدادات.',
    en: 'The vault file is damaged. Restore a backup from the settings.',
  },
  'vault.old_passphrase_required': {
    fr: 'Saisissez votre phrase de passe actuelle pour la changer.',
    ar: 'أدخل عبارة المرور الحالية لتغييرها.',
    en: 'Enter your current passphrase to change it.',
  },
  'vault.passphrase.too_short': {
    fr: 'Phrase de passe trop courte : au moins 12 caractères.',
    ar: 'عبارة المرور قصيرة جداً: 12 حرفاً على الأقل.',
    en: 'Passphrase too short: at least 12 characters.',
  },
  'vault.passphrase.too_long': {
    fr: 'Phrase de passe trop longue.',
    ar: 'عبارة المرور طويلة جداً.',
    en: 'Passphrase too long.',
  },
  'vault.passphrase.common': {
    fr: 'Cette phrase de passe est trop courante : choisissez-en une moins prévisible.',
    ar: 'عبارة المرور هذه شائعة جداً: اختر عبارة أقل توقعاً.',
    en: 'This passphrase is too common: choose a less predictable one.',
  },
  'vault.passphrase.one_class': {
    fr: 'Mélangez des lettres avec des chiffres, des espaces ou des signes.',
    ar: 'امزج الحروف بالأرقام أو المسافات أو الرموز.',
    en: 'Mix letters with digits, spaces or symbols.',
  },
  'vault.passphrase.repeated': {
    fr: "Évitez de répéter le même caractère ou le même motif.",
    ar: 'تجنب تكرار نفس الحرف أو نفس النمط.',
    en: 'Avoid repeating the same character or pattern.',
  },
  'vault.passphrase.sequence': {
    fr: 'Évitez les suites (abcd, 1234, azerty).',
    ar: 'تجنب المتتاليات (abcd، 1234، azerty).',
    en: 'Avoid sequences (abcd, 1234, qwerty).',
  },
  'vault.passphrase.app_name': {
    fr: "Ne construisez pas la phrase de passe sur le nom de l'application.",
    ar: 'لا تبنِ عبارة المرور على اسم التطبيق.',
    en: "Do not build the passphrase on the application's name.",
  },
  'keyring.unavailable': {
    fr: 'Le trousseau du système est indisponible : saisissez votre phrase de passe.',
    ar: 'سلسلة مفاتيح النظام غير متاحة: أدخل عبارة المرور.',
    en: 'The system keyring is unavailable: enter your passphrase.',
  },
  'credentials.keyring_unavailable': {
    fr: "Le trousseau du système est indisponible : le mot de passe n'a pas été enregistré. Vous le saisirez à chaque connexion.",
    ar: 'سلسلة مفاتيح النظام غير متاحة: لم تُحفظ كلمة المرور. ستدخلها عند كل اتصال.',
    en: 'The system keyring is unavailable: the password was not saved. You will type it at each sign-in.',
  },
  'credentials.not_saved': {
    fr: "Aucun mot de passe enregistré pour cet identifiant : saisissez-le.",
    ar: 'لا توجد كلمة مرور محفوظة لاسم المستخدم هذا: أدخلها.',
    en: 'No password saved for this login: type it.',
  },
  'op.cancelled': {
    fr: 'Opération annulée.',
    ar: 'أُلغيت العملية.',
    en: 'Operation cancelled.',
  },
  'op.unknown': {
    fr: "Cette opération n'existe plus (terminée, annulée ou session verrouillée) : recommencez-la.",
    ar: 'هذه العملية لم تعد موجودة (انتهت أو أُلغيت أو قُفلت الجلسة): أعد تشغيلها.',
    en: 'This operation no longer exists (finished, cancelled or session locked): start it again.',
  },
  'import.cancelled': {
    fr: "Import annulé : rien n'a été enregistré.",
    ar: 'تم إلغاء الاستيراد: لم يُسجَّل أي شيء.',
    en: 'Import cancelled: nothing was saved.',
  },
  'import.has_errors': {
    fr: 'Le fichier contient des lignes en erreur : corrigez-les, ou cochez « Ignorer les lignes en erreur ».',
    ar: 'يحتوي الملف على أسطر بها أخطاء: صححها، أو فعّل «تجاهل الأسطر التي بها أخطاء».',
    en: 'The file has rows in error: fix them, or tick "Skip the rows in error".',
  },
  'import.stale': {
    fr: "Les salariés ont changé depuis l'aperçu : relancez l'aperçu avant d'importer.",
    ar: 'تغيّر الأجراء منذ المعاينة: أعد المعاينة قبل الاستيراد.',
    en: 'The employees changed since the preview: run the preview again before importing.',
  },
  'import.xls_format': {
    fr: "L'ancien format Excel (.xls) n'est pas lu : enregistrez le fichier en .xlsx ou en CSV.",
    ar: 'صيغة Excel القديمة (.xls) غير مدعومة: احفظ الملف بصيغة .xlsx أو CSV.',
    en: 'The old Excel format (.xls) is not read: save the file as .xlsx or CSV.',
  },
  'import.xlsx_password': {
    fr: 'Ce classeur est protégé par un mot de passe : enregistrez-en une copie sans mot de passe.',
    ar: 'هذا المصنف محمي بكلمة مرور: احفظ نسخة منه دون كلمة مرور.',
    en: 'This workbook is password-protected: save a copy without a password.',
  },
  'import.xlsx_corrupt': {
    fr: 'Ce fichier Excel est endommagé : ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau.',
    ar: 'ملف Excel هذا تالف: افتحه في Excel أو LibreOffice واحفظه من جديد.',
    en: 'This Excel file is damaged: open it in Excel or LibreOffice and save it again.',
  },
  'file.unreadable': {
    fr: "Impossible de lire ce fichier : vérifiez qu'il existe et que vous pouvez l'ouvrir.",
    ar: 'تعذرت قراءة هذا الملف: تحقق من وجوده ومن إمكانية فتحه.',
    en: 'Cannot read this file: check that it exists and that you can open it.',
  },
  'file.too_large': {
    fr: 'Ce fichier est trop volumineux.',
    ar: 'هذا الملف كبير جداً.',
    en: 'This file is too large.',
  },
  'monthly.no_preetabli': {
    fr: "Importez d'abord le préétabli de ce mois.",
    ar: 'استورد أولاً الملف المعد مسبقاً لهذا الشهر.',
    en: "Import this month's préétabli first.",
  },
  'monthly.affiliation_mismatch': {
    fr: "Ce préétabli est celui d'un autre employeur (n° d'affiliation différent) : choisissez le bon fichier.",
    ar: 'هذا الملف المعد مسبقاً يخص مشغّلاً آخر (رقم انخراط مختلف): اختر الملف الصحيح.',
    en: 'This préétabli belongs to another employer (different affiliation number): choose the right file.',
  },
  'monthly.period_mismatch': {
    fr: "Ce préétabli est celui d'un autre mois : choisissez le fichier de la période affichée.",
    ar: 'هذا الملف المعد مسبقاً يخص شهراً آخر: اختر ملف الفترة المعروضة.',
    en: 'This préétabli is for another month: choose the file of the period shown.',
  },
  'monthly.preetabli_invalid': {
    fr: "Ce préétabli contient des erreurs bloquantes et n'a pas été importé. Récupérez un nouveau fichier sur damancom.ma.",
    ar: 'يحتوي هذا الملف المعد مسبقاً على أخطاء مانعة ولم يُستورد. احصل على ملف جديد من damancom.ma.',
    en: 'This préétabli has blocking errors and was not imported. Download a new file from damancom.ma.',
  },
  'monthly.frozen': {
    fr: 'La déclaration de ce mois est déjà transmise : ses lignes ne changent plus. Préparez une déclaration complémentaire pour les oubliés.',
    ar: 'تم إرسال تصريح هذا الشهر: لم تعد أسطره تتغير. أعد تصريحاً تكميلياً للمنسيين.',
    en: "This month's declaration was already sent: its lines no longer change. Prepare a complementary declaration for forgotten employees.",
  },
  'monthly.principal_first': {
    fr: "Une déclaration complémentaire ne se prépare qu'après le dépôt de la déclaration principale.",
    ar: 'لا يُعد التصريح التكميلي إلا بعد إيداع التصريح الرئيسي.',
    en: 'A complementary declaration can only be prepared after the principal one was deposited.',
  },
  'store.affiliation_taken': {
    fr: "Un autre employeur a déjà ce n° d'affiliation : ouvrez sa fiche plutôt que d'en créer une nouvelle.",
    ar: 'لمشغّل آخر نفس رقم الانخراط: افتح بطاقته بدل إنشاء بطاقة جديدة.',
    en: 'Another employer already has this affiliation number: open its record instead of creating a new one.',
  },
  'store.immatriculation_taken': {
    fr: "Un autre salarié de cet employeur a déjà ce n° d'immatriculation.",
    ar: 'لأجير آخر لدى هذا المشغّل نفس رقم التسجيل.',
    en: 'Another employee of this employer already has this CNSS number.',
  },
  'store.cin_taken': {
    fr: 'Un autre salarié de cet employeur a déjà cette CIN.',
    ar: 'لأجير آخر لدى هذا المشغّل نفس رقم البطاقة الوطنية.',
    en: 'Another employee of this employer already has this CIN.',
  },
  'store.employer_in_use': {
    fr: 'Cet employeur a des déclarations déposées : il ne peut pas être supprimé.',
    ar: 'لهذا المشغّل تصريحات مودعة: لا يمكن حذفه.',
    en: 'This employer has deposited declarations: it cannot be deleted.',
  },
  'store.not_found': {
    fr: "Cet élément n'existe plus (supprimé entre-temps). Actualisez l'écran.",
    ar: 'هذا العنصر لم يعد موجوداً (حُذف في الأثناء). حدّث الشاشة.',
    en: 'This item no longer exists (deleted meanwhile). Refresh the screen.',
  },
  'store.declaration_frozen': {
    fr: 'Cette déclaration est déjà transmise : elle ne peut plus changer.',
    ar: 'تم إرسال هذا التصريح: لم يعد قابلاً للتغيير.',
    en: 'This declaration was already sent: it can no longer change.',
  },
  'store.declaration_not_ready': {
    fr: 'Cette déclaration a des erreurs bloquantes : corrigez-les avant de la déposer.',
    ar: 'في هذا التصريح أخطاء مانعة: صححها قبل إيداعه.',
    en: 'This declaration has blocking errors: fix them before submitting it.',
  },
  'validation.failed': {
    fr: 'Certains champs sont invalides : corrigez les champs signalés.',
    ar: 'بعض الحقول غير صالحة: صحّح الحقول المشار إليها.',
    en: 'Some fields are invalid: fix the fields marked.',
  },
  'money.syntax': {
    fr: 'Montant invalide : saisissez par exemple 8 500,00.',
    ar: 'مبلغ غير صالح: أدخل مثلاً 8 500,00.',
    en: 'Invalid amount: type for example 8 500,00.',
  },
  'money.decimals': {
    fr: "Montant ambigu : « 8.000 » ou « 8,500 » peut se lire de deux façons. Écrivez 8000 ou 8 000,00 (la virgule seulement pour les centimes).",
    ar: 'مبلغ ملتبس: «8.000» أو «8,500» يُقرأ بطريقتين. اكتب 8000 أو 8 000,00 (الفاصلة للسنتيمات فقط).',
    en: 'Ambiguous amount: “8.000” or “8,500” can be read two ways. Type 8000 or 8 000,00 (the comma only for the centimes).',
  },
  'money.negative': {
    fr: 'Le montant ne peut pas être négatif.',
    ar: 'لا يمكن أن يكون المبلغ سالباً.',
    en: 'The amount cannot be negative.',
  },
  'money.too_large': {
    fr: 'Montant trop élevé : vérifiez la saisie.',
    ar: 'مبلغ مرتفع جداً: تحقق مما أدخلته.',
    en: 'Amount too large: check what you typed.',
  },
  'money.empty': {
    fr: 'Saisissez un montant (0 si aucun).',
    ar: 'أدخل مبلغاً (0 إن لم يوجد).',
    en: 'Type an amount (0 if none).',
  },
  'id.affiliation.shape': {
    fr: "Le n° d'affiliation CNSS a 7 chiffres.",
    ar: 'رقم الانخراط في الضمان الاجتماعي من 7 أرقام.',
    en: 'The CNSS affiliation number has 7 digits.',
  },
  'id.immatriculation.shape': {
    fr: "Le n° d'immatriculation CNSS a 9 chiffres.",
    ar: 'رقم التسجيل في الضمان الاجتماعي من 9 أرقام.',
    en: 'The CNSS registration number has 9 digits.',
  },
  'id.cin.shape': {
    fr: 'CIN invalide : une ou deux lettres suivies de chiffres, par exemple BK123456.',
    ar: 'رقم بطاقة وطنية غير صالح: حرف أو حرفان متبوعان بأرقام، مثلاً BK123456.',
    en: 'Invalid CIN: one or two letters followed by digits, e.g. BK123456.',
  },
  'id.ice.length': {
    fr: "L'ICE a 15 chiffres.",
    ar: 'المعرف الموحد للمقاولة من 15 رقماً.',
    en: 'The ICE has 15 digits.',
  },
  'id.ice.syntax': {
    fr: "L'ICE ne contient que des chiffres.",
    ar: 'لا يحتوي المعرف الموحد للمقاولة إلا على أرقام.',
    en: 'The ICE contains digits only.',
  },
  'id.ice.check': {
    fr: "La clé de contrôle de l'ICE est fausse : vérifiez les chiffres.",
    ar: 'مفتاح التحقق من المعرف الموحد للمقاولة خاطئ: تحقق من الأرقام.',
    en: 'The ICE check digits are wrong: check the digits.',
  },
  'id.rib.length': {
    fr: 'Le RIB a 24 chiffres.',
    ar: 'رقم الحساب البنكي من 24 رقماً.',
    en: 'The RIB has 24 digits.',
  },
  'id.rib.check': {
    fr: 'La clé du RIB est fausse : vérifiez les chiffres.',
    ar: 'مفتاح رقم الحساب البنكي خاطئ: تحقق من الأرقام.',
    en: 'The RIB key is wrong: check the digits.',
  },
  'platform.login_required': {
    fr: 'Connectez-vous à la plateforme pour continuer.',
    ar: 'سجّل الدخول إلى المنصة للمتابعة.',
    en: 'Sign in to the platform to continue.',
  },
  'sandbox.unavailable': {
    fr: "Le bac à sable intégré n'a pas démarré : redémarrez Tasrih.",
    ar: 'لم تشتغل بيئة التجريب المدمجة: أعد تشغيل تصريح.',
    en: 'The built-in sandbox did not start: restart Tasrih.',
  },
  'backup.not_backup': {
    fr: "Ce fichier n'est pas une sauvegarde Tasrih.",
    ar: 'هذا الملف ليس نسخة احتياطية لتصريح.',
    en: 'This file is not a Tasrih backup.',
  },
  'backup.corrupt': {
    fr: 'Cette sauvegarde est endommagée : choisissez-en une autre.',
    ar: 'هذه النسخة الاحتياطية تالفة: اختر نسخة أخرى.',
    en: 'This backup is damaged: choose another one.',
  },
  'settings.invalid': {
    fr: 'Réglage invalide : corrigez le champ signalé.',
    ar: 'إعداد غير صالح: صحّح الحقل المشار إليه.',
    en: 'Invalid setting: fix the field marked.',
  },
};

export interface ErrorLike {
  code: string;
  message: string;
}

/**
 * errorText is the sentence shown for an error: the table's text for its
 * code in lang, else Go's message (French for now), else the generic one.
 */
export function errorText(err: ErrorLike | FieldError, lang: Lang): string {
  const t = ERROR_TEXTS[err.code];
  if (t !== undefined) return t[lang];
  if (err.message.trim() !== '') return capitalize(err.message);
  return ERROR_TEXTS['internal.unexpected']![lang];
}

/** fieldErrors maps an error's field errors to their texts, by field name. */
export function fieldErrors(err: ApiError, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of err.fields) {
    if (out[f.field] === undefined) out[f.field] = errorText(f, lang);
  }
  return out;
}

function capitalize(s: string): string {
  const t = s.trim();
  const first = t.charAt(0);
  const out = first.toLocaleUpperCase('fr') + t.slice(1);
  return /[.!?…]$/.test(out) ? out : `${out}.`;
}
