// @vitest-environment jsdom
import '../test/dom';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/context';
import { DepositAttempts, type DepositAttempt } from './DepositAttempts';
import { ToastProvider } from './Toast';

const DECL = '0190f0e0-0000-7000-8000-00000000000a';

function mockGo(list: DepositAttempt[]) {
  const Attempts = vi.fn(() => Promise.resolve(list));
  const RecordPortalFailure = vi.fn((id: string, note: string, shot: string) => {
    const a: DepositAttempt = {
      id: `a${String(list.length + 1)}`,
      declaration_id: id,
      employer_id: 'er1',
      period: '202601',
      channel: 'manual',
      action: 'portal',
      outcome: 'portal_down',
      note,
      has_screenshot: shot !== '',
      file_name: 'DS_1234567_202601.txt',
      sha256: 'ab'.repeat(32),
      operator: 'op',
      at: '2026-02-10T23:30:00Z',
    };
    list.push(a);
    return Promise.resolve(a);
  });
  (window as unknown as { go: unknown }).go = { app: { Receipts: { Attempts, RecordPortalFailure } } };
  return { Attempts, RecordPortalFailure };
}

describe('DepositAttempts', () => {
  it('lists the attempts in Casablanca time and records "the portal does not work"', async () => {
    const go = mockGo([
      {
        id: 'a1',
        declaration_id: DECL,
        employer_id: 'er1',
        period: '202601',
        channel: 'api',
        action: 'deposit',
        outcome: 'network_error',
        answer: 'network — connection refused',
        has_screenshot: false,
        file_name: 'DS_1234567_202601.txt',
        sha256: 'ab'.repeat(32),
        operator: 'op',
        at: '2026-02-10T08:15:00Z',
      },
    ]);
    render(
      <I18nProvider lang="fr">
        <ToastProvider>
          <DepositAttempts declarationId={DECL} />
        </ToastProvider>
      </I18nProvider>,
    );
    await waitFor(() => expect(screen.getAllByTestId('attempt-row')).toHaveLength(1));
    expect(screen.getByText('10/02/2026 09:15')).toBeTruthy();
    expect(screen.getByText('Pas de réponse (réseau)')).toBeTruthy();

    fireEvent.click(screen.getByTestId('portal-down'));
    fireEvent.change(screen.getByTestId('attempt-note'), { target: { value: 'erreur 502' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('attempt-record'));
    });
    expect(go.RecordPortalFailure).toHaveBeenCalledWith(DECL, 'erreur 502', '');
    await waitFor(() => expect(screen.getAllByTestId('attempt-row')).toHaveLength(2));
    // 23:30 UTC on the 10th is the 11th in Casablanca.
    expect(screen.getByText('11/02/2026 00:30')).toBeTruthy();
  });

  it('refuses a screenshot over 5 MiB before calling Go', async () => {
    const go = mockGo([]);
    render(
      <I18nProvider lang="en">
        <ToastProvider>
          <DepositAttempts declarationId={DECL} />
        </ToastProvider>
      </I18nProvider>,
    );
    await waitFor(() => expect(screen.getByText('No deposit attempt recorded.')).toBeTruthy());
    fireEvent.click(screen.getByTestId('portal-down'));
    const big = new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'shot.png', { type: 'image/png' });
    fireEvent.change(screen.getByTestId('attempt-screenshot'), { target: { files: [big] } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('attempt-record'));
    });
    expect(screen.getByText('Screenshot too large: at most 5 MB.')).toBeTruthy();
    expect(go.RecordPortalFailure).not.toHaveBeenCalled();
  });
});
