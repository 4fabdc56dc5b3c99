// @vitest-environment jsdom
import '../test/dom';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Submission } from '../api/types';
import { I18nProvider } from '../i18n/context';
import { LoginNeeded } from './PlatformLogin';

function sub(id: string, lastError: string, state: Submission['state'] = 'queued'): Submission {
  return { id, declaration_id: `d-${id}`, employer_id: 'er1', profile: 'sandbox', sha256: 'x', idempotency_key: `k-${id}`, state, attempts: 0, last_error: lastError, next_attempt_at: '', created_at: '', updated_at: '' };
}

let pending: Submission[];
let login: ReturnType<typeof vi.fn>;
let verify: ReturnType<typeof vi.fn>;
const dead = () => Promise.reject(new Error(JSON.stringify({ code: 'platform.challenge_expired', message: 'dead', fields: [] })));
const wrong = () => Promise.reject(new Error(JSON.stringify({ code: 'platform.invalid_otp', message: 'wrong', fields: [] })));

beforeEach(() => {
  pending = [sub('s1', 'platform.login_required'), sub('s2', 'platform.login_required'), sub('s3', 'platform.network')];
  login = vi.fn(() => Promise.resolve({ otp_channel: 'sms', otp_destination: '06•••12' }));
  verify = vi.fn(wrong);
  (window as unknown as { go: unknown }).go = {
    app: {
      Submissions: {
        Pending: () => Promise.resolve(pending),
        Profiles: () => Promise.resolve([{ id: 'sandbox', kind: 'sandbox', available: true, has_session: false, waiting: 2 }]),
        Login: login,
        VerifyOTP: verify,
        SandboxInbox: () => Promise.resolve([]),
      },
      Employers: { Logins: () => Promise.resolve(['demo']) },
    },
  };
});
afterEach(() => {
  delete (window as unknown as { go?: unknown }).go;
});

function show(onLoggedIn = vi.fn()) {
  render(
    <I18nProvider lang="fr">
      <LoginNeeded onLoggedIn={onLoggedIn} />
    </I18nProvider>,
  );
  return onLoggedIn;
}

async function toOtp() {
  fireEvent.click(await screen.findByTestId('login-needed-action'));
  await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('login-user').value).toBe('demo'));
  fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'pw' } });
  fireEvent.click(screen.getByTestId('login-submit'));
  await screen.findByTestId('otp-dialog');
}

describe('submissions waiting for a login (issue 15.3)', () => {
  it('says how many submissions wait for a login, per profile, with a "Se connecter" action', async () => {
    show();
    const banner = await screen.findByTestId('login-needed');
    expect(banner.textContent).toContain('2 envoi(s)');
    expect(screen.getAllByTestId('login-needed')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('login-needed-action'));
    expect(await screen.findByTestId('login-dialog')).toBeTruthy();
  });

  it('shows nothing when no submission waits for a login', async () => {
    pending = [sub('s3', 'platform.network'), sub('s4', 'platform.login_required', 'accepted')];
    const { container } = render(
      <I18nProvider lang="fr">
        <LoginNeeded />
      </I18nProvider>,
    );
    await new Promise((r) => setTimeout(r, 30));
    expect(container.textContent).toBe('');
  });

  it('a wrong code can be typed again; a dead challenge disables "Vérifier" and offers to start again', async () => {
    show();
    await toOtp();
    const code = screen.getByTestId('otp-code');
    fireEvent.change(code, { target: { value: '111111' } });
    fireEvent.click(screen.getByTestId('otp-verify'));
    await screen.findByTestId('otp-failure');
    expect(screen.getByTestId<HTMLButtonElement>('otp-verify').disabled).toBe(false);
    expect(screen.queryByTestId('otp-restart')).toBeNull();

    verify.mockImplementation(dead);
    fireEvent.change(code, { target: { value: '222222' } });
    fireEvent.click(screen.getByTestId('otp-verify'));
    await screen.findByTestId('otp-dead');
    expect(screen.getByTestId<HTMLButtonElement>('otp-verify').disabled).toBe(true);
    fireEvent.change(screen.getByTestId('otp-code'), { target: { value: '333333' } });
    expect(screen.getByTestId<HTMLButtonElement>('otp-verify').disabled).toBe(true);
    expect(verify).toHaveBeenCalledTimes(2);

    fireEvent.click(screen.getByTestId('otp-restart'));
    expect(await screen.findByTestId('login-dialog')).toBeTruthy();
    expect(screen.queryByTestId('otp-dialog')).toBeNull();
  });

  it('after a good code the session is open and the caller is told', async () => {
    const done = show();
    await toOtp();
    verify.mockImplementation(() => Promise.resolve());
    fireEvent.change(screen.getByTestId('otp-code'), { target: { value: '123456' } });
    fireEvent.click(screen.getByTestId('otp-verify'));
    await waitFor(() => expect(done).toHaveBeenCalledTimes(1));
    expect(screen.queryByTestId('otp-dialog')).toBeNull();
  });
});
