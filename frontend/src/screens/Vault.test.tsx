// @vitest-environment jsdom
import '../test/dom';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionStatus } from '../api/types';
import { ToastProvider } from '../components/Toast';
import { I18nProvider } from '../i18n/context';
import { Unlock } from './Vault';

const status: SessionStatus = {
  has_vault: true,
  unlocked: false,
  data_dir: '/tmp/x',
  remembered: true,
  keyring_banner: '',
  lang: 'fr',
  auto_lock_minutes: 5,
  retry_in_seconds: 0,
  method: '',
  recovery_pending: false,
};

let unlockKeyring: ReturnType<typeof vi.fn>;
let unlockPassphrase: ReturnType<typeof vi.fn>;

beforeEach(() => {
  unlockKeyring = vi.fn(() => Promise.resolve());
  unlockPassphrase = vi.fn(() => Promise.reject(new Error(JSON.stringify({ code: 'vault.wrong_secret', message: 'phrase de passe ou code de secours incorrect', fields: [] }))));
  (window as unknown as { go: unknown }).go = {
    app: { Session: { UnlockKeyring: unlockKeyring, UnlockPassphrase: unlockPassphrase, Status: () => Promise.resolve({ ...status, retry_in_seconds: 0 }) } },
  };
});
afterEach(() => {
  delete (window as unknown as { go?: unknown }).go;
});

function show(lockReason: string | null, st: SessionStatus = status) {
  const onUnlocked = vi.fn();
  render(
    <I18nProvider lang="fr">
      <ToastProvider>
        <Unlock status={st} lang="fr" onLang={() => undefined} onUnlocked={onUnlocked} lockReason={lockReason} />
      </ToastProvider>
    </I18nProvider>,
  );
  return { onUnlocked };
}

describe('Unlock', () => {
  it('opens with the OS keyring at start when remembered', async () => {
    const { onUnlocked } = show(null);
    await waitFor(() => expect(onUnlocked).toHaveBeenCalled());
    expect(unlockKeyring).toHaveBeenCalledTimes(1);
  });

  it('never opens with the keyring after a lock: the passphrase is asked', async () => {
    for (const reason of ['idle', 'user', 'manual']) {
      const { onUnlocked } = show(reason);
      expect(screen.getByTestId('unlock-passphrase')).toBeTruthy();
      expect(unlockKeyring).not.toHaveBeenCalled();
      expect(onUnlocked).not.toHaveBeenCalled();
      document.body.innerHTML = '';
    }
  });

  it('shows the banner and the passphrase form when the keyring is unavailable', async () => {
    unlockKeyring.mockImplementationOnce(() => Promise.reject(new Error(JSON.stringify({ code: 'keyring.unavailable', message: 'x', fields: [] }))));
    show(null);
    expect(await screen.findByTestId('keyring-banner')).toBeTruthy();
    expect(screen.getByTestId('unlock-passphrase')).toBeTruthy();
  });

  it('says what went wrong with a wrong passphrase, in the user language', async () => {
    show('user');
    fireEvent.change(screen.getByTestId('unlock-passphrase'), { target: { value: 'pas la bonne' } });
    fireEvent.click(screen.getByTestId('unlock-submit'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Phrase de passe ou code de secours incorrect/);
    expect(unlockPassphrase).toHaveBeenCalledWith('pas la bonne');
    // The passphrase does not stay in the page after the call (issue 12).
    expect((screen.getByTestId('unlock-passphrase') as HTMLInputElement).value).toBe('');
  });

  it('does not keep the passphrase in the page after a successful unlock either', async () => {
    unlockPassphrase.mockImplementationOnce(() => Promise.resolve());
    const { onUnlocked } = show('user');
    fireEvent.change(screen.getByTestId('unlock-passphrase'), { target: { value: 'la bonne phrase' } });
    fireEvent.click(screen.getByTestId('unlock-submit'));
    await waitFor(() => expect(onUnlocked).toHaveBeenCalledWith('passphrase'));
    expect(unlockPassphrase).toHaveBeenCalledWith('la bonne phrase');
    // Still mounted here (App unmounts it): the field is empty all the same.
    await waitFor(() => expect((screen.getByTestId('unlock-passphrase') as HTMLInputElement).value).toBe(''));
  });

  it('shows the wait right after the wrong passphrase that starts it', async () => {
    (window as unknown as { go: { app: { Session: Record<string, unknown> } } }).go.app.Session.Status = () => Promise.resolve({ ...status, retry_in_seconds: 8 });
    show('user');
    fireEvent.change(screen.getByTestId('unlock-passphrase'), { target: { value: 'pas la bonne' } });
    fireEvent.click(screen.getByTestId('unlock-submit'));
    await waitFor(() => expect(screen.getByText(/8/, { selector: '.banner *, .banner' })).toBeTruthy());
    expect((screen.getByTestId('unlock-submit') as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows the wait at once when the app starts during one (persisted by Go)', () => {
    show(null, { ...status, remembered: false, retry_in_seconds: 30 });
    expect((screen.getByTestId('unlock-submit') as HTMLButtonElement).disabled).toBe(true);
    expect(document.body.textContent).toContain('30');
  });
});
