// Batch month close for accountants.
import * as S from '../../wailsjs/go/app/Batch';
import { as, bound } from './bridge';
import type { Period, SubmitOutcome } from './types';

const N = 'Batch';

export const batchApi = {
  start: (employerIDs: string[], p: Period) => bound(N, 'Start', () => S.Start(employerIDs, p)),
  cancel: (opID: string) => bound(N, 'Cancel', () => S.Cancel(opID)),
  submitReady: (declarationIDs: string[], profile: string) =>
    bound(N, 'SubmitReady', () => as<SubmitOutcome>(S.SubmitReady(declarationIDs, profile))),
};
