// Month workspace of one employer and period.
import * as S from '../../wailsjs/go/app/Month';
import type { monthly } from '../../wailsjs/go/models';
import { bound, toGo } from './bridge';
import type { LineInput, Period } from './types';

const N = 'Month';

export const monthApi = {
  load: (employerID: string, p: Period) => bound(N, 'Load', () => S.Load(employerID, p)),
  saveLines: (employerID: string, p: Period, lines: LineInput[]) =>
    bound(N, 'SaveLines', () => S.SaveLines(employerID, p, toGo<monthly.LineInput[]>(lines))),
  choosePreetabli: () => bound(N, 'ChoosePreetabli', () => S.ChoosePreetabli()),
  importPreetabli: (employerID: string, p: Period, token: string) =>
    bound(N, 'ImportPreetabli', () => S.ImportPreetabli(employerID, p, token)),
  fetchPreetabli: (employerID: string, p: Period) => bound(N, 'FetchPreetabli', () => S.FetchPreetabli(employerID, p)),
  generate: (employerID: string, p: Period) => bound(N, 'Generate', () => S.Generate(employerID, p)),
  /** lines: the forgotten employees with their days and pay of the month. */
  generateComplementary: (employerID: string, p: Period, lines: LineInput[]) =>
    bound(N, 'GenerateComplementary', () => S.GenerateComplementary(employerID, p, toGo<monthly.LineInput[]>(lines))),
  declarations: (employerID: string, p: Period) => bound(N, 'Declarations', () => S.Declarations(employerID, p)),
  exportDeclaration: (declarationID: string) => bound(N, 'ExportDeclaration', () => S.ExportDeclaration(declarationID)),
};
