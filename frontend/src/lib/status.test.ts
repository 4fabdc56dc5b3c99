import { describe, expect, it } from 'vitest';
import type { SubmissionState } from '../api/types';
import { retryReason } from './status';

describe('retryReason', () => {
  const cases: Array<[SubmissionState, string | undefined, ReturnType<typeof retryReason>]> = [
    ['sending', 'platform.internal', 'down'],
    ['queued', 'platform.maintenance', 'maintenance'],
    ['queued', 'platform.network', 'network'],
    ['received', 'platform.network', 'network'], // a poll that got no answer
    ['queued', undefined, null],
    ['queued', 'platform.login_required', null], // waits for a login, not for the platform
    ['queued', 'platform.token_expired', null],
    ['failed', 'platform.already_declared', null],
    ['accepted', 'platform.internal', null], // final: nothing is retried
    ['rejected', 'platform.network', null],
  ];
  it.each(cases)('%s with %s → %s', (state, last_error, want) => {
    expect(retryReason({ state, last_error })).toBe(want);
  });
});
