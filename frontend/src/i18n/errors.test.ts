import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { LANGS } from './lang';
import { ERROR_TEXTS, errorText, fieldErrors } from './errors';

describe('ERROR_TEXTS', () => {
  it('has a sentence in the three languages for every code, Arabic in Arabic script', () => {
    for (const [code, t] of Object.entries(ERROR_TEXTS)) {
      for (const l of LANGS) expect(t[l].trim(), `${code}.${l}`).not.toBe('');
      expect(t.ar, code).toMatch(/[\u0600-\u06FF]/);
      expect(t.fr, code).toMatch(/[.!?]$/);
    }
  });
});

describe('errorText', () => {
  it("shows Go's message, already in the user's language, for a code of Go's", () => {
    const e = new ApiError('vault.wrong_secret', 'wrong passphrase or recovery code');
    expect(errorText(e, 'en')).toBe('Wrong passphrase or recovery code.');
    expect(errorText(e, 'fr')).toBe('Wrong passphrase or recovery code.');
  });

  it('keeps no translation of a code Go sends', () => {
    for (const code of ['vault.wrong_secret', 'id.ice.check', 'session.locked', 'platform.login_required']) {
      expect(ERROR_TEXTS[code], code).toBeUndefined();
    }
  });

  it("uses the table for the page's own codes: the bridge's text is never shown", () => {
    const e = new ApiError('bridge.failed', 'TypeError: window.go is undefined');
    expect(errorText(e, 'en')).toMatch(/^Tasrih could not reach its engine/);
    expect(errorText(e, 'ar')).toMatch(/[\u0600-\u06FF]/);
  });

  it("uses the table for the money parser's codes raised in the page (no message)", () => {
    expect(errorText({ code: 'money.decimals', message: '' }, 'en')).toBe(ERROR_TEXTS['money.decimals']!.en);
  });

  it("falls back to Go's message (already in the user language), as a sentence", () => {
    expect(errorText({ code: 'import.unknown_column', message: 'colonne inconnue : « Xyz »' }, 'fr')).toBe('Colonne inconnue : « Xyz ».');
  });

  it('falls back to the generic sentence when there is nothing to say', () => {
    expect(errorText({ code: 'x.y', message: ' ' }, 'fr')).toMatch(/^Une erreur inattendue/);
  });

  it('maps field errors by field, first one wins', () => {
    const e = new ApiError('validation.failed', 'invalide', [
      { field: 'ice', code: 'id.ice.check', message: 'clé ICE' },
      { field: 'ice', code: 'id.ice.length', message: 'longueur' },
      { field: 'name', code: 'validation.required', message: 'le nom est obligatoire' },
    ]);
    expect(fieldErrors(e, 'fr')).toEqual({
      ice: 'Clé ICE.',
      name: 'Le nom est obligatoire.',
    });
  });
});
