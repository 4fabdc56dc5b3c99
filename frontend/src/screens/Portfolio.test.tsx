// @vitest-environment jsdom
import '../test/dom';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Dashboard, DashboardRow } from '../api/types';
import { ToastProvider } from '../components/Toast';
import { I18nProvider } from '../i18n/context';
import type { Lang } from '../i18n/lang';
import { type Work, WorkContext } from '../state/work';
import { PortfolioScreen } from './Portfolio';

function row(id: string, name: string, extra: Partial<DashboardRow>): DashboardRow {
  return {
    employer_id: id,
    affiliation: '1234567',
    name,
    profile: 'sandbox',
    employees: 3,
    period: '202601',
    state: 'ready',
    deadline: '',
    preetabli_imported: true,
    preetabli_employees: 3,
    lines: 3,
    declarations: 1,
    errors: 0,
    warnings: 0,
    updated_at: '2026-02-01T10:00:00Z',
    due_date: '20260210',
    days_left: 2,
    urgency: 'urgent',
    history: [],
    attempts_failed: false,
    ...extra,
  };
}

function show(rows: DashboardRow[], lang: Lang = 'fr') {
  const dashboard = { period: '202601', today: '20260208', rows, counts: {} } as unknown as Dashboard;
  const work = {
    screen: 'portfolio',
    creatingEmployer: false,
    go: () => undefined,
    employerId: null,
    setEmployerId: () => undefined,
    period: '202601',
    setPeriod: () => undefined,
    declarationId: null,
    dashboard,
    dashboardError: undefined,
    reloadDashboard: () => Promise.resolve(),
    employer: undefined,
    lock: () => undefined,
  } as unknown as Work;
  return render(
    <I18nProvider lang={lang}>
      <ToastProvider>
        <WorkContext.Provider value={work}>
          <PortfolioScreen />
        </WorkContext.Provider>
      </ToastProvider>
    </I18nProvider>,
  );
}

describe('PortfolioScreen: failed deposit attempts', () => {
  it.each([
    ['fr', 'Dépôt échoué'],
    ['ar', 'فشل الإيداع'],
    ['en', 'Deposit failed'],
  ] as const)('flags (%s) only the client Go marked: deadline near and every attempt failed', (lang, label) => {
    show([row('a', 'ATLAS SARL', { attempts_failed: true }), row('b', 'BETA SARL', {})], lang);
    const badges = screen.getAllByTestId('attempts-failed');
    expect(badges).toHaveLength(1);
    expect(badges[0]!.textContent).toBe(label);
    expect(badges[0]!.getAttribute('title')).not.toBe('');
    const rowOf = (name: string) => screen.getByText(name).closest('[role="row"]') as HTMLElement;
    expect(within(rowOf('ATLAS SARL')).queryByTestId('attempts-failed')).not.toBeNull();
    expect(within(rowOf('BETA SARL')).queryByTestId('attempts-failed')).toBeNull();
  });
});
