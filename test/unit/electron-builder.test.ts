// electron-builder.yml checked without building: electron-builder's own loader and JSON-schema validation
// (electron-builder cannot download Electron here), the fuses, the metadata the deb and AppImage targets
// require, the macOS hardened runtime and entitlements, what is unpacked from the archive, and that nothing
// is shipped twice (the runtime dependencies are only what the esbuild bundles leave external).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const require = createRequire(join(root, 'package.json'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

interface BuilderConfig {
  electronFuses: Record<string, boolean>;
  files: Array<{ filter: string[] }>;
  asarUnpack: string[];
  asar: boolean;
  linux: Record<string, unknown> & { target: string[] };
  mac: Record<string, unknown>;
  win: Record<string, unknown>;
  [key: string]: unknown;
}

async function load(): Promise<{ config: BuilderConfig; validate: (config: unknown) => Promise<void> }> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
  const { DebugLogger } = require('builder-util');
  const { Lazy } = require('lazy-val');
  const config = await getConfig(root, 'electron-builder.yml', null, new Lazy(() => Promise.resolve(pkg)));
  return { config, validate: (c) => validateConfiguration(c, new DebugLogger(false)) };
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation, which refuses a misspelt or mistyped option", { timeout: 60_000 }, async () => {
    const { config, validate } = await load();
    await expect(validate(config)).resolves.toBeUndefined();
    await expect(validate({ ...config, electronFuse: { runAsNode: false } })).rejects.toThrow(/unknown property 'electronFuse'/);
    await expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNode: 'off' } })).rejects.toThrow(/electronFuses/);
  });

  it('sets the fuses: no running as Node, no NODE_OPTIONS or --inspect, asar integrity and asar-only, cookies encrypted, no extra file:// privileges', async () => {
    const { config } = await load();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('keeps the workers inside the integrity-checked archive and unpacks only native modules', async () => {
    const { config } = await load();
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/*.node']);
    expect(config.files[0].filter).toContain('dist/**');
    // The worker paths point into app.asar (no .unpacked rewrite).
    const { defaultWebhookWorkerPath } = await import('../../src-main/core/webhooks/webhook-worker-path');
    const { defaultCheckpointWorkerPath } = await import('../../src-main/core/db/wal-checkpointer');
    expect(defaultWebhookWorkerPath('/opt/PartnerDeck/resources/app.asar/dist/main')).toBe('/opt/PartnerDeck/resources/app.asar/dist/worker/webhook-worker.cjs');
    expect(defaultCheckpointWorkerPath('/opt/PartnerDeck/resources/app.asar/dist/main')).toBe('/opt/PartnerDeck/resources/app.asar/dist/worker/wal-checkpoint-worker.cjs');
  });

  it('ships what the app reads at run time: the bundles, the icon, the PDF fonts, the Electron build of better-sqlite3', async () => {
    const { config } = await load();
    expect(config.files[0].filter).toEqual(expect.arrayContaining(['dist/**', 'package.json', 'resources/icon.png', 'resources/fonts/**']));
    expect(config.extraResources).toEqual([{ from: 'build/electron-sqlite/better_sqlite3.node', to: 'electron-sqlite/better_sqlite3.node' }]);
    expect(config.npmRebuild).toBe(false);
  });

  it('has the metadata the Linux packages require (deb: homepage, author with email, maintainer), and a description', async () => {
    const { config } = await load();
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.author).toMatchObject({ name: expect.any(String), email: expect.stringMatching(/@/) });
    expect(pkg.description.length).toBeGreaterThan(20);
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Office', maintainer: expect.stringMatching(/<.+@.+>/), synopsis: expect.any(String), description: expect.any(String) });
    const { checkMetadata } = require('app-builder-lib/out/util/packageMetadata');
    expect(() => checkMetadata(pkg, pkg, 'package.json', 'package.json')).not.toThrow();
  });

  it('builds a dmg with the hardened runtime and a minimal entitlements file, and an NSIS installer', async () => {
    const { config } = await load();
    expect(config.mac).toMatchObject({ target: 'dmg', hardenedRuntime: true, entitlements: 'resources/entitlements.mac.plist', entitlementsInherit: 'resources/entitlements.mac.plist' });
    const plist = readFileSync(join(root, 'resources', 'entitlements.mac.plist'), 'utf8');
    expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
    expect(config.win).toMatchObject({ target: 'nsis' });
  });

  it('ships no dependency twice: runtime dependencies are exactly what the bundles leave external', () => {
    const build = readFileSync(join(root, 'scripts', 'build.mjs'), 'utf8');
    const external = /external: \[([^\]]*)\]/.exec(build)![1].split(',').map((s) => s.trim().replace(/'/g, '')).filter(Boolean);
    // electron comes with the app; pg-native (node-postgres's optional libpq binding) is never installed nor shipped.
    expect(Object.keys(pkg.dependencies).sort()).toEqual(external.filter((name) => name !== 'electron' && name !== 'pg-native').sort());
    // Libraries esbuild bundles into dist/ stay development dependencies.
    for (const bundled of ['react', 'react-dom', 'zustand', 'zod', '@tanstack/react-virtual', 'electron-store', 'electron-log', 'electron-updater', 'commander']) {
      expect(pkg.dependencies[bundled], bundled).toBeUndefined();
      expect(pkg.devDependencies[bundled], bundled).toBeDefined();
    }
  });
});

describe('release build (scripts/release.mjs)', () => {
  it('skips macOS signing and notarization with a line saying why when the environment has no credentials', async () => {
    const { releasePlan } = await import('../../scripts/release.mjs');
    const bare = releasePlan('darwin', {});
    expect(bare.args).toEqual(expect.arrayContaining(['--mac', '-c.mac.identity=null', '-c.mac.notarize=false']));
    expect(bare.notes.join('\n')).toMatch(/signing skipped: CSC_LINK and CSC_KEY_PASSWORD are not set/);
    expect(bare.notes.join('\n')).toMatch(/notarization skipped/);
    const signed = releasePlan('darwin', { CSC_LINK: 'cert.p12', CSC_KEY_PASSWORD: 'x', APPLE_API_KEY: 'k.p8', APPLE_API_KEY_ID: 'id', APPLE_API_ISSUER: 'iss' });
    expect(signed.args).not.toContain('-c.mac.identity=null');
    expect(signed.args).not.toContain('-c.mac.notarize=false');
    expect(releasePlan('win32', {}).notes.join('\n')).toMatch(/signing skipped/);
    expect(releasePlan('linux', { PARTNERDECK_UPDATE_URL: 'https://updates.example/partnerdeck' }).args).toEqual(
      expect.arrayContaining(['--linux', '-c.publish.provider=generic', '-c.publish.url=https://updates.example/partnerdeck']),
    );
  });
});
