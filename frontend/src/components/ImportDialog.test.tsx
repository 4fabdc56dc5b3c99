// @vitest-environment jsdom
import '../test/dom';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ImportPreviewResult } from '../api/types';
import { I18nProvider } from '../i18n/context';
import { ImportDialog, type ImportApi } from './ImportDialog';
import { ToastProvider } from './Toast';

const text = (fr: string) => ({ fr, ar: fr, en: fr });

// A new hire without immatriculation (CIN only) and a row in error: issue 15.8.
const preview = {
  op_id: 'op1',
  preview: {
    kind: 'employees',
    counts: { rows: 2, create: 1, update: 0, unchanged: 0, errors: 1, warnings: 0 },
    employees: [
      { line: 2, action: 'create', record: { last_name: 'IDRISSI', first_name: 'Omar', immatriculation: '', cin: 'BK123456' } },
      {
        line: 3,
        action: 'error',
        record: { last_name: 'ALAOUI', first_name: 'Sara', immatriculation: '', cin: 'CD654321' },
        errors: [
          {
            line: 3,
            code: 'import.date',
            severity: 'error',
            message: text('paie.xlsx ligne 3, colonne « Date » (E) : date « x » invalide'),
            detail: text('colonne « Date » (E) : date « x » invalide'),
          },
        ],
      },
    ],
  },
} as unknown as ImportPreviewResult;

function show() {
  const api: ImportApi = {
    choose: vi.fn(() => Promise.resolve({ token: 'tok', name: 'paie.xlsx' })),
    preview: vi.fn(() => Promise.resolve(preview)),
    apply: vi.fn(),
    discard: vi.fn(() => Promise.resolve()),
    cancel: vi.fn(() => Promise.resolve(true)),
  };
  render(
    <I18nProvider lang="fr">
      <ToastProvider>
        <ImportDialog kind="employees" api={api} onClose={() => undefined} onDone={() => undefined} />
      </ToastProvider>
    </I18nProvider>,
  );
  return api;
}

describe('ImportDialog preview rows (issue 15.8)', () => {
  it('shows a CIN in the CIN column, never as the immatriculation, and each message without the file and line of its row', async () => {
    show();
    fireEvent.click(screen.getByTestId('import-path'));
    await waitFor(() => expect((screen.getByTestId('import-preview') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('import-preview'));
    await screen.findByTestId('import-counts');
    const heads = screen.getAllByRole('columnheader').map((h) => h.textContent ?? '');
    const immat = heads.indexOf('Immatriculation');
    const cin = heads.indexOf('CIN');
    expect(immat).toBeGreaterThan(-1);
    expect(cin).toBeGreaterThan(-1);
    const row = screen.getAllByRole('row').find((r) => r.textContent?.includes('IDRISSI Omar'));
    expect(row).toBeDefined();
    const cells = [...row!.querySelectorAll('[role="cell"]')].map((c) => c.textContent ?? '');
    expect(cells[immat]).toBe('—');
    expect(cells[cin]).toBe('BK123456');
    const bad = screen.getAllByRole('row').find((r) => r.textContent?.includes('ALAOUI Sara'));
    expect(bad?.textContent).toContain('colonne « Date » (E) : date « x » invalide');
    expect(bad?.textContent).not.toContain('paie.xlsx ligne 3');
  });
});
