// Which Node ABI (NODE_MODULE_VERSION) a native module was built for, read from the file itself: a
// non-N-API addon such as better-sqlite3 exports `node_register_module_v<ABI>`. Used by
// scripts/electron-sqlite.mjs to prove its output is for Electron and not for the Node that ran the build.
import { readFileSync } from 'node:fs';

const MARK = Buffer.from('node_register_module_v');

/** The ABI numbers a native module registers for (normally exactly one), in the order found. */
export function nativeModuleAbis(file) {
  const bytes = readFileSync(file);
  const found = new Set();
  for (let at = bytes.indexOf(MARK); at !== -1; at = bytes.indexOf(MARK, at + MARK.length)) {
    let end = at + MARK.length;
    while (end < bytes.length && bytes[end] >= 0x30 && bytes[end] <= 0x39) end++;
    if (end > at + MARK.length) found.add(Number(bytes.subarray(at + MARK.length, end).toString('latin1')));
  }
  return [...found];
}

/** Null when `file` is built for `abi`, else why not (one line). */
export function abiMismatch(file, abi) {
  const abis = nativeModuleAbis(file);
  if (abis.length === 0) return `${file} registers no node_register_module_v<ABI> symbol (not a Node addon, or an N-API one)`;
  if (abis.length === 1 && abis[0] === Number(abi)) return null;
  return `${file} is built for ABI ${abis.join(', ')}, not ${abi}`;
}
