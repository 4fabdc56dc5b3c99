// Employers: the portfolio and the employer records.
import * as S from '../../wailsjs/go/app/Employers';
import type { domain } from '../../wailsjs/go/models';
import { bound, toGo } from './bridge';
import type { Employer, Period } from './types';

const N = 'Employers';

export const employersApi = {
  dashboard: (p: Period) => bound(N, 'Dashboard', () => S.Dashboard(p)),
  list: () => bound(N, 'List', () => S.List()),
  get: (id: string) => bound(N, 'Get', () => S.Get(id)),
  create: (e: Employer) => bound(N, 'Create', () => S.Create(toGo<domain.Employer>(e))),
  update: (e: Employer) => bound(N, 'Update', () => S.Update(toGo<domain.Employer>(e))),
  delete: (id: string) => bound(N, 'Delete', () => S.Delete(id)),
  warnings: (e: Employer) => bound(N, 'Warnings', () => S.Warnings(toGo<domain.Employer>(e))),
  validate: (e: Employer) => bound(N, 'Validate', () => S.Validate(toGo<domain.Employer>(e))),
  saveCredentials: (profile: string, login: string, password: string) =>
    bound(N, 'SaveCredentials', () => S.SaveCredentials(profile, login, password)),
  deleteCredentials: (profile: string, login: string) => bound(N, 'DeleteCredentials', () => S.DeleteCredentials(profile, login)),
  logins: (profile: string) => bound(N, 'Logins', () => S.Logins(profile)),
  chooseImportFile: () => bound(N, 'ChooseImportFile', () => S.ChooseImportFile()),
  importPreview: (token: string) => bound(N, 'ImportPreview', () => S.ImportPreview(token)),
  importApply: (opID: string, skipErrors: boolean) => bound(N, 'ImportApply', () => S.ImportApply(opID, skipErrors)),
  importDiscard: (opID: string) => bound(N, 'ImportDiscard', () => S.ImportDiscard(opID)),
  cancel: (opID: string) => bound(N, 'Cancel', () => S.Cancel(opID)),
};
