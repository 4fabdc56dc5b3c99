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
