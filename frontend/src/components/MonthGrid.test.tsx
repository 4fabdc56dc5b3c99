// @vitest-environment jsdom
import '../test/dom';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { MonthRow, Severity } from '../api/types';
import { I18nProvider } from '../i18n/context';
import type { Lang } from '../i18n/lang';
import { cellKey } from '../lib/monthGrid';
import { mkRow } from '../lib/testdata';
import { MonthGrid, type MonthGridHandle } from './MonthGrid';

function setup(opts: { rows?: MonthRow[]; severity?: Map<string, Severity>; readOnly?: boolean; lang?: Lang; visible?: number[] } = {}) {
  const rows = opts.rows ?? Array.from({ length: 10 }, (_, i) => mkRow(i));
  const onEdit = vi.fn();
  const ref = createRef<MonthGridHandle>();
  const utils = render(
    <I18nProvider lang={opts.lang ?? 'fr'}>
      <MonthGrid
        ref={ref}
        rows={rows}
        visible={opts.visible ?? rows.map((_, i) => i)}
        severity={opts.severity ?? new Map()}
        readOnly={opts.readOnly ?? false}
        onEdit={onEdit}
      />
    </I18nProvider>,
  );
  const cell = (row: number, col: string) => utils.container.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-cell="${cellKey(row, col)}"]`)!;
  return { ...utils, onEdit, ref, cell, rows };
}

function focused(): string | null {
  return document.activeElement?.getAttribute('data-cell') ?? null;
}

describe('MonthGrid', () => {
  it('shows each row with its values formatted, every cell labelled', () => {
    const { cell } = setup({ rows: [mkRow(0, { gross: 123456, days: 20, situation: 'IL' })] });
    expect(cell(0, 'days').value).toBe('20');
    expect(cell(0, 'gross').value).toBe('1 234,56');
    expect(cell(0, 'situation').value).toBe('IL');
    expect(screen.getByLabelText('Salaire brut — NOM0 Prénom')).toBe(cell(0, 'gross'));
    expect(screen.getByRole('grid', { name: 'Salaires du mois' })).toBeTruthy();
  });

  it('renders only the rows in view for a long list (virtualized)', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => mkRow(i));
    const { container } = setup({ rows });
    const n = container.querySelectorAll('.g-row').length;
    expect(n).toBeGreaterThan(10);
    expect(n).toBeLessThan(60);
    expect(container.querySelector('[role="grid"]')!.getAttribute('aria-rowcount')).toBe('2001');
  });

  it('commits every valid value as it is typed, in centimes', () => {
    const { cell, onEdit } = setup();
    fireEvent.change(cell(2, 'gross'), { target: { value: '8 500,5' } });
    expect(onEdit).toHaveBeenLastCalledWith(2, { gross: 850050 });
    fireEvent.change(cell(2, 'days'), { target: { value: '12' } });
    expect(onEdit).toHaveBeenLastCalledWith(2, { days: 12 });
    fireEvent.change(cell(2, 'situation'), { target: { value: 'CS' } });
    expect(onEdit).toHaveBeenLastCalledWith(2, { situation: 'CS' });
  });

  it('keeps an invalid text visible with its error and does not commit it', () => {
    const { cell, onEdit } = setup();
    fireEvent.change(cell(1, 'gross'), { target: { value: '8,500' } });
    expect(onEdit).not.toHaveBeenCalled();
    expect(cell(1, 'gross').value).toBe('8,500');
    expect(cell(1, 'gross').className).toContain('cell-invalid');
    expect(cell(1, 'gross').getAttribute('aria-invalid')).toBe('true');
    expect(cell(1, 'gross').title).toMatch(/Montant ambigu.*Écrivez 8000 ou 8 000,00/);
    fireEvent.change(cell(1, 'days'), { target: { value: '27' } });
    expect(onEdit).not.toHaveBeenCalled();
    expect(cell(1, 'days').title).toMatch(/0 à 26/);
    // Escape gives back the stored value.
    fireEvent.keyDown(cell(1, 'gross'), { key: 'Escape' });
    expect(cell(1, 'gross').value).toBe('6 500,00');
  });

  it('moves with Enter / Shift+Enter and the arrows, like a spreadsheet', () => {
    const { cell } = setup();
    act(() => cell(3, 'gross').focus());
    fireEvent.keyDown(cell(3, 'gross'), { key: 'Enter' });
    expect(focused()).toBe('4:gross');
    fireEvent.keyDown(cell(4, 'gross'), { key: 'Enter', shiftKey: true });
    expect(focused()).toBe('3:gross');
    fireEvent.keyDown(cell(3, 'gross'), { key: 'ArrowDown' });
    expect(focused()).toBe('4:gross');
    fireEvent.keyDown(cell(4, 'gross'), { key: 'ArrowUp' });
    expect(focused()).toBe('3:gross');
    // ← → leave a text cell only from its edge.
    const g = cell(3, 'gross') as HTMLInputElement;
    g.setSelectionRange(2, 2);
    fireEvent.keyDown(g, { key: 'ArrowRight' });
    expect(focused()).toBe('3:gross');
    g.setSelectionRange(g.value.length, g.value.length);
    fireEvent.keyDown(g, { key: 'ArrowRight' });
    expect(focused()).toBe('3:situation');
    fireEvent.keyDown(cell(3, 'situation'), { key: 'ArrowLeft' });
    expect(focused()).toBe('3:gross');
    // The last row stays put.
    act(() => cell(9, 'days').focus());
    fireEvent.keyDown(cell(9, 'days'), { key: 'Enter' });
    expect(focused()).toBe('9:days');
  });

  it('mirrors ← → in Arabic: the next cell is on the left', () => {
    const { cell } = setup({ lang: 'ar' });
    const d = cell(0, 'days') as HTMLInputElement;
    act(() => d.focus());
    d.setSelectionRange(0, 0);
    fireEvent.keyDown(d, { key: 'ArrowLeft' });
    expect(focused()).toBe('0:gross');
    // → from the last character goes back to the cell on the right: the days.
    const g = cell(0, 'gross') as HTMLInputElement;
    g.setSelectionRange(0, 0);
    fireEvent.keyDown(g, { key: 'ArrowRight' });
    expect(focused()).toBe('0:gross');
    g.setSelectionRange(g.value.length, g.value.length);
    fireEvent.keyDown(g, { key: 'ArrowRight' });
    expect(focused()).toBe('0:days');
  });

  it('moves only between the rows shown (a category filter)', () => {
    const { cell } = setup({ visible: [1, 4, 7] });
    expect(cell(2, 'days')).toBeNull();
    act(() => cell(4, 'days').focus());
    fireEvent.keyDown(cell(4, 'days'), { key: 'Enter' });
    expect(focused()).toBe('7:days');
  });

  it('focusCell puts the caret in the cell a finding points at', () => {
    const { ref, cell } = setup();
    let ok = false;
    act(() => {
      ok = ref.current!.focusCell(6, 'gross');
    });
    expect(ok).toBe(true);
    expect(focused()).toBe('6:gross');
    const el = cell(6, 'gross') as HTMLInputElement;
    expect([el.selectionStart, el.selectionEnd]).toEqual([0, el.value.length]);
    expect(ref.current!.focusCell(99, 'gross')).toBe(false);
  });

  it('focusCell reaches a row far below: it scrolls there, then focuses it', async () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame'] });
    try {
      const rows = Array.from({ length: 2000 }, (_, i) => mkRow(i));
      const { ref, container } = setup({ rows });
      expect(container.querySelector('[data-cell="1500:gross"]')).toBeNull();
      act(() => {
        ref.current!.focusCell(1500, 'gross');
      });
      const scroller = container.querySelector<HTMLElement>('.grid-scroll')!;
      expect(scroller.scrollTop).toBeGreaterThan(1400 * 38);
      await act(async () => {
        fireEvent.scroll(scroller);
        vi.advanceTimersByTime(100);
      });
      expect(focused()).toBe('1500:gross');
    } finally {
      vi.useRealTimers();
    }
  });

  it('marks cells and rows with findings, with text for screen readers', () => {
    const severity = new Map<string, Severity>([
      [cellKey(2, 'gross'), 'error'],
      ['r:2', 'error'],
      [cellKey(5, 'days'), 'warning'],
      ['r:5', 'warning'],
    ]);
    const { cell, container } = setup({ severity });
    expect(cell(2, 'gross').className).toContain('cell-error');
    expect(cell(2, 'gross').getAttribute('aria-invalid')).toBe('true');
    expect(cell(5, 'days').className).toContain('cell-warning');
    const row2 = container.querySelector('[data-row="2"]')!;
    expect(row2.className).toContain('g-row-error');
    expect(row2.textContent).toContain('Erreur');
  });

  it('is read-only when the month is frozen', () => {
    const { cell, onEdit } = setup({ readOnly: true });
    expect((cell(0, 'gross') as HTMLInputElement).readOnly).toBe(true);
    expect((cell(0, 'situation') as HTMLSelectElement).disabled).toBe(true);
    fireEvent.change(cell(0, 'situation'), { target: { value: 'SO' } });
    expect(onEdit).not.toHaveBeenCalled();
  });
});
