import { describe, expect, it } from 'vitest';
import { MAX_SCREENSHOT, casablancaTime } from './DepositAttempts';

describe('casablancaTime', () => {
  it('shows the Casablanca wall clock, whatever the machine zone', () => {
    // 10 February 2026, 23:30 UTC is past midnight in Casablanca (UTC+1).
    expect(casablancaTime('2026-02-10T23:30:00Z')).toBe('11/02/2026 00:30');
    expect(casablancaTime('2026-02-11T00:30:00+01:00')).toBe('11/02/2026 00:30');
  });
  it('shows nothing for a broken time', () => {
    expect(casablancaTime('not a time')).toBe('');
  });
  it('bounds screenshots like the store (5 MiB)', () => {
    expect(MAX_SCREENSHOT).toBe(5 * 1024 * 1024);
  });
});
