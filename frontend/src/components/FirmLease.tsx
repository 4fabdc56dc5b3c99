import { useCallback, useEffect, useState } from 'react';
import { toApiError } from '../api/errors';
import { on } from '../api/events';
import { type FirmDossier, type FirmSeat, type FirmStage, firmApi } from '../api/firm';
import { useI18n } from '../i18n/context';
import type { MsgKey } from '../i18n/messages';
import { formatDateTime } from '../lib/format';
import { Badge } from './Badge';
import { Button } from './Button';
import { useToast } from './Toast';

const STAGE_TONE: Readonly<Record<FirmStage, 'neutral' | 'info' | 'warning' | 'success'>> = {
  prepared: 'neutral',
  ready: 'info',
  sending: 'warning',
  deposited: 'success',
};

export interface FirmDossiers {
  /** The firm mode is set up on this seat (else the column is not shown). */
  enabled: boolean;
  byEmployer: ReadonlyMap<string, FirmDossier>;
  /** Dossiers not received here: their employer's affiliation number is a local employer's. */
  clashes: readonly FirmDossier[];
  seats: readonly FirmSeat[];
  reload: () => Promise<void>;
  /** Replaces one dossier's line after an action answered it. */
  put: (d: FirmDossier) => void;
}

/**
 * useFirmDossiers loads the firm's dossiers of this seat (nothing when the
 * build or the seat has no firm mode) and reloads them after each sync.
 */
export function useFirmDossiers(): FirmDossiers {
  const [enabled, setEnabled] = useState(false);
  const [rows, setRows] = useState<ReadonlyMap<string, FirmDossier>>(new Map());
  const [clashes, setClashes] = useState<readonly FirmDossier[]>([]);
  const [seats, setSeats] = useState<readonly FirmSeat[]>([]);
  const reload = useCallback(async () => {
    if (!firmApi.available()) return;
    try {
      const st = await firmApi.status();
      setEnabled(st.set_up);
      setSeats((st.seats ?? []).filter((s) => !s.revoked));
      if (!st.set_up) return;
      const ds = (await firmApi.dossiers()) ?? [];
      setRows(new Map(ds.filter((d) => !d.clash).map((d) => [d.employer_id, d])));
      setClashes(ds.filter((d) => d.clash));
    } catch {
      // The store away: the column keeps what it showed; the Cabinet screen says why.
    }
  }, []);
  useEffect(() => {
    void reload();
    return on('firm:sync_done', () => void reload());
  }, [reload]);
  const put = useCallback((d: FirmDossier) => setRows((m) => new Map(m).set(d.employer_id, d)), []);
  return { enabled, byEmployer: rows, clashes, seats, reload, put };
}

/** Who holds the dossier and since when, what waits, and its proposals. */
export function FirmHolder({ d }: { d: FirmDossier }) {
  const { t } = useI18n();
  const since = formatDateTime(d.since);
  return (
    <div className="cell-stack" data-testid="firm-holder">
      <span className="cell-main">
        {d.free ? t('firmFree') : d.mine ? t('firmMine', { since }) : t('firmHeldBy', { name: d.holder_name, since })}
      </span>
      <span className="cell-sub">
        <Badge tone={STAGE_TONE[d.stage]} testId="firm-stage">
          {t(`firmStage_${d.stage}` as MsgKey)}
        </Badge>
        {!d.free && !d.mine && d.stage !== 'deposited' && <span className="muted small"> {t('firmWaitingFor', { name: d.holder_name })}</span>}
        {d.proposals > 0 && (
          <Badge tone="warning" testId="firm-proposals">
            {t('firmProposalsBadge', { n: d.proposals })}
          </Badge>
        )}
      </span>
    </div>
  );
}

/** The lease actions of a dossier: take, release, send to a seat. */
export function FirmLeaseActions({ d, seats, onChange }: { d: FirmDossier; seats: readonly FirmSeat[]; onChange: (d: FirmDossier) => void }) {
  const { t, err } = useI18n();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const run = async (f: () => Promise<FirmDossier>, done?: string) => {
    setBusy(true);
    try {
      onChange(await f());
      if (done !== undefined) toast.success(done);
    } catch (e: unknown) {
      toast.error(err(toApiError(e)));
    } finally {
      setBusy(false);
    }
  };
  const others = seats.filter((s) => !s.me && (d.seats ?? []).includes(s.id));
  return (
    <div className="row-actions" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
      {!d.mine && (
        <Button small busy={busy} onClick={() => void run(() => firmApi.take(d.employer_id))} data-testid="firm-take">
          {t('firmTake')}
        </Button>
      )}
      {d.mine &&
        others.map((s) => (
          <Button
            key={s.id}
            small
            busy={busy}
            onClick={() => void run(() => firmApi.handOver(d.employer_id, s.id), t('firmHandedOver', { name: s.name }))}
            data-testid={`firm-handover-${s.id}`}
          >
            {t('firmHandOverTo', { name: s.name })}
          </Button>
        ))}
      {d.mine && (
        <Button small kind="ghost" busy={busy} onClick={() => void run(() => firmApi.release(d.employer_id))} data-testid="firm-release">
          {t('firmRelease')}
        </Button>
      )}
    </div>
  );
}
