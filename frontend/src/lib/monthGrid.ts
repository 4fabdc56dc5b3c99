// The month grid's rules that need no DOM: parsing what is typed in a
// cell, the lines sent to Go, findings placed on cells, and where the
// keyboard moves the focus.

import type { Category, Finding, LineInput, MonthRow, Severity } from '../api/types';
import { parseMoney, type MoneyParse } from './format';

export type EditCol = 'days' | 'gross' | 'situation';
export const EDIT_COLS: readonly EditCol[] = ['days', 'gross', 'situation'];

/**
 * Days declared for a month: 0 to the period's maximum, which Go sends with
 * the workspace (max_days, from the parameter table); MAX_DAYS is only the
 * fallback before a workspace says it.
 */
export const MAX_DAYS = 26;

export type DaysParse = { ok: true; days: number } | { ok: false };

/** parseDays accepts a whole number from 0 to max (the period's maximum); an empty cell is 0. */
export function parseDays(s: string, max: number = MAX_DAYS): DaysParse {
  const v = s.trim();
  if (v === '') return { ok: true, days: 0 };
  if (!/^\d{1,2}$/.test(v)) return { ok: false };
  const n = Number(v);
  return n <= (max > 0 ? max : MAX_DAYS) ? { ok: true, days: n } : { ok: false };
}

/** parseGross: an empty cell is 0 MAD; otherwise parseMoney's rules. */
export function parseGross(s: string): MoneyParse {
  if (s.trim() === '') return { ok: true, centimes: 0 };
  return parseMoney(s);
}

/** linesOf is what Month.SaveLines receives: one line per row that has an employee. */
export function linesOf(rows: readonly MonthRow[]): LineInput[] {
  const out: LineInput[] = [];
  for (const r of rows) {
    if (r.employee_id === '') continue;
    out.push({ employee_id: r.employee_id, days: r.days, gross: r.gross, situation: r.situation });
  }
  return out;
}

/** The situation codes of a B02 line (cnss-edi.md §6), "" = normal month. */
export const SITUATIONS = ['', 'SO', 'DE', 'IT', 'IL', 'AT', 'CS', 'MS', 'MP'] as const;

export const SITUATION_LABELS: Readonly<Record<string, { fr: string; ar: string; en: string }>> = {
  SO: { fr: 'sortant', ar: 'مغادر', en: 'left the company' },
  DE: { fr: 'décédé', ar: 'متوفى', en: 'deceased' },
  IT: { fr: 'congé de maternité', ar: 'رخصة الولادة', en: 'maternity leave' },
  IL: { fr: 'maladie', ar: 'مرض', en: 'sick leave' },
  AT: { fr: 'accident du travail', ar: 'حادثة شغل', en: 'work accident' },
  CS: { fr: 'congé sans solde', ar: 'عطلة بدون أجر', en: 'unpaid leave' },
  MS: { fr: 'maintenu sans salaire', ar: 'محتفظ به بدون أجر', en: 'kept without salary' },
  MP: { fr: 'maladie professionnelle', ar: 'مرض مهني', en: 'occupational disease' },
};

/** Situations that force days and salary to zero (AT, CS, MS, MP), as Go's Situation.RequiresZero. */
export function requiresZero(s: string): boolean {
  return s === 'AT' || s === 'CS' || s === 'MS' || s === 'MP';
}

/** applyEdit returns the row with the edit applied; a situation that requires zero clears days and pay. */
export function applyEdit(row: MonthRow, patch: Partial<Pick<MonthRow, 'days' | 'gross' | 'situation'>>): MonthRow {
  const r = { ...row, ...patch };
  if (patch.situation !== undefined && requiresZero(patch.situation)) {
    r.days = 0;
    r.gross = 0;
  }
  r.needs_situation = r.category !== 'entrant' && r.situation === '' && (r.days === 0 || r.gross === 0);
  return r;
}

export function cellKey(row: number, col: string): string {
  return `${String(row)}:${col}`;
}

/**
 * targetCol is the editable cell a finding leads to: its own column when it
 * is editable; for a préétabli employee left without pay (no column), the
 * situation; otherwise the days.
 */
export function targetCol(f: Pick<Finding, 'column'>, row: Pick<MonthRow, 'needs_situation'> | undefined): EditCol {
  if (f.column === 'days' || f.column === 'gross' || f.column === 'situation') return f.column;
  if (f.column === '' && row?.needs_situation) return 'situation';
  return 'days';
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** cellSeverity: the worst finding on each editable cell and on each row ("r:<row>"). */
export function cellSeverity(findings: readonly Finding[], rows: readonly MonthRow[]): Map<string, Severity> {
  const m = new Map<string, Severity>();
  const put = (k: string, s: Severity) => {
    const cur = m.get(k);
    if (cur === undefined || SEVERITY_RANK[s] > SEVERITY_RANK[cur]) m.set(k, s);
  };
  for (const f of findings) {
    if (f.row < 0) continue;
    put(cellKey(f.row, targetCol(f, rows[f.row])), f.severity);
    put(`r:${String(f.row)}`, f.severity);
  }
  return m;
}

/** sortFindings: errors first, then the file-wide ones, then by row. Stable otherwise. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        (a.f.severity === 'error' ? 0 : 1) - (b.f.severity === 'error' ? 0 : 1) ||
        a.f.row - b.f.row ||
        a.i - b.i,
    )
    .map((x) => x.f);
}

/** visibleRows: indexes of the rows of a category ("all", or "needs" for rows needing a situation). */
export function visibleRows(rows: readonly MonthRow[], filter: Category | 'all' | 'needs' | 'problems', sev?: Map<string, Severity>): number[] {
  const out: number[] = [];
  rows.forEach((r, i) => {
    if (
      filter === 'all' ||
      (filter === 'needs' && r.needs_situation) ||
      (filter === 'problems' && sev?.has(`r:${String(i)}`)) ||
      r.category === filter
    ) {
      out.push(i);
    }
  });
  return out;
}

export type Move = 'up' | 'down' | 'start' | 'end';

/**
 * moveFrom returns the cell the focus goes to from (display index, column)
 * — rows in display order, columns in logical order (start = towards the
 * first column, whatever the writing direction) — or null at an edge.
 */
export function moveFrom(displayIndex: number, col: EditCol, move: Move, rowCount: number): { displayIndex: number; col: EditCol } | null {
  const c = EDIT_COLS.indexOf(col);
  switch (move) {
    case 'down':
      return displayIndex + 1 < rowCount ? { displayIndex: displayIndex + 1, col } : null;
    case 'up':
      return displayIndex > 0 ? { displayIndex: displayIndex - 1, col } : null;
    case 'end':
      return c + 1 < EDIT_COLS.length ? { displayIndex, col: EDIT_COLS[c + 1]! } : null;
    case 'start':
      return c > 0 ? { displayIndex, col: EDIT_COLS[c - 1]! } : null;
  }
}

function sameFindings(a: MonthRow['findings'], b: MonthRow['findings']): boolean {
  const x = a ?? [];
  const y = b ?? [];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const f = x[i]!;
    const g = y[i]!;
    if (f.rule !== g.rule || f.severity !== g.severity || f.column !== g.column || f.message.fr !== g.message.fr) return false;
  }
  return true;
}

/**
 * mergeRows takes the rows Go sent back after a save and keeps the current
 * row objects wherever nothing changed, so that only the rows whose values
 * or findings moved are drawn again (a save of 2 000 lines must not redraw
 * the grid under the user's fingers). Returns cur itself when nothing
 * changed at all; next when the rows are not the same list any more.
 */
export function mergeRows(cur: readonly MonthRow[], next: readonly MonthRow[]): readonly MonthRow[] {
  if (cur.length !== next.length) return next;
  let changed = false;
  const out = new Array<MonthRow>(next.length);
  for (let i = 0; i < next.length; i++) {
    const a = cur[i]!;
    const b = next[i]!;
    if (a.employee_id !== b.employee_id) return next;
    const same =
      a.days === b.days &&
      a.gross === b.gross &&
      a.situation === b.situation &&
      a.needs_situation === b.needs_situation &&
      a.saved === b.saved &&
      a.category === b.category &&
      a.name === b.name &&
      a.immatriculation === b.immatriculation &&
      sameFindings(a.findings, b.findings);
    out[i] = same ? a : b;
    if (!same) changed = true;
  }
  return changed ? out : cur;
}
