import { useState } from 'react';
import { toApiError } from '../api/errors';
import { session } from '../api/session';
import type { SessionStatus } from '../api/types';
import { useI18n } from '../i18n/context';
import { Banner } from './Banner';
import { Button } from './Button';

/**
 * RollbackBanner: the data folder is older than (or diverges from) its
 * audit anchors — truncated, put back from an older copy, or rewritten.
 * Changes are refused until the user acknowledges it (audited).
 */
export function RollbackBanner({ status, onDone }: { status: SessionStatus; onDone: () => void }) {
  const { t, err } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (!status.rollback) return null;
  const acknowledge = () => {
    setBusy(true);
    session.acknowledgeRollback().then(
      () => {
        setBusy(false);
        onDone();
      },
      (e: unknown) => {
        setBusy(false);
        setFailure(err(toApiError(e)));
      },
    );
  };
  return (
    <Banner
      kind="error"
      testId="rollback"
      action={
        <Button onClick={acknowledge} disabled={busy}>
          {t('rollbackAcknowledge')}
        </Button>
      }
    >
      {status.rollback.message}
      {failure !== null && <div>{failure}</div>}
    </Banner>
  );
}
