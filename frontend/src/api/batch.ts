// Batch month close for accountants.
import * as S from '../../wailsjs/go/app/Batch';
import { bound } from './bridge';
import type { Period } from './types';

const N = 'Batch';

export const batchApi = {
  start: (employerIDs: string[], p: Period) => bound(N, 'Start', () => S.Start(employerIDs, p)),
  cancel: (opID: string) => bound(N, 'Cancel', () => S.Cancel(opID)),
  submitReady: (declarationIDs: string[], profile: string) =>
    bound(N, 'SubmitReady', () => S.SubmitReady(declarationIDs, profile)),
};
