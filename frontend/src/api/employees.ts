// Employees of one employer, and their import from CSV/XLSX.
import * as S from '../../wailsjs/go/app/Employees';
import type { domain } from '../../wailsjs/go/models';
import { arg, as, bound } from './bridge';
import type { FieldError } from './errors';
import type { Chosen, Employee, EmployeeVersion, ImportPreviewResult, ImportResult } from './types';

const N = 'Employees';

export const employeesApi = {
  list: (employerID: string) => bound(N, 'List', () => as<Employee[] | null>(S.List(employerID))),
  get: (employerID: string, id: string) => bound(N, 'Get', () => as<Employee>(S.Get(employerID, id))),
  create: (e: Employee) => bound(N, 'Create', () => as<Employee>(S.Create(arg<domain.Employee>(e)))),
  update: (e: Employee) => bound(N, 'Update', () => as<Employee>(S.Update(arg<domain.Employee>(e)))),
  validate: (e: Employee) => bound(N, 'Validate', () => as<FieldError[] | null>(S.Validate(arg<domain.Employee>(e)))),
  history: (employerID: string, id: string) => bound(N, 'History', () => as<EmployeeVersion[] | null>(S.History(employerID, id))),
  chooseImportFile: () => bound(N, 'ChooseImportFile', () => as<Chosen>(S.ChooseImportFile())),
  importPreview: (employerID: string, token: string) =>
    bound(N, 'ImportPreview', () => as<ImportPreviewResult>(S.ImportPreview(employerID, token))),
  importApply: (opID: string, skipErrors: boolean) => bound(N, 'ImportApply', () => as<ImportResult>(S.ImportApply(opID, skipErrors))),
  importDiscard: (opID: string) => bound(N, 'ImportDiscard', () => S.ImportDiscard(opID)),
  cancel: (opID: string) => bound(N, 'Cancel', () => S.Cancel(opID)),
};
