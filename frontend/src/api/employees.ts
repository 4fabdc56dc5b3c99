// Employees of one employer, and their import from CSV/XLSX.
import * as S from '../../wailsjs/go/app/Employees';
import type { domain } from '../../wailsjs/go/models';
import { bound, toGo } from './bridge';
import type { Employee } from './types';

const N = 'Employees';

export const employeesApi = {
  list: (employerID: string) => bound(N, 'List', () => S.List(employerID)),
  get: (employerID: string, id: string) => bound(N, 'Get', () => S.Get(employerID, id)),
  create: (e: Employee) => bound(N, 'Create', () => S.Create(toGo<domain.Employee>(e))),
  update: (e: Employee) => bound(N, 'Update', () => S.Update(toGo<domain.Employee>(e))),
  validate: (e: Employee) => bound(N, 'Validate', () => S.Validate(toGo<domain.Employee>(e))),
  history: (employerID: string, id: string) => bound(N, 'History', () => S.History(employerID, id)),
  chooseImportFile: () => bound(N, 'ChooseImportFile', () => S.ChooseImportFile()),
  importPreview: (employerID: string, token: string) =>
    bound(N, 'ImportPreview', () => S.ImportPreview(employerID, token)),
  importApply: (opID: string, skipErrors: boolean) => bound(N, 'ImportApply', () => S.ImportApply(opID, skipErrors)),
  importDiscard: (opID: string) => bound(N, 'ImportDiscard', () => S.ImportDiscard(opID)),
  cancel: (opID: string) => bound(N, 'Cancel', () => S.Cancel(opID)),
};
