// Settings: preferences of the data folder, snapshots and restore.
import * as S from '../../wailsjs/go/app/Settings';
import type { settings } from '../../wailsjs/go/models';
import { arg, as, bound } from './bridge';
import type { Chosen, PreviousCopy, Settings, Snapshot } from './types';

const N = 'Settings';

export const settingsApi = {
  get: () => bound(N, 'Get', () => as<Settings>(S.Get())),
  save: (s: Settings) => bound(N, 'Save', () => S.Save(arg<settings.Settings>(s))),
  chooseBackupFolder: () => bound(N, 'ChooseBackupFolder', () => as<Chosen>(S.ChooseBackupFolder())),
  /** token of chooseBackupFolder, or '' for the default folder. */
  setBackupFolder: (token: string) => bound(N, 'SetBackupFolder', () => as<Settings>(S.SetBackupFolder(token))),
  snapshotNow: () => bound(N, 'SnapshotNow', () => S.SnapshotNow()),
  cancelSnapshot: (opId: string) => bound(N, 'CancelSnapshot', () => S.CancelSnapshot(opId)),
  listSnapshots: () => bound(N, 'ListSnapshots', () => as<Snapshot[] | null>(S.ListSnapshots())),
  listPrevious: () => bound(N, 'ListPrevious', () => as<PreviousCopy[] | null>(S.ListPrevious())),
  chooseBackupFile: () => bound(N, 'ChooseBackupFile', () => as<Chosen>(S.ChooseBackupFile())),
  chooseSnapshot: (path: string) => bound(N, 'ChooseSnapshot', () => as<Chosen>(S.ChooseSnapshot(path))),
  cancelRestore: (opId: string) => bound(N, 'CancelRestore', () => S.CancelRestore(opId)),
  restore: (token: string, secret: string, isRecovery: boolean) => bound(N, 'Restore', () => as<unknown>(S.Restore(token, secret, isRecovery))),
};
