// @vitest-environment jsdom
import '../test/dom';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionStatus } from '../api/types';
import { I18nProvider } from '../i18n/context';
import type { Lang } from '../i18n/lang';
import { RollbackBanner } from './RollbackBanner';

let ack: ReturnType<typeof vi.fn>;

beforeEach(() => {
  ack = vi.fn(() => Promise.resolve());
  (window as unknown as { go: unknown }).go = { app: { Session: { AcknowledgeRollback: ack } } };
});
afterEach(() => {
  delete (window as unknown as { go?: unknown }).go;
});

const status = (rollback: SessionStatus['rollback']): SessionStatus =>
  ({ has_vault: true, unlocked: true, rollback } as unknown as SessionStatus);

const message = 'le dossier de données a été remplacé par une copie plus ancienne : dernière entrée connue n° 12, trouvée n° 9';

describe('RollbackBanner', () => {
  it('shows nothing without a rollback', () => {
    render(
      <I18nProvider lang="fr">
        <RollbackBanner status={status(null)} onDone={vi.fn()} />
      </I18nProvider>,
    );
    expect(screen.queryByTestId('rollback')).toBeNull();
  });

  it.each([
    ['fr', 'J’en prends acte'],
    ['ar', 'أُقرّ بذلك'],
    ['en', 'I acknowledge it'],
  ] as [Lang, string][])('shows the message and acknowledges it (%s)', async (lang, label) => {
    const done = vi.fn();
    render(
      <I18nProvider lang={lang}>
        <RollbackBanner status={status({ kind: 'rolled_back', known_seq: 12, found_seq: 9, message })} onDone={done} />
      </I18nProvider>,
    );
    expect(screen.getByTestId('rollback').textContent).toContain(message);
    fireEvent.click(screen.getByRole('button', { name: label }));
    await waitFor(() => expect(done).toHaveBeenCalledTimes(1));
    expect(ack).toHaveBeenCalledTimes(1);
  });

  it('keeps the banner and says why when acknowledging fails', async () => {
    ack = vi.fn(() => Promise.reject(new Error(JSON.stringify({ code: 'session.locked', message: 'verrouillé', fields: [] }))));
    (window as unknown as { go: unknown }).go = { app: { Session: { AcknowledgeRollback: ack } } };
    const done = vi.fn();
    render(
      <I18nProvider lang="en">
        <RollbackBanner status={status({ kind: 'truncated', known_seq: 5, found_seq: 3, message: 'truncated' })} onDone={done} />
      </I18nProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'I acknowledge it' }));
    await waitFor(() => expect(screen.getByTestId('rollback').textContent).not.toBe('truncated'));
    expect(done).not.toHaveBeenCalled();
  });
});
