import { describe, expect, it } from 'vitest';
import {
  applyEdit,
  cellKey,
  cellSeverity,
  linesOf,
  mergeRows,
  moveFrom,
  parseDays,
  parseGross,
  requiresZero,
  sortFindings,
  targetCol,
  visibleRows,
} from './monthGrid';
import { mkFinding, mkRow } from './testdata';

describe('cell parsing', () => {
  it.each([
    ['0', 0],
    ['26', 26],
    [' 7 ', 7],
    ['', 0],
  ])('days %j → %d', (s, n) => expect(parseDays(s)).toEqual({ ok: true, days: n }));

  it.each(['27', '-1', '2.5', 'x', '100'])('days %j refused', (s) => expect(parseDays(s).ok).toBe(false));

  it('gross: empty is 0, otherwise the money rules', () => {
    expect(parseGross('')).toEqual({ ok: true, centimes: 0 });
    expect(parseGross('7 500,00')).toEqual({ ok: true, centimes: 750000 });
    expect(parseGross('8,500')).toEqual({ ok: false, code: 'money.decimals' });
  });
});

describe('edits', () => {
  it('a situation that requires zero clears days and pay (AT, CS, MS, MP)', () => {
    expect(['AT', 'CS', 'MS', 'MP'].every(requiresZero)).toBe(true);
    expect(['', 'SO', 'IL', 'IT', 'DE'].some(requiresZero)).toBe(false);
    const r = applyEdit(mkRow(0), { situation: 'CS' });
    expect([r.days, r.gross, r.situation, r.needs_situation]).toEqual([0, 0, 'CS', false]);
  });

  it('a préétabli employee left without pay needs a situation; an entrant does not', () => {
    expect(applyEdit(mkRow(0), { gross: 0 }).needs_situation).toBe(true);
    expect(applyEdit(mkRow(0), { days: 0 }).needs_situation).toBe(true);
    expect(applyEdit(mkRow(0, { category: 'entrant' }), { gross: 0 }).needs_situation).toBe(false);
    expect(applyEdit(mkRow(0, { gross: 0, needs_situation: true }), { situation: 'SO' }).needs_situation).toBe(false);
  });

  it('does not modify the row it is given', () => {
    const r = mkRow(0);
    applyEdit(r, { days: 3 });
    expect(r.days).toBe(26);
  });

  it('sends one line per row with an employee, in centimes', () => {
    const rows = [mkRow(0), mkRow(1, { employee_id: '', days: 0 }), mkRow(2, { gross: 123456, situation: 'IL' })];
    expect(linesOf(rows)).toEqual([
      { employee_id: 'e0', days: 26, gross: 650000, situation: '' },
      { employee_id: 'e2', days: 26, gross: 123456, situation: 'IL' },
    ]);
  });
});

describe('findings on cells', () => {
  const rows = [mkRow(0), mkRow(1, { needs_situation: true, gross: 0 }), mkRow(2)];

  it('leads each finding to an editable cell', () => {
    expect(targetCol({ column: 'gross' }, rows[0])).toBe('gross');
    expect(targetCol({ column: 'situation' }, rows[0])).toBe('situation');
    expect(targetCol({ column: '' }, rows[1])).toBe('situation'); // EMP-MISSING: give a situation
    expect(targetCol({ column: 'immatriculation' }, rows[0])).toBe('days');
  });

  it('keeps the worst severity per cell and per row', () => {
    const m = cellSeverity(
      [
        mkFinding(0, { severity: 'warning' }),
        mkFinding(0, { severity: 'error' }),
        mkFinding(0, { severity: 'warning' }),
        mkFinding(2, { severity: 'warning', column: 'days' }),
        mkFinding(-1),
      ],
      rows,
    );
    expect(m.get(cellKey(0, 'gross'))).toBe('error');
    expect(m.get('r:0')).toBe('error');
    expect(m.get(cellKey(2, 'days'))).toBe('warning');
    expect(m.has(cellKey(1, 'gross'))).toBe(false);
    expect(m.size).toBe(4);
  });

  it('an info finding never hides a warning or an error of the same cell', () => {
    const m = cellSeverity(
      [
        mkFinding(0, { severity: 'warning' }),
        mkFinding(0, { severity: 'info' }),
        mkFinding(1, { severity: 'info' }),
        mkFinding(1, { severity: 'error' }),
        mkFinding(1, { severity: 'info' }),
        mkFinding(2, { severity: 'info' }),
      ],
      rows,
    );
    expect(m.get(cellKey(0, 'gross'))).toBe('warning');
    expect(m.get(cellKey(1, 'gross'))).toBe('error');
    expect(m.get('r:1')).toBe('error');
    expect(m.get(cellKey(2, 'gross'))).toBe('info');
  });

  it('lists errors first, then by row, keeping the order otherwise', () => {
    const f = [
      mkFinding(5, { severity: 'warning', rule: 'W5' }),
      mkFinding(3, { rule: 'E3' }),
      mkFinding(-1, { rule: 'Efile' }),
      mkFinding(3, { rule: 'E3b' }),
      mkFinding(1, { severity: 'warning', rule: 'W1' }),
    ];
    expect(sortFindings(f).map((x) => x.rule)).toEqual(['Efile', 'E3', 'E3b', 'W1', 'W5']);
  });

  it('filters rows by category, by need of a situation and by problems', () => {
    const rs = [mkRow(0), mkRow(1, { category: 'entrant' }), mkRow(2, { needs_situation: true }), mkRow(3, { category: 'leaver' })];
    expect(visibleRows(rs, 'all')).toEqual([0, 1, 2, 3]);
    expect(visibleRows(rs, 'entrant')).toEqual([1]);
    expect(visibleRows(rs, 'needs')).toEqual([2]);
    expect(visibleRows(rs, 'problems', new Map([['r:3', 'error' as const]]))).toEqual([3]);
  });
});

describe('keyboard moves', () => {
  it('goes down and up rows in the same column, and stops at the edges', () => {
    expect(moveFrom(0, 'gross', 'down', 3)).toEqual({ displayIndex: 1, col: 'gross' });
    expect(moveFrom(2, 'gross', 'down', 3)).toBeNull();
    expect(moveFrom(1, 'days', 'up', 3)).toEqual({ displayIndex: 0, col: 'days' });
    expect(moveFrom(0, 'days', 'up', 3)).toBeNull();
  });

  it('goes along the editable cells: days, gross, situation', () => {
    expect(moveFrom(1, 'days', 'end', 3)).toEqual({ displayIndex: 1, col: 'gross' });
    expect(moveFrom(1, 'gross', 'end', 3)).toEqual({ displayIndex: 1, col: 'situation' });
    expect(moveFrom(1, 'situation', 'end', 3)).toBeNull();
    expect(moveFrom(1, 'gross', 'start', 3)).toEqual({ displayIndex: 1, col: 'days' });
    expect(moveFrom(1, 'days', 'start', 3)).toBeNull();
  });
});

describe('merging a save answer', () => {
  it('keeps the row objects that did not change', () => {
    const cur = [mkRow(0), mkRow(1), mkRow(2)];
    const same = cur.map((r) => ({ ...r, findings: [] }));
    expect(mergeRows(cur, same)).toBe(cur);
    const next = cur.map((r) => ({ ...r }));
    next[1] = { ...next[1]!, findings: [mkFinding(1)] };
    const m = mergeRows(cur, next);
    expect(m[0]).toBe(cur[0]);
    expect(m[1]).toBe(next[1]);
    expect(m[2]).toBe(cur[2]);
  });

  it('takes the new list when the rows are not the same employees', () => {
    const cur = [mkRow(0), mkRow(1)];
    const next = [mkRow(0), mkRow(1), mkRow(2)];
    expect(mergeRows(cur, next)).toBe(next);
    const swapped = [mkRow(1), mkRow(0)];
    expect(mergeRows(cur, swapped)).toBe(swapped);
  });
});
