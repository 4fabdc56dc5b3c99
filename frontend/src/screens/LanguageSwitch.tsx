import { useI18n } from '../i18n/context';
import { LANGS, type Lang, dirOf } from '../i18n/lang';

const NAMES: Readonly<Record<Lang, string>> = { fr: 'Français', ar: 'العربية', en: 'English' };

/** LanguageSwitch: three buttons, each language written in itself. */
export function LanguageSwitch({ lang, onChange }: { lang: Lang; onChange: (l: Lang) => void }) {
  const { t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('languageLabel')}>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          dir={dirOf(l)}
          className={l === lang ? 'lang-btn lang-btn-active' : 'lang-btn'}
          aria-pressed={l === lang}
          onClick={() => onChange(l)}
          data-testid={`lang-${l}`}
        >
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}
