// Platform profiles (Settings): the embedded sandbox and the remote
// gateways, a connection test, and the keyring presence of saved logins.
import * as P from '../../wailsjs/go/app/Profiles';
import { as, bound } from './bridge';

const N = 'Profiles';

/** Keyring presence of a login's password (never the password). */
export type PasswordPresence = 'yes' | 'no' | 'unknown';

export interface ProfileLogin {
  login: string;
  saved: PasswordPresence;
}

export interface PlatformProfile {
  id: string;
  name: string;
  builtin: boolean;
  base_url: string;
  env_url?: string;
  employers: number;
  logins: ProfileLogin[] | null;
}

export interface RemoteProfile {
  name: string;
  base_url: string;
}

/** Outcome of a connection test. */
export type Reach = 'reachable' | 'tls_error' | 'not_platform' | 'timeout' | 'unreachable';

export const profilesApi = {
  list: () => bound(N, 'List', () => as<PlatformProfile[] | null>(P.List())),
  add: (name: string, baseURL: string) => bound(N, 'Add', () => as<RemoteProfile>(P.Add(name, baseURL))),
  update: (name: string, baseURL: string) => bound(N, 'Update', () => as<RemoteProfile>(P.Update(name, baseURL))),
  remove: (name: string) => bound(N, 'Delete', () => P.Delete(name)),
  test: (baseURL: string) => bound(N, 'Test', () => as<{ reach: Reach }>(P.Test(baseURL))),
  forgetPassword: (profile: string, login: string) => bound(N, 'ForgetPassword', () => P.ForgetPassword(profile, login)),
};
