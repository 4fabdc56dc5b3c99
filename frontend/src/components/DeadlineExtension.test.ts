import { describe, expect, it } from 'vitest';
import { showDate8, toDate8 } from './DeadlineExtension';

describe('deadline extension dates', () => {
  it('turns a date input into AAAAMMJJ and back', () => {
    expect(toDate8('2025-07-15')).toBe('20250715');
    expect(showDate8('20250715')).toBe('15/07/2025');
  });
  it('refuses what is not a date', () => {
    expect(toDate8('15/07/2025')).toBe('');
    expect(toDate8('')).toBe('');
    expect(showDate8('x')).toBe('x');
  });
});
