// The ABI check of scripts/electron-sqlite.mjs: it reads which NODE_MODULE_VERSION a native module registers,
// so a better-sqlite3 built for the wrong runtime (Node instead of Electron) is caught before the app loads it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { abiMismatch, nativeModuleAbis } from '../../../../scripts/lib/native-abi.mjs';

const dir = mkdtempSync(join(tmpdir(), 'pd-abi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const nodeBuild = join(dirname(createRequire(__filename).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');

describe('native module ABI', () => {
  it("reads the Node build's ABI as this Node's NODE_MODULE_VERSION", () => {
    expect(nativeModuleAbis(nodeBuild)).toEqual([Number(process.versions.modules)]);
    expect(abiMismatch(nodeBuild, process.versions.modules)).toBeNull();
  });

  it("refuses the Node build as Electron 45's (ABI 150)", () => {
    expect(abiMismatch(nodeBuild, 150)).toBe(`${nodeBuild} is built for ABI ${process.versions.modules}, not 150`);
  });

  it('finds the symbol anywhere in the file, and says so when there is none', () => {
    const fake = join(dir, 'fake.node');
    writeFileSync(fake, Buffer.concat([Buffer.alloc(100, 1), Buffer.from('\0node_register_module_v150\0'), Buffer.alloc(50, 2)]));
    expect(nativeModuleAbis(fake)).toEqual([150]);
    expect(abiMismatch(fake, '150')).toBeNull();
    const none = join(dir, 'none.node');
    writeFileSync(none, 'napi_register_module_v1');
    expect(abiMismatch(none, 150)).toMatch(/registers no node_register_module_v<ABI> symbol/);
  });
});
