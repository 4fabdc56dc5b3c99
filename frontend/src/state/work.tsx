import { createContext, useContext } from 'react';
import type { Dashboard, DashboardRow } from '../api/types';

export type Screen =
  | 'portfolio'
  | 'employer'
  | 'employees'
  | 'month'
  | 'submit'
  | 'batch'
  | 'receipts'
  | 'audit'
  | 'firm'
  | 'settings';

export const SCREENS: readonly Screen[] = [
  'portfolio',
  'employer',
  'employees',
  'month',
  'submit',
  'batch',
  'receipts',
  'audit',
  'firm',
  'settings',
];

/**
 * Work is what the unlocked part of the app shares: where the user is, the
 * employer and period chosen in the header, and the portfolio of that
 * period (which also feeds the employer selector). It lives only inside the
 * unlocked tree: locking unmounts it, and everything it held is dropped.
 */
export interface Work {
  screen: Screen;
  /**
   * go moves to a screen. newEmployer opens the Employer screen as a blank
   * creation form: that mode is explicit and sticky (it never turns into an
   * edit of the employer selected in the header, even when the header
   * auto-selects the only employer while the form is open).
   */
  go: (s: Screen, opts?: { employerId?: string | null; declarationId?: string | null; newEmployer?: boolean }) => void;
  /** The Employer screen creates a new employer (see go's newEmployer). */
  creatingEmployer: boolean;
  employerId: string | null;
  setEmployerId: (id: string | null) => void;
  period: string;
  setPeriod: (p: string) => void;
  /** A declaration to preselect on the Submit screen. */
  declarationId: string | null;
  dashboard: Dashboard | undefined;
  dashboardError: unknown;
  reloadDashboard: () => Promise<void>;
  employer: DashboardRow | undefined;
  lock: () => void;
}

export const WorkContext = createContext<Work | null>(null);

/**
 * Place is where the user is: kept in memory by the app across a lock (never
 * in browser storage), so that unlocking comes back to it.
 */
export interface Place {
  screen: Screen;
  employerId: string | null;
  period: string;
}

/**
 * BEFORE_LOCK is dispatched on window before the user locks the session:
 * screens with unsaved work pass the promise of their save to wait(), and
 * the lock waits for them (a few seconds at most).
 */
export const BEFORE_LOCK = 'tasrih:before-lock';

export interface BeforeLockDetail {
  wait: (p: Promise<unknown>) => void;
}

export function useWork(): Work {
  const w = useContext(WorkContext);
  if (w === null) throw new Error('useWork outside the unlocked shell');
  return w;
}
