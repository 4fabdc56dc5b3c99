// Settings: preferences of the data folder, snapshots and restore.
import * as S from '../../wailsjs/go/app/Settings';
import type { settings } from '../../wailsjs/go/models';
import { bound, toGo } from './bridge';
import type { Settings } from './types';

const N = 'Settings';

export const settingsApi = {
  get: () => bound(N, 'Get', () => S.Get()),
  save: (s: Settings) => bound(N, 'Save', () => S.Save(toGo<settings.Settings>(s))),
  chooseBackupFolder: () => bound(N, 'ChooseBackupFolder', () => S.ChooseBackupFolder()),
  /** token of chooseBackupFolder, or '' for the default folder. */
  setBackupFolder: (token: string) => bound(N, 'SetBackupFolder', () => S.SetBackupFolder(token)),
  snapshotNow: () => bound(N, 'SnapshotNow', () => S.SnapshotNow()),
  cancelSnapshot: (opId: string) => bound(N, 'CancelSnapshot', () => S.CancelSnapshot(opId)),
  listSnapshots: () => bound(N, 'ListSnapshots', () => S.ListSnapshots()),
  listPrevious: () => bound(N, 'ListPrevious', () => S.ListPrevious()),
  chooseBackupFile: () => bound(N, 'ChooseBackupFile', () => S.ChooseBackupFile()),
  chooseSnapshot: (path: string) => bound(N, 'ChooseSnapshot', () => S.ChooseSnapshot(path)),
  cancelRestore: (opId: string) => bound(N, 'CancelRestore', () => S.CancelRestore(opId)),
  restore: (token: string, secret: string, isRecovery: boolean) => bound(N, 'Restore', () => S.Restore(token, secret, isRecovery)),
};
