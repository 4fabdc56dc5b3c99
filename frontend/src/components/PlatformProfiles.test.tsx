// @vitest-environment jsdom
import '../test/dom';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlatformProfile } from '../api/profiles';
import { I18nProvider } from '../i18n/context';
import type { Lang } from '../i18n/lang';
import { MESSAGES } from '../i18n/messages';
import { PlatformProfiles, RemoteProfileOptions } from './PlatformProfiles';

const fail = (code: string, message: string, fields: { field: string; code: string; message: string }[] = []) =>
  Promise.reject(new Error(JSON.stringify({ code, message, fields })));

let profiles: PlatformProfile[];
let go: Record<string, ReturnType<typeof vi.fn>>;

beforeEach(() => {
  profiles = [
    { id: 'sandbox', name: 'sandbox', builtin: true, base_url: 'http://127.0.0.1:41234', employers: 2, logins: [{ login: 'demo', saved: 'no' }] },
    {
      id: 'remote:prod',
      name: 'prod',
      builtin: false,
      base_url: 'https://api.prod.example',
      env_url: 'https://env.prod.example',
      employers: 1,
      logins: [
        { login: 'ali', saved: 'yes' },
        { login: 'sara', saved: 'no' },
        { login: 'omar', saved: 'unknown' },
      ],
    },
  ];
  go = {
    List: vi.fn(() => Promise.resolve(profiles)),
    Add: vi.fn(() => Promise.resolve({ name: 'x', base_url: 'https://x' })),
    Update: vi.fn(() => Promise.resolve({ name: 'prod', base_url: 'https://y' })),
    Delete: vi.fn(() => Promise.resolve()),
    Test: vi.fn(() => Promise.resolve({ reach: 'reachable' })),
    ForgetPassword: vi.fn(() => Promise.resolve()),
  };
  (window as unknown as { go: unknown }).go = { app: { Profiles: go } };
});
afterEach(() => {
  delete (window as unknown as { go?: unknown }).go;
});

function show(lang: Lang = 'fr') {
  render(
    <I18nProvider lang={lang}>
      <PlatformProfiles />
    </I18nProvider>,
  );
}

describe('PlatformProfiles', () => {
  it('renders what Go sends: sandbox built in, remote with its URL and environment override, keyring presence per login', async () => {
    show();
    const prod = await screen.findByTestId('profile-prod');
    const sb = screen.getByTestId('profile-sandbox');
    expect(sb.textContent).toContain(MESSAGES.fr.profSandbox);
    expect(within(sb).queryByTestId('profile-edit')).toBeNull();
    expect(within(sb).queryByTestId('profile-delete')).toBeNull();
    expect(within(prod).getByTestId('profile-url').textContent).toBe('https://api.prod.example');
    expect(within(prod).getByTestId('profile-env').textContent).toContain('https://env.prod.example');
    const pw = within(prod).getAllByTestId('profile-pw').map((b) => b.textContent);
    expect(pw).toEqual([MESSAGES.fr.profPwSaved, MESSAGES.fr.profPwNotSaved, MESSAGES.fr.profPwUnknown]);
    // "forget" only where a password is saved
    expect(within(prod).getAllByTestId('profile-forget')).toHaveLength(1);
    expect(within(sb).queryByTestId('profile-forget')).toBeNull();
  });

  it('forgets a saved password through Go and shows the new presence', async () => {
    show();
    const prod = await screen.findByTestId('profile-prod');
    profiles = [profiles[0]!, { ...profiles[1]!, logins: [{ login: 'ali', saved: 'no' }] }];
    fireEvent.click(within(prod).getByTestId('profile-forget'));
    await waitFor(() => expect(go['ForgetPassword']).toHaveBeenCalledWith('remote:prod', 'ali'));
    await waitFor(() => expect(within(screen.getByTestId('profile-prod')).queryByTestId('profile-forget')).toBeNull());
    expect(within(screen.getByTestId('profile-prod')).getByTestId('profile-pw').textContent).toBe(MESSAGES.fr.profPwNotSaved);
  });

  it('a keyring that does not answer when forgetting is shown, by code', async () => {
    go['ForgetPassword'] = vi.fn(() => fail('credentials.keyring_unavailable', 'go says'));
    show('en');
    fireEvent.click(within(await screen.findByTestId('profile-prod')).getByTestId('profile-forget'));
    const b = await screen.findByTestId('profiles-failure');
    expect(b.textContent).not.toBe('');
    expect(b.textContent).not.toContain('go says'); // the frontend's sentence for this code
  });

  it.each([
    ['reachable', 'profReachable'],
    ['tls_error', 'profTLSError'],
    ['not_platform', 'profNotPlatform'],
    ['timeout', 'profTimeout'],
    ['unreachable', 'profUnreachable'],
  ] as const)('connection test %s is translated (Arabic)', async (reach, key) => {
    go['Test'] = vi.fn(() => Promise.resolve({ reach }));
    show('ar');
    const prod = await screen.findByTestId('profile-prod');
    fireEvent.click(within(prod).getByTestId('profile-test'));
    const r = await within(prod).findByTestId('profile-test-result');
    expect(r.textContent).toBe(MESSAGES.ar[key]);
    // the environment's address is the one in use, so it is the one tested
    expect(go['Test']).toHaveBeenCalledWith('https://env.prod.example');
  });

  it('adds a profile; errors from Go land under their field', async () => {
    go['Add'] = vi
      .fn()
      .mockImplementationOnce(() =>
        fail('platform.insecure_url', 'HTTPS obligatoire', [{ field: 'base_url', code: 'platform.insecure_url', message: 'HTTPS obligatoire (LAN)' }]),
      )
      .mockImplementationOnce(() => fail('profiles.duplicate', 'existe déjà', [{ field: 'name', code: 'profiles.duplicate', message: 'une plateforme nommée « prod » existe déjà' }]))
      .mockImplementationOnce(() => Promise.resolve({ name: 'gw', base_url: 'https://gw.example' }));
    show();
    fireEvent.click(await screen.findByTestId('profile-add'));
    const dlg = await screen.findByTestId('profile-dialog');
    fireEvent.change(within(dlg).getByTestId('profile-name'), { target: { value: 'prod' } });
    fireEvent.change(within(dlg).getByTestId('profile-url-input'), { target: { value: 'http://192.168.1.5' } });
    fireEvent.click(within(dlg).getByTestId('profile-save'));
    await waitFor(() => expect(within(dlg).getByTestId('profile-url-input').getAttribute('aria-invalid')).toBe('true'));
    expect(dlg.textContent).toContain('HTTPS obligatoire (LAN)');
    expect(within(dlg).getByTestId('profile-name').getAttribute('aria-invalid')).toBeNull();
    fireEvent.click(within(dlg).getByTestId('profile-save'));
    await waitFor(() => expect(within(dlg).getByTestId('profile-name').getAttribute('aria-invalid')).toBe('true'));
    expect(dlg.textContent).toContain('existe déjà');
    expect(within(dlg).getByTestId('profile-url-input').getAttribute('aria-invalid')).toBeNull();
    fireEvent.change(within(dlg).getByTestId('profile-name'), { target: { value: 'gw' } });
    fireEvent.change(within(dlg).getByTestId('profile-url-input'), { target: { value: 'https://gw.example' } });
    fireEvent.click(within(dlg).getByTestId('profile-save'));
    await waitFor(() => expect(screen.queryByTestId('profile-dialog')).toBeNull());
    expect(go['Add']).toHaveBeenLastCalledWith('gw', 'https://gw.example');
    expect(go['List']).toHaveBeenCalledTimes(2);
  });

  it('tests the typed address before saving, and shows a refused URL by its error', async () => {
    go['Test'] = vi.fn(() => fail('platform.bad_url', 'pas d’identifiant dans l’adresse'));
    show();
    fireEvent.click(await screen.findByTestId('profile-add'));
    const dlg = await screen.findByTestId('profile-dialog');
    fireEvent.change(within(dlg).getByTestId('profile-url-input'), { target: { value: 'https://u:p@gw.example' } });
    fireEvent.click(within(dlg).getByTestId('profile-form-test'));
    const r = await within(dlg).findByTestId('profile-form-test-result');
    expect(r.textContent).toContain('identifiant');
    expect(go['Test']).toHaveBeenCalledWith('https://u:p@gw.example');
  });

  it('edits only the URL (the name is fixed)', async () => {
    show();
    fireEvent.click(within(await screen.findByTestId('profile-prod')).getByTestId('profile-edit'));
    const dlg = await screen.findByTestId('profile-dialog');
    expect(within(dlg).getByTestId<HTMLInputElement>('profile-name').disabled).toBe(true);
    fireEvent.change(within(dlg).getByTestId('profile-url-input'), { target: { value: 'https://new.example' } });
    fireEvent.click(within(dlg).getByTestId('profile-save'));
    await waitFor(() => expect(go['Update']).toHaveBeenCalledWith('prod', 'https://new.example'));
  });

  it('a profile in use is not deleted: the error from Go is shown', async () => {
    go['Delete'] = vi.fn(() => fail('profiles.in_use', 'la plateforme « prod » est choisie par 1 employeur(s)'));
    show();
    fireEvent.click(within(await screen.findByTestId('profile-prod')).getByTestId('profile-delete'));
    fireEvent.click(await screen.findByTestId('profile-delete-confirm'));
    const b = await screen.findByTestId('profiles-failure');
    expect(b.textContent).toContain('choisie par 1 employeur');
    expect(go['Delete']).toHaveBeenCalledWith('prod');
    expect(screen.getByTestId('profile-prod')).toBeTruthy();
  });

  it('while locked, says so instead of an empty list', async () => {
    go['List'] = vi.fn(() => fail('session.locked', 'the session is locked: unlock the vault to continue'));
    show('en');
    const b = await screen.findByTestId('profiles-error');
    expect(b.textContent).toContain('unlock');
  });

  it('offers the saved remote profiles (not the sandbox) to the employer form', async () => {
    const { container } = render(<RemoteProfileOptions id="rp" />);
    await waitFor(() => expect(container.querySelectorAll('#rp option')).toHaveLength(1));
    expect(container.querySelector<HTMLOptionElement>('#rp option')!.value).toBe('prod');
  });
});
