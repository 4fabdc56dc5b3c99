// @vitest-environment jsdom
import '../test/dom';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/context';
import type { Lang } from '../i18n/lang';
import { mkFinding, mkRow } from '../lib/testdata';
import { FindingsPanel } from './FindingsPanel';

const rows = [mkRow(0), mkRow(1), mkRow(2)];

function show(findings: ReturnType<typeof mkFinding>[], lang: Lang = 'fr') {
  const onSelect = vi.fn();
  render(
    <I18nProvider lang={lang}>
      <FindingsPanel findings={findings} rows={rows} onSelect={onSelect} />
    </I18nProvider>,
  );
  return { onSelect };
}

describe('FindingsPanel', () => {
  it('says so when there is nothing to fix', () => {
    show([]);
    expect(screen.getByRole('status').textContent).toMatch(/Aucune anomalie/);
    expect(screen.getByTestId('findings-count').textContent).toBe('0 erreur(s), 0 alerte(s)');
  });

  it('lists errors before warnings, each with the employee, the rule, the message and the hint', () => {
    show([mkFinding(2, { severity: 'warning', rule: 'SAL-MINIMUM' }), mkFinding(1, { rule: 'SIT-NORMAL' })]);
    const items = screen.getAllByTestId('finding');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('NOM1 Prénom');
    expect(items[0]!.textContent).toContain('SIT-NORMAL');
    expect(items[0]!.textContent).toContain('Erreur');
    expect(items[0]!.textContent).toContain('aucune situation mais un salaire nul');
    expect(items[0]!.textContent).toContain('saisissez le salaire ou une situation');
    expect(items[1]!.textContent).toContain('Alerte');
    expect(screen.getByTestId('findings-count').textContent).toBe('1 erreur(s), 1 alerte(s)');
  });

  it('speaks the user language', () => {
    show([mkFinding(0)], 'ar');
    const item = screen.getByTestId('finding');
    expect(item.textContent).toContain('لا توجد وضعية والأجر منعدم');
    expect(item.textContent).toContain('أدخل الأجر أو وضعية');
    expect(item.textContent).toContain('خطأ');
  });

  it('a finding on a row is a button that selects it; a file-wide one is not', () => {
    const f = mkFinding(2);
    const file = mkFinding(-1, { rule: 'CTR-TOTALS' });
    const { onSelect } = show([f, file]);
    const [first, second] = screen.getAllByTestId('finding');
    expect(first!.tagName).toBe('DIV'); // errors first: the file-wide one (row -1) sorts first
    expect(within(first!).getByText('Fichier entier')).toBeTruthy();
    expect(second!.tagName).toBe('BUTTON');
    fireEvent.click(second!);
    expect(onSelect).toHaveBeenCalledWith(f);
  });

  it('draws at most the limit, the count says how many there are', () => {
    const many = Array.from({ length: 500 }, (_, i) => mkFinding(i % 3));
    render(
      <I18nProvider lang="en">
        <FindingsPanel findings={many} rows={rows} onSelect={() => undefined} limit={50} />
      </I18nProvider>,
    );
    expect(screen.getAllByTestId('finding')).toHaveLength(50);
    expect(screen.getByTestId('findings-count').textContent).toBe('500 error(s), 0 warning(s)');
  });
  it('shows an info finding (plausibility) in every language, after the errors, counted neither as an error nor as a warning', () => {
    const info = mkFinding(1, { severity: 'info', rule: 'PLA-SMIG-DAY' });
    for (const [lang, label, count] of [
      ['fr', 'Information', '1 erreur(s), 1 alerte(s)'],
      ['ar', 'معلومة', '1 خطأ، 1 تنبيه'],
      ['en', 'Information', '1 error(s), 1 warning(s)'],
    ] as const) {
      const { unmount } = render(
        <I18nProvider lang={lang}>
          <FindingsPanel findings={[info, mkFinding(2, { severity: 'warning', rule: 'PLA-SALARY' }), mkFinding(0)]} rows={rows} onSelect={vi.fn()} />
        </I18nProvider>,
      );
      const items = screen.getAllByTestId('finding');
      expect(items).toHaveLength(3);
      expect(items[0]!.textContent).toContain('SIT-NORMAL'); // the error first
      const shown = items.find((el) => el.textContent?.includes('PLA-SMIG-DAY'));
      expect(shown?.textContent).toContain(label);
      expect(shown?.querySelector('.sev-info')).toBeTruthy();
      expect(shown?.textContent).not.toContain('severity_info');
      expect(screen.getByTestId('findings-count').textContent).toBe(count);
      unmount();
    }
  });
});
