// Interface languages and writing direction. The language list itself comes
// from Go (System.Languages); this module holds the logic that applies a
// choice to the document, which must work before that call returns.

export type Lang = 'fr' | 'ar' | 'en';
export type Dir = 'ltr' | 'rtl';

/** The supported languages, default (French) first — same order as Go's i18n.Langs. */
export const LANGS: readonly Lang[] = ['fr', 'ar', 'en'];

export const DEFAULT_LANG: Lang = 'fr';

/** Writing direction of a language: Arabic lays the whole window out right to left. */
export function dirOf(lang: Lang): Dir {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/**
 * parseLang accepts "fr", "ar" or "en" in any case, and regional tags such as
 * "ar-MA" or "fr_FR"; anything else is undefined.
 */
export function parseLang(s: string | null | undefined): Lang | undefined {
  if (!s) return undefined;
  const base = s.trim().toLowerCase().split(/[-_]/)[0];
  return LANGS.find((l) => l === base);
}

/** The part of <html> that carries the language; an interface so tests need no DOM. */
export interface LangTarget {
  lang: string;
  dir: string;
}

/**
 * applyLanguage sets lang and dir on the root element (document.documentElement):
 * the browser then mirrors the layout for Arabic, and CSS logical properties
 * (margin-inline-start, …) follow.
 */
export function applyLanguage(root: LangTarget, lang: Lang): void {
  root.lang = lang;
  root.dir = dirOf(lang);
}
