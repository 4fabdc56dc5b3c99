// @vitest-environment jsdom
import '../test/dom';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../api/types';
import { I18nProvider } from '../i18n/context';
import type { Lang } from '../i18n/lang';
import { AuditScreen } from './Audit';

const labels = {
  'manual_deposit.record': { fr: 'Dépôt manuel enregistré', ar: 'تسجيل إيداع يدوي', en: 'Manual deposit recorded' },
  manual_deposit: { fr: 'Dépôt manuel', ar: 'إيداع يدوي', en: 'Manual deposit' },
  'declaration.create': { fr: 'Déclaration créée', ar: 'إنشاء التصريح', en: 'Declaration created' },
  declaration: { fr: 'Déclaration', ar: 'التصريح', en: 'Declaration' },
};
const none = { fr: '', ar: '', en: '' };

function entry(seq: number, action: keyof typeof labels | string, entity: keyof typeof labels | string): AuditEntry {
  return {
    seq,
    time: '2026-02-09T10:00:00Z',
    who: 'test',
    action,
    action_label: labels[action as keyof typeof labels] ?? none,
    entity,
    entity_label: labels[entity as keyof typeof labels] ?? none,
    entity_id: `id${seq}`,
    hash: 'abcdef0123456789',
  };
}

const entries = [entry(1, 'declaration.create', 'declaration'), entry(2, 'manual_deposit.record', 'manual_deposit'), entry(3, 'later.action', 'later_kind')];

function show(lang: Lang) {
  const audit = vi.fn(() => Promise.resolve(entries));
  (window as unknown as { go: unknown }).go = { app: { Receipts: { Audit: audit } } };
  render(
    <I18nProvider lang={lang}>
      <AuditScreen />
    </I18nProvider>,
  );
  return audit;
}

afterEach(() => {
  delete (window as unknown as { go?: unknown }).go;
});

describe('AuditScreen labels (issue 15)', () => {
  it.each([
    ['en', 'Manual deposit recorded', 'Declaration created', 'Manual deposit'],
    ['fr', 'Dépôt manuel enregistré', 'Déclaration créée', 'Dépôt manuel'],
    ['ar', 'تسجيل إيداع يدوي', 'إنشاء التصريح', 'إيداع يدوي'],
  ] as const)('shows (%s) Go’s label of each action and object, the raw code only as a hint', async (lang, deposit, created, entity) => {
    const audit = show(lang);
    await waitFor(() => expect(audit).toHaveBeenCalledWith(1, 1000));
    const actions = await screen.findAllByTestId('audit-action');
    expect(actions).toHaveLength(3);
    // Newest first.
    expect(actions[1]!.textContent).toContain(deposit);
    expect(actions[2]!.textContent).toContain(created);
    const entities = screen.getAllByTestId('audit-entity');
    expect(entities[1]!.textContent).toContain(entity);
    // The code stays, apart, as a hint: the label itself is not the code.
    const hint = actions[1]!.querySelector('[data-testid="audit-code"]')!;
    expect(hint.textContent).toBe('manual_deposit.record');
    expect(actions[1]!.textContent!.replace(hint.textContent!, '')).not.toContain('manual_deposit');
    // An action Go has no label for (a later version's) is shown raw.
    expect(actions[0]!.textContent).toBe('later.action');
  });

  it('finds an entry by its label in the user’s language', async () => {
    show('en');
    await screen.findAllByTestId('audit-action');
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'manual deposit' } });
    await waitFor(() => expect(screen.getAllByTestId('audit-action')).toHaveLength(1));
    expect(screen.getByTestId('audit-action').textContent).toContain('Manual deposit recorded');
  });
});
