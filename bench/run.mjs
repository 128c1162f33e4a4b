// `npm run bench [-- NAME ...]`: runs the named benchmarks (all when none is named). Each prints one JSON
// object per line: {"bench", "value", "unit", "baseline", "ratio", ...}, where `baseline` is the physical limit
// measured in the same run (so the figure survives a noisy machine), plus "peer" and "peer_ratio" where a real
// peer tool is measured beside it (bench/peers/, docs/performance.md "Peers (issue 22)").
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BENCHES = { startup: 'startup.mjs', sales: 'sales.mjs', oauth: 'oauth.mjs', webhooks: 'webhooks.mjs', close: 'close.mjs', logistics: 'logistics.mjs', screens: 'screens.mjs' };
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : Object.keys(BENCHES);
for (const name of names) {
  if (!BENCHES[name]) {
    console.error(`bench: unknown benchmark "${name}" (have: ${Object.keys(BENCHES).join(', ')})`);
    process.exit(2);
  }
}
if (!existsSync(join(here, '..', 'dist', 'cli', 'partnerdeck.cjs'))) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(1);
}
for (const name of names) {
  const result = spawnSync(process.execPath, [join(here, BENCHES[name]), ...process.argv.slice(2).filter((a) => a.startsWith('-'))], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
