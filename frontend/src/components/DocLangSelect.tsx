import { useI18n } from '../i18n/context';
import { LANGS, type Lang, dirOf } from '../i18n/lang';

const NAMES: Readonly<Record<Lang, string>> = { fr: 'Français', ar: 'العربية', en: 'English' };

/**
 * DocLangSelect chooses the language of the documents (receipts, summaries,
 * evidence packs): three buttons, each language written in itself. The
 * caller starts it at the UI language.
 */
export function DocLangSelect({ value, onChange }: { value: Lang; onChange: (l: Lang) => void }) {
  const { t } = useI18n();
  return (
    <div className="segmented" role="group" aria-label={t('docLanguage')} title={t('docLanguage')}>
      {LANGS.map((l) => (
        <button key={l} type="button" lang={l} dir={dirOf(l)} aria-pressed={l === value} onClick={() => onChange(l)} data-testid={`doc-lang-${l}`}>
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}
