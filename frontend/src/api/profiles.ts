// Platform profiles (Settings): the embedded sandbox and the remote
// gateways, a connection test, and the keyring presence of saved logins.
import * as P from '../../wailsjs/go/app/Profiles';
import type { client, desktop, profiles } from '../../wailsjs/go/models';
import { bound } from './bridge';
import type { Json } from './types';

const N = 'Profiles';

/** Keyring presence of a login's password (never the password). */
export type PasswordPresence = `${desktop.PasswordPresence}`;

export type ProfileLogin = Json<desktop.ProfileLogin>;
export type PlatformProfile = Json<desktop.PlatformProfile>;
export type RemoteProfile = Json<profiles.Remote>;

/** Outcome of a connection test. */
export type Reach = `${client.Reach}`;

export const profilesApi = {
  list: () => bound(N, 'List', () => P.List()),
  add: (name: string, baseURL: string) => bound(N, 'Add', () => P.Add(name, baseURL)),
  update: (name: string, baseURL: string) => bound(N, 'Update', () => P.Update(name, baseURL)),
  remove: (name: string) => bound(N, 'Delete', () => P.Delete(name)),
  test: (baseURL: string) => bound(N, 'Test', () => P.Test(baseURL)),
  forgetPassword: (profile: string, login: string) => bound(N, 'ForgetPassword', () => P.ForgetPassword(profile, login)),
};
