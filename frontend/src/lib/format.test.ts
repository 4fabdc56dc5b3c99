import { describe, expect, it } from 'vitest';
import {
  addMonths,
  currentPeriod,
  formatAmount,
  formatDate,
  formatDateTime,
  formatInt,
  formatMAD,
  formatPeriod,
  isPeriod,
  ltr,
  normalizeSearch,
  parseDate,
  parseMoney,
} from './format';
import dateVectors from '../../../internal/domain/testdata/date_vectors.json';
import moneyVectors from '../../../internal/domain/testdata/money_vectors.json';

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

  it('formatAmount is the same without the currency', () => {
    expect(formatAmount(850000)).toBe('8 500,00');
    expect(formatAmount(7)).toBe('0,07');
  });
});

describe('formatInt', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1 000'],
    [2014, '2 014'],
    [-1234567, '-1 234 567'],
  ])('%d → %s', (n, want) => expect(formatInt(n)).toBe(want));
});

describe('parseMoney (the rules of Go domain.ParseMoney)', () => {
  const ok: Array<[string, number]> = [
    ['0', 0],
    ['8500', 850000],
    ['8 500', 850000],
    ['8\u00a0500,5', 850050],
    ['8\u202f500,50', 850050],
    ["8'500.25", 850025],
    ['1 234,56 MAD', 123456],
    ['1234.56 DH', 123456],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['1.234.567', 123456700],
    ['1,234,567', 123456700],
    ['0,5', 50],
    [',5', 50],
    ['+12', 1200],
    ['-0', 0],
    ['999999999,99', 99999999999],
  ];
  it.each(ok)('%s → %d centimes', (s, want) => {
    expect(parseMoney(s)).toEqual({ ok: true, centimes: want });
  });

  const bad: Array<[string, string]> = [
    ['', 'money.empty'],
    ['  ', 'money.empty'],
    ['MAD', 'money.empty'],
    ['abc', 'money.syntax'],
    ['12a', 'money.syntax'],
    ['1.2.3,4', 'money.syntax'],
    ['12.34.567', 'money.syntax'],
    ['1,234.5,6', 'money.syntax'],
    ['8,500', 'money.decimals'],
    ['8.500', 'money.decimals'],
    ['1,234', 'money.decimals'],
    ['-5', 'money.negative'],
    ['-0,01', 'money.negative'],
    ['90071992547409,92', 'money.too_large'],
  ];
  it.each(bad)('%s → %s', (s, code) => {
    expect(parseMoney(s)).toEqual({ ok: false, code });
  });

  it('never goes through floating point', () => {
    // 0.29 * 100 = 28.999999999999996 in binary floating point.
    expect(parseMoney('0,29')).toEqual({ ok: true, centimes: 29 });
    expect(parseMoney('1 234 567,89')).toEqual({ ok: true, centimes: 123456789 });
  });
});

// The vectors Go's domain.ParseMoney is tested against (money_vectors_test.go):
// the page must give the same answer to every one it can carry.
describe('parseMoney agrees with Go on the shared vectors', () => {
  const vectors: ReadonlyArray<{ input: string; centimes?: string; error?: string }> = moneyVectors.vectors;
  it('reads the whole file', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(50);
  });
  it.each(vectors.map((v) => [JSON.stringify(v.input), v] as const))('%s', (_, v) => {
    const got = parseMoney(v.input);
    if (v.error !== undefined) {
      expect(got).toEqual({ ok: false, code: v.error });
    } else if (BigInt(v.centimes ?? '') > BigInt(Number.MAX_SAFE_INTEGER)) {
      // Beyond what a JavaScript number holds exactly: the page refuses it.
      expect(got).toEqual({ ok: false, code: 'money.too_large' });
    } else {
      expect(got).toEqual({ ok: true, centimes: Number(v.centimes) });
    }
  });
});

// The AAAAMMJJ vectors Go's domain.ParseDate is tested against.
describe('parseDate agrees with Go on the shared vectors', () => {
  it.each(dateVectors.vectors.map((v) => [v.input, v.valid] as const))('%s valid: %s', (input, valid) => {
    expect(parseDate(input)).toBe(valid ? input : undefined);
  });
});

describe('dates', () => {
  it('formats AAAAMMJJ as JJ/MM/AAAA and leaves the zero date empty', () => {
    expect(formatDate('20260131')).toBe('31/01/2026');
    expect(formatDate('')).toBe('');
    expect(formatDate(undefined)).toBe('');
  });

  it.each([
    ['31/01/2026', '20260131'],
    ['1/2/2026', '20260201'],
    ['29-02-2024', '20240229'],
    ['31.12.2025', '20251231'],
    ['2026-01-31', '20260131'],
    ['20260131', '20260131'],
    ['', ''],
  ])('parseDate(%s) = %s', (s, want) => expect(parseDate(s)).toBe(want));

  it.each(['31/02/2026', '29/02/2025', '00/01/2026', '12/13/2026', '1/1/26', 'demain', '2026/01/31x'])('parseDate refuses %s', (s) => {
    expect(parseDate(s)).toBeUndefined();
  });

  // Casablanca time, as on the PDFs (issue 15.8), whatever the computer's zone.
  it('formats RFC 3339 times in Casablanca time, and nothing for Go zero times', () => {
    expect(formatDateTime('2026-01-31T13:05:00Z')).toBe('31/01/2026 14:05'); // UTC+1
    expect(formatDateTime('2026-01-31T23:30:00-05:00')).toBe('01/02/2026 05:30');
    expect(formatDateTime('2026-06-01T00:30:00+01:00')).toBe('01/06/2026 00:30');
    expect(formatDateTime('2026-03-01T00:30:00+01:00')).toBe('28/02/2026 23:30'); // Ramadan: UTC+0
    expect(formatDateTime('0001-01-01T00:00:00Z')).toBe('');
    expect(formatDateTime('not a time')).toBe('');
  });
});

describe('periods', () => {
  it('names the month in each language, Moroccan Arabic month names included', () => {
    expect(formatPeriod('202601', 'fr')).toBe('janvier 2026');
    expect(formatPeriod('202608', 'ar')).toBe('غشت 2026');
    expect(formatPeriod('202612', 'en')).toBe('December 2026');
    expect(formatPeriod('202602', 'fr', true)).toBe('févr. 2026');
  });

  it('moves across years', () => {
    expect(addMonths('202601', -1)).toBe('202512');
    expect(addMonths('202512', 1)).toBe('202601');
    expect(addMonths('202603', -15)).toBe('202412');
  });

  it('the current period is the month before today', () => {
    expect(currentPeriod(new Date(2026, 1, 5))).toBe('202601');
    expect(currentPeriod(new Date(2026, 0, 15))).toBe('202512');
  });

  it('validates AAAAMM', () => {
    expect(isPeriod('202601')).toBe(true);
    expect(isPeriod('202613')).toBe(false);
    expect(isPeriod('2026')).toBe(false);
  });
});

describe('text helpers', () => {
  it('folds accents and case for searching', () => {
    expect(normalizeSearch('  Société ÉLITE  ')).toBe('societe elite');
  });

  it('isolates left-to-right text for Arabic sentences', () => {
    expect(ltr('94 533,00 MAD')).toBe('\u206694 533,00 MAD\u2069');
  });
});
