// @vitest-environment jsdom
import '../test/dom';
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MonthRow, Workspace } from '../api/types';
import { ToastProvider } from '../components/Toast';
import { I18nProvider } from '../i18n/context';
import { mkRow } from '../lib/testdata';
import { type Work, WorkContext } from '../state/work';
import { SubmitScreen } from './Submit';

function workspace(rows: MonthRow[]): Workspace {
  return {
    employer_id: 'er1',
    affiliation: '1234567',
    period: '202601',
    preetabli: null,
    rows,
    findings: [],
    errors: 0,
    warnings: 0,
    totals: { employees: rows.length, days: 52, real: 1300000, capped: 1200000 },
    estimate: { branches: [], employer: 100000, employee: 50000, total: 150000 },
    due_date: '20260210',
    max_days: 26,
    declarations: [
      {
        id: 'd1', employer_id: 'er1', period: '202601', kind: 'principal', sequence: 0, status: 'submitted',
        file_name: 'DS_1234567_202601.txt', sha256: 'ab', errors: 0, warnings: 0, created_at: '', updated_at: '', frozen_at: '',
        flags: { frozen: true, can_submit: false, can_export: true, needs_regenerate: false, deposited: false },
      },
    ],
    lifecycle: { frozen: true, can_complement: false, needs_regenerate: false },
    counts: { current: rows.length },
    prefilled: false,
    previous_month: false,
  };
}

afterEach(() => {
  delete (window as unknown as { go?: unknown }).go;
});

describe('SubmitScreen deposit attempts', () => {
  it('shows the deposit attempts of the declaration being submitted', async () => {
    const attempts = vi.fn(() => Promise.resolve([]));
    (window as unknown as { go: unknown }).go = {
      app: {
        Month: { Load: vi.fn(() => Promise.resolve(workspace([mkRow(0), mkRow(1)]))) },
        Submissions: { Profiles: vi.fn(() => Promise.resolve([])), List: vi.fn(() => Promise.resolve([])) },
        Receipts: { Attempts: attempts },
      },
    };
    const work = {
      screen: 'submit', creatingEmployer: false, go: () => undefined, employerId: 'er1', setEmployerId: () => undefined,
      period: '202601', setPeriod: () => undefined, declarationId: 'd1', dashboard: undefined, dashboardError: undefined,
      reloadDashboard: () => Promise.resolve(), employer: undefined, lock: () => undefined,
    } as unknown as Work;
    render(
      <I18nProvider lang="fr">
        <ToastProvider>
          <WorkContext.Provider value={work}>
            <SubmitScreen />
          </WorkContext.Provider>
        </ToastProvider>
      </I18nProvider>,
    );
    await waitFor(() => expect(attempts).toHaveBeenCalledWith('d1'));
    expect(screen.getByTestId('deposit-attempts').textContent).toContain('Tentatives de dépôt');
  });
});

describe('SubmitScreen submissions (issue 15 walks)', () => {
  function show(subs: unknown[], result: unknown) {
    (window as unknown as { go: unknown }).go = {
      app: {
        Month: { Load: vi.fn(() => Promise.resolve(workspace([mkRow(0)]))) },
        Submissions: {
          Profiles: vi.fn(() => Promise.resolve([])),
          List: vi.fn(() => Promise.resolve(subs)),
          Result: vi.fn(() => Promise.resolve(result)),
        },
        Receipts: { Attempts: vi.fn(() => Promise.resolve([])) },
      },
    };
    const work = {
      screen: 'submit', creatingEmployer: false, go: () => undefined, employerId: 'er1', setEmployerId: () => undefined,
      period: '202601', setPeriod: () => undefined, declarationId: 'd1', dashboard: undefined, dashboardError: undefined,
      reloadDashboard: () => Promise.resolve(), employer: undefined, lock: () => undefined,
    } as unknown as Work;
    render(
      <I18nProvider lang="fr">
        <ToastProvider>
          <WorkContext.Provider value={work}>
            <SubmitScreen />
          </WorkContext.Provider>
        </ToastProvider>
      </I18nProvider>,
    );
  }
  const sub = (over: Record<string, unknown>) => ({
    id: 's1', declaration_id: 'd1', employer_id: 'er1', profile: 'sandbox', sha256: 'ab', state: 'queued', attempts: 1,
    created_at: '2026-01-05T09:00:00Z', updated_at: '2026-01-05T09:00:00Z', ...over,
  });

  it('the platform down: queued, why, and when Tasrih sends it again (Casablanca time) — never "unexpected error"', async () => {
    show([sub({ state: 'sending', last_error: 'platform.internal', next_attempt_at: '2026-01-05T09:10:00Z' })], null);
    const retry = await screen.findByTestId('sub-retry');
    expect(retry.textContent).toContain('La plateforme répond par une erreur de son côté.');
    expect(retry.textContent).toContain('vers 05/01/2026 10:10 (heure de Casablanca)');
    expect(screen.getByTestId('submission-state').textContent).toContain("En file d'attente");
    expect(screen.getByTestId('submission').textContent).not.toContain('inattendue');
  });

  it('a rejected deposit shows its control report, blocking items first; "Redéposer" only on the latest submission', async () => {
    show(
      [sub({ id: 's1', state: 'rejected' }), sub({ id: 's2', state: 'accepted', acknowledgement_number: 'SBX-1' })],
      {
        submission_id: 's1', declaration_id: 'd1', deposit_id: 'x', status: 'rejected', processed_at: '',
        control_report: [
          { rule: 'EMP-ORDER', severity: 'warning', line: 4, message: 'ordre du préétabli' },
          { rule: 'EMP-MISSING', severity: 'error', line: 7, message: 'salarié du préétabli non déclaré' },
        ],
      },
    );
    const report = await screen.findByTestId('control-report-items');
    const items = [...report.querySelectorAll('li')].map((li) => li.textContent ?? '');
    expect(items[0]).toContain('EMP-MISSING');
    expect(items[0]).toContain('ligne 7');
    expect(items[1]).toContain('EMP-ORDER');
    expect(report.textContent).toContain('rapport de contrôle (2 point(s))');
    expect(screen.queryByTestId('resubmit')).toBeNull();
  });
});
