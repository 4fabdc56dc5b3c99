import { describe, expect, it } from 'vitest';
import type { DashboardRow, PeriodState, Urgency } from '../api/types';
import { EMPTY_FILTER, compareUrgency, isSettled, matches, sortRows, summarize, urgencyRank, view } from './portfolio';

function row(name: string, urgency: Urgency, days: number, extra: Partial<DashboardRow> = {}): DashboardRow {
  return {
    employer_id: name,
    affiliation: extra.affiliation ?? '1234567',
    name,
    profile: 'sandbox',
    employees: 10,
    period: '202601',
    state: 'in_progress' as PeriodState,
    deadline: '',
    preetabli_imported: true,
    preetabli_employees: 10,
    lines: 10,
    declarations: 0,
    errors: 0,
    warnings: 0,
    updated_at: '',
    due_date: '20260210',
    days_left: days,
    urgency,
    history: [],
    attempts_failed: false,
    ...extra,
  };
}

describe('urgency ordering', () => {
  it('ranks overdue, urgent, soon, ok, done', () => {
    expect(['done', 'ok', 'soon', 'urgent', 'overdue'].map(urgencyRank)).toEqual([4, 3, 2, 1, 0]);
    expect(urgencyRank('bogus')).toBe(5);
  });

  it('puts the most overdue first, then the closest due dates, then errors, then names', () => {
    const rows = [
      row('Zeta', 'ok', 20),
      row('Alpha', 'done', -3, { state: 'accepted' }),
      row('Beta', 'urgent', 2),
      row('Gamma', 'overdue', -1),
      row('Delta', 'overdue', -9),
      row('Epsilon', 'urgent', 2, { errors: 4 }),
      row('Eta', 'urgent', 1),
      row('Theta', 'soon', 6),
    ];
    expect(sortRows(rows).map((r) => r.name)).toEqual(['Delta', 'Gamma', 'Eta', 'Epsilon', 'Beta', 'Theta', 'Zeta', 'Alpha']);
  });

  it('sorts by name with French collation, and reverses on desc', () => {
    const rows = [row('Émeraude', 'ok', 5), row('abeille', 'ok', 5), row('Dattes', 'ok', 5)];
    expect(sortRows(rows, { key: 'name', dir: 'asc' }).map((r) => r.name)).toEqual(['abeille', 'Dattes', 'Émeraude']);
    expect(sortRows(rows, { key: 'name', dir: 'desc' }).map((r) => r.name)).toEqual(['Émeraude', 'Dattes', 'abeille']);
  });

  it('sorts by state with what needs work first', () => {
    const rows = [row('A', 'done', 1, { state: 'accepted' }), row('B', 'ok', 9, { state: 'errors' }), row('C', 'ok', 9, { state: 'ready' })];
    expect(sortRows(rows, { key: 'state', dir: 'asc' }).map((r) => r.name)).toEqual(['B', 'C', 'A']);
  });

  it('does not modify its input', () => {
    const rows = [row('B', 'ok', 9), row('A', 'overdue', -1)];
    sortRows(rows);
    expect(rows.map((r) => r.name)).toEqual(['B', 'A']);
  });

  it('compareUrgency is a consistent order', () => {
    const a = row('A', 'urgent', 2);
    const b = row('B', 'urgent', 2);
    expect(compareUrgency(a, b)).toBeLessThan(0);
    expect(compareUrgency(b, a)).toBeGreaterThan(0);
    expect(compareUrgency(a, a)).toBe(0);
  });
});

describe('filters', () => {
  const rows = [
    row('Société Générale des Eaux', 'overdue', -2, { affiliation: '7654321', state: 'errors' }),
    row('Boulangerie Élite', 'urgent', 3, { affiliation: '1111111', state: 'ready' }),
    row('Café Atlas', 'done', 3, { affiliation: '2222222', state: 'accepted' }),
  ];

  it('finds by name without accents or case, and by affiliation number', () => {
    expect(view(rows, { ...EMPTY_FILTER, search: 'elite' }).map((r) => r.name)).toEqual(['Boulangerie Élite']);
    expect(view(rows, { ...EMPTY_FILTER, search: 'SOCIETE eaux' }).map((r) => r.affiliation)).toEqual(['7654321']);
    expect(view(rows, { ...EMPTY_FILTER, search: '22222' }).map((r) => r.name)).toEqual(['Café Atlas']);
    expect(view(rows, { ...EMPTY_FILTER, search: 'atlas eaux' })).toEqual([]);
  });

  it('keeps only the chosen states and urgencies', () => {
    expect(view(rows, { ...EMPTY_FILTER, states: ['ready', 'errors'] }).map((r) => r.name)).toEqual([
      'Société Générale des Eaux',
      'Boulangerie Élite',
    ]);
    expect(view(rows, { ...EMPTY_FILTER, urgencies: ['done'] }).map((r) => r.name)).toEqual(['Café Atlas']);
    expect(matches(rows[0]!, { search: 'eaux', states: ['ready'], urgencies: [] })).toBe(false);
  });

  it('counts by urgency and state for the tiles', () => {
    const s = summarize(rows);
    expect(s.total).toBe(3);
    expect(s.byUrgency).toEqual({ overdue: 1, urgent: 1, soon: 0, ok: 0, done: 1 });
    expect(s.byState).toEqual({ errors: 1, ready: 1, accepted: 1 });
  });

  it('knows the settled states', () => {
    expect(isSettled('accepted')).toBe(true);
    expect(isSettled('queued')).toBe(true);
    expect(isSettled('ready')).toBe(false);
    expect(isSettled('rejected')).toBe(false);
  });
});
