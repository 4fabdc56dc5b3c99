// Display helpers. Amounts are integers of centimes everywhere (as in Go's
// domain.Money); they become text only here, at the edge. Digits are Western
// (0-9) in every language: Moroccan accountants read and type them so.

import type { Lang } from '../i18n/lang';

/**
 * formatMAD formats an amount in centimes the way Go's domain.Money.FormatMAD
 * does, byte for byte: thousands grouped with a space, a decimal comma, two
 * decimals and the currency — 123456 → "1 234,56 MAD", -5 → "-0,05 MAD".
 * A value that is not a safe integer (a float, NaN, beyond 2^53) is a bug in
 * the caller and throws a RangeError rather than printing a wrong amount.
 */
export function formatMAD(centimes: number): string {
  return `${formatAmount(centimes)} MAD`;
}

/** formatAmount is formatMAD without the currency: "1 234,56" (grid cells, inputs). */
export function formatAmount(centimes: number): string {
  if (!Number.isSafeInteger(centimes)) {
    throw new RangeError(`formatMAD: ${String(centimes)} is not a whole number of centimes`);
  }
  const neg = centimes < 0;
  const abs = Math.abs(centimes);
  const cents = abs % 100;
  const whole = groupDigits(String((abs - cents) / 100));
  return `${neg ? '-' : ''}${whole},${String(cents).padStart(2, '0')}`;
}

/** formatInt groups the digits of a whole number with spaces: 12345 → "12 345". */
export function formatInt(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`formatInt: ${String(n)} is not a whole number`);
  return (n < 0 ? '-' : '') + groupDigits(String(Math.abs(n)));
}

function groupDigits(whole: string): string {
  let out = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) out += ' ';
    out += whole[i];
  }
  return out;
}

/**
 * Largest amount the page accepts in an input: the largest whole number a
 * JavaScript number holds exactly (90 071 992 547 409,91 MAD). Go's
 * domain.ParseMoney reads up to 16 integer digits; the page cannot carry
 * those amounts (JSON numbers lose precision beyond 2^53), so it answers
 * money.too_large there. Both read internal/domain/testdata/money_vectors.json.
 */
export const MAX_CENTIMES = Number.MAX_SAFE_INTEGER;

export type MoneyParse =
  | { ok: true; centimes: number }
  | { ok: false; code: 'money.empty' | 'money.syntax' | 'money.decimals' | 'money.negative' | 'money.too_large' };

// Go's strings.TrimSpace set (Unicode White_Space), which differs from
// String.prototype.trim (no U+0085, but U+FEFF).
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');
function goTrim(s: string): string {
  return s.replace(GO_TRIM, '');
}

// The currency suffixes of Go's ParseMoney, in its order (case as listed).
const SUFFIXES = ['MAD', 'mad', 'DH', 'dh', 'Dh', 'DHS', 'dhs'] as const;

/**
 * parseMoney reads an amount typed by a person with the rules of Go's
 * domain.ParseMoney: spaces, no-break spaces and apostrophes group thousands;
 * when both "." and "," occur the last one is the decimal mark; a separator
 * repeated in a group pattern ("1.234.567") groups thousands; a lone one is
 * the decimal mark, so the ambiguous "8,500" is refused (three decimals)
 * rather than guessed. An "MAD"/"DH" suffix is allowed. The result is exact
 * centimes — no floating point is involved — and the error codes are Go's.
 * Go and this function are checked against the same vectors
 * (internal/domain/testdata/money_vectors.json).
 */
export function parseMoney(input: string): MoneyParse {
  let s = goTrim(input);
  for (const suf of SUFFIXES) {
    if (s.endsWith(suf)) {
      s = goTrim(s.slice(0, -suf.length));
      break;
    }
  }
  if (s === '') return { ok: false, code: 'money.empty' };
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = goTrim(s.slice(1));
  }
  s = s.replace(/[ \u00a0\u202f\u2009']/g, '');
  const parts = splitDecimal(s);
  if (parts === undefined) return { ok: false, code: 'money.syntax' };
  const [whole, frac] = parts;
  if ((whole === '' && frac === '') || !/^[0-9]*$/.test(whole + frac)) return { ok: false, code: 'money.syntax' };
  if (frac.length > 2) return { ok: false, code: 'money.decimals' };
  if (neg && /[1-9]/.test(whole + frac)) return { ok: false, code: 'money.negative' };
  const w = whole.replace(/^0+/, '');
  if (w.length > 16) return { ok: false, code: 'money.too_large' };
  const centimes = BigInt(w === '' ? '0' : w) * 100n + BigInt(frac.padEnd(2, '0'));
  if (centimes > BigInt(MAX_CENTIMES)) return { ok: false, code: 'money.too_large' };
  return { ok: true, centimes: Number(centimes) };
}

function splitDecimal(s: string): [string, string] | undefined {
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot < 0 && lastComma < 0) return [s, ''];
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = lastComma > lastDot ? ',' : '.';
    const grp = dec === ',' ? '.' : ',';
    const i = s.lastIndexOf(dec);
    const ip = s.slice(0, i);
    if (s.slice(i + 1).includes(grp) || ip.includes(dec) || !groupedOK(ip, grp)) return undefined;
    return [ip.split(grp).join(''), s.slice(i + 1)];
  }
  const sep = lastComma >= 0 ? ',' : '.';
  if (s.split(sep).length > 2) {
    return groupedOK(s, sep) ? [s.split(sep).join(''), ''] : undefined;
  }
  const i = s.indexOf(sep);
  return [s.slice(0, i), s.slice(i + 1)];
}

/** groupedOK: "1.234.567" is grouped by "."; "12.34" is not. */
function groupedOK(s: string, sep: string): boolean {
  if (!s.includes(sep)) return true;
  const groups = s.split(sep);
  const first = groups[0] ?? '';
  if (first.length < 1 || first.length > 3) return false;
  return groups.slice(1).every((g) => g.length === 3);
}

/** isDate8 reports whether s looks like a Go domain.Date ("AAAAMMJJ"). */
export function isDate8(s: string): boolean {
  return /^\d{8}$/.test(s);
}

/** formatDate turns "20260131" into "31/01/2026"; "" (the zero date) stays "". */
export function formatDate(d: string | undefined | null): string {
  if (!d) return '';
  if (!isDate8(d)) return d;
  return `${d.slice(6, 8)}/${d.slice(4, 6)}/${d.slice(0, 4)}`;
}

/**
 * parseDate reads "31/01/2026", "31-01-2026", "31.01.2026" or "2026-01-31"
 * and returns "20260131"; undefined when it is not a real calendar date.
 * An empty input returns "" (no date).
 */
export function parseDate(input: string): string | undefined {
  const s = input.trim();
  if (s === '') return '';
  let y: number;
  let mo: number;
  let d: number;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m !== null) {
    d = Number(m[1]);
    mo = Number(m[2]);
    y = Number(m[3]);
  } else {
    m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s);
    if (m === null) return undefined;
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  }
  if (y < 1900 || y > 2199 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return `${String(y)}${String(mo).padStart(2, '0')}${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** formatDateTime shows an RFC 3339 time in local time as "31/01/2026 14:05". */
export function formatDateTime(rfc3339: string | undefined | null): string {
  if (!rfc3339 || rfc3339.startsWith('0001-01-01')) return '';
  const t = new Date(rfc3339);
  if (Number.isNaN(t.getTime())) return '';
  const part = (type: Intl.DateTimeFormatPartTypes) => CASABLANCA.formatToParts(t).find((p) => p.type === type)?.value ?? '';
  const hour = part('hour') === '24' ? '00' : part('hour');
  return `${part('day')}/${part('month')}/${part('year')} ${hour}:${part('minute')}`;
}

/** The time zone of every time the app shows (the PDFs use it too). */
export const TIME_ZONE = 'Africa/Casablanca';

const CASABLANCA = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const MONTHS: Readonly<Record<Lang, readonly string[]>> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  // Moroccan usage, as in Go's domain.Period.Label.
  ar: ['يناير', 'فبراير', 'مارس', 'أبريل', 'ماي', 'يونيو', 'يوليوز', 'غشت', 'شتنبر', 'أكتوبر', 'نونبر', 'دجنبر'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const SHORT_MONTHS: Readonly<Record<Lang, readonly string[]>> = {
  fr: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
  ar: MONTHS.ar,
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** isPeriod reports whether s is a valid "AAAAMM" period. */
export function isPeriod(s: string): boolean {
  const m = /^(\d{4})(\d{2})$/.exec(s);
  if (m === null) return false;
  const mo = Number(m[2]);
  return mo >= 1 && mo <= 12;
}

/** formatPeriod turns "202601" into "janvier 2026" / "يناير 2026" / "January 2026". */
export function formatPeriod(p: string, lang: Lang, short = false): string {
  if (!isPeriod(p)) return p;
  const names = short ? SHORT_MONTHS[lang] : MONTHS[lang];
  return `${names[Number(p.slice(4, 6)) - 1] ?? ''} ${p.slice(0, 4)}`;
}

/** addMonths moves a period by n months: addMonths("202601", -1) = "202512". */
export function addMonths(p: string, n: number): string {
  const i = Number(p.slice(0, 4)) * 12 + Number(p.slice(4, 6)) - 1 + n;
  const y = Math.floor(i / 12);
  const m = (i % 12) + 1;
  return `${String(y)}${String(m).padStart(2, '0')}`;
}

/**
 * currentPeriod is the period an employer declares now: the month before
 * today's (January's salaries are declared in February, before the 10th).
 */
export function currentPeriod(now: Date = new Date()): string {
  const p = `${String(now.getFullYear())}${String(now.getMonth() + 1).padStart(2, '0')}`;
  return addMonths(p, -1);
}

/** todayDate8 is today as "AAAAMMJJ" in local time. */
export function todayDate8(now: Date = new Date()): string {
  return `${String(now.getFullYear())}${String(now.getMonth() + 1).padStart(2, '0')}${String(now.getDate()).padStart(2, '0')}`;
}

/** formatBytes: 1536 → "1,5 Ko" (fr) / "1.5 KB" (en). */
export function formatBytes(n: number, lang: Lang): string {
  const units = lang === 'fr' ? ['o', 'Ko', 'Mo', 'Go'] : lang === 'ar' ? ['B', 'KB', 'MB', 'GB'] : ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const s = u === 0 ? String(v) : v.toFixed(1);
  return `${lang === 'fr' ? s.replace('.', ',') : s} ${units[u] ?? ''}`;
}

/** normalizeSearch folds case and accents so "Élise" matches "elise". */
export function normalizeSearch(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

/**
 * ltr wraps a number, amount, date, path or code in Unicode isolates
 * (LRI … PDI) so that it keeps its left-to-right order inside a sentence of
 * a right-to-left language: "94 533,00 MAD" would otherwise be reordered
 * group by group in Arabic.
 */
export function ltr(s: string): string {
  return `\u2066${s}\u2069`;
}
