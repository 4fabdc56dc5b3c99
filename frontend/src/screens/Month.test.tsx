// @vitest-environment jsdom
import '../test/dom';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LineInput, MonthRow, Workspace } from '../api/types';
import { ToastProvider } from '../components/Toast';
import { I18nProvider } from '../i18n/context';
import { mkFinding, mkRow } from '../lib/testdata';
import { type Work, WorkContext } from '../state/work';
import { AUTOSAVE_MS, MonthScreen } from './Month';

function workspace(rows: MonthRow[], findings = [mkFinding(2)]): Workspace {
  return {
    employer_id: 'er1',
    affiliation: '1234567',
    period: '202601',
    preetabli: { employer_id: 'er1', period: '202601', file_name: 'AFFEBDS_1234567_202601.txt', employees: rows.length, sha256: 'x', imported_at: '2026-02-01T10:00:00Z', raw: null },
    rows,
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: 0,
    totals: { employees: rows.length, days: 130, real: 3250000, capped: 3000000 },
    estimate: { branches: [], employer: 100000, employee: 50000, total: 150000 },
    due_date: '20260210',
    max_days: 26,
    declarations: [],
    lifecycle: { frozen: false, can_complement: false, needs_regenerate: false },
    counts: { current: rows.length },
    prefilled: false,
    previous_month: false,
  };
}

const work: Work = {
  screen: 'month',
  creatingEmployer: false,
  go: () => undefined,
  employerId: 'er1',
  setEmployerId: () => undefined,
  period: '202601',
  setPeriod: () => undefined,
  declarationId: null,
  dashboard: undefined,
  dashboardError: undefined,
  reloadDashboard: () => Promise.resolve(),
  employer: undefined,
  lock: () => undefined,
};

let saveLines: ReturnType<typeof vi.fn>;
let load: ReturnType<typeof vi.fn>;

beforeEach(() => {
  const rows = Array.from({ length: 5 }, (_, i) => mkRow(i));
  load = vi.fn(() => Promise.resolve(workspace(rows)));
  saveLines = vi.fn((_e: string, _p: string, lines: LineInput[]) =>
    Promise.resolve(workspace(rows.map((r, i) => ({ ...r, gross: lines[i]!.gross, days: lines[i]!.days })), [])),
  );
  (window as unknown as { go: unknown }).go = { app: { Month: { Load: load, SaveLines: saveLines } } };
});

afterEach(() => {
  vi.useRealTimers();
  delete (window as unknown as { go?: unknown }).go;
});

async function open() {
  const utils = render(
    <I18nProvider lang="fr">
      <ToastProvider>
        <WorkContext.Provider value={work}>
          <MonthScreen />
        </WorkContext.Provider>
      </ToastProvider>
    </I18nProvider>,
  );
  await waitFor(() => expect(utils.container.querySelector('[data-cell="0:gross"]')).not.toBeNull());
  const cell = (k: string) => utils.container.querySelector<HTMLInputElement>(`[data-cell="${k}"]`)!;
  return { ...utils, cell };
}

describe('MonthScreen', () => {
  it('loads the month of the employer and period chosen in the header', async () => {
    await open();
    expect(load).toHaveBeenCalledWith('er1', '202601');
    expect(screen.getByText(/Déclaration de janvier 2026/)).toBeTruthy();
    expect(screen.getByTestId('findings-count').textContent).toBe('1 erreur(s), 0 alerte(s)');
  });

  it("shows the month's totals as Go sends them (monthly.Totals)", async () => {
    await open();
    const line = screen.getByTestId('estimate').textContent!.replace(/\s/g, ' ');
    expect(line).toContain('5 salarié(s), 130 jours');
    expect(line).toMatch(/32 500,00/);
  });

  it('saves as you type, once, after a quiet delay, with every line', async () => {
    const { cell } = await open();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fireEvent.change(cell('0:gross'), { target: { value: '7 000' } });
    fireEvent.change(cell('0:gross'), { target: { value: '7 100,50' } });
    fireEvent.change(cell('1:days'), { target: { value: '20' } });
    expect(screen.getByTestId('save-state').dataset['state']).toBe('pending');
    await act(async () => {
      vi.advanceTimersByTime(AUTOSAVE_MS - 1);
    });
    expect(saveLines).not.toHaveBeenCalled();
    await act(async () => {
      vi.advanceTimersByTime(1);
    });
    expect(saveLines).toHaveBeenCalledTimes(1);
    const [employerId, period, lines] = saveLines.mock.calls[0]! as [string, string, LineInput[]];
    expect([employerId, period]).toEqual(['er1', '202601']);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual({ employee_id: 'e0', days: 26, gross: 710050, situation: '' });
    expect(lines[1]).toEqual({ employee_id: 'e1', days: 20, gross: 650000, situation: '' });
    vi.useRealTimers();
    // The answer brings the new findings: none left.
    await waitFor(() => expect(screen.getByTestId('findings-count').textContent).toBe('0 erreur(s), 0 alerte(s)'));
    expect(screen.getByTestId('save-state').dataset['state']).toBe('idle');
  });

  it("follows the period's maximum of days Go sends (24 here, not 26)", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => mkRow(i));
    load.mockImplementation(() => Promise.resolve({ ...workspace(rows), max_days: 24 }));
    const { cell } = await open();
    fireEvent.change(cell('1:days'), { target: { value: '25' } });
    expect(cell('1:days').getAttribute('aria-invalid')).toBe('true');
    expect(cell('1:days').title).toMatch(/0 à 24/);
    fireEvent.change(cell('2:days'), { target: { value: '24' } });
    expect(cell('2:days').getAttribute('aria-invalid')).not.toBe('true');
    fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    await waitFor(() => expect(saveLines).toHaveBeenCalledTimes(1));
    const lines = saveLines.mock.calls[0]![2] as LineInput[];
    expect(lines[2]!.days).toBe(24);
    expect(lines[1]!.days).toBe(mkRow(1).days); // 25 was never committed
  });

  it('Ctrl+S saves at once', async () => {
    const { cell } = await open();
    fireEvent.change(cell('3:days'), { target: { value: '10' } });
    fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    await waitFor(() => expect(saveLines).toHaveBeenCalledTimes(1));
    expect((saveLines.mock.calls[0]![2] as LineInput[])[3]!.days).toBe(10);
  });

  it('clicking a finding puts the focus in its cell', async () => {
    await open();
    fireEvent.click(screen.getByTestId('finding'));
    expect(document.activeElement?.getAttribute('data-cell')).toBe('2:gross');
  });

  it('a failed save says so, keeps the edits and retries', async () => {
    saveLines.mockImplementationOnce(() => Promise.reject(new Error(JSON.stringify({ code: 'session.locked', message: 'la session est verrouillée : déverrouillez le coffre pour continuer', fields: [] }))));
    const { cell } = await open();
    fireEvent.change(cell('0:gross'), { target: { value: '1 000' } });
    fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    const banner = await screen.findByTestId('save-error');
    expect(banner.textContent).toMatch(/n'ont pas pu être enregistrées/);
    expect(banner.textContent).toMatch(/déverrouillez le coffre/);
    expect(cell('0:gross').value).toBe('1 000');
    fireEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    await waitFor(() => expect(saveLines).toHaveBeenCalledTimes(2));
    expect((saveLines.mock.calls[1]![2] as LineInput[])[0]!.gross).toBe(100000);
    await waitFor(() => expect(screen.queryByTestId('save-error')).toBeNull());
  });

  it('saves what is pending when the screen goes away', async () => {
    const { cell, unmount } = await open();
    fireEvent.change(cell('4:gross'), { target: { value: '5 000' } });
    unmount();
    await waitFor(() => expect(saveLines).toHaveBeenCalledTimes(1));
    expect((saveLines.mock.calls[0]![2] as LineInput[])[4]!.gross).toBe(500000);
  });
});

describe('MonthScreen before a lock', () => {
  it('hands the save of pending edits to the lock, which waits for it', async () => {
    const { cell } = await open();
    fireEvent.change(cell('2:days'), { target: { value: '3' } });
    const waited: Promise<unknown>[] = [];
    window.dispatchEvent(new CustomEvent('tasrih:before-lock', { detail: { wait: (p: Promise<unknown>) => waited.push(p) } }));
    expect(waited).toHaveLength(1);
    await waited[0];
    expect(saveLines).toHaveBeenCalledTimes(1);
    expect((saveLines.mock.calls[0]![2] as LineInput[])[2]!.days).toBe(3);
  });

  // The page renders the lifecycle flags Go sends (internal/lifecycle), it does not compute them.
  it('renders Go\'s lifecycle flags: an outdated declaration asks for a regeneration, a frozen month is read-only', async () => {
    const rows = Array.from({ length: 2 }, (_, i) => mkRow(i));
    const decl = {
      id: 'd1', employer_id: 'er1', period: '202601', kind: 'principal' as const, sequence: 0, status: 'outdated' as const,
      file_name: 'DS_1234567_202601.txt', sha256: 'ab', errors: 0, warnings: 0, created_at: '', updated_at: '', frozen_at: '',
      flags: { frozen: false, can_submit: false, can_export: false, needs_regenerate: true, deposited: false },
    };
    load.mockImplementation(() =>
      Promise.resolve({ ...workspace(rows), declarations: [decl], lifecycle: { frozen: false, can_complement: false, needs_regenerate: true } }),
    );
    const first = await open();
    expect(screen.getByTestId('needs-regenerate').textContent).toContain('DS_1234567_202601.txt');
    expect(screen.getByTestId('decl-status').textContent).toBe('À régénérer');
    expect(first.cell('0:gross').readOnly).toBe(false);
    first.unmount();
    // Same declarations, but Go says the month is frozen: the grid is read-only.
    load.mockImplementation(() =>
      Promise.resolve({ ...workspace(rows), declarations: [{ ...decl, status: 'ready' as const, flags: { ...decl.flags, needs_regenerate: false, can_submit: true } }], lifecycle: { frozen: true, can_complement: false, needs_regenerate: false } }),
    );
    const second = await open();
    expect(screen.queryByTestId('needs-regenerate')).toBeNull();
    expect(second.cell('0:gross').readOnly).toBe(true);
  });

  // Issue 15.7: proposals say where they come from; "previous month" only when there was one.
  it('says where proposed values come from, and never claims a previous month that does not exist', async () => {
    const rows = [
      { ...mkRow(0), saved: false, source: 'employee_file' as const },
      { ...mkRow(1), saved: false, source: 'none' as const, days: 0, gross: 0 },
    ];
    load.mockImplementation(() => Promise.resolve({ ...workspace(rows), prefilled: true, previous_month: false }));
    const first = await open();
    expect(screen.getByTestId('prefilled-note').textContent).toContain('Aucun mois précédent');
    expect(screen.getByTestId('prefilled-note').textContent).not.toContain('repris');
    const marks = screen.getAllByTestId('row-source');
    expect(marks).toHaveLength(1);
    expect(marks[0]!.textContent).toContain('fiche salarié');
    first.unmount();
    load.mockImplementation(() =>
      Promise.resolve({ ...workspace([{ ...mkRow(0), saved: false, source: 'previous_month' as const }]), prefilled: true, previous_month: true }),
    );
    await open();
    expect(screen.getByTestId('prefilled-note').textContent).toContain('mois précédent');
    expect(screen.getByTestId('row-source').textContent).toContain('mois précédent');
  });

  // Issue 15.8: no "Enregistré" before anything was saved for the month.
  it('does not say "Enregistré" while nothing was saved for the month', async () => {
    const rows = [mkRow(0)];
    load.mockImplementation(() => Promise.resolve({ ...workspace(rows), prefilled: true }));
    const first = await open();
    expect(screen.getByTestId('save-state').textContent).toContain('Rien d’enregistré');
    first.unmount();
    load.mockImplementation(() => Promise.resolve({ ...workspace(rows), prefilled: false }));
    await open();
    expect(screen.getByTestId('save-state').textContent).toBe('Enregistré');
  });

  // Walk of the complementary declaration: the grid is frozen, so the days and
  // pay of a forgotten employee are typed in the complementary form and sent.
  it('sends the typed days and pay of a forgotten employee to the complementary declaration', async () => {
    const rows = [mkRow(0), mkRow(1, { category: 'entrant', days: 0, gross: 0, immatriculation: '' })];
    load.mockImplementation(() => Promise.resolve({ ...workspace(rows), lifecycle: { frozen: true, can_complement: true, needs_regenerate: false } }));
    const gen = vi.fn(() => Promise.resolve({ declaration: { file_name: 'DSC1_1234567_202601.txt' }, findings: [], valid: true }));
    (window as unknown as { go: { app: { Month: Record<string, unknown> } } }).go.app.Month['GenerateComplementary'] = gen;
    await open();
    fireEvent.click(screen.getByLabelText('NOM1 Prénom'));
    fireEvent.change(screen.getByTestId('comp-days'), { target: { value: '10' } });
    fireEvent.change(screen.getByTestId('comp-gross'), { target: { value: '1 250,00' } });
    fireEvent.click(screen.getByText('Générer la complémentaire'));
    await waitFor(() => expect(gen).toHaveBeenCalledTimes(1));
    expect((gen.mock.calls[0] as unknown[])[2]).toEqual([{ employee_id: 'e1', days: 10, gross: 125000, situation: '' }]);
  });
});

describe('MonthScreen deposit attempts', () => {
  it("shows the deposit attempts of the month's latest declaration that left the draft state, none for a draft", async () => {
    const rows = Array.from({ length: 2 }, (_, i) => mkRow(i));
    const decl = (id: string, status: 'draft' | 'ready' | 'submitted') => ({
      id, employer_id: 'er1', period: '202601', kind: 'principal' as const, sequence: 0, status,
      file_name: 'DS_1234567_202601.txt', sha256: 'ab', errors: 0, warnings: 0, created_at: '', updated_at: '', frozen_at: '',
      flags: { frozen: false, can_submit: false, can_export: false, needs_regenerate: false, deposited: false },
    });
    const attempts = vi.fn(() => Promise.resolve([]));
    const go = window as unknown as { go: { app: Record<string, unknown> } };
    go.go.app['Receipts'] = { Attempts: attempts };
    load.mockImplementation(() => Promise.resolve({ ...workspace(rows), declarations: [decl('d0', 'submitted'), decl('d1', 'ready')] }));
    const first = await open();
    await waitFor(() => expect(attempts).toHaveBeenCalledWith('d1'));
    expect(screen.getAllByTestId('deposit-attempts')).toHaveLength(1);
    expect(attempts).not.toHaveBeenCalledWith('d0');
    first.unmount();
    attempts.mockClear();
    load.mockImplementation(() => Promise.resolve({ ...workspace(rows), declarations: [decl('d2', 'draft')] }));
    await open();
    expect(screen.queryByTestId('deposit-attempts')).toBeNull();
    expect(attempts).not.toHaveBeenCalled();
  });
});
