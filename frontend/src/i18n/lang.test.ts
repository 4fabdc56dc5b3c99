import { describe, expect, it, vi } from 'vitest';
import { LANGS, type LangTarget, applyLanguage, dirOf, parseLang } from './lang';
import { MESSAGES, type MsgKey, translate } from './messages';

describe('dirOf', () => {
  it('lays Arabic out right to left and the others left to right', () => {
    expect(dirOf('ar')).toBe('rtl');
    expect(dirOf('fr')).toBe('ltr');
    expect(dirOf('en')).toBe('ltr');
  });
});

describe('applyLanguage', () => {
  it('mirrors the root for Arabic and back again', () => {
    const root: LangTarget = { lang: 'fr', dir: 'ltr' };
    applyLanguage(root, 'ar');
    expect(root).toEqual({ lang: 'ar', dir: 'rtl' });
    applyLanguage(root, 'en');
    expect(root).toEqual({ lang: 'en', dir: 'ltr' });
    applyLanguage(root, 'fr');
    expect(root).toEqual({ lang: 'fr', dir: 'ltr' });
  });
});

describe('parseLang', () => {
  it.each([
    ['fr', 'fr'],
    ['AR', 'ar'],
    [' en ', 'en'],
    ['ar-MA', 'ar'],
    ['fr_FR', 'fr'],
  ] as const)('%s → %s', (s, want) => {
    expect(parseLang(s)).toBe(want);
  });

  it.each(['', 'de', 'arabic', 'e', null, undefined])('rejects %s', (s) => {
    expect(parseLang(s)).toBeUndefined();
  });
});

describe('MESSAGES', () => {
  it('has a non-empty text for every key in every language', () => {
    const keys = Object.keys(MESSAGES.fr);
    for (const l of LANGS) {
      expect(Object.keys(MESSAGES[l]).sort()).toEqual([...keys].sort());
      for (const k of keys) {
        expect(MESSAGES[l][k as keyof typeof MESSAGES.fr].trim(), `${l}.${k}`).not.toBe('');
      }
    }
  });

  it('is really translated: Arabic text is in Arabic script', () => {
    for (const v of Object.values(MESSAGES.ar)) {
      expect(v).toMatch(/[\u0600-\u06FF]/);
    }
  });
});

describe('translate with a key made at run time', () => {
  it('shows the key and reports it as a console error (the e2e fails on it), never throws', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(translate('en', 'sub_nonexistent' as MsgKey)).toBe('sub_nonexistent');
      expect(spy).toHaveBeenCalledWith('i18n: no message sub_nonexistent in en');
      spy.mockClear();
      expect(translate('en', 'sub_queued')).toBe('Queued');
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});
