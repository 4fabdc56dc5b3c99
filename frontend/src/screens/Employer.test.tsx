// @vitest-environment jsdom
import '../test/dom';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dashboard, DashboardRow, Employer, SessionStatus } from '../api/types';
import { ToastProvider } from '../components/Toast';
import { I18nProvider } from '../i18n/context';
import { Shell } from './Shell';

const status: SessionStatus = {
  has_vault: true,
  unlocked: true,
  data_dir: '/tmp/x',
  remembered: true,
  keyring_banner: '',
  lang: 'fr',
  auto_lock_minutes: 5,
  retry_in_seconds: 0,
  method: 'passphrase',
  recovery_pending: false,
};

function employer(id: string, affiliation: string, name: string): Employer {
  return {
    id,
    affiliation,
    name,
    ice: '',
    if: '',
    rc: '',
    activity: '',
    address: '',
    city: '',
    postal_code: '',
    agency: '',
    platform_profile: 'manual',
    amo_solidarity_only: false,
    deadline_overrides: [],
  };
}

function row(e: Employer): DashboardRow {
  return {
    employer_id: e.id,
    affiliation: e.affiliation,
    name: e.name,
    profile: e.platform_profile,
    employees: 0,
    period: '202601',
    state: 'not_started',
    deadline: '20260210',
    preetabli_imported: false,
    preetabli_employees: 0,
    lines: 0,
    declarations: 0,
    errors: 0,
    warnings: 0,
    updated_at: '2026-01-01T00:00:00Z',
    due_date: '20260210',
    days_left: 5,
    urgency: 'ok',
    history: [],
    attempts_failed: false,
  } as DashboardRow;
}

// An in-memory vault of employers behind the same bound methods as Go's.
let vault: Map<string, Employer>;
let create: ReturnType<typeof vi.fn>;
let update: ReturnType<typeof vi.fn>;

beforeEach(() => {
  vault = new Map([['er1', employer('er1', '1234567', 'ATLAS SARL')]]);
  let next = 2;
  create = vi.fn((e: Employer) => {
    const id = `er${String(next++)}`;
    const saved = { ...e, id };
    vault.set(id, saved);
    return Promise.resolve(saved);
  });
  update = vi.fn((e: Employer) => {
    if (!vault.has(e.id)) return Promise.reject(new Error(JSON.stringify({ code: 'store.not_found', message: 'x', fields: [] })));
    vault.set(e.id, e);
    return Promise.resolve(e);
  });
  const dashboard = (): Promise<Dashboard> => Promise.resolve({ period: '202601', today: '20260115', rows: [...vault.values()].map(row), counts: {} });
  (window as unknown as { go: unknown }).go = {
    app: {
      Employers: {
        Dashboard: dashboard,
        Get: (id: string) => Promise.resolve(vault.get(id)),
        Create: create,
        Update: update,
        Validate: () => Promise.resolve([]),
        Logins: () => Promise.resolve([]),
      },
      Session: { Touch: () => Promise.resolve() },
    },
  };
});

afterEach(() => {
  delete (window as unknown as { go?: unknown }).go;
});

function shell() {
  return render(
    <I18nProvider lang="fr">
      <ToastProvider>
        <Shell status={status} lang="fr" onLang={() => undefined} onLocked={() => undefined} />
      </ToastProvider>
    </I18nProvider>,
  );
}

describe('Nouvel employeur (issue 15.1)', () => {
  it('with exactly one employer, opens a blank form and creates a second one, leaving the first untouched', async () => {
    shell();
    // The single employer is selected in the header (the convenience kept for a company).
    await waitFor(() => expect(screen.getByTestId<HTMLSelectElement>('employer-select').value).toBe('er1'));
    fireEvent.click(screen.getByTestId('add-employer'));
    const aff = await screen.findByTestId<HTMLInputElement>('f-affiliation');
    // Give the auto-selection every chance to run: the form must stay blank.
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByTestId<HTMLInputElement>('f-affiliation').value).toBe('');
    expect(screen.getByTestId<HTMLInputElement>('f-name').value).toBe('');
    fireEvent.change(aff, { target: { value: '7654321' } });
    fireEvent.change(screen.getByTestId('f-name'), { target: { value: 'RIF TRANSPORT' } });
    fireEvent.click(screen.getByTestId('employer-save'));
    await waitFor(() => expect(create).toHaveBeenCalledTimes(1));
    expect(update).not.toHaveBeenCalled();
    expect(vault.size).toBe(2);
    expect(vault.get('er1')).toMatchObject({ affiliation: '1234567', name: 'ATLAS SARL' });
  });

  it('creates again after a first creation: the new form is blank each time', async () => {
    shell();
    for (const [aff, name] of [
      ['7654321', 'RIF'],
      ['1111111', 'SOUSS'],
    ] as const) {
      fireEvent.click(await screen.findByTestId('nav-portfolio'));
      fireEvent.click(await screen.findByTestId('add-employer'));
      const input = await screen.findByTestId<HTMLInputElement>('f-affiliation');
      await new Promise((r) => setTimeout(r, 20));
      expect(input.value).toBe('');
      fireEvent.change(input, { target: { value: aff } });
      fireEvent.change(screen.getByTestId('f-name'), { target: { value: name } });
      fireEvent.click(screen.getByTestId('employer-save'));
      await waitFor(() => expect([...vault.values()].some((e) => e.affiliation === aff)).toBe(true));
    }
    expect(update).not.toHaveBeenCalled();
    expect(vault.size).toBe(3);
  });

  it('asks before an edit changes the affiliation number, and saves nothing when the user declines', async () => {
    shell();
    await waitFor(() => expect(screen.getByTestId<HTMLSelectElement>('employer-select').value).toBe('er1'));
    fireEvent.click(screen.getByTestId('nav-employer'));
    const aff = await screen.findByTestId<HTMLInputElement>('f-affiliation');
    await waitFor(() => expect(aff.value).toBe('1234567'));
    fireEvent.change(aff, { target: { value: '7654321' } });
    fireEvent.click(screen.getByTestId('employer-save'));
    const dialog = await screen.findByTestId('affiliation-change');
    expect(dialog.textContent).toContain('1234567');
    expect(dialog.textContent).toContain('7654321');
    expect(update).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('affiliation-change-cancel'));
    await waitFor(() => expect(screen.queryByTestId('affiliation-change')).toBeNull());
    expect(update).not.toHaveBeenCalled();
    expect(vault.get('er1')?.affiliation).toBe('1234567');
    fireEvent.click(screen.getByTestId('employer-save'));
    fireEvent.click(await screen.findByTestId('affiliation-change-confirm'));
    await waitFor(() => expect(update).toHaveBeenCalledTimes(1));
    expect(vault.get('er1')?.affiliation).toBe('7654321');
    expect(vault.size).toBe(1);
  });

  // Issue 15.8: a wrong check digit is said at once, and saving is not blocked.
  it('says at once that the affiliation check digit is wrong, and still saves', async () => {
    const warn = { field: 'affiliation', code: 'employer.affiliation_check', message: 'le dernier chiffre ne correspond pas à la clé de contrôle' };
    const app = (window as unknown as { go: { app: { Employers: Record<string, unknown> } } }).go.app;
    app.Employers['Warnings'] = (e: Employer) => Promise.resolve(e.affiliation === '7654320' ? [warn] : []);
    shell();
    fireEvent.click(await screen.findByTestId('add-employer'));
    const aff = await screen.findByTestId<HTMLInputElement>('f-affiliation');
    fireEvent.change(aff, { target: { value: '7654320' } });
    fireEvent.change(screen.getByTestId('f-name'), { target: { value: 'RIF' } });
    expect(await screen.findByText(/clé de contrôle/, undefined, { timeout: 2000 })).toBeTruthy();
    fireEvent.click(screen.getByTestId('employer-save'));
    await waitFor(() => expect(create).toHaveBeenCalledTimes(1));
  });
});

// Issue 15.8: after an unlock the user comes back where they were.
describe('Shell place', () => {
  it('opens where the user was and reports every move', async () => {
    const onPlace = vi.fn();
    render(
      <I18nProvider lang="fr">
        <ToastProvider>
          <Shell status={status} lang="fr" onLang={() => undefined} onLocked={() => undefined} place={{ screen: 'audit', employerId: 'er1', period: '202511' }} onPlace={onPlace} />
        </ToastProvider>
      </I18nProvider>,
    );
    expect(screen.getByTestId('screen-audit')).toBeTruthy();
    expect(screen.getByTestId<HTMLSelectElement>('period-select').value).toBe('202511');
    await waitFor(() => expect(onPlace).toHaveBeenLastCalledWith({ screen: 'audit', employerId: 'er1', period: '202511' }));
    fireEvent.click(screen.getByTestId('nav-portfolio'));
    await waitFor(() => expect(onPlace).toHaveBeenLastCalledWith({ screen: 'portfolio', employerId: 'er1', period: '202511' }));
  });

  it('falls back to the portfolio when the place needs an employer and none is kept', () => {
    render(
      <I18nProvider lang="fr">
        <ToastProvider>
          <Shell status={status} lang="fr" onLang={() => undefined} onLocked={() => undefined} place={{ screen: 'month', employerId: null, period: '202511' }} />
        </ToastProvider>
      </I18nProvider>,
    );
    expect(screen.getByTestId('screen-portfolio')).toBeTruthy();
  });
});
