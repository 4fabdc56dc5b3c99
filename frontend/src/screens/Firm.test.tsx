// @vitest-environment jsdom
import '../test/dom';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dashboard, DashboardRow } from '../api/types';
import type { FirmDossier, FirmStatus } from '../api/firm';
import { ToastProvider } from '../components/Toast';
import { I18nProvider } from '../i18n/context';
import type { Lang } from '../i18n/lang';
import { type Work, WorkContext } from '../state/work';
import { FirmScreen } from './Firm';
import { PortfolioScreen } from './Portfolio';

const SECRET = 'sk-ne-doit-jamais-rester-42';
const INVITATION = 'tasrih-seat1:eyJpZCI6IjEyMyJ9';
const REF = 'tasrih-firm1:eyJmaXJtIjoiYWJjIn0';

function status(over: Partial<FirmStatus>): FirmStatus {
  return {
    set_up: false,
    has_seat: true,
    seat_id: 'k1',
    seat_name: 'Karim',
    invitation: INVITATION,
    founder: false,
    ref: '',
    settings: { endpoint: '', bucket: '', region: '', access_key: '' },
    seats: [],
    reachable: false,
    last_error: '',
    last_sync: '0001-01-01T00:00:00Z',
    dossiers: 0,
    ...over,
  };
}

const SETUP = status({
  set_up: true,
  founder: true,
  ref: REF,
  reachable: true,
  settings: { endpoint: 'http://127.0.0.1:8333', bucket: 'cabinet', region: '', access_key: 'AK' },
  seats: [
    { id: 'k1', name: 'Karim', founder: true, revoked: false, me: true },
    { id: 'f1', name: 'Fatima', founder: false, revoked: false, me: false },
  ],
});

function dossier(over: Partial<FirmDossier>): FirmDossier {
  return {
    employer_id: 'e1',
    employer_name: 'ATLAS SARL',
    dossier: 'd1',
    holder: 'f1',
    holder_name: 'Fatima',
    since: '2026-02-03T09:15:00Z',
    expires: '2026-02-03T17:15:00Z',
    mine: false,
    free: false,
    head: 3,
    applied: 3,
    proposals: 0,
    pending: false,
    stage: 'ready',
    seats: ['k1', 'f1'],
    clash: '',
    clash_with: '',
    clash_message: { fr: '', ar: '', en: '' },
    ...over,
  };
}

let go: Record<string, ReturnType<typeof vi.fn>>;
let handlers: Record<string, (...d: unknown[]) => void>;

function bind(st: FirmStatus, dossiers: FirmDossier[] = []) {
  go = {
    Status: vi.fn(() => Promise.resolve(st)),
    NewSeat: vi.fn(() => Promise.resolve(status({}))),
    Create: vi.fn(() => Promise.resolve(SETUP)),
    Join: vi.fn(() => Promise.resolve(SETUP)),
    Invite: vi.fn(() => Promise.resolve(SETUP)),
    Revoke: vi.fn(() => Promise.resolve(SETUP)),
    Dossiers: vi.fn(() => Promise.resolve(dossiers)),
    Take: vi.fn(() => Promise.resolve(dossier({ mine: true, holder: 'k1', holder_name: 'Karim' }))),
    HandOver: vi.fn(() => Promise.resolve(dossier({}))),
    Release: vi.fn(() => Promise.resolve(dossier({ free: true, holder: '', holder_name: '' }))),
    StartSync: vi.fn(() => Promise.resolve('op-1')),
    CancelSync: vi.fn(() => Promise.resolve(true)),
    Proposals: vi.fn(() => Promise.resolve([{ id: 'p1', at: '2026-02-02T08:00:00Z', base_seq: 2, records: 1, kinds: { employee: 1 } }])),
    ApplyProposal: vi.fn(() => Promise.resolve(dossier({ proposals: 0, mine: true }))),
    DiscardProposal: vi.fn(() => Promise.resolve()),
    Share: vi.fn(() => Promise.resolve(dossier({ mine: true }))),
    Journal: vi.fn(() =>
      Promise.resolve([
        { employer_id: 'e1', writer: 'f1', writer_name: 'Fatima', seq: 7, time: '2026-02-02T08:00:00Z', who: 'fatima', action: 'employee.update', entity: 'employee', entity_id: 'x', personal: 'ab', hash: 'h7',
          action_label: { fr: 'Salarié modifié', ar: 'تعديل أجير', en: 'Employee updated' }, entity_label: { fr: 'Salarié', ar: 'أجير', en: 'Employee' } },
      ]),
    ),
  };
  (window as unknown as { go: unknown }).go = { app: { Firm: go } };
}

beforeEach(() => {
  handlers = {};
  (window as unknown as { runtime: unknown }).runtime = {
    EventsOnMultiple: (name: string, cb: (...d: unknown[]) => void) => {
      handlers[name] = cb;
      return () => undefined;
    },
  };
});
afterEach(() => {
  delete (window as unknown as { go?: unknown }).go;
  delete (window as unknown as { runtime?: unknown }).runtime;
});

function row(id: string, name: string): DashboardRow {
  return {
    employer_id: id, affiliation: '1234567', name, profile: 'sandbox', employees: 3, period: '202601', state: 'ready',
    deadline: '', preetabli_imported: true, preetabli_employees: 3, lines: 3, declarations: 1, errors: 0, warnings: 0,
    updated_at: '2026-02-01T10:00:00Z', due_date: '20260210', days_left: 2, urgency: 'urgent', history: [], attempts_failed: false,
  } as DashboardRow;
}

function wrap(node: React.ReactNode, rows: DashboardRow[] = [], lang: Lang = 'fr') {
  const dashboard = { period: '202601', today: '20260208', rows, counts: {} } as unknown as Dashboard;
  const work = {
    screen: 'firm', creatingEmployer: false, go: () => undefined, employerId: null, setEmployerId: () => undefined,
    period: '202601', setPeriod: () => undefined, declarationId: null, dashboard, dashboardError: undefined,
    reloadDashboard: () => Promise.resolve(), employer: undefined, lock: () => undefined,
  } as unknown as Work;
  return render(
    <I18nProvider lang={lang}>
      <ToastProvider>
        <WorkContext.Provider value={work}>{node}</WorkContext.Provider>
      </ToastProvider>
    </I18nProvider>,
  );
}

const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), { target: { value } });

describe('FirmScreen: setup', () => {
  it('asks for a name first, then shows the invitation line to copy', async () => {
    bind(status({ has_seat: false, invitation: '' }));
    wrap(<FirmScreen />);
    const create = await screen.findByTestId('firm-seat-create');
    expect((create as HTMLButtonElement).disabled).toBe(true);
    type('firm-seat-name', 'Karim');
    fireEvent.click(create);
    await waitFor(() => expect(go.NewSeat).toHaveBeenCalledWith('Karim'));
    expect((await screen.findByTestId('firm-invitation')).textContent).toBe(INVITATION);
  });

  it('sends the secret key once and never keeps it in the page, even when the store is refused', async () => {
    bind(status({}));
    go.Create = vi.fn(() =>
      Promise.reject({
        code: 'firm.no_conditional_writes',
        message: "ce stockage objet n'honore pas les écritures conditionnelles",
        fields: [],
      }),
    );
    (window as unknown as { go: unknown }).go = { app: { Firm: go } };
    wrap(<FirmScreen />);
    await screen.findByTestId('firm-endpoint');
    type('firm-endpoint', 'http://nas:8333');
    type('firm-bucket', 'cabinet');
    type('firm-access-key', 'AK');
    type('firm-secret', SECRET);
    fireEvent.click(screen.getByTestId('firm-setup-submit'));
    await waitFor(() => expect(go.Create).toHaveBeenCalledTimes(1));
    expect(go.Create.mock.calls[0]![1]).toBe(SECRET);
    expect(go.Create.mock.calls[0]![0]).toEqual({ endpoint: 'http://nas:8333', bucket: 'cabinet', region: '', access_key: 'AK' });
    expect((await screen.findByTestId('firm-setup-error')).textContent).toContain('écritures conditionnelles');
    expect((screen.getByTestId('firm-secret') as HTMLInputElement).value).toBe('');
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(JSON.stringify(localStorage)).not.toContain(SECRET);
    expect(JSON.stringify(sessionStorage)).not.toContain(SECRET);
  });

  it('shows a refused field next to it', async () => {
    bind(status({}));
    go.Join = vi.fn(() =>
      Promise.reject({ code: 'firm.bad_settings', message: 'x', fields: [{ field: 'endpoint', code: 'firm.bad_settings', message: 'adresse invalide' }] }),
    );
    wrap(<FirmScreen />);
    fireEvent.click(await screen.findByTestId('firm-mode-join'));
    type('firm-ref-input', REF);
    type('firm-endpoint', 'ftp://nas');
    fireEvent.click(screen.getByTestId('firm-setup-submit'));
    await waitFor(() => expect(go.Join).toHaveBeenCalledTimes(1));
    expect(go.Join.mock.calls[0]![2]).toBe(REF);
    expect(await screen.findByText('adresse invalide')).toBeTruthy();
  });
});

describe('FirmScreen: set up', () => {
  it('lists the seats, invites, and revokes only after a confirmation', async () => {
    bind(SETUP);
    wrap(<FirmScreen />);
    expect((await screen.findByTestId('firm-ref')).textContent).toBe(REF);
    expect(screen.getByTestId('firm-reachable').textContent).toContain('Stockage joignable');
    expect(screen.queryByTestId('firm-revoke-k1')).toBeNull(); // the founder is never revoked
    type('firm-invite-input', INVITATION);
    fireEvent.click(screen.getByTestId('firm-invite'));
    await waitFor(() => expect(go.Invite).toHaveBeenCalledWith(INVITATION));
    fireEvent.click(screen.getByTestId('firm-revoke-f1'));
    expect(go.Revoke).not.toHaveBeenCalled();
    fireEvent.click(await screen.findByTestId('firm-revoke-confirm'));
    await waitFor(() => expect(go.Revoke).toHaveBeenCalledWith('f1'));
  });

  it('syncs with progress, can cancel, and says what came', async () => {
    bind(SETUP);
    wrap(<FirmScreen />);
    expect((await screen.findByTestId('firm-last-sync')).textContent).toBe('Jamais synchronisé');
    fireEvent.click(screen.getByTestId('firm-sync'));
    await waitFor(() => expect(go.StartSync).toHaveBeenCalled());
    act(() => handlers['firm:sync_progress']!({ op_id: 'op-1', done: 2, total: 5 }));
    expect((await screen.findByTestId('progress')).textContent).toContain('2');
    fireEvent.click(within(screen.getByTestId('progress')).getByRole('button'));
    expect(go.CancelSync).toHaveBeenCalledWith('op-1');
    act(() => handlers['firm:sync_done']!({ op_id: 'other', result: { applied: 9, published: 9, at: '' } }));
    expect(screen.queryByTestId('progress')).not.toBeNull(); // another op's end is not ours
    act(() => handlers['firm:sync_done']!({ op_id: 'op-1', result: { applied: 4, published: 1, at: '2026-02-03T10:00:00Z' } }));
    expect(await screen.findByText('Synchronisé : 4 modification(s) reçue(s), 1 enregistrement(s) envoyé(s).')).toBeTruthy();
    expect(screen.queryByTestId('progress')).toBeNull();
  });

  it('shows a failed sync in the user’s language', async () => {
    bind(SETUP);
    wrap(<FirmScreen />, [], 'ar');
    fireEvent.click(await screen.findByTestId('firm-sync'));
    await waitFor(() => expect(go.StartSync).toHaveBeenCalled());
    act(() => handlers['firm:sync_done']!({ op_id: 'op-1', error_code: 'firm.unavailable', message: { fr: 'injoignable', ar: 'تخزين المكتب غير متاح', en: 'unreachable' } }));
    expect(await screen.findByText('تخزين المكتب غير متاح')).toBeTruthy();
  });

  it('lists proposals of a dossier and lets a person take one up or discard it', async () => {
    bind(SETUP, [dossier({ proposals: 1 })]);
    wrap(<FirmScreen />);
    const list = await screen.findByTestId('firm-proposal-list');
    await waitFor(() => expect(go.Proposals).toHaveBeenCalledWith('e1'));
    fireEvent.click(await within(list).findByTestId('firm-proposal-discard'));
    await waitFor(() => expect(go.DiscardProposal).toHaveBeenCalledWith('e1', 'p1'));
    expect(go.ApplyProposal).not.toHaveBeenCalled();
  });
});

describe('FirmScreen: the dossier journal', () => {
  const open = async () => {
    const det = (await screen.findByTestId('firm-journal-e1')) as HTMLDetailsElement;
    det.open = true;
    fireEvent(det, new Event('toggle'));
    return det;
  };

  it('lists, once opened, the entries the other seats wrote, each with its writer', async () => {
    bind(SETUP, [dossier({})]);
    wrap(<FirmScreen />);
    await screen.findByTestId('firm-journal-e1');
    expect(go.Journal).not.toHaveBeenCalled();
    const det = await open();
    await waitFor(() => expect(go.Journal).toHaveBeenCalledWith('e1'));
    const list = await within(det).findByTestId('firm-journal-list');
    expect(list.textContent).toContain('Fatima');
    // Go's labels in the user's language, not the raw codes.
    expect(list.textContent).toContain('Salarié modifié');
    expect(list.textContent).not.toContain('employee.update');
  });

  it('says when no other seat wrote anything, and shows a failure in the user’s language', async () => {
    bind(SETUP, [dossier({})]);
    go.Journal = vi.fn(() => Promise.resolve([]));
    wrap(<FirmScreen />, [], 'en');
    const det = await open();
    expect(await within(det).findByText('No entry from another seat.')).toBeTruthy();
    go.Journal = vi.fn(() => Promise.reject(new Error(JSON.stringify({ code: 'firm.not_shared', message: 'not a dossier' }))));
    det.open = false;
    fireEvent(det, new Event('toggle'));
    det.open = true;
    fireEvent(det, new Event('toggle'));
    expect((await within(det).findByRole('alert')).textContent).toContain('Not a dossier');
  });
});

describe('Portfolio: the firm column', () => {
  it('is absent without the firm mode', async () => {
    bind(status({}));
    wrap(<PortfolioScreen />, [row('e1', 'ATLAS SARL')]);
    await waitFor(() => expect(go.Status).toHaveBeenCalled());
    expect(screen.queryByTestId('firm-cell')).toBeNull();
    expect(go.Dossiers).not.toHaveBeenCalled();
  });

  it.each([
    ['fr', 'Fatima depuis le', 'Prêt pour dépôt', 'Attend Fatima'],
    ['ar', 'Fatima منذ', 'جاهز للإيداع', 'ينتظر Fatima'],
    ['en', 'Fatima since', 'Ready for deposit', 'Waiting for Fatima'],
  ] as const)('shows (%s) who holds each dossier, since when, and what waits', async (lang, held, stage, waiting) => {
    bind(SETUP, [dossier({})]);
    wrap(<PortfolioScreen />, [row('e1', 'ATLAS SARL'), row('e2', 'BETA SARL')], lang);
    const cell = await screen.findByTestId('firm-cell');
    expect(within(cell).getByTestId('firm-holder').textContent).toContain(held);
    expect(within(cell).getByTestId('firm-stage').textContent).toBe(stage);
    expect(cell.textContent).toContain(waiting);
    expect(screen.getAllByTestId('firm-cell')).toHaveLength(1); // BETA is no dossier
    expect(within(cell).queryByTestId('firm-release')).toBeNull();
  });

  it('takes a dossier, then offers to send it to Fatima for deposit', async () => {
    bind(SETUP, [dossier({})]);
    wrap(<PortfolioScreen />, [row('e1', 'ATLAS SARL')]);
    fireEvent.click(await screen.findByTestId('firm-take'));
    await waitFor(() => expect(go.Take).toHaveBeenCalledWith('e1'));
    const send = await screen.findByTestId('firm-handover-f1');
    expect(send.textContent).toBe('Envoyer à Fatima pour dépôt');
    expect(screen.queryByTestId('firm-handover-k1')).toBeNull(); // not to oneself
    fireEvent.click(send);
    await waitFor(() => expect(go.HandOver).toHaveBeenCalledWith('e1', 'f1'));
    expect((await screen.findByTestId('firm-holder')).textContent).toContain('Fatima');
  });

  it('says when a take is refused, with Go’s message', async () => {
    bind(SETUP, [dossier({})]);
    go.Take = vi.fn(() => Promise.reject({ code: 'firm.lease_held', message: 'ce dossier est en cours de modification par Fatima', fields: [] }));
    wrap(<PortfolioScreen />, [row('e1', 'ATLAS SARL')]);
    fireEvent.click(await screen.findByTestId('firm-take'));
    expect((await screen.findByTestId('toast-error')).textContent).toContain('e dossier est en cours de modification par Fatima');
  });
});

describe('FirmScreen: access list', () => {
  it('gives a seat not yet on a dossier access to it', async () => {
    bind(SETUP, [dossier({ seats: ['k1'], mine: true, holder: 'k1', holder_name: 'Karim' })]);
    go.Share = vi.fn(() => Promise.resolve(dossier({ seats: ['k1', 'f1'], mine: true })));
    wrap(<FirmScreen />);
    const grant = await screen.findByTestId('firm-grant');
    fireEvent.change(within(grant).getByRole('combobox'), { target: { value: 'f1' } });
    fireEvent.click(within(grant).getByTestId('firm-grant-submit'));
    await waitFor(() => expect(go.Share).toHaveBeenCalledWith('e1', ['f1']));
    await waitFor(() => expect(screen.queryByTestId('firm-grant')).toBeNull()); // everyone is on it now
  });
});

describe('FirmScreen: a dossier held back by an affiliation clash', () => {
  const clash = dossier({
    employer_id: '',
    employer_name: '',
    dossier: 'd9',
    clash: 'firm.affiliation_clash',
    clash_with: 'e1',
    clash_message: { fr: 'même numéro que « ATLAS SARL »', ar: 'نفس رقم « ATLAS SARL »', en: 'same number as “ATLAS SARL”' },
  });

  it('says so in the user language, apart from the dossiers received', async () => {
    bind(SETUP, [dossier({}), clash]);
    wrap(<FirmScreen />, [], 'ar');
    const banner = await screen.findByTestId('firm-clash-d9');
    expect(banner.textContent).toContain('نفس رقم « ATLAS SARL »');
    expect(banner.getAttribute('role')).toBe('alert');
    const table = await screen.findByTestId('firm-dossiers');
    expect(within(table).queryAllByRole('row')).toHaveLength(2); // header + ATLAS only
  });
});
