// Error messages. Go sends {code, message, fields} with the message already
// in the user's language (app.Services.formatError reads it from the
// settings; internal/i18n's TestEveryMessageIsTrilingual checks every Go
// message has FR, AR and EN): the page shows it as is. This table keeps only
// the codes the page raises itself — the bridge's, the generic one, the
// money parser's (lib/format.ts, checked against Go by shared vectors) and a
// receipt the page cannot find — with no message from Go to show.

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
  'store.not_found': {
    fr: "Cet élément n'existe plus (supprimé entre-temps). Actualisez l'écran.",
    ar: 'هذا العنصر لم يعد موجوداً (حُذف في الأثناء). حدّث الشاشة.',
    en: 'This item no longer exists (deleted meanwhile). Refresh the screen.',
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
};

export interface ErrorLike {
  code: string;
  message: string;
}

// The codes whose message is not for people (the bridge's: a JavaScript
// exception's text): their sentence always comes from the table.
const PAGE_ONLY: ReadonlySet<string> = new Set(['bridge.failed', 'bridge.unavailable']);

/**
 * errorText is the sentence shown for an error: Go's message (already in the
 * user's language), else the table's text for the codes the page raises
 * itself, else the generic one.
 */
export function errorText(err: ErrorLike | FieldError, lang: Lang): string {
  const t = ERROR_TEXTS[err.code];
  if (t !== undefined && (PAGE_ONLY.has(err.code) || err.message.trim() === '')) return t[lang];
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
