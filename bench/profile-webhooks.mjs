// The webhook drain of issue 22 item 4 measured in-process: what a delivery costs the dispatcher beyond the bare
// loop. The same backlog of signed order/create notifications (bench/webhooks.mjs's) is drained by the real
// dispatcher (dist/tools/webhooks-harness.cjs: main thread + worker thread) and sent by the bare loop (the same
// worker and keep-alive client fed directly, nothing stored), to the same receiver process; the figure is this
// process's CPU time per delivery (main and worker threads; the receiver's is not counted), so a busy machine's
// scheduling does not decide it the way it decides deliveries per second.
//
// Old against new in ONE process: `--old=<folder>` loads a second harness from an older build's dist/ (e.g. a
// copy of dist/ kept before a change) and alternates old, new and bare over the rounds (ABBA), each drain on a
// fresh data folder. Prints one JSON line per subject: CPU µs per delivery (best and median round; and of the main
// thread alone, where the dispatcher's own work is: Linux /proc, 10 ms ticks, so use ≥ 5,000 deliveries), wall
// deliveries/s (for the record only). Profile: `node --cpu-prof --cpu-prof-dir=<folder> bench/profile-webhooks.mjs`.
// `--wal-worker=on|both` starts the WAL checkpoint worker beside the dispatcher (as serve and the console do).
// BENCH_WEBHOOKS (per round, default 5,000), BENCH_ROUNDS (default 6). Needs `npm run build` first.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { machineNow } from './bench-kit.mjs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const COUNT = Number(process.env.BENCH_WEBHOOKS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const IN_FLIGHT = 256;
const oldDist = process.argv.find((a) => a.startsWith('--old='))?.slice(6);
/** off (default): commits checkpoint the WAL themselves (SQLite's default); on: the WAL checkpoint worker runs
 * beside the dispatcher, as in serve and the console; both: the current build measured both ways. */
const checkpoints = process.argv.find((a) => a.startsWith('--wal-worker='))?.slice(13) ?? 'off';
const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// This process's main thread alone (Linux: /proc/self/task/<pid>/stat, utime + stime in clock ticks, 10 ms each):
// the dispatcher's own work, without the worker thread's signing and HTTP that the bare loop does too.
const mainThreadUs = () => {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return Number.NaN;
  }
};

const receiverProcess = spawn(process.execPath, [join(here, 'webhooks-receiver.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
const receiverLines = createInterface({ input: receiverProcess.stdout });
const receiverUrl = await new Promise((ok) => receiverLines.once('line', (line) => ok(JSON.parse(line).url)));

function dispatcherSubject(name, distDir, checkpointer = false) {
  const harness = require(join(distDir, 'tools', 'webhooks-harness.cjs'));
  if (checkpointer && !harness.startHarnessCheckpointer) throw new Error(`${distDir}: its harness cannot start the WAL checkpoint worker`);
  return {
    name,
    harness,
    async run() {
      const dir = mkdtempSync(join(tmpdir(), `pd-profile-hooks-${name}-`));
      const platform = harness.openHarnessPlatform(dir, 'demo');
      try {
        const fixture = harness.registerFixture(platform, receiverUrl, 1);
        harness.queueOrders(platform, fixture.companyIds[0], COUNT, 500);
        const walWorker = checkpointer ? await harness.startHarnessCheckpointer(platform) : null;
        const started = cpuUs();
        const mainStarted = mainThreadUs();
        const t0 = performance.now();
        const dispatcher = harness.startHarnessDispatcher(platform, { maxInFlight: IN_FLIGHT });
        await dispatcher.settle();
        const cpu = (cpuUs() - started) / COUNT;
        const main = (mainThreadUs() - mainStarted) / COUNT;
        const seconds = (performance.now() - t0) / 1000;
        await dispatcher.stop();
        await walWorker?.stop();
        const delivered = platform.db.prepare("SELECT count(*) FROM webhook_events WHERE state = 'delivered'").pluck().get();
        const logged = platform.db.prepare('SELECT count(*) FROM webhook_attempts').pluck().get();
        if (delivered !== COUNT || logged !== COUNT) throw new Error(`${name}: ${delivered} delivered, ${logged} attempts logged of ${COUNT}`);
        return { cpu, main, rate: COUNT / seconds, fixture };
      } finally {
        platform.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The same requests as the dispatcher's (address, User-Agent, payload shape, Standard Webhooks headers), as in bench/webhooks.mjs. */
function bareSubject(harness, fixture) {
  return {
    name: 'bare',
    async run() {
      const worker = new Worker(harness.harnessWorkerPath(), { workerData: { timeoutMs: 10_000, maxSockets: 32, userAgent: harness.HARNESS_USER_AGENT ?? 'PartnerDeck-Webhooks/1.0' } });
      worker.postMessage({ type: 'secrets', entries: [[1, fixture.secret, null]] });
      const address = `${receiverUrl}/${fixture.companyIds[0]}/order/create`;
      const payload = harness.unsignedPayloadJson(fixture.companyIds[0], 'order/create', 'order', 10_000);
      let sent = 0;
      let done = 0;
      const started = cpuUs();
      const mainStarted = mainThreadUs();
      const t0 = performance.now();
      await new Promise((ok, fail) => {
        const send = (n) => {
          const jobs = [];
          for (let i = 0; i < n && sent < COUNT; i++, sent++) jobs.push({ key: String(sent), appId: 1, url: address, payload, messageId: `msg_${String(sent).padStart(32, '0')}`, timestamp: Math.floor(Date.now() / 1000), standardHeaders: true });
          if (jobs.length) worker.postMessage({ type: 'send', jobs });
        };
        worker.on('message', (message) => {
          if (message.type !== 'results') return;
          if (message.results.some((r) => r.status !== 200)) fail(new Error('bare loop: a request failed'));
          done += message.results.length;
          if (done >= COUNT) ok();
          else send(message.results.length);
        });
        send(IN_FLIGHT);
      });
      const cpu = (cpuUs() - started) / COUNT;
      const main = (mainThreadUs() - mainStarted) / COUNT;
      const rate = COUNT / ((performance.now() - t0) / 1000);
      await worker.terminate();
      return { cpu, main, rate };
    },
  };
}

try {
  const subjects = [dispatcherSubject('new', join(here, '..', 'dist'), checkpoints === 'on')];
  if (oldDist) subjects.push(dispatcherSubject('old', resolve(oldDist), checkpoints === 'on'));
  if (checkpoints === 'both') subjects.push(dispatcherSubject('new+wal-worker', join(here, '..', 'dist'), true));
  const warm = await subjects[0].run(); // warm-up: connections, JIT, page cache
  subjects.push(bareSubject(subjects[0].harness, warm.fixture));
  for (const s of subjects.slice(1)) await s.run();
  const figures = Object.fromEntries(subjects.map((s) => [s.name, { cpu: [], main: [], rate: [] }]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const s of r % 2 === 0 ? subjects : [...subjects].reverse()) {
      const { cpu, main, rate } = await s.run();
      figures[s.name].cpu.push(cpu);
      figures[s.name].main.push(main);
      figures[s.name].rate.push(rate);
    }
  }
  const bare = Math.min(...figures.bare.cpu);
  // Per round, new ÷ old (run back to back, so the machine's load moved both alike): steadier than either alone.
  const paired = figures.old ? median(figures.new.cpu.map((c, i) => c / figures.old.cpu[i])) : undefined;
  const pairedMain = figures.old ? median(figures.new.main.map((c, i) => c / figures.old.main[i])) : undefined;
  for (const s of subjects) {
    const f = figures[s.name];
    const best = Math.min(...f.cpu);
    console.log(
      JSON.stringify({
        bench: 'webhooks.cpu_per_delivery_in_process',
        subject: s.name,
        value: Math.round(best),
        unit: 'us CPU/delivery (best round; main + worker threads)',
        median_round_us: Math.round(median(f.cpu)),
        rounds_us: f.cpu.map(Math.round),
        ...(paired !== undefined && s.name === 'new' ? { paired_cpu_ratio_new_to_old: Number(paired.toFixed(3)), paired_main_thread_ratio_new_to_old: Number(pairedMain.toFixed(3)) } : {}),
        main_thread_us_median: Math.round(median(f.main)),
        main_thread_rounds_us: f.main.map(Math.round),
        over_bare_us: s.name === 'bare' ? 0 : Math.round(best - bare),
        cpu_ratio: Number((bare / best).toFixed(2)),
        cpu_ratio_of: 'bare loop CPU / this (what one core would give as a deliveries ratio)',
        wall_per_second_median: Math.round(median(f.rate)),
        deliveries_per_round: COUNT,
        rounds: ROUNDS,
        ...machineNow(),
      }),
    );
  }
} finally {
  receiverProcess.kill('SIGTERM');
}
