import { useI18n } from '../i18n/context';
import { Button } from './Button';

/**
 * ProgressBar of a long operation, with its Cancel button. total < 0 means
 * unknown (an indeterminate bar with the count done so far).
 */
export function ProgressBar({
  label,
  done,
  total,
  onCancel,
  cancelling,
}: {
  label: string;
  done: number;
  total: number;
  onCancel?: (() => void) | undefined;
  cancelling?: boolean;
}) {
  const { t } = useI18n();
  const known = total > 0;
  const pct = known ? Math.min(100, Math.round((done / total) * 100)) : undefined;
  return (
    <div className="progress" data-testid="progress">
      <div className="progress-head">
        <span className="progress-label">{label}</span>
        <span className="progress-count num">
          {known ? t('progressOf', { done, total }) : t('progressCount', { done })}
        </span>
      </div>
      <div
        className={known ? 'progress-track' : 'progress-track progress-indeterminate'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? done : undefined}
      >
        <div className="progress-fill" style={pct !== undefined ? { inlineSize: `${String(pct)}%` } : undefined} />
      </div>
      {onCancel && (
        <Button small kind="ghost" icon="x" onClick={onCancel} busy={cancelling === true}>
          {t('cancel')}
        </Button>
      )}
    </div>
  );
}
