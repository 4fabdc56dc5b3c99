// Sorting, filtering and summing up the portfolio dashboard. The urgency of
// each employer is computed by Go (due date, overrides, state); this module
// only orders and selects rows, so it can be tested on plain data.

import type { DashboardRow, PeriodState, Urgency } from '../api/types';
import { normalizeSearch } from './format';

const URGENCY_RANK: Readonly<Record<Urgency, number>> = { overdue: 0, urgent: 1, soon: 2, ok: 3, done: 4 };

/** urgencyRank: overdue 0, urgent 1, soon 2, ok 3, done 4 (unknown values last). */
export function urgencyRank(u: string): number {
  return URGENCY_RANK[u as Urgency] ?? 5;
}

/** Order of the states in a sort by state: what needs work first. */
const STATE_RANK: Readonly<Record<PeriodState, number>> = {
  errors: 0,
  rejected: 1,
  not_started: 2,
  preetabli_imported: 3,
  in_progress: 4,
  ready: 5,
  queued: 6,
  submitted: 7,
  manual: 8,
  accepted: 9,
};

export type SortKey = 'urgency' | 'name' | 'affiliation' | 'days_left' | 'state' | 'employees';
export type SortDir = 'asc' | 'desc';

export interface Sort {
  key: SortKey;
  dir: SortDir;
}

export const DEFAULT_SORT: Sort = { key: 'urgency', dir: 'asc' };

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

function byName(a: DashboardRow, b: DashboardRow): number {
  return collator.compare(a.name, b.name) || a.affiliation.localeCompare(b.affiliation);
}

/**
 * compareUrgency orders by urgency (overdue first), then by days left (the
 * most overdue, then the closest due date), then by blocking errors (more
 * first), then by name.
 */
export function compareUrgency(a: DashboardRow, b: DashboardRow): number {
  return (
    urgencyRank(a.urgency) - urgencyRank(b.urgency) ||
    a.days_left - b.days_left ||
    b.errors - a.errors ||
    byName(a, b)
  );
}

function comparator(key: SortKey): (a: DashboardRow, b: DashboardRow) => number {
  switch (key) {
    case 'urgency':
      return compareUrgency;
    case 'name':
      return byName;
    case 'affiliation':
      return (a, b) => a.affiliation.localeCompare(b.affiliation) || byName(a, b);
    case 'days_left':
      return (a, b) => a.days_left - b.days_left || compareUrgency(a, b);
    case 'state':
      return (a, b) => (STATE_RANK[a.state] ?? 99) - (STATE_RANK[b.state] ?? 99) || compareUrgency(a, b);
    case 'employees':
      return (a, b) => a.employees - b.employees || byName(a, b);
  }
}

/** sortRows returns a sorted copy; "desc" reverses the primary order only. */
export function sortRows(rows: readonly DashboardRow[], sort: Sort = DEFAULT_SORT): DashboardRow[] {
  const cmp = comparator(sort.key);
  const out = [...rows];
  out.sort(sort.dir === 'asc' ? cmp : (a, b) => cmp(b, a));
  return out;
}

export interface Filter {
  /** Words to find in the name or the affiliation number (accents and case ignored). */
  search: string;
  /** Only these states; empty = all. */
  states: readonly PeriodState[];
  /** Only these urgencies; empty = all. */
  urgencies: readonly Urgency[];
}

export const EMPTY_FILTER: Filter = { search: '', states: [], urgencies: [] };

/** matches reports whether a row passes the filter. Every search word must match. */
export function matches(row: DashboardRow, f: Filter): boolean {
  if (f.states.length > 0 && !f.states.includes(row.state)) return false;
  if (f.urgencies.length > 0 && !f.urgencies.includes(row.urgency)) return false;
  const words = normalizeSearch(f.search).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  const hay = `${normalizeSearch(row.name)} ${row.affiliation}`;
  return words.every((w) => hay.includes(w));
}

/** view filters then sorts. */
export function view(rows: readonly DashboardRow[], f: Filter, sort: Sort = DEFAULT_SORT): DashboardRow[] {
  return sortRows(
    rows.filter((r) => matches(r, f)),
    sort,
  );
}

export interface Summary {
  total: number;
  byUrgency: Record<Urgency, number>;
  byState: Partial<Record<PeriodState, number>>;
}

/** summarize counts rows by urgency and by state (for the summary tiles). */
export function summarize(rows: readonly DashboardRow[]): Summary {
  const s: Summary = { total: rows.length, byUrgency: { overdue: 0, urgent: 0, soon: 0, ok: 0, done: 0 }, byState: {} };
  for (const r of rows) {
    if (r.urgency in s.byUrgency) s.byUrgency[r.urgency]++;
    s.byState[r.state] = (s.byState[r.state] ?? 0) + 1;
  }
  return s;
}

/** States after which nothing is left to do for the period but wait or read the receipt. */
export function isSettled(state: PeriodState): boolean {
  return state === 'accepted' || state === 'manual' || state === 'submitted' || state === 'queued';
}
