import type { ReactNode } from 'react';

/** Tones map to colours in styles.css; a badge always carries its text, never colour alone. */
export type Tone = 'neutral' | 'info' | 'progress' | 'success' | 'warning' | 'danger' | 'muted';

export function Badge({ tone, children, title, testId }: { tone: Tone; children: ReactNode; title?: string; testId?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title} data-testid={testId}>
      <span className="badge-dot" aria-hidden="true" />
      {children}
    </span>
  );
}
