/*
 * Benchmark of following an operation's events (not a test).
 *
 *   yarn workspace @taskplatform/plugin-environments-backend bench [events]
 *
 * events defaults to 10000. BENCH_MODE=production runs the portal's
 * production build instead (`yarn build:backend` first; the tasks bench's
 * productionBackend.ts): NODE_ENV=production, the real permission backend and
 * policy, every request signed in as the guest user; CPU per request is then
 * the backend process's, from /proc (all its threads: gzip in libuv's pool and
 * GC helpers included, which the harness's main-thread figure leaves out);
 * BENCH_NODE_ARGS adds Node flags to it (e.g. `--cpu-prof --cpu-prof-dir=…`).
 * PostgreSQL: BENCH_PG_CONNECTION (default
 * postgresql://postgres@127.0.0.1:5432). Starts a real backend (createBackend,
 * HTTP server, static-token auth, permission checks) with the environments
 * plugin on PostgreSQL, seeds one operation with `events` events, then reads
 * them through `GET /operations/:id/events?since=&limit=` the way the UI
 * follows an operation: page after page, each `since` the previous
 * `nextSince`. Prints p50/p99/max per request for limits 100, 500 and 1000,
 * for 16 followers at once, and for the live tail (an empty page, what a
 * follower polls while nothing new has arrived). The client runs in a worker
 * thread (its own event loop), one request at a time per follower; CPU per
 * request is the backend thread's.
 */
import knexFactory from 'knex';
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
// The tasks bench's production mode: the same build, config and guest sign-in.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { startProductionBackend } from '../../tasks-backend/bench/productionBackend';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { processCpuMs } from '../../tasks-backend/bench/drive';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { PgConnection } from '../../tasks-backend/bench/BenchBackend';
import {
  freePort,
  startRealEnvironmentsBackend,
  STATIC_TOKEN,
} from '../src/__testUtils__/startRealEnvironmentsBackend';

const CONNECTION =
  process.env.BENCH_PG_CONNECTION ?? 'postgresql://postgres@127.0.0.1:5432';
const PREFIX = 'environments_bench_';
const EVENTS = Number(process.argv[2] ?? 10_000);

/** The follower: a worker thread that pages through the events as the UI does. */
const CLIENT_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, token, events } = workerData;
async function get(since, limit) {
  const start = performance.now();
  const res = await fetch(url + '?since=' + since + '&limit=' + limit, {
    headers: { authorization: 'Bearer ' + token },
  });
  const body = await res.json();
  if (res.status !== 200) throw new Error('HTTP ' + res.status);
  return { ms: performance.now() - start, body };
}
async function follow(limit, latencies) {
  let since = 0;
  let count = 0;
  for (;;) {
    const { ms, body } = await get(since, limit);
    latencies.push(ms);
    if (!body.items.length) break;
    count += body.items.length;
    since = body.nextSince;
  }
  if (count !== events) throw new Error('read ' + count + ' of ' + events);
}
parentPort.on('message', async job => {
  try {
    const latencies = [];
    if (job.kind === 'tail') {
      for (let i = 0; i < job.count; i++) latencies.push((await get(events, 100)).ms);
    } else {
      for (let r = 0; r < job.rounds; r++) {
        await Promise.all(
          Array.from({ length: job.followers }, () => follow(job.limit, latencies)),
        );
      }
    }
    parentPort.postMessage({ id: job.id, latencies });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String(error) });
  }
});
`;

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

/** `production`: the portal's production build with a guest user token. */
const MODE = process.env.BENCH_MODE === 'production' ? 'production' : 'harness';

/** The backend's CPU time so far (ms): its thread here, or its process. */
let backendCpuMs = () => 0;
let cpuStart = 0;
/** CPU of the backend per request since the last row. */
function cpuPerRequest(requests: number): string {
  const now = backendCpuMs();
  const used = now - cpuStart;
  cpuStart = now;
  return `  cpu ${(used / requests).toFixed(2)} ms/req`;
}

/**
 * The production build of the whole portal backend (`yarn build:backend`
 * first) with its real permission backend and policy, signed in as the
 * guest user: the tasks bench's production mode, reused.
 */
async function startProduction(pg: PgConnection) {
  const prod = await startProductionBackend({
    port: await freePort(),
    metricsPort: await freePort(),
    pg,
    prefix: PREFIX,
    nodeArgs: process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [],
  });
  return {
    baseUrl: prod.baseUrl,
    token: prod.token,
    cpuMs: () => processCpuMs(prod.pid),
    stop: prod.stop,
  };
}

function row(name: string, latencies: number[], note = '') {
  const extra = cpuPerRequest(latencies.length) + note;
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `${name.padEnd(34)} ${String(latencies.length).padStart(
      6,
    )} req  p50 ${percentile(sorted, 50)
      .toFixed(2)
      .padStart(6)} ms  p99 ${percentile(sorted, 99)
      .toFixed(2)
      .padStart(6)} ms  max ${sorted[sorted.length - 1]
      .toFixed(2)
      .padStart(7)} ms${extra}`,
  );
}

async function main() {
  const url = new URL(CONNECTION);
  const connection = {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    password: decodeURIComponent(url.password || ''),
  };
  const admin = knexFactory({
    client: 'pg',
    connection: { ...connection, database: 'postgres' },
  });
  await admin.raw(`DROP DATABASE IF EXISTS ${PREFIX}environments`);
  await admin.destroy();

  const backend =
    MODE === 'production'
      ? await startProduction(connection)
      : await startRealEnvironmentsBackend({
          database: { client: 'pg', prefix: PREFIX, connection },
        }).then(b => ({
          ...b,
          token: STATIC_TOKEN,
          cpuMs: () => {
            const used = process.threadCpuUsage();
            return (used.user + used.system) / 1000;
          },
        }));
  backendCpuMs = backend.cpuMs;
  if (MODE === 'production') {
    // the whole portal starts (catalog ingestion, search indexing): measure
    // it running, as users meet it, once it has used under 10 % of a core
    // for three 2-second windows in a row
    const settleStart = Date.now();
    let quiet = 0;
    for (let last = backend.cpuMs(); Date.now() - settleStart < 180_000; ) {
      await new Promise(r => setTimeout(r, 2000));
      const now = backend.cpuMs();
      quiet = now - last < 200 ? quiet + 1 : 0;
      if (quiet === 3) break;
      last = now;
    }
    console.log(
      `Portal start-up work settled after ${Math.round(
        (Date.now() - settleStart) / 1000,
      )} s`,
    );
  }
  const db = knexFactory({
    client: 'pg',
    connection: { ...connection, database: `${PREFIX}environments` },
  });
  try {
    const now = Date.now();
    const environmentId = randomUUID();
    const operationId = randomUUID();
    await db('environments').insert({
      id: environmentId,
      name: 'bench-1',
      title: 'bench-1',
      owner: 'group:default/team-a',
      account: '123456789012',
      region: 'us-east-1',
      preset: 'prod',
      spec: JSON.stringify({ name: 'bench-1' }),
      status: 'ready',
      simulated: true,
      outputs: '{}',
      version: 3,
      created_at: now,
      updated_at: now,
    });
    await db('operations').insert({
      id: operationId,
      environment_id: environmentId,
      kind: 'deploy',
      status: 'succeeded',
      requested_by: 'user:default/alice',
      account: '123456789012',
      region: 'us-east-1',
      created_at: now,
      started_at: now,
      finished_at: now,
      attempt: 1,
      deploy_started: true,
    });
    const rows = Array.from({ length: EVENTS }, (_, i) => ({
      operation_id: operationId,
      id: i + 1,
      time: new Date(now + i * 150).toISOString(),
      stack: `bench-1-${['network', 'cluster', 'database', 'storage'][i % 4]}`,
      logical_id: `Resource${Math.floor(i / 2)}ABCDEF12`,
      resource_type: 'AWS::EC2::Subnet',
      status: i % 2 ? 'CREATE_COMPLETE' : 'CREATE_IN_PROGRESS',
      reason: i % 2 ? null : 'Resource creation Initiated',
    }));
    for (let i = 0; i < rows.length; i += 1000) {
      await db('operation_events').insert(rows.slice(i, i + 1000));
    }
    await db.raw('ANALYZE operation_events');
    const os = await import('node:os');
    console.log(
      `${
        MODE === 'production'
          ? 'Production build, signed in as user:default/guest'
          : 'Harness: plugin from sources, static token'
      }. Seeded ${EVENTS} events into PostgreSQL; backend at ${
        backend.baseUrl
      }; load average ${os.loadavg()[0].toFixed(1)} on ${
        os.cpus().length
      } CPUs\n`,
    );

    // The client runs in a worker thread (its own event loop, like a browser
    // elsewhere): the figures are the backend's latency, not the client's JSON
    // parsing queued behind it. CPU per request is the backend thread's own.
    const client = new Worker(CLIENT_SOURCE, {
      eval: true,
      workerData: {
        url: `${backend.baseUrl}/api/environments/operations/${operationId}/events`,
        token: backend.token,
        events: EVENTS,
      },
    });
    let nextRequest = 0;
    const ask = (job: object) =>
      new Promise<number[]>((resolve, reject) => {
        const id = ++nextRequest;
        const onMessage = (m: {
          id: number;
          latencies?: number[];
          error?: string;
        }) => {
          if (m.id !== id) return;
          client.off('message', onMessage);
          if (m.error) reject(new Error(m.error));
          else resolve(m.latencies!);
        };
        client.on('message', onMessage);
        client.postMessage({ id, ...job });
      });
    try {
      await ask({ kind: 'follow', limit: 500, rounds: 1, followers: 1 }); // warm-up
      cpuPerRequest(1);
      for (const limit of [100, 500, 1000]) {
        const start = performance.now();
        // at least 1000 requests per limit: p99 is then the 10th slowest,
        // not one hiccup of the machine
        const rounds = Math.max(5, Math.ceil(1000 / (EVENTS / limit + 1)));
        const latencies = await ask({
          kind: 'follow',
          limit,
          rounds,
          followers: 1,
        });
        const perFollow = (performance.now() - start) / rounds;
        row(
          `follow ${EVENTS} events, limit ${limit}`,
          latencies,
          `  (${perFollow.toFixed(0)} ms per full read)`,
        );
      }
      row(
        '16 followers at once, limit 100',
        await ask({ kind: 'follow', limit: 100, rounds: 1, followers: 16 }),
      );
      row(
        '16 followers at once, limit 1000',
        await ask({ kind: 'follow', limit: 1000, rounds: 1, followers: 16 }),
      );
      row('live tail (empty page)', await ask({ kind: 'tail', count: 500 }));
    } finally {
      await client.terminate();
    }
  } finally {
    await db.destroy();
    await backend.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
