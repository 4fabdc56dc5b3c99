// @vitest-environment jsdom
import '../test/dom';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionStatus } from '../api/types';
import { ToastProvider } from '../components/Toast';
import { I18nProvider } from '../i18n/context';
import { AfterRecovery, RecoveryCodeView, SettingsScreen, VaultSettings } from './Settings';

const CODE = 'ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567';
const NEW = 'Une phrase toute neuve pour 2026';

const status: SessionStatus = {
  has_vault: true,
  unlocked: true,
  data_dir: '/tmp/x',
  remembered: false,
  keyring_banner: '',
  lang: 'fr',
  auto_lock_minutes: 5,
  retry_in_seconds: 0,
  method: 'passphrase',
  recovery_pending: false,
};

let go: Record<string, ReturnType<typeof vi.fn>>;
let handlers: Record<string, (...d: unknown[]) => void>;

beforeEach(() => {
  handlers = {};
  go = {
    CheckPassphrase: vi.fn(() => Promise.resolve()),
    ChangePassphrase: vi.fn(() => Promise.resolve()),
    Rekey: vi.fn(() => Promise.resolve('NEWAA-NEWBB-NEWCC-NEWDD-NEWEE-NEWFF')),
    CancelRekey: vi.fn(() => Promise.resolve(true)),
    SetRemember: vi.fn(() => Promise.resolve()),
  };
  (window as unknown as { go: unknown }).go = { app: { Session: go } };
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

function wrap(node: React.ReactNode) {
  return render(
    <I18nProvider lang="fr">
      <ToastProvider>{node}</ToastProvider>
    </I18nProvider>,
  );
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

describe('RecoveryCodeView', () => {
  it('never wraps inside a group and copies the whole code', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    wrap(<RecoveryCodeView code={CODE} />);
    const groups = screen.getByTestId('recovery-code').querySelectorAll('span');
    expect(groups).toHaveLength(6);
    for (const g of groups) expect((g as HTMLElement).style.whiteSpace).toBe('nowrap');
    expect(screen.getByTestId('recovery-code').textContent).toBe(CODE);
    fireEvent.click(screen.getByTestId('recovery-copy'));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(CODE));
    expect(screen.getByTestId('recovery-print')).toBeTruthy();
  });
});

describe('AfterRecovery', () => {
  it('sets the new passphrase by a re-key (no current passphrase) and shows the new code', async () => {
    const onDone = vi.fn();
    wrap(<AfterRecovery onDone={onDone} />);
    type('after-recovery-new', NEW);
    type('after-recovery-confirm', NEW);
    await waitFor(() => expect((screen.getByTestId('after-recovery-save') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('after-recovery-save'));
    await waitFor(() => expect(screen.getByTestId('recovery-code').textContent).toBe('NEWAA-NEWBB-NEWCC-NEWDD-NEWEE-NEWFF'));
    expect(go.Rekey).toHaveBeenCalledWith('', NEW);
    expect(go.ChangePassphrase).not.toHaveBeenCalled();
  });
});

describe('VaultSettings', () => {
  it('after a recovery unlock asks no current passphrase and re-keys', async () => {
    wrap(<VaultSettings status={{ ...status, method: 'recovery', recovery_pending: true }} />);
    expect(screen.queryByTestId('current-passphrase')).toBeNull();
    expect(screen.queryByTestId('rekey-run')).toBeNull();
    type('new-passphrase', NEW);
    type('confirm-passphrase', NEW);
    await waitFor(() => expect((screen.getByTestId('change-passphrase') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('change-passphrase'));
    await waitFor(() => expect(go.Rekey).toHaveBeenCalledWith('', NEW));
    await waitFor(() => expect(screen.getByTestId('recovery-code')).toBeTruthy());
    expect(go.ChangePassphrase).not.toHaveBeenCalled();
  });

  it('says what a passphrase change does not protect against, and accepts the recovery code as current secret', async () => {
    wrap(<VaultSettings status={status} />);
    expect(screen.getByTestId('vault-settings').textContent).toContain('ancienne copie de vault.json');
    expect(screen.getAllByText('Phrase de passe actuelle ou code de secours', { selector: 'label' })).toHaveLength(2);
    type('current-passphrase', 'ancienne phrase');
    type('new-passphrase', NEW);
    type('confirm-passphrase', NEW);
    await waitFor(() => expect((screen.getByTestId('change-passphrase') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('change-passphrase'));
    await waitFor(() => expect(go.ChangePassphrase).toHaveBeenCalledWith('ancienne phrase', NEW));
    expect(go.Rekey).not.toHaveBeenCalled();
  });

  it('re-keys with progress and cancel, then shows the new code', async () => {
    let resolve: (c: string) => void = () => undefined;
    go.Rekey = vi.fn(() => new Promise<string>((r) => (resolve = r)));
    (window as unknown as { go: unknown }).go = { app: { Session: go } };
    wrap(<VaultSettings status={status} />);
    expect((screen.getByTestId('rekey-run') as HTMLButtonElement).disabled).toBe(true);
    type('rekey-current', CODE);
    fireEvent.click(screen.getByTestId('rekey-run'));
    await waitFor(() => expect(go.Rekey).toHaveBeenCalledWith(CODE, ''));
    act(() => handlers['rekey:progress']?.({ op_id: 'op-1', done: 40, total: 100 }));
    const bar = await screen.findByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    fireEvent.click(screen.getByText('Annuler'));
    await waitFor(() => expect(go.CancelRekey).toHaveBeenCalledWith('op-1'));
    await act(async () => resolve('NEWAA-NEWBB-NEWCC-NEWDD-NEWEE-NEWFF'));
    await waitFor(() => expect(screen.getByTestId('recovery-code').textContent).toBe('NEWAA-NEWBB-NEWCC-NEWDD-NEWEE-NEWFF'));
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});

describe('SettingsScreen backups', () => {
  it('lists backups newest first with a readable date, the kind and a restore button per row, and the previous copies', async () => {
    const snaps = [
      { path: '/b/tasrih-aa-20260101T100000.000Z-exit.tasrih-backup', name: 'tasrih-aa-20260101T100000.000Z-exit.tasrih-backup', size: 2048, time: '2026-01-01T10:00:00Z', auto: true },
      { path: '/b/tasrih-aa-20260301T100000Z.tasrih-backup', name: 'tasrih-aa-20260301T100000Z.tasrih-backup', size: 4096, time: '2026-03-01T10:00:00Z', auto: false },
    ];
    (window as unknown as { go: unknown }).go = {
      app: {
        Session: go,
        Settings: {
          Get: vi.fn(() => Promise.resolve({ lang: 'fr', auto_lock_minutes: 5, backup_folder: '', snapshots_kept: 10, snapshot_on_exit: true, snapshot_on_submit: true })),
          ListSnapshots: vi.fn(() => Promise.resolve(snaps)),
          ListPrevious: vi.fn(() => Promise.resolve([{ name: 'previous-20260201T080000', path: '/d/previous-20260201T080000', size: 1 << 20, time: '2026-02-01T08:00:00Z' }])),
          ChooseSnapshot: vi.fn((p: string) => Promise.resolve({ token: 'tok-1', name: p.split('/').pop() })),
          Restore: vi.fn(() => Promise.resolve({})),
        },
      },
    };
    wrap(<SettingsScreen lang="fr" onLang={() => undefined} status={status} />);
    const rows = await screen.findAllByTestId('snapshot-row');
    expect(rows).toHaveLength(2);
    // Newest first, with a date a person reads (not the raw file name only).
    expect(rows[0]?.textContent).toMatch(/0[13]\/03\/2026/);
    expect(rows[0]?.textContent).toContain('manuelle');
    expect(rows[1]?.textContent).toMatch(/01\/01\/2026/);
    expect(rows[1]?.textContent).toContain('automatique');
    const buttons = screen.getAllByTestId('snapshot-restore');
    fireEvent.click(buttons[1] as HTMLElement);
    // The row's backup is chosen through Go (a token), shown by its name.
    await waitFor(() => expect(screen.getByDisplayValue(snaps[0]!.name)).toBeTruthy());
    const settingsGo = (window as unknown as { go: { app: { Settings: Record<string, ReturnType<typeof vi.fn>> } } }).go.app.Settings;
    expect(settingsGo.ChooseSnapshot).toHaveBeenCalledWith(snaps[0]!.path);
    // The restore sends the token, never a path, and spends it.
    type('restore-secret', 'une phrase');
    fireEvent.click(screen.getByTestId('restore-run'));
    fireEvent.click(await screen.findByTestId('restore-confirm'));
    await waitFor(() => expect(settingsGo.Restore).toHaveBeenCalledWith('tok-1', 'une phrase', false));
    expect(screen.queryByDisplayValue(snaps[0]!.name)).toBeNull();
    const prev = await screen.findAllByTestId('previous-row');
    expect(prev).toHaveLength(1);
    expect(prev[0]?.textContent).toContain('/d/previous-20260201T080000');
    expect(prev[0]?.textContent).toMatch(/01\/02\/2026/);
  });
});

describe('SettingsScreen restore', () => {
  it('shows the progress of a restore and cancels it', async () => {
    let reject: (e: unknown) => void = () => undefined;
    const Restore = vi.fn(() => new Promise((_, r) => (reject = r)));
    const CancelRestore = vi.fn(() => Promise.resolve(true));
    (window as unknown as { go: unknown }).go = {
      app: {
        Session: go,
        Settings: {
          Get: vi.fn(() => Promise.resolve({ lang: 'fr', auto_lock_minutes: 5, backup_folder: '', snapshots_kept: 10, snapshot_on_exit: true, snapshot_on_submit: true })),
          ListSnapshots: vi.fn(() => Promise.resolve([{ path: '/b/x.tasrih-backup', name: 'x.tasrih-backup', size: 10, time: '2026-01-01T10:00:00Z', auto: true }])),
          ListPrevious: vi.fn(() => Promise.resolve([])),
          ChooseSnapshot: vi.fn(() => Promise.resolve({ token: 'tok-r', name: 'x.tasrih-backup' })),
          Restore,
          CancelRestore,
        },
      },
    };
    wrap(<SettingsScreen lang="fr" onLang={() => undefined} status={status} />);
    fireEvent.click((await screen.findAllByTestId('snapshot-restore'))[0] as HTMLElement);
    await waitFor(() => expect(screen.getByDisplayValue('x.tasrih-backup')).toBeTruthy());
    type('restore-secret', 'phrase de la sauvegarde');
    fireEvent.click(screen.getByTestId('restore-run'));
    fireEvent.click(await screen.findByTestId('restore-confirm'));
    await waitFor(() => expect(Restore).toHaveBeenCalledWith('tok-r', 'phrase de la sauvegarde', false));
    act(() => handlers['restore:progress']?.({ op_id: 'r-1', done: 30, total: 100 }));
    const bar = await screen.findByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('30');
    fireEvent.click(screen.getByText('Annuler', { selector: '[data-testid="restore-section"] button *, [data-testid="restore-section"] button' }));
    await waitFor(() => expect(CancelRestore).toHaveBeenCalledWith('r-1'));
    await act(async () => reject(new Error(JSON.stringify({ code: 'backup.cancelled', message: 'restauration annulée : les données n’ont pas changé', fields: [] }))));
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
  });
});

describe('SettingsScreen snapshot now', () => {
  function settingsGo(extra: Record<string, unknown>) {
    (window as unknown as { go: unknown }).go = {
      app: {
        Session: go,
        Settings: {
          Get: vi.fn(() => Promise.resolve({ lang: 'fr', auto_lock_minutes: 5, backup_folder: '', snapshots_kept: 10, snapshot_on_exit: true, snapshot_on_submit: true })),
          ListSnapshots: vi.fn(() => Promise.resolve([])),
          ListPrevious: vi.fn(() => Promise.resolve([])),
          ...extra,
        },
      },
    };
  }

  it('shows the progress of "back up now", cancels it by its op id and says nothing was written', async () => {
    let reject: (e: unknown) => void = () => undefined;
    const SnapshotNow = vi.fn(() => new Promise((_, r) => (reject = r)));
    const CancelSnapshot = vi.fn(() => Promise.resolve(true));
    settingsGo({ SnapshotNow, CancelSnapshot });
    wrap(<SettingsScreen lang="fr" onLang={() => undefined} status={status} />);
    fireEvent.click(await screen.findByTestId('snapshot-now'));
    await waitFor(() => expect(SnapshotNow).toHaveBeenCalled());
    // Another operation's events are ignored once the snapshot's id is known.
    act(() => handlers['snapshot:progress']?.({ op_id: 's-1', done: 40, total: 200 }));
    act(() => handlers['snapshot:progress']?.({ op_id: 'other', done: 190, total: 200 }));
    const bar = await screen.findByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    act(() => handlers['snapshot:progress']?.({ op_id: 's-1', done: 120, total: 200 }));
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('120');
    fireEvent.click(within(screen.getByTestId('progress')).getByRole('button'));
    await waitFor(() => expect(CancelSnapshot).toHaveBeenCalledWith('s-1'));
    await act(async () => reject(new Error(JSON.stringify({ code: 'backup.cancelled', message: 'sauvegarde annulée : aucun fichier n’a été écrit', fields: [] }))));
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    expect((await screen.findByTestId('toast-info')).textContent).toMatch(/Sauvegarde annulée : aucun fichier/);
  });

  it('changes the backup folder only with the token of Go’s dialog, never a typed path', async () => {
    const Save = vi.fn(() => Promise.resolve());
    const ChooseBackupFolder = vi.fn(() => Promise.resolve({ token: 'tok-f', name: 'Sauvegardes' }));
    const SetBackupFolder = vi.fn((tok: string) =>
      Promise.resolve({ lang: 'fr', auto_lock_minutes: 5, backup_folder: tok === '' ? '' : '/home/u/Sauvegardes', snapshots_kept: 10, snapshot_on_exit: true, snapshot_on_submit: true }),
    );
    settingsGo({ Save, ChooseBackupFolder, SetBackupFolder });
    wrap(<SettingsScreen lang="fr" onLang={() => undefined} status={status} />);
    const field = (await screen.findByTestId('backup-folder-path')) as HTMLInputElement;
    expect(field.readOnly).toBe(true);
    // Typing is impossible: the field does not change.
    fireEvent.change(field, { target: { value: '/etc' } });
    expect(field.value).toBe('');
    fireEvent.click(screen.getByTestId('backup-folder-choose'));
    await waitFor(() => expect(SetBackupFolder).toHaveBeenCalledWith('tok-f'));
    await waitFor(() => expect((screen.getByTestId('backup-folder-path') as HTMLInputElement).value).toBe('/home/u/Sauvegardes'));
    // Saving the other settings sends the folder Go saved, unchanged.
    fireEvent.click(screen.getAllByText('Enregistrer')[1] as HTMLElement);
    await waitFor(() => expect(Save).toHaveBeenCalled());
    expect((Save.mock.calls[0] as unknown[])[0]).toMatchObject({ backup_folder: '/home/u/Sauvegardes' });
    // A cancelled dialog changes nothing; "default" sends no path either.
    ChooseBackupFolder.mockImplementationOnce(() => Promise.resolve({ token: '', name: '' }));
    fireEvent.click(screen.getByTestId('backup-folder-choose'));
    await waitFor(() => expect(ChooseBackupFolder).toHaveBeenCalledTimes(2));
    expect(SetBackupFolder).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByTestId('backup-folder-default'));
    await waitFor(() => expect(SetBackupFolder).toHaveBeenLastCalledWith(''));
    await waitFor(() => expect((screen.getByTestId('backup-folder-path') as HTMLInputElement).value).toBe(''));
  });
});
