// Session: the vault and the unlocked store.
import * as S from '../../wailsjs/go/app/Session';
import { bound } from './bridge';

const N = 'Session';

export const session = {
  status: () => bound(N, 'Status', () => S.Status()),
  checkPassphrase: (p: string) => bound(N, 'CheckPassphrase', () => S.CheckPassphrase(p)),
  create: (passphrase: string, remember: boolean) => bound(N, 'Create', () => S.Create(passphrase, remember)),
  unlockKeyring: () => bound(N, 'UnlockKeyring', () => S.UnlockKeyring()),
  unlockPassphrase: (p: string) => bound(N, 'UnlockPassphrase', () => S.UnlockPassphrase(p)),
  unlockRecovery: (code: string) => bound(N, 'UnlockRecovery', () => S.UnlockRecovery(code)),
  lock: () => bound(N, 'Lock', () => S.Lock()),
  touch: () => bound(N, 'Touch', () => S.Touch()),
  changePassphrase: (current: string, next: string) => bound(N, 'ChangePassphrase', () => S.ChangePassphrase(current, next)),
  newRecoveryCode: () => bound(N, 'NewRecoveryCode', () => S.NewRecoveryCode()),
  /** Re-key: new data key and new recovery code (returned); current may be the recovery code, or '' after a recovery unlock. */
  rekey: (current: string, next: string) => bound(N, 'Rekey', () => S.Rekey(current, next)),
  cancelRekey: (opId: string) => bound(N, 'CancelRekey', () => S.CancelRekey(opId)),
  setRemember: (on: boolean) => bound(N, 'SetRemember', () => S.SetRemember(on)),
  /** Accepts a detected rollback of the data folder (audited); changes are allowed again. */
  acknowledgeRollback: () => bound(N, 'AcknowledgeRollback', () => S.AcknowledgeRollback()),
};
