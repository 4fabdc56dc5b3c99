// Settings › Platforms: the embedded sandbox and the remote gateways (name,
// HTTPS base URL), a connection test, the logins known for each profile and
// whether the OS keyring holds their password (never the password itself),
// with "forget the saved password". Go validates and keeps the profiles
// (data folder's platforms.json); errors are shown by code and field.
import { useState } from 'react';
import { toApiError, type ApiError } from '../api/errors';
import { profilesApi, type PasswordPresence, type PlatformProfile, type Reach } from '../api/profiles';
import { useI18n } from '../i18n/context';
import type { MsgKey } from '../i18n/messages';
import { useLoad } from '../lib/useLoad';
import { Badge } from './Badge';
import { Banner } from './Banner';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { TextField } from './Field';

const REACH_TEXT: Readonly<Record<Reach, MsgKey>> = {
  reachable: 'profReachable',
  tls_error: 'profTLSError',
  not_platform: 'profNotPlatform',
  timeout: 'profTimeout',
  unreachable: 'profUnreachable',
};

const PRESENCE: Readonly<Record<PasswordPresence, { key: MsgKey; tone: 'success' | 'muted' | 'warning' }>> = {
  yes: { key: 'profPwSaved', tone: 'success' },
  no: { key: 'profPwNotSaved', tone: 'muted' },
  unknown: { key: 'profPwUnknown', tone: 'warning' },
};

/** The outcome of a connection test, or the error of the call. */
type TestState = { reach: Reach } | { error: ApiError } | 'busy';

function TestResult({ state, testId }: { state: TestState | undefined; testId: string }) {
  const { t, err } = useI18n();
  if (state === undefined) return null;
  if (state === 'busy') return <span className="small muted">{t('profTesting')}</span>;
  if ('error' in state) {
    return (
      <Badge tone="danger" testId={testId}>
        {err(state.error)}
      </Badge>
    );
  }
  return (
    <Badge tone={state.reach === 'reachable' ? 'success' : 'danger'} testId={testId}>
      {t(REACH_TEXT[state.reach])}
    </Badge>
  );
}

function useTest() {
  const [tests, setTests] = useState<Record<string, TestState>>({});
  async function run(key: string, url: string) {
    setTests((o) => ({ ...o, [key]: 'busy' }));
    try {
      const r = await profilesApi.test(url);
      setTests((o) => ({ ...o, [key]: { reach: r.reach } }));
    } catch (x: unknown) {
      setTests((o) => ({ ...o, [key]: { error: toApiError(x) } }));
    }
  }
  return { tests, run };
}

export function PlatformProfiles() {
  const { t, err } = useI18n();
  const list = useLoad(() => profilesApi.list(), []);
  const { tests, run } = useTest();
  const [editing, setEditing] = useState<PlatformProfile | 'new' | null>(null);
  const [deleting, setDeleting] = useState<PlatformProfile | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const profiles = list.data ?? [];

  async function forget(p: PlatformProfile, login: string) {
    setBusy(`${p.id}/${login}`);
    setFailure(null);
    try {
      await profilesApi.forgetPassword(p.id, login);
      await list.reload();
    } catch (x: unknown) {
      setFailure(err(toApiError(x)));
    } finally {
      setBusy(null);
    }
  }

  async function remove(p: PlatformProfile) {
    setBusy(p.id);
    setFailure(null);
    try {
      await profilesApi.remove(p.name);
      setDeleting(null);
    } catch (x: unknown) {
      setDeleting(null);
      setFailure(err(toApiError(x)));
    } finally {
      setBusy(null);
      await list.reload();
    }
  }

  return (
    <section className="card" aria-labelledby="set-platforms" data-testid="platform-profiles">
      <h2 id="set-platforms">{t('profTitle')}</h2>
      <p className="muted">{t('profIntro')}</p>
      {list.error && <Banner kind="error" testId="profiles-error">{err(list.error)}</Banner>}
      {failure !== null && (
        <Banner kind="error" testId="profiles-failure">
          {failure}
        </Banner>
      )}
      <ul className="plain-list" style={{ listStyle: 'none', paddingInlineStart: 0 }}>
        {profiles.map((p) => (
          <li key={p.id} data-testid={`profile-${p.name}`}>
            <div>
              <strong>{p.builtin ? t('profSandbox') : p.name}</strong>{' '}
              {p.base_url !== '' ? (
                <span className="mono small" dir="ltr" data-testid="profile-url">
                  {p.base_url}
                </span>
              ) : (
                <span className="small muted">{t('profSandboxOff')}</span>
              )}
              {p.employers > 0 && <span className="small muted"> · {t('profEmployers', { n: p.employers })}</span>}
            </div>
            {p.env_url && (
              <p className="small muted" data-testid="profile-env">
                {t('profEnvOverride')} <bdi dir="ltr">{p.env_url}</bdi>
              </p>
            )}
            <div className="form-actions">
              <Button small icon="refresh" disabled={p.base_url === ''} onClick={() => void run(p.id, p.env_url || p.base_url)} data-testid="profile-test">
                {t('profTest')}
              </Button>
              <TestResult state={tests[p.id]} testId="profile-test-result" />
              {!p.builtin && (
                <>
                  <Button small onClick={() => setEditing(p)} data-testid="profile-edit">
                    {t('edit')}
                  </Button>
                  <Button small kind="danger" icon="trash" onClick={() => setDeleting(p)} data-testid="profile-delete">
                    {t('delete')}
                  </Button>
                </>
              )}
            </div>
            {(p.logins ?? []).length > 0 && (
              <table className="table-compact">
                <thead>
                  <tr>
                    <th>{t('credLogin')}</th>
                    <th>{t('profPassword')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {(p.logins ?? []).map((l) => (
                    <tr key={l.login} data-testid="profile-login">
                      <td dir="ltr">{l.login}</td>
                      <td>
                        <Badge tone={PRESENCE[l.saved].tone} testId="profile-pw">
                          {t(PRESENCE[l.saved].key)}
                        </Badge>
                      </td>
                      <td>
                        {l.saved === 'yes' && (
                          <Button small busy={busy === `${p.id}/${l.login}`} onClick={() => void forget(p, l.login)} data-testid="profile-forget">
                            {t('profForget')}
                          </Button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <Button icon="plus" onClick={() => setEditing('new')} data-testid="profile-add">
          {t('profAdd')}
        </Button>
      </div>
      {editing !== null && (
        <ProfileDialog
          profile={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void list.reload();
          }}
        />
      )}
      {deleting !== null && (
        <Dialog
          title={t('profDeleteTitle', { name: deleting.name })}
          onClose={() => setDeleting(null)}
          testId="profile-delete-dialog"
          footer={
            <>
              <Button onClick={() => setDeleting(null)}>{t('cancel')}</Button>
              <Button kind="danger" busy={busy === deleting.id} onClick={() => void remove(deleting)} data-testid="profile-delete-confirm">
                {t('delete')}
              </Button>
            </>
          }
        >
          <p>{t('profDeleteText')}</p>
        </Dialog>
      )}
    </section>
  );
}

/** ProfileDialog adds a remote profile (profile null) or edits its URL. */
function ProfileDialog({ profile, onClose, onSaved }: { profile: PlatformProfile | null; onClose: () => void; onSaved: () => void }) {
  const { t, err } = useI18n();
  const [name, setName] = useState(profile?.name ?? '');
  const [url, setUrl] = useState(profile?.base_url ?? 'https://');
  const [fieldErr, setFieldErr] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { tests, run } = useTest();

  async function save() {
    setBusy(true);
    setFieldErr({});
    setFailure(null);
    try {
      if (profile === null) await profilesApi.add(name, url);
      else await profilesApi.update(profile.name, url);
      onSaved();
    } catch (x: unknown) {
      const ae = toApiError(x);
      const fe: Record<string, string> = {};
      for (const f of ae.fields) fe[f.field] = err(f);
      setFieldErr(fe);
      if (ae.fields.length === 0) setFailure(err(ae));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={profile === null ? t('profAddTitle') : t('profEditTitle', { name: profile.name })}
      onClose={onClose}
      testId="profile-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button kind="primary" busy={busy} disabled={name.trim() === '' || url.trim() === ''} onClick={() => void save()} data-testid="profile-save">
            {t('save')}
          </Button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextField
          label={t('profName')}
          hint={t('profNameHint')}
          value={name}
          onChange={setName}
          error={fieldErr['name']}
          ltr
          maxLength={40}
          disabled={profile !== null}
          data-testid="profile-name"
        />
        <TextField
          label={t('profURL')}
          hint={t('profURLHint')}
          value={url}
          onChange={setUrl}
          error={fieldErr['base_url']}
          ltr
          autoComplete="off"
          data-testid="profile-url-input"
        />
        {profile !== null && <p className="small muted">{t('profEditNote')}</p>}
        <div className="form-actions">
          <Button small icon="refresh" disabled={url.trim() === ''} onClick={() => void run('form', url.trim())} data-testid="profile-form-test">
            {t('profTest')}
          </Button>
          <TestResult state={tests['form']} testId="profile-form-test-result" />
        </div>
        {failure !== null && <Banner kind="error">{failure}</Banner>}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}

/**
 * RemoteProfileOptions is a datalist of the saved remote profile names, for
 * the employer form's remote profile field (list={id}).
 */
export function RemoteProfileOptions({ id }: { id: string }) {
  const list = useLoad(() => profilesApi.list(), []);
  return (
    <datalist id={id}>
      {(list.data ?? [])
        .filter((p) => !p.builtin)
        .map((p) => (
          <option key={p.id} value={p.name} />
        ))}
    </datalist>
  );
}
