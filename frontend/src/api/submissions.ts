// Submissions to the platform (API profiles and manual deposit).
import * as S from '../../wailsjs/go/app/Submissions';
import type { app } from '../../wailsjs/go/models';
import { bound, toGo } from './bridge';
import type { ManualEvidence } from './types';

const N = 'Submissions';

export const submissionsApi = {
  profiles: () => bound(N, 'Profiles', () => S.Profiles()),
  login: (profile: string, login: string, password: string, remember: boolean) =>
    bound(N, 'Login', () => S.Login(profile, login, password, remember)),
  verifyOTP: (profile: string, code: string) => bound(N, 'VerifyOTP', () => S.VerifyOTP(profile, code)),
  sandboxInbox: (login: string) => bound(N, 'SandboxInbox', () => S.SandboxInbox(login)),
  submit: (declarationID: string, profile: string) => bound(N, 'Submit', () => S.Submit(declarationID, profile)),
  list: (declarationID: string) => bound(N, 'List', () => S.List(declarationID)),
  pending: () => bound(N, 'Pending', () => S.Pending()),
  cancel: (submissionID: string) => bound(N, 'Cancel', () => S.Cancel(submissionID)),
  /** The platform's verdict (control report…) of an accepted or rejected submission. */
  result: (submissionID: string) => bound(N, 'Result', () => S.Result(submissionID)),
  resubmit: (declarationID: string) => bound(N, 'Resubmit', () => S.Resubmit(declarationID)),
  chooseExportFolder: () => bound(N, 'ChooseExportFolder', () => S.ChooseExportFolder()),
  manualExport: (declarationID: string, token: string) => bound(N, 'ManualExport', () => S.ManualExport(declarationID, token)),
  openPortal: () => bound(N, 'OpenPortal', () => S.OpenPortal()),
  chooseControlReport: () => bound(N, 'ChooseControlReport', () => S.ChooseControlReport()),
  recordManual: (declarationID: string, evidence: ManualEvidence) =>
    bound(N, 'RecordManual', () => S.RecordManual(declarationID, toGo<app.ManualEvidenceInput>(evidence))),
};
