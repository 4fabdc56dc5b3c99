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
  it('uses the sentence of the code in the user language', () => {
    const e = new ApiError('vault.wrong_secret', 'phrase de passe incorrecte');
    expect(errorText(e, 'en')).toMatch(/^Wrong passphrase/);
    expect(errorText(e, 'ar')).toMatch(/غير صحيح/);
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
      ice: ERROR_TEXTS['id.ice.check']!.fr,
      name: 'Le nom est obligatoire.',
    });
  });
});
