import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { ApiError } from '../api/errors';
import { errorText } from './errors';
import { type Dir, type Lang, dirOf } from './lang';
import { type MsgKey, type Vars, translate } from './messages';

export interface I18n {
  lang: Lang;
  dir: Dir;
  t: (key: MsgKey, vars?: Vars) => string;
  /** err turns an error (ApiError, or anything thrown) into a sentence in lang. */
  err: (e: unknown) => string;
  /** pick chooses the text of a Go i18n.Text for lang (French if empty). */
  pick: (t: { fr: string; ar: string; en: string } | null | undefined) => string;
}

export function makeI18n(lang: Lang): I18n {
  return {
    lang,
    dir: dirOf(lang),
    t: (key, vars) => translate(lang, key, vars),
    err: (e) => {
      if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e) {
        return errorText(e as ApiError, lang);
      }
      return errorText({ code: 'internal.unexpected', message: '' }, lang);
    },
    pick: (t) => (t ? t[lang] || t.fr : ''),
  };
}

const Ctx = createContext<I18n>(makeI18n('fr'));

export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo(() => makeI18n(lang), [lang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  return useContext(Ctx);
}
