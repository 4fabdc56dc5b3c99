import { describe, expect, it } from 'vitest';
import { type app, i18n } from '../../wailsjs/go/models';
import { toLanguages, versionLabel } from './system';

describe('toLanguages', () => {
  it('keeps known languages from Go, in order, with their direction', () => {
    const fromGo: app.Language[] = [
      { code: i18n.Lang.FR, name: 'Français', dir: 'ltr' },
      { code: i18n.Lang.AR, name: 'العربية', dir: 'rtl' },
      // A language a newer Go side would send: not in the enum this page knows.
      { code: 'xx' as i18n.Lang, name: 'Unknown', dir: 'ltr' },
    ];
    const got = toLanguages(fromGo);
    expect(got).toEqual([
      { code: 'fr', name: 'Français', dir: 'ltr' },
      { code: 'ar', name: 'العربية', dir: 'rtl' },
    ]);
  });
});

describe('versionLabel', () => {
  it('shows the commit when known and marks a modified tree', () => {
    const base = { version: '0.1.0', commit: '', modified: false, platform: 'linux/amd64' };
    expect(versionLabel(base)).toBe('0.1.0');
    expect(versionLabel({ ...base, commit: '1a2b3c4d5e6f' })).toBe('0.1.0 (1a2b3c4d5e6f)');
    expect(versionLabel({ ...base, commit: '1a2b3c4d5e6f', modified: true })).toBe('0.1.0 (1a2b3c4d5e6f+)');
  });
});
