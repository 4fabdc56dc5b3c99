// Receipts and the audit log.
import * as S from '../../wailsjs/go/app/Receipts';
import { as, bound } from './bridge';
import type { AuditEntry, Period, ReceiptDetail, ReceiptInfo, StoredReceipt } from './types';

const N = 'Receipts';

export const receiptsApi = {
  list: (p: Period, employerIDs: string[]) => bound(N, 'List', () => as<ReceiptInfo[] | null>(S.List(p, employerIDs))),
  forDeclaration: (declarationID: string) => bound(N, 'ForDeclaration', () => as<StoredReceipt[] | null>(S.ForDeclaration(declarationID))),
  get: (id: string) => bound(N, 'Get', () => as<ReceiptDetail>(S.Get(id))),
  summaryPDF: (declarationID: string) => bound(N, 'SummaryPDF', () => S.SummaryPDF(declarationID)),
  export: (id: string) => bound(N, 'Export', () => S.Export(id)),
  exportZIP: (p: Period, employerIDs: string[]) => bound(N, 'ExportZIP', () => S.ExportZIP(p, employerIDs)),
  cancel: (opID: string) => bound(N, 'Cancel', () => S.Cancel(opID)),
  audit: (from: number, max: number) => bound(N, 'Audit', () => as<AuditEntry[] | null>(S.Audit(from, max))),
};
