// Builders of month rows and findings for the tests (no personal data: made-up names).
import type { Finding, MonthRow } from '../api/types';

export function mkRow(i: number, extra: Partial<MonthRow> = {}): MonthRow {
  return {
    employee_id: `e${String(i)}`,
    immatriculation: String(100000000 + i),
    cin: '',
    name: `NOM${String(i)} Prénom`,
    category: 'current',
    preetabli_line: i + 3,
    days: 26,
    gross: 650000,
    situation: '',
    needs_situation: false,
    saved: true,
    source: 'saved',
    findings: [],
    ...extra,
  };
}

export function mkFinding(row: number, extra: Partial<Finding> = {}): Finding {
  return {
    rule: 'SIT-NORMAL',
    severity: 'error',
    row,
    column: 'gross',
    record: 'B02',
    line: row + 3,
    field: 'N_Salaire_Reel',
    message: { fr: 'aucune situation mais un salaire nul', ar: 'لا توجد وضعية والأجر منعدم', en: 'no situation but no salary' },
    hint: { fr: 'saisissez le salaire ou une situation', ar: 'أدخل الأجر أو وضعية', en: 'type the salary or a situation' },
    ...extra,
  };
}
