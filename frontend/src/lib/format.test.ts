import { describe, expect, it } from 'vitest';
import { formatMAD } from './format';

describe('formatMAD', () => {
  // Same expectations as Go's domain.Money.FormatMAD.
  const cases: Array<[number, string]> = [
    [0, '0,00 MAD'],
    [5, '0,05 MAD'],
    [99, '0,99 MAD'],
    [100, '1,00 MAD'],
    [123456, '1 234,56 MAD'],
    [100000, '1 000,00 MAD'],
    [99999999, '999 999,99 MAD'],
    [100000000, '1 000 000,00 MAD'],
    [-5, '-0,05 MAD'],
    [-123456, '-1 234,56 MAD'],
    [Number.MAX_SAFE_INTEGER, '90 071 992 547 409,91 MAD'],
  ];
  it.each(cases)('%d centimes → %s', (centimes, want) => {
    expect(formatMAD(centimes)).toBe(want);
  });

  it.each([1.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 1])('refuses %d', (v) => {
    expect(() => formatMAD(v)).toThrow(RangeError);
  });
});
