// The console's prefs in a JSON file (browser host, tests): the theme chosen in Settings is kept in prefs.json
// and read back by the next start; a hand-edited theme the console does not know reads as "system".
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createJsonFilePrefs, DEFAULT_PREFS } from '../../../../src-main/console/prefs';
import { tempDir } from '../../../helpers/platform';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
function file(): string {
  const dir = tempDir('pd-prefs-');
  dirs.push(dir);
  return join(dir.path, 'prefs.json');
}

describe('JSON file prefs', () => {
  it('keeps the theme in prefs.json for the next start, beside the other prefs', () => {
    const path = file();
    const prefs = createJsonFilePrefs(path);
    expect(prefs.get('theme')).toBe('system');
    prefs.set('recentCompanyIds', [4, 2]);
    prefs.set('theme', 'dark');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ theme: 'dark', recentCompanyIds: [4, 2] });
    const again = createJsonFilePrefs(path);
    expect(again.get('theme')).toBe('dark');
    expect(again.get('recentCompanyIds')).toEqual([4, 2]);
  });

  it('reads a theme it does not know as "system", and a damaged file as the defaults', () => {
    const path = file();
    writeFileSync(path, JSON.stringify({ theme: '<script>', lastUserId: 3 }));
    const prefs = createJsonFilePrefs(path);
    expect(prefs.get('theme')).toBe('system');
    expect(prefs.get('lastUserId')).toBe(3);
    writeFileSync(path, '{ not json');
    expect(createJsonFilePrefs(path).get('theme')).toBe(DEFAULT_PREFS.theme);
  });
});
