import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { toApiError } from '../api/errors';
import { on } from '../api/events';
import { monthApi } from '../api/month';
import { submissionsApi } from '../api/submissions';
import type { Chosen, LoginResult, MonthDeclaration, Profile, Submission } from '../api/types';
import { Badge } from '../components/Badge';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { DepositAttempts } from '../components/DepositAttempts';
import { SelectField, TextField } from '../components/Field';
import { LoginDialog, OtpDialog, waitsForLogin } from '../components/PlatformLogin';
import { ChosenField } from '../components/PathField';
import { useToast } from '../components/Toast';
import { useI18n } from '../i18n/context';
import { formatDate, formatDateTime, formatPeriod, ltr, parseDate, todayDate8 } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import { DECL_TONE, SUB_TONE, retryReason, subFinal } from '../lib/status';
import { useWork } from '../state/work';
import { ReceiptForDeclaration } from './Receipts';

export function SubmitScreen() {
  const { t, lang, err } = useI18n();
  const w = useWork();
  const toast = useToast();
  // The outbox keeps the code of its last error (or a sentence): show a sentence.
  const lastError = (s: string) => (/^[a-z_]+\.[a-z_.]+$/.test(s) ? err({ code: s, message: '' }) : s);
  const employerId = w.employerId ?? '';
  const month = useLoad(() => monthApi.load(employerId, w.period), [employerId, w.period]);
  const profiles = useLoad(() => submissionsApi.profiles(), []);
  const decls = useMemo(() => (month.data?.declarations ?? []).filter((d) => d.status !== 'draft'), [month.data]);
  const [declId, setDeclId] = useState<string>('');
  const [profile, setProfile] = useState<string>('');
  const [login, setLogin] = useState<{ profile: string } | null>(null);
  const [otp, setOtp] = useState<{ profile: string; login: string; info: LoginResult } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [loginRequired, setLoginRequired] = useState<string | null>(null);
  const [receiptFor, setReceiptFor] = useState<string | null>(null);
  const [loggedIn, setLoggedIn] = useState(false);

  useEffect(() => {
    if (declId !== '' || decls.length === 0) return;
    const pre = decls.find((d) => d.id === w.declarationId) ?? decls.find((d) => d.flags.can_submit) ?? decls[0]!;
    setDeclId(pre.id);
  }, [decls, declId, w.declarationId]);

  useEffect(() => {
    if (profile !== '') return;
    const p = w.employer?.profile;
    if (p) setProfile(p);
    else if ((profiles.data ?? []).length > 0) setProfile(profiles.data![0]!.id);
  }, [profile, w.employer, profiles.data]);

  const decl = decls.find((d) => d.id === declId);
  const subs = useLoad(() => (declId === '' ? Promise.resolve([] as Submission[]) : submissionsApi.list(declId)), [declId]);
  const list = subs.data ?? [];
  const live = list.some((s) => !subFinal(s.state));

  // Live status: outbox events for this declaration, and a slow poll while a submission is under way.
  useEffect(
    () =>
      on('outbox:event', (e) => {
        if (e.declaration_id === undefined || e.declaration_id === declId) {
          void subs.reload();
          void month.reload();
          void w.reloadDashboard();
        }
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [declId],
  );
  // The outbox parks a submission until the user logs in: ask at once.
  useEffect(
    () =>
      on('outbox:login_required', (e) => {
        setLoginRequired(e.profile);
        setLogin((cur) => cur ?? (otpOpen.current ? null : { profile: e.profile }));
      }),
    [],
  );
  useEffect(() => on('receipt:created', (e) => e.declaration_id === declId && void subs.reload()), [declId, subs]);
  const otpOpen = useRef(false);
  otpOpen.current = otp !== null;
  useEffect(() => {
    if (!live) return;
    const id = setInterval(() => {
      void subs.reload();
    }, 2000);
    return () => clearInterval(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live]);
  const wasLive = useRef(false);
  useEffect(() => {
    if (wasLive.current && !live) {
      void month.reload();
      void w.reloadDashboard();
    }
    wasLive.current = live;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live]);

  const submit = useCallback(async () => {
    if (declId === '' || profile === '') return;
    setSubmitting(true);
    try {
      const out = await submissionsApi.submit(declId, profile);
      const r = out.results?.[0];
      if (r?.error) {
        if (r.error.code === 'platform.login_required') setLogin({ profile });
        else toast.error(err(r.error));
      } else toast.success(t('submitQueued'));
      if (out.snapshot_error) toast.error(err(out.snapshot_error));
      await subs.reload();
      void month.reload();
      void w.reloadDashboard();
    } catch (x: unknown) {
      const ae = toApiError(x);
      if (ae.code === 'platform.login_required' || ae.code === 'outbox.login_required') setLogin({ profile });
      else toast.error(err(ae));
    } finally {
      setSubmitting(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [declId, profile]);

  const profileList: Profile[] = profiles.data ?? [];
  const current = profileList.find((p) => p.id === profile);
  const isManual = profile === 'manual' || current?.kind === 'manual';

  if (month.error) return <Banner kind="error">{err(month.error)}</Banner>;

  return (
    <div className="page" data-testid="submit-screen">
      <div className="page-head">
        <div>
          <h1>{t('submitTitle')}</h1>
          <p className="page-sub">
            <bdi>{w.employer?.name ?? ''}</bdi> · {formatPeriod(w.period, lang)}
          </p>
        </div>
      </div>
      {loginRequired !== null && (
        <Banner kind="warning" action={<Button onClick={() => setLogin({ profile: loginRequired })}>{t('login')}</Button>}>
          {t('loginRequired', { profile: loginRequired })}
        </Banner>
      )}
      {month.data === undefined ? (
        <p className="muted">{t('loading')}</p>
      ) : decls.length === 0 ? (
        <div className="empty-state">
          <p>{t('submitNoDecl')}</p>
          <Button onClick={() => w.go('month')}>{t('navMonth')}</Button>
        </div>
      ) : (
        <>
          <section className="card">
            <div className="form-grid form-grid-wide">
              <SelectField
                label={t('submitDecl')}
                value={declId}
                onChange={setDeclId}
                options={decls.map((d) => ({
                  value: d.id,
                  label: `${d.kind === 'principal' ? t('kindPrincipal') : t('kindComplementary', { n: d.sequence })} — ${d.file_name} — ${t(`decl_${d.status}` as const)}`,
                }))}
                data-testid="submit-decl"
              />
              <SelectField
                label={t('submitProfile')}
                value={profile}
                onChange={setProfile}
                options={
                  profileList.length > 0
                    ? profileList.map((p) => ({ value: p.id, label: profileLabel(p, t) }))
                    : [{ value: profile, label: profile }]
                }
                data-testid="submit-profile"
              />
            </div>
            {decl !== undefined && <DeclSummary d={decl} />}
            {decl !== undefined && !isManual && <Steps decl={decl} subs={list} loggedIn={loggedIn || current?.has_session === true} />}
            {decl?.flags.needs_regenerate === true && (
              <Banner kind="warning" testId="decl-outdated" action={<Button onClick={() => w.go('month')}>{t('navMonth')}</Button>}>
                {t('declOutdatedSubmit')}
              </Banner>
            )}
            {!isManual && decl?.flags.can_submit === true && (
              <div className="form-actions">
                <Button icon="key" onClick={() => setLogin({ profile })} data-testid="submit-login">
                  {t('login')}
                </Button>
                <Button kind="primary" icon="submit" busy={submitting} disabled={decl?.flags.can_submit !== true} onClick={() => void submit()} data-testid="submit-now">
                  {submitting ? t('submitting') : t('submitNow')}
                </Button>
              </div>
            )}
          </section>

          {isManual && decl !== undefined && !decl.flags.needs_regenerate && <ManualDeposit decl={decl} onRecorded={() => void month.reload()} />}
          {decl !== undefined && <DepositAttempts declarationId={decl.id} />}

          <section className="card" aria-labelledby="outbox-title" data-testid="outbox">
            <h2 id="outbox-title">{t('outboxTitle')}</h2>
            {list.length === 0 ? (
              <p className="muted">{t('outboxEmpty')}</p>
            ) : (
              <ul className="sub-list">
                {list.map((s) => (
                  <li key={s.id} className="sub-item" data-testid="submission" data-state={s.state}>
                    <div className="decl-line">
                      {/* Waiting to send it again (the platform down): queued, not "sending". */}
                      <Badge tone={SUB_TONE[retryReason(s) !== null ? 'queued' : s.state]} testId="submission-state">
                        {!subFinal(s.state) && <span className="spinner spinner-small" aria-hidden="true" />}
                        {t(`sub_${retryReason(s) !== null ? 'queued' : s.state}` as const)}
                      </Badge>
                      <span className="muted small num">{formatDateTime(s.updated_at)}</span>
                      <span className="muted small">{s.profile}</span>
                      <span className="muted small">{t('attempts', { n: s.attempts })}</span>
                    </div>
                    {s.acknowledgement_number && (
                      <p className="small">
                        {t('ackNumber')} : <span className="mono" dir="ltr">{s.acknowledgement_number}</span>
                        {s.payment_reference && (
                          <>
                            {' '}
                            · {t('paymentRef')} : <span className="mono" dir="ltr">{s.payment_reference}</span>
                          </>
                        )}
                      </p>
                    )}
                    {retryReason(s) !== null ? (
                      <p className="small text-warning" data-testid="sub-retry" role="status">
                        {t('subRetry', { reason: t(`subRetry_${retryReason(s) ?? 'down'}` as const), time: formatDateTime(s.next_attempt_at) })}
                      </p>
                    ) : (
                      s.last_error && <p className="small text-danger">{lastError(s.last_error)}</p>
                    )}
                    {s.state === 'rejected' && <ControlReport submissionId={s.id} />}
                    <div className="decl-actions">
                      {waitsForLogin(s) && (
                        <Button small kind="primary" icon="key" onClick={() => setLogin({ profile: s.profile })} data-testid="sub-login">
                          {t('login')}
                        </Button>
                      )}
                      {s.state === 'accepted' && (
                        <Button small kind="primary" icon="receipts" onClick={() => setReceiptFor(s.declaration_id)} data-testid="open-receipt">
                          {t('openReceipt')}
                        </Button>
                      )}
                      {s.state === 'queued' && s.attempts === 0 && (
                        <Button
                          small
                          kind="ghost"
                          icon="x"
                          onClick={() =>
                            submissionsApi.cancel(s.id).then(
                              () => {
                                toast.success(t('submissionCancelled'));
                                void subs.reload();
                                void month.reload();
                                void w.reloadDashboard();
                              },
                              (e: unknown) => toast.error(err(toApiError(e))),
                            )
                          }
                          data-testid="cancel-submission"
                        >
                          {t('cancelSubmission')}
                        </Button>
                      )}
                      {/* Only the latest: an older refusal followed by another submission is history. */}
                      {(s.state === 'failed' || s.state === 'rejected') && s.id === list[list.length - 1]?.id && (
                        <Button
                          small
                          data-testid="resubmit"
                          icon="refresh"
                          onClick={() =>
                            submissionsApi.resubmit(s.declaration_id).then(
                              () => void subs.reload(),
                              (e: unknown) => toast.error(err(toApiError(e))),
                            )
                          }
                        >
                          {t('resubmit')}
                        </Button>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}

      {login !== null && (
        <LoginDialog
          profile={login.profile}
          demo={profileList.find((p) => p.id === login.profile) ?? current}
          onClose={() => setLogin(null)}
          onOtp={(l, info) => {
            setLogin(null);
            setOtp({ profile: login.profile, login: l, info });
          }}
        />
      )}
      {otp !== null && (
        <OtpDialog
          profile={otp.profile}
          login={otp.login}
          info={otp.info}
          onClose={() => setOtp(null)}
          onRestart={() => {
            const p = otp.profile;
            setOtp(null);
            setLogin({ profile: p });
          }}
          onVerified={() => {
            setOtp(null);
            setLoggedIn(true);
            setLoginRequired(null);
            if (decl?.flags.can_submit === true) void submit();
          }}
        />
      )}
      {receiptFor !== null && <ReceiptForDeclaration declarationId={receiptFor} onClose={() => setReceiptFor(null)} />}
    </div>
  );
}

/**
 * ControlReport: why the platform rejected a deposit — its control report,
 * blocking items first — so that a rejection is never a dead end: fix the
 * month, generate again and deposit, or "Redéposer" when the cause was on
 * the platform's side.
 */
function ControlReport({ submissionId }: { submissionId: string }) {
  const { t } = useI18n();
  const res = useLoad(() => submissionsApi.result(submissionId), [submissionId]);
  const items = [...(res.data?.control_report ?? [])].sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'));
  if (res.data === undefined) return null;
  return (
    <div className="control-report" data-testid="control-report-items">
      <p className="small strong">{t('rejectedWhy', { n: items.length })}</p>
      <ul className="issues">
        {items.slice(0, 50).map((f, i) => (
          <li key={i} className={f.severity === 'error' ? 'text-danger small' : 'text-warning small'}>
            <span className="mono" dir="ltr">
              {f.rule}
            </span>
            {f.line > 0 && <> · {t('lineN', { n: f.line })}</>} · <bdi>{f.message ?? ''}</bdi>
          </li>
        ))}
      </ul>
      <p className="small muted">{t('rejectedNext')}</p>
    </div>
  );
}

function profileLabel(p: Profile, t: ReturnType<typeof useI18n>['t']): string {
  if (p.kind === 'sandbox') return t('profileSandboxShort');
  if (p.kind === 'manual') return t('profileManualShort');
  return `${t('profileRemote')} — ${p.id.replace(/^remote:/, '')}`;
}

type StepState = 'done' | 'active' | 'todo' | 'failed';

/** Steps: ready → sign in → sending → accepted, from the declaration and its latest submission. */
function Steps({ decl, subs, loggedIn }: { decl: MonthDeclaration; subs: readonly Submission[]; loggedIn: boolean }) {
  const { t } = useI18n();
  const last = subs[subs.length - 1];
  const st = last?.state;
  const sent = st === 'received' || st === 'processing' || st === 'accepted' || st === 'rejected';
  const steps: Array<[string, StepState]> = [
    [t('stepReady'), decl.flags.can_submit || decl.flags.frozen ? 'done' : 'active'],
    [t('stepLogin'), loggedIn || sent ? 'done' : last !== undefined ? 'active' : 'todo'],
    [t('stepSent'), sent ? 'done' : st === 'failed' ? 'failed' : st === 'queued' || st === 'sending' ? 'active' : 'todo'],
    [t('stepAccepted'), st === 'accepted' ? 'done' : st === 'rejected' ? 'failed' : sent ? 'active' : 'todo'],
  ];
  return (
    <ol className="steps" data-testid="submit-steps">
      {steps.map(([label, s], i) => (
        <li key={label} className={`step step-${s}`} aria-current={s === 'active' ? 'step' : undefined}>
          <span className="step-dot" aria-hidden="true">
            {s === 'done' ? '✓' : s === 'failed' ? '!' : String(i + 1)}
          </span>
          <span className="step-label">{label}</span>
        </li>
      ))}
    </ol>
  );
}

function DeclSummary({ d }: { d: MonthDeclaration }) {
  const { t } = useI18n();
  return (
    <div className="decl-summary">
      <Badge tone={DECL_TONE[d.status]} testId="submit-decl-status">
        {t(`decl_${d.status}` as const)}
      </Badge>
      <span className="mono small" dir="ltr">
        {d.file_name}
      </span>
      <span className="mono small muted" dir="ltr" title="SHA-256">
        {d.sha256.slice(0, 16)}…
      </span>
    </div>
  );
}

function ManualDeposit({ decl, onRecorded }: { decl: MonthDeclaration; onRecorded: () => void }) {
  const { t, err } = useI18n();
  const toast = useToast();
  const [folder, setFolder] = useState<Chosen | null>(null);
  const [ref, setRef] = useState('');
  const [date, setDate] = useState(formatDate(todayDate8()));
  const [payRef, setPayRef] = useState('');
  const [report, setReport] = useState<Chosen | null>(null);
  const [busy, setBusy] = useState(false);
  const parsedDate = parseDate(date);

  async function record() {
    if (parsedDate === undefined || parsedDate === '') return;
    setBusy(true);
    // The report's token is spent by the call: choose it again to retry.
    const reportToken = report?.token ?? '';
    setReport(null);
    try {
      await submissionsApi.recordManual(decl.id, {
        deposit_reference: ref.trim(),
        deposit_date: parsedDate,
        payment_reference: payRef.trim(),
        control_report_token: reportToken,
      });
      toast.success(t('evRecorded'));
      onRecorded();
    } catch (x: unknown) {
      toast.error(err(toApiError(x)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="manual-title">
      <h2 id="manual-title">{t('manualTitle')}</h2>
      <p className="muted">{t('manualIntro')}</p>
      <div className="row-end">
        <ChosenField label={t('folderPath')} value={folder} onChange={setFolder} choose={submissionsApi.chooseExportFolder} testId="export-folder" />
        <Button
          icon="download"
          data-testid="manual-export"
          disabled={folder === null || !decl.flags.can_export}
          onClick={() => {
            // The folder's token is spent by the call: choose it again to export again.
            const token = folder?.token ?? '';
            setFolder(null);
            submissionsApi.manualExport(decl.id, token).then(
              (p) => toast.success(t('exportedTo', { path: ltr(p) })),
              (e: unknown) => toast.error(err(toApiError(e))),
            );
          }}
        >
          {t('manualExport')}
        </Button>
        <Button icon="external" onClick={() => void submissionsApi.openPortal().catch((e: unknown) => toast.error(err(toApiError(e))))}>
          {t('openPortal')}
        </Button>
      </div>
      <h3>{t('evidenceTitle')}</h3>
      <div className="form-grid">
        <TextField label={t('evDepositRef')} value={ref} onChange={setRef} ltr required data-testid="ev-ref" />
        <TextField label={t('evDepositDate')} value={date} onChange={setDate} ltr error={parsedDate === undefined ? t('dateFormatError') : undefined} data-testid="ev-date" />
        <TextField label={t('evPaymentRef')} value={payRef} onChange={setPayRef} ltr data-testid="ev-payref" />
      </div>
      <ChosenField label={t('evControlReport')} value={report} onChange={setReport} choose={submissionsApi.chooseControlReport} testId="control-report" />
      <div className="form-actions">
        <Button kind="primary" icon="check" busy={busy} disabled={ref.trim() === '' || parsedDate === undefined || parsedDate === ''} onClick={() => void record()} data-testid="ev-record">
          {t('evRecord')}
        </Button>
      </div>
    </section>
  );
}
