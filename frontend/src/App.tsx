import { useEffect, useState } from 'react';
import { type BuildInfo, type Language, getLanguages, getVersion, versionLabel } from './api/system';
import { DEFAULT_LANG, type Lang, LANGS, applyLanguage, dirOf } from './i18n/lang';
import { MESSAGES } from './i18n/messages';

// Shown until Go answers, so the switcher works from the first frame.
const FALLBACK_LANGUAGES: readonly Language[] = [
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'en', name: 'English', dir: 'ltr' },
];

type VersionState = { state: 'loading' } | { state: 'ok'; info: BuildInfo } | { state: 'error' };

export default function App() {
  // The choice lives in memory only; a Settings service will persist it.
  const [lang, setLang] = useState<Lang>(DEFAULT_LANG);
  const [languages, setLanguages] = useState<readonly Language[]>(FALLBACK_LANGUAGES);
  const [version, setVersion] = useState<VersionState>({ state: 'loading' });
  const t = MESSAGES[lang];

  useEffect(() => {
    applyLanguage(document.documentElement, lang);
  }, [lang]);

  useEffect(() => {
    let live = true;
    getVersion().then(
      (info) => live && setVersion({ state: 'ok', info }),
      () => live && setVersion({ state: 'error' }),
    );
    getLanguages().then(
      (list) => live && list.length > 0 && setLanguages(list),
      () => undefined, // keep the built-in list
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <img className="brand-mark" src="/appicon.png" alt="" width={40} height={40} />
          <div>
            <h1 className="brand-name">Tasrih</h1>
            <p className="brand-tagline">{t.tagline}</p>
          </div>
        </div>
        <div className="lang-switch" role="group" aria-label={t.languageLabel}>
          {languages
            .filter((l) => LANGS.includes(l.code))
            .map((l) => (
              <button
                key={l.code}
                type="button"
                lang={l.code}
                dir={dirOf(l.code)}
                className={l.code === lang ? 'lang-btn lang-btn-active' : 'lang-btn'}
                aria-pressed={l.code === lang}
                onClick={() => setLang(l.code)}
              >
                {l.name}
              </button>
            ))}
        </div>
      </header>

      <main className="content">
        <section className="card">
          <p className="intro">{t.intro}</p>
          <p className="privacy">{t.privacy}</p>
        </section>

        <section className="card" aria-labelledby="cli-title">
          <h2 id="cli-title">{t.cliTitle}</h2>
          <p>{t.cliIntro}</p>
          <dl className="commands">
            <dt>
              <code dir="ltr">tasrih declare</code>
            </dt>
            <dd>{t.cliDeclare}</dd>
            <dt>
              <code dir="ltr">tasrih validate</code>
            </dt>
            <dd>{t.cliValidate}</dd>
          </dl>
          <p className="hint">{t.cliMore}</p>
        </section>
      </main>

      <footer className="footer">
        <span>{t.versionLabel}</span>{' '}
        <bdi className="version" data-testid="version">
          {version.state === 'ok'
            ? versionLabel(version.info)
            : version.state === 'loading'
              ? t.versionLoading
              : t.versionError}
        </bdi>
      </footer>
    </div>
  );
}
