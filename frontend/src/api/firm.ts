// The firm mode (Cabinet screen, the portfolio's dossier column): this
// seat, the firm's object store, its seats, the dossiers' leases, sync,
// proposals and bundle files. The store's secret key goes to Go once
// (create, join) and is kept in the OS keyring: nothing here returns it.
import * as F from '../../wailsjs/go/app/Firm';
import type { desktop } from '../../wailsjs/go/models';
import { arg, as, available, bound } from './bridge';
import type { Chosen, Text } from './types';

const N = 'Firm';

/** Where the firm's object store is (nothing secret). */
export interface FirmSettings {
  endpoint: string;
  bucket: string;
  region: string;
  access_key: string;
}

export interface FirmSeat {
  id: string;
  name: string;
  founder: boolean;
  revoked: boolean;
  me: boolean;
}

export interface FirmStatus {
  set_up: boolean;
  has_seat: boolean;
  seat_id: string;
  seat_name: string;
  /** This seat's invitation line (public keys), for the founder. */
  invitation: string;
  founder: boolean;
  /** The firm's reference line, for the seats the founder invited. */
  ref: string;
  settings: FirmSettings;
  seats: FirmSeat[] | null;
  reachable: boolean;
  last_error: string;
  last_sync: string;
  dossiers: number;
}

/** What waits on a dossier: prepared → ready for deposit → deposited. */
export type FirmStage = 'prepared' | 'ready' | 'sending' | 'deposited';

export interface FirmDossier {
  employer_id: string;
  employer_name: string;
  dossier: string;
  holder: string;
  holder_name: string;
  since: string;
  expires: string;
  mine: boolean;
  free: boolean;
  head: number;
  applied: number;
  proposals: number;
  pending: boolean;
  stage: FirmStage;
  seats: string[] | null;
  /** 'firm.affiliation_clash': not received here (employer_id is then ''). */
  clash: string;
  /** The local employer with the dossier's affiliation number. */
  clash_with: string;
  /** What is in the way and what to do, in the three languages. */
  clash_message: Text;
}

export interface FirmProposal {
  id: string;
  at: string;
  base_seq: number;
  records: number;
  kinds: Record<string, number>;
}

export interface FirmSyncResult {
  applied: number;
  published: number;
  /** Records changed here on dossiers another seat holds: kept as proposals. */
  proposed: number;
  /** Dossiers held back by an affiliation clash (their row says why). */
  clashes: number;
  at: string;
}

export const firmApi = {
  /** available: the running build has the firm mode. */
  available: () => available(N, 'Status'),
  status: () => bound(N, 'Status', () => as<FirmStatus>(F.Status())),
  newSeat: (name: string) => bound(N, 'NewSeat', () => as<FirmStatus>(F.NewSeat(name))),
  create: (s: FirmSettings, secretKey: string) => bound(N, 'Create', () => as<FirmStatus>(F.Create(arg<desktop.FirmSettings>(s), secretKey))),
  join: (s: FirmSettings, secretKey: string, ref: string) =>
    bound(N, 'Join', () => as<FirmStatus>(F.Join(arg<desktop.FirmSettings>(s), secretKey, ref))),
  invite: (invitation: string) => bound(N, 'Invite', () => as<FirmStatus>(F.Invite(invitation))),
  revoke: (seatID: string) => bound(N, 'Revoke', () => as<FirmStatus>(F.Revoke(seatID))),
  dossiers: () => bound(N, 'Dossiers', () => as<FirmDossier[] | null>(F.Dossiers())),
  share: (employerID: string, seats: string[]) => bound(N, 'Share', () => as<FirmDossier>(F.Share(employerID, seats))),
  take: (employerID: string) => bound(N, 'Take', () => as<FirmDossier>(F.Take(employerID))),
  handOver: (employerID: string, seatID: string) => bound(N, 'HandOver', () => as<FirmDossier>(F.HandOver(employerID, seatID))),
  release: (employerID: string) => bound(N, 'Release', () => as<FirmDossier>(F.Release(employerID))),
  startSync: () => bound(N, 'StartSync', () => as<string>(F.StartSync())),
  cancelSync: (opID: string) => bound(N, 'CancelSync', () => as<boolean>(F.CancelSync(opID))),
  proposals: (employerID: string) => bound(N, 'Proposals', () => as<FirmProposal[] | null>(F.Proposals(employerID))),
  applyProposal: (employerID: string, id: string) => bound(N, 'ApplyProposal', () => as<FirmDossier>(F.ApplyProposal(employerID, id))),
  discardProposal: (employerID: string, id: string) => bound(N, 'DiscardProposal', () => F.DiscardProposal(employerID, id)),
  chooseBundleExport: () => bound(N, 'ChooseBundleExport', () => as<Chosen>(F.ChooseBundleExport())),
  exportBundle: (employerID: string, to: string, token: string) => bound(N, 'ExportBundle', () => F.ExportBundle(employerID, to, token)),
  chooseBundleImport: () => bound(N, 'ChooseBundleImport', () => as<Chosen>(F.ChooseBundleImport())),
  importBundle: (token: string, from: string) => bound(N, 'ImportBundle', () => as<string>(F.ImportBundle(token, from))),
};
