// Employers: the portfolio and the employer records.
import * as S from '../../wailsjs/go/app/Employers';
import type { domain } from '../../wailsjs/go/models';
import { arg, as, bound } from './bridge';
import type { FieldError } from './errors';
import type { Chosen, Dashboard, Employer, ImportPreviewResult, ImportResult, Period } from './types';

const N = 'Employers';

export const employersApi = {
  dashboard: (p: Period) => bound(N, 'Dashboard', () => as<Dashboard>(S.Dashboard(p))),
  list: () => bound(N, 'List', () => as<Employer[] | null>(S.List())),
  get: (id: string) => bound(N, 'Get', () => as<Employer>(S.Get(id))),
  create: (e: Employer) => bound(N, 'Create', () => as<Employer>(S.Create(arg<domain.Employer>(e)))),
  update: (e: Employer) => bound(N, 'Update', () => as<Employer>(S.Update(arg<domain.Employer>(e)))),
  delete: (id: string) => bound(N, 'Delete', () => S.Delete(id)),
  warnings: (e: Employer) => bound(N, 'Warnings', () => as<FieldError[] | null>(S.Warnings(arg<domain.Employer>(e)))),
  validate: (e: Employer) => bound(N, 'Validate', () => as<FieldError[] | null>(S.Validate(arg<domain.Employer>(e)))),
  saveCredentials: (profile: string, login: string, password: string) =>
    bound(N, 'SaveCredentials', () => S.SaveCredentials(profile, login, password)),
  deleteCredentials: (profile: string, login: string) => bound(N, 'DeleteCredentials', () => S.DeleteCredentials(profile, login)),
  logins: (profile: string) => bound(N, 'Logins', () => as<string[] | null>(S.Logins(profile))),
  chooseImportFile: () => bound(N, 'ChooseImportFile', () => as<Chosen>(S.ChooseImportFile())),
  importPreview: (token: string) => bound(N, 'ImportPreview', () => as<ImportPreviewResult>(S.ImportPreview(token))),
  importApply: (opID: string, skipErrors: boolean) => bound(N, 'ImportApply', () => as<ImportResult>(S.ImportApply(opID, skipErrors))),
  importDiscard: (opID: string) => bound(N, 'ImportDiscard', () => S.ImportDiscard(opID)),
  cancel: (opID: string) => bound(N, 'Cancel', () => S.Cancel(opID)),
};
