import type { ReactNode } from 'react';
import { Icon } from './Icon';

export type BannerKind = 'info' | 'warning' | 'error' | 'success';

/** Banner: a message across a screen; errors and warnings are announced (role=alert). */
export function Banner({ kind, children, action, testId }: { kind: BannerKind; children: ReactNode; action?: ReactNode; testId?: string }) {
  const icon = kind === 'error' ? 'error' : kind === 'warning' ? 'alert' : kind === 'success' ? 'check' : 'info';
  return (
    <div className={`banner banner-${kind}`} role={kind === 'error' || kind === 'warning' ? 'alert' : 'status'} data-testid={testId}>
      <Icon name={icon} />
      <div className="banner-text">{children}</div>
      {action !== undefined && <div className="banner-action">{action}</div>}
    </div>
  );
}
