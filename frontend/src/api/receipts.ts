// Receipts and the audit log.
import * as S from '../../wailsjs/go/app/Receipts';
import type { Lang } from '../i18n/lang';
import { bound } from './bridge';
import type { Period } from './types';

const N = 'Receipts';

export const receiptsApi = {
  list: (p: Period, employerIDs: string[]) => bound(N, 'List', () => S.List(p, employerIDs)),
  forDeclaration: (declarationID: string) => bound(N, 'ForDeclaration', () => S.ForDeclaration(declarationID)),
  // lang: the document's language ('' = French, the stored original).
  get: (id: string, lang: Lang | '' = '') => bound(N, 'Get', () => S.Get(id, lang)),
  summaryPDF: (declarationID: string, lang: Lang | '' = '') => bound(N, 'SummaryPDF', () => S.SummaryPDF(declarationID, lang)),
  export: (id: string, lang: Lang | '' = '') => bound(N, 'Export', () => S.Export(id, lang)),
  exportZIP: (p: Period, employerIDs: string[], lang: Lang | '' = '') => bound(N, 'ExportZIP', () => S.ExportZIP(p, employerIDs, lang)),
  cancel: (opID: string) => bound(N, 'Cancel', () => S.Cancel(opID)),
  audit: (from: number, max: number) => bound(N, 'Audit', () => S.Audit(from, max)),
};
