// Month workspace of one employer and period.
import * as S from '../../wailsjs/go/app/Month';
import type { monthly } from '../../wailsjs/go/models';
import { arg, as, bound } from './bridge';
import type { Chosen, Declaration, Generated, LineInput, Period, PreetabliImport, Workspace } from './types';

const N = 'Month';

export const monthApi = {
  load: (employerID: string, p: Period) => bound(N, 'Load', () => as<Workspace>(S.Load(employerID, p))),
  saveLines: (employerID: string, p: Period, lines: LineInput[]) =>
    bound(N, 'SaveLines', () => as<Workspace>(S.SaveLines(employerID, p, arg<monthly.LineInput[]>(lines)))),
  choosePreetabli: () => bound(N, 'ChoosePreetabli', () => as<Chosen>(S.ChoosePreetabli())),
  importPreetabli: (employerID: string, p: Period, token: string) =>
    bound(N, 'ImportPreetabli', () => as<PreetabliImport>(S.ImportPreetabli(employerID, p, token))),
  fetchPreetabli: (employerID: string, p: Period) => bound(N, 'FetchPreetabli', () => as<PreetabliImport>(S.FetchPreetabli(employerID, p))),
  generate: (employerID: string, p: Period) => bound(N, 'Generate', () => as<Generated>(S.Generate(employerID, p))),
  /** lines: the forgotten employees with their days and pay of the month. */
  generateComplementary: (employerID: string, p: Period, lines: LineInput[]) =>
    bound(N, 'GenerateComplementary', () => as<Generated>(S.GenerateComplementary(employerID, p, arg<monthly.LineInput[]>(lines)))),
  declarations: (employerID: string, p: Period) => bound(N, 'Declarations', () => as<Declaration[] | null>(S.Declarations(employerID, p))),
  exportDeclaration: (declarationID: string) => bound(N, 'ExportDeclaration', () => S.ExportDeclaration(declarationID)),
};
