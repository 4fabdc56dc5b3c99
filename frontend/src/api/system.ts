// Typed access to Go's app.System service. Components import from here, never
// from wailsjs/ directly, so a change in the generated bindings is fixed once.

import * as System from '../../wailsjs/go/app/System';
import type { app } from '../../wailsjs/go/models';
import { type Dir, type Lang, parseLang } from '../i18n/lang';
import { available } from './bridge';
import type { Json } from './types';
import { call } from './errors';

export type BuildInfo = Json<app.BuildInfo>;

/** A language this frontend can show (app.Language narrowed to the codes it knows). */
export interface Language {
  code: Lang;
  name: string;
  dir: Dir;
}

export function toBuildInfo(b: app.BuildInfo): BuildInfo {
  return { version: b.version, commit: b.commit, modified: b.modified, platform: b.platform };
}

/** toLanguages keeps the languages this frontend knows how to show. */
export function toLanguages(list: readonly app.Language[]): Language[] {
  const out: Language[] = [];
  for (const l of list) {
    const code = parseLang(l.code);
    if (code !== undefined) out.push({ code, name: l.name, dir: l.dir === 'rtl' ? 'rtl' : 'ltr' });
  }
  return out;
}

export async function getVersion(): Promise<BuildInfo> {
  return toBuildInfo(await call(() => System.Version()));
}

export async function getLanguages(): Promise<Language[]> {
  return toLanguages(await call(() => System.Languages()));
}

/** versionLabel is what the window shows: "0.1.0", "dev (1a2b3c4d5e6f)", with "+" if modified. */
export function versionLabel(b: BuildInfo): string {
  if (b.commit === '') return b.version;
  return `${b.version} (${b.commit}${b.modified ? '+' : ''})`;
}

/**
 * readyToClose tells Go that pending edits are saved and the window may
 * close (answer to the app:closing event). A binary without the method
 * closes anyway.
 */
export function readyToClose(): void {
  const w = window as unknown as { go?: { app?: { System?: { ReadyToClose?: () => Promise<void> } } } };
  const fn = w.go?.app?.System?.ReadyToClose;
  if (typeof fn === 'function') void fn().catch(() => undefined);
}

/**
 * reportScreen tells Go which screen is shown ("unlock", "create-vault",
 * "dashboard"), for the smoke test of the packaged app. The name is a fixed
 * word, never data; a failure is ignored.
 */
export function reportScreen(name: string): void {
  if (!available('System', 'ScreenShown')) return;
  void System.ScreenShown(name).catch(() => undefined);
}
