import { describe, expect, it } from 'vitest';
import { ApiError, CODE_BRIDGE, call, toApiError } from './errors';

describe('toApiError', () => {
  it('keeps the code, message and fields sent by Go', () => {
    const e = toApiError({
      code: 'money.syntax',
      message: 'montant invalide',
      fields: [{ field: 'salary', code: 'money.syntax', message: 'montant invalide' }, { bogus: 1 }],
    });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('money.syntax');
    expect(e.message).toBe('montant invalide');
    expect(e.fields).toEqual([{ field: 'salary', code: 'money.syntax', message: 'montant invalide' }]);
  });

  it('maps what Wails rejects with by itself to a bridge error', () => {
    expect(toApiError('error parsing arguments: x').code).toBe(CODE_BRIDGE);
    expect(toApiError(new Error('Call to x timed out')).message).toBe('Call to x timed out');
    expect(toApiError(undefined).code).toBe(CODE_BRIDGE);
    expect(toApiError({ code: 42 }).code).toBe(CODE_BRIDGE);
  });

  it('reads the JSON text Go sends inside an Error (Wails v2.15)', () => {
    const payload = { code: 'vault.wrong_secret', message: 'phrase de passe incorrecte', fields: [] };
    const e = toApiError(new Error(JSON.stringify(payload)));
    expect(e.code).toBe('vault.wrong_secret');
    expect(e.message).toBe('phrase de passe incorrecte');
    expect(toApiError(JSON.stringify({ ...payload, fields: [{ field: 'ice', code: 'id.ice.check', message: 'clé' }] })).fields).toHaveLength(1);
  });

  it('keeps a non-JSON Error message as a bridge error', () => {
    expect(toApiError(new Error('{not json')).code).toBe(CODE_BRIDGE);
    expect(toApiError(new Error('{"code": 1}')).code).toBe(CODE_BRIDGE);
  });

  it('tolerates a missing fields array', () => {
    expect(toApiError({ code: 'a.b', message: 'm' }).fields).toEqual([]);
  });
});

describe('call', () => {
  it('passes results through and rejects with ApiError', async () => {
    await expect(call(() => Promise.resolve(3))).resolves.toBe(3);
    await expect(call(() => Promise.reject({ code: 'x.y', message: 'm', fields: [] }))).rejects.toMatchObject({
      name: 'ApiError',
      code: 'x.y',
    });
  });
});
