// A small load generator for the benchmarks, run as a child process (so it does not share an event loop
// with what it measures): `concurrency` workers over one keep-alive http.Agent, each sending requests back
// to back for `durationMs` after a warm-up, recording each request's latency. Two modes: `static` repeats
// one request; `refresh-chain` walks OAuth refresh-token rotation (each answer's refresh_token is the next
// request's), one chain per worker. Receives its job over IPC and answers with
// {requests, rps, p50, p90, p99, max, errors, statuses}. With `phases: true` it also sends {phase: 'measuring'} when
// the measured window opens and {phase: 'stopped'} when it closes (the caller reads its own CPU time in between).
import { Agent, request } from 'node:http';

function send(agent, target, { method, path, headers, body }) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request({ host: target.hostname, port: target.port, method, path, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
    });
    req.on('error', reject);
    if (body) req.end(body);
    else req.end();
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function run(job) {
  const target = new URL(job.url);
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const latencies = [];
  const statuses = {};
  let errors = 0;
  let measuring = false;
  let stop = false;

  const nextRequest = (worker) => {
    if (job.mode === 'static') return job.request;
    const body = new URLSearchParams({ ...job.form, refresh_token: worker.token }).toString();
    return { method: 'POST', path: target.pathname, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }, body };
  };

  const workers = Array.from({ length: job.concurrency }, (_, i) => ({ token: job.mode === 'refresh-chain' ? job.tokens[i] : null }));
  const loop = async (worker) => {
    while (!stop) {
      let reply;
      try {
        reply = await send(agent, target, nextRequest(worker));
      } catch {
        errors += 1;
        continue;
      }
      if (job.mode === 'refresh-chain') {
        if (reply.status === 200) worker.token = JSON.parse(reply.body).refresh_token;
        else {
          errors += 1;
          stop = true;
          process.send?.({ fatal: `refresh failed (${reply.status}): ${reply.body}` });
        }
      } else if (reply.status !== job.expectStatus) errors += 1;
      if (measuring) {
        latencies.push(reply.ms);
        statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
      }
    }
  };

  const running = workers.map(loop);
  await new Promise((r) => setTimeout(r, job.warmupMs));
  measuring = true;
  if (job.phases) process.send({ phase: 'measuring' });
  const started = performance.now();
  await new Promise((r) => setTimeout(r, job.durationMs));
  measuring = false;
  if (job.phases) process.send({ phase: 'stopped' });
  const elapsed = performance.now() - started;
  stop = true;
  await Promise.all(running);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / (elapsed / 1000),
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? 0,
    errors,
    statuses,
    tokens: job.mode === 'refresh-chain' ? workers.map((w) => w.token) : undefined,
  };
}

process.on('message', (job) => {
  run(job).then(
    (result) => process.send({ result }, () => process.exit(0)),
    (error) => process.send({ fatal: error.stack ?? String(error) }, () => process.exit(1)),
  );
});
