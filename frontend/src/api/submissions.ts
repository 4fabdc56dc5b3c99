// Submissions to the platform (API profiles and manual deposit).
import * as S from '../../wailsjs/go/app/Submissions';
import type { app } from '../../wailsjs/go/models';
import { arg, as, bound } from './bridge';
import type { Chosen, DepositResult, InboxMessage, LoginResult, ManualEvidence, Profile, Submission, SubmitOutcome } from './types';

const N = 'Submissions';

export const submissionsApi = {
  profiles: () => bound(N, 'Profiles', () => as<Profile[] | null>(S.Profiles())),
  login: (profile: string, login: string, password: string, remember: boolean) =>
    bound(N, 'Login', () => as<LoginResult>(S.Login(profile, login, password, remember))),
  verifyOTP: (profile: string, code: string) => bound(N, 'VerifyOTP', () => S.VerifyOTP(profile, code)),
  sandboxInbox: (login: string) => bound(N, 'SandboxInbox', () => as<InboxMessage[] | null>(S.SandboxInbox(login))),
  submit: (declarationID: string, profile: string) => bound(N, 'Submit', () => as<SubmitOutcome>(S.Submit(declarationID, profile))),
  list: (declarationID: string) => bound(N, 'List', () => as<Submission[] | null>(S.List(declarationID))),
  pending: () => bound(N, 'Pending', () => as<Submission[] | null>(S.Pending())),
  cancel: (submissionID: string) => bound(N, 'Cancel', () => as<Submission>(S.Cancel(submissionID))),
  /** The platform's verdict (control report…) of an accepted or rejected submission. */
  result: (submissionID: string) => bound(N, 'Result', () => as<DepositResult>(S.Result(submissionID))),
  resubmit: (declarationID: string) => bound(N, 'Resubmit', () => as<Submission>(S.Resubmit(declarationID))),
  chooseExportFolder: () => bound(N, 'ChooseExportFolder', () => as<Chosen>(S.ChooseExportFolder())),
  manualExport: (declarationID: string, token: string) => bound(N, 'ManualExport', () => S.ManualExport(declarationID, token)),
  openPortal: () => bound(N, 'OpenPortal', () => S.OpenPortal()),
  chooseControlReport: () => bound(N, 'ChooseControlReport', () => as<Chosen>(S.ChooseControlReport())),
  recordManual: (declarationID: string, evidence: ManualEvidence) =>
    bound(N, 'RecordManual', () => as<unknown>(S.RecordManual(declarationID, arg<app.ManualEvidenceInput>(evidence)))),
};
