// The firm mode (Cabinet screen, the portfolio's dossier column): this
// seat, the firm's object store, its seats, the dossiers' leases, sync,
// proposals and bundle files. The store's secret key goes to Go once
// (create, join) and is kept in the OS keyring: nothing here returns it.
import * as F from '../../wailsjs/go/app/Firm';
import type { desktop } from '../../wailsjs/go/models';
import { available, bound, toGo } from './bridge';
import type { Json } from './types';

const N = 'Firm';

/** Where the firm's object store is (nothing secret). */
export type FirmSettings = Json<desktop.FirmSettings>;
export type FirmSeat = Json<desktop.FirmSeat>;
export type FirmStatus = Json<desktop.FirmStatus>;
/** What waits on a dossier: prepared → ready for deposit → deposited. */
export type FirmStage = Json<desktop.FirmStage>;
export type FirmDossier = Json<desktop.FirmDossier>;
export type FirmProposal = Json<desktop.FirmProposal>;
export type FirmSyncResult = Json<desktop.SyncResult>;
/** An audit entry another seat wrote about a dossier (its writer named). */
export type FirmJournalEntry = Json<desktop.FirmJournalRow>;

export const firmApi = {
  /** available: the running build has the firm mode. */
  available: () => available(N, 'Status'),
  status: () => bound(N, 'Status', () => F.Status()),
  newSeat: (name: string) => bound(N, 'NewSeat', () => F.NewSeat(name)),
  create: (s: FirmSettings, secretKey: string) => bound(N, 'Create', () => F.Create(toGo<desktop.FirmSettings>(s), secretKey)),
  join: (s: FirmSettings, secretKey: string, ref: string) =>
    bound(N, 'Join', () => F.Join(toGo<desktop.FirmSettings>(s), secretKey, ref)),
  invite: (invitation: string) => bound(N, 'Invite', () => F.Invite(invitation)),
  revoke: (seatID: string) => bound(N, 'Revoke', () => F.Revoke(seatID)),
  dossiers: () => bound(N, 'Dossiers', () => F.Dossiers()),
  share: (employerID: string, seats: string[]) => bound(N, 'Share', () => F.Share(employerID, seats)),
  take: (employerID: string) => bound(N, 'Take', () => F.Take(employerID)),
  handOver: (employerID: string, seatID: string) => bound(N, 'HandOver', () => F.HandOver(employerID, seatID)),
  release: (employerID: string) => bound(N, 'Release', () => F.Release(employerID)),
  startSync: () => bound(N, 'StartSync', () => F.StartSync()),
  cancelSync: (opID: string) => bound(N, 'CancelSync', () => F.CancelSync(opID)),
  proposals: (employerID: string) => bound(N, 'Proposals', () => F.Proposals(employerID)),
  journal: (employerID: string) => bound(N, 'Journal', () => F.Journal(employerID)),
  applyProposal: (employerID: string, id: string) => bound(N, 'ApplyProposal', () => F.ApplyProposal(employerID, id)),
  discardProposal: (employerID: string, id: string) => bound(N, 'DiscardProposal', () => F.DiscardProposal(employerID, id)),
  chooseBundleExport: () => bound(N, 'ChooseBundleExport', () => F.ChooseBundleExport()),
  exportBundle: (employerID: string, to: string, token: string) => bound(N, 'ExportBundle', () => F.ExportBundle(employerID, to, token)),
  chooseBundleImport: () => bound(N, 'ChooseBundleImport', () => F.ChooseBundleImport()),
  importBundle: (token: string, from: string) => bound(N, 'ImportBundle', () => F.ImportBundle(token, from)),
};
