import { memo, useMemo } from 'react';
import type { Finding, MonthRow } from '../api/types';
import { useI18n } from '../i18n/context';
import { sortFindings } from '../lib/monthGrid';
import { Icon } from './Icon';

export interface FindingsPanelProps {
  findings: readonly Finding[];
  rows: readonly MonthRow[];
  onSelect: (f: Finding) => void;
  /** At most this many items are drawn (the count above says how many there are). */
  limit?: number;
}

/**
 * FindingsPanel lists the findings of the rule catalogue, errors first,
 * each with its message and the hint that says how to fix it, in the
 * user's language. A finding placed on a row is a button that takes the
 * focus to the cell to fix.
 */
export const FindingsPanel = memo(FindingsList, samePanel);

/**
 * The panel shows names from the rows, which do not change while the user
 * types amounts: it redraws when the findings change, not at each keystroke.
 */
function samePanel(a: FindingsPanelProps, b: FindingsPanelProps): boolean {
  return a.findings === b.findings && a.rows.length === b.rows.length && a.onSelect === b.onSelect && a.limit === b.limit;
}

function FindingsList({ findings, rows, onSelect, limit = 300 }: FindingsPanelProps) {
  const { t, pick } = useI18n();
  const sorted = useMemo(() => sortFindings(findings), [findings]);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length; // info findings count as neither
  return (
    <section className="findings" aria-labelledby="findings-title" data-testid="findings-panel">
      <header className="panel-head">
        <h2 id="findings-title">{t('findingsTitle')}</h2>
        <span className={errors > 0 ? 'text-danger small strong' : 'muted small'} data-testid="findings-count">
          {t('findingsCount', { errors, warnings })}
        </span>
      </header>
      {findings.length === 0 ? (
        <p className="findings-ok" role="status">
          <Icon name="check" /> {t('findingsNone')}
        </p>
      ) : (
        <ul className="findings-list">
          {sorted.slice(0, limit).map((f, i) => {
            const row = f.row >= 0 ? rows[f.row] : undefined;
            const body = (
              <>
                <span className={`sev sev-${f.severity}`}>
                  <Icon name={f.severity === 'error' ? 'error' : f.severity === 'info' ? 'info' : 'alert'} size={16} />
                  <span className="sev-text">{t(`severity_${f.severity}` as const)}</span>
                </span>
                <span className="finding-main">
                  <span className="finding-who">
                    {row ? <bdi>{row.name}</bdi> : t('findingFile')}
                    {f.rule !== '' && (
                      <span className="finding-rule mono" dir="ltr">
                        {f.rule}
                      </span>
                    )}
                  </span>
                  <span className="finding-msg">{pick(f.message)}</span>
                  {pick(f.hint) !== '' && <span className="finding-hint">{pick(f.hint)}</span>}
                </span>
              </>
            );
            return (
              <li key={`${f.rule}-${String(f.row)}-${String(f.line)}-${f.field}-${String(i)}`}>
                {row ? (
                  <button type="button" className={`finding finding-${f.severity}`} onClick={() => onSelect(f)} title={t('findingGoTo')} data-testid="finding">
                    {body}
                  </button>
                ) : (
                  <div className={`finding finding-${f.severity}`} data-testid="finding">
                    {body}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
