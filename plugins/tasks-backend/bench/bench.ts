/*
 * Benchmark of the tasks API on PostgreSQL (not a test).
 *
 *   yarn workspace @taskplatform/plugin-tasks-backend bench [sizes] [seconds]
 *
 * sizes defaults to 10000,1000000; seconds per scenario defaults to 10.
 * PostgreSQL: BENCH_PG_CONNECTION (default postgresql://postgres@127.0.0.1:5432).
 *
 * Two backends on one seeded database (BenchBackend.ts): the production
 * build signed in as the guest user with the portal's real permission
 * backend, and the harness (the tasks plugin alone, static token, allow-all
 * permissions). The summary prints their figures side by side.
 * BENCH_MODE=production or =harness runs only that one.
 *
 * Order per size: seed; then for each backend the read scenarios and the
 * filter × sort matrix; then for each backend the write scenarios (last, so
 * that both read the same data and the tasks they add do not shift the
 * matrix's pages). Each row has req/s, p50/p99 and the CPU time per request
 * of the driven backend, of PostgreSQL and of autocannon (drive.ts). While
 * one backend is driven, the other is stopped (SIGSTOP, then SIGCONT).
 *
 * BENCH_CPU_PROF=<dir> runs the backends with `node --cpu-prof` and writes
 * their CPU profiles to <dir> when the benchmark ends. BENCH_NODE_ARGS adds
 * Node flags to the backend processes (e.g. `--max-semi-space-size=64`).
 * BENCH_ONLY=<regexp> runs only the scenarios and matrix rows it matches;
 * BENCH_REUSE=1 keeps a database that already holds N tasks.
 */
import fs from 'node:fs';
import knexFactory, { Knex } from 'knex';
import { freePort } from '../src/__testUtils__/startRealBackend';
import { BenchBackend, BenchMode, pgConnection } from './BenchBackend';
import { benchScenarios } from './benchScenarios';
import { drive, Scenario } from './drive';
import { explainListQueries } from './explainListQueries';
import { startHarnessBackend } from './harnessBackend';
import { startProductionBackend } from './productionBackend';
import { runMatrix } from './runMatrix';
import { seed, tableReady } from './seed';
import { sideBySide } from './sideBySide';

const CONNECTION =
  process.env.BENCH_PG_CONNECTION ?? 'postgresql://postgres@127.0.0.1:5432';
const PREFIX = 'tasks_bench_';
const DATABASE = `${PREFIX}tasks`;

function modes(): BenchMode[] {
  const mode = process.env.BENCH_MODE ?? 'both';
  if (mode === 'both') return ['production', 'harness'];
  if (mode === 'production' || mode === 'harness') return [mode];
  throw new Error(
    `BENCH_MODE must be both, production or harness, not ${mode}`,
  );
}

/**
 * BENCH_REUSE=1 keeps the database of the previous run and seeds only when
 * it does not hold exactly `n` tasks (for trying a change on one scenario);
 * its figures then include the previous runs' writes.
 */
const REUSE = process.env.BENCH_REUSE === '1';
/** BENCH_ONLY=<regexp>: only the scenarios and matrix rows it matches. */
const ONLY = process.env.BENCH_ONLY
  ? new RegExp(process.env.BENCH_ONLY)
  : /(?:)/;

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** Starts the backends one after the other (the first creates the database). */
async function startBackends(nodeArgs: string[]): Promise<BenchBackend[]> {
  const pg = pgConnection(CONNECTION);
  const backends: BenchBackend[] = [];
  for (const mode of modes()) {
    backends.push(
      mode === 'production'
        ? await startProductionBackend({
            port: await freePort(),
            metricsPort: await freePort(),
            pg,
            prefix: PREFIX,
            nodeArgs,
          })
        : await startHarnessBackend({ pg, prefix: PREFIX, nodeArgs }),
    );
    console.log(
      mode === 'production'
        ? 'Production build, signed in as user:default/guest'
        : 'Harness: the tasks plugin alone, static token, allow-all permissions',
    );
  }
  return backends;
}

/**
 * Waits (up to 10 s) until no connection to the bench database is inside a
 * statement or a transaction. autocannon ends a scenario with up to 32
 * requests still running in the backend; a backend stopped in the middle of
 * a create would hold its row locks, and the other backend's writes would
 * wait on them.
 */
async function settle(db: Knex) {
  for (let i = 0; i < 100; i++) {
    const { rows } = await db.raw(
      `SELECT count(*)::int AS busy FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()
         AND state IS NOT NULL AND state <> 'idle'`,
    );
    if (rows[0].busy === 0) return;
    await new Promise(r => setTimeout(r, 100));
  }
  console.warn('the bench database did not settle in 10 s');
}

/** Waits until the backends have created the database and migrated it. */
async function waitForTables(db: Knex) {
  for (let i = 0; !(await tableReady(db)); i++) {
    if (i > 120) throw new Error('the backend did not create the tasks table');
    await new Promise(r => setTimeout(r, 500));
  }
}

async function main() {
  const sizes = (process.argv[2] ?? '10000,1000000').split(',').map(Number);
  const seconds = Number(process.argv[3] ?? 10);
  const matrixSeconds = Number(process.env.BENCH_MATRIX_SECONDS ?? 2);
  const confirmSeconds = Number(process.env.BENCH_MATRIX_CONFIRM_SECONDS ?? 5);

  // Fresh database; the first backend creates it and runs the migrations.
  const admin = knexFactory({ client: 'pg', connection: CONNECTION });
  if (!REUSE) await admin.raw(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await admin.destroy();

  const cpuProfDir = process.env.BENCH_CPU_PROF;
  const backends = await startBackends([
    ...(process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
    ...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []),
  ]);
  const db = knexFactory({
    client: 'pg',
    connection: `${CONNECTION.replace(/\/$/, '')}/${DATABASE}`,
  });
  /**
   * Runs `phase` with each backend in turn, the others stopped meanwhile:
   * idle, a backend still takes 1–2 % of a core (timers; the production
   * build's catalog and scheduler), and alternating the two request by
   * request left each to resume from idle (README, Benchmark).
   */
  const eachAlone = async (phase: (backend: BenchBackend) => Promise<void>) => {
    for (const backend of backends) {
      const others = backends.filter(b => b !== backend);
      await settle(db);
      for (const other of others) process.kill(other.pid, 'SIGSTOP');
      try {
        await phase(backend);
      } finally {
        for (const other of others) process.kill(other.pid, 'SIGCONT');
      }
    }
  };

  const summary: Record<string, unknown>[] = [];
  try {
    await waitForTables(db);
    for (const n of sizes) {
      for (const backend of backends) await backend.renew?.();
      const [{ count }] = await db('tasks').count({ count: '*' });
      const reused = REUSE && Number(count) === n;
      const seedSeconds = reused ? 0 : await seed(db, n);
      console.log(
        reused
          ? `\nN=${n}: the previous run's ${n} tasks (BENCH_REUSE)`
          : `\nN=${n}: seeded in ${seedSeconds.toFixed(1)} s`,
      );
      await explainListQueries(db, n);
      const ids: string[] = (
        await db('tasks').select('id').orderByRaw('random()').limit(2000)
      ).map((r: { id: string }) => r.id);
      const { reads, writes } = benchScenarios(ids);

      const record = async (backend: BenchBackend, scenarios: Scenario[]) => {
        // warm up (JIT, validators, connection pool); not recorded
        for (const scenario of reads.filter(r => !r.connections).slice(0, 3))
          await drive(backend, scenario, 2, db);
        for (const scenario of scenarios.filter(r => ONLY.test(r.name))) {
          const row = await drive(backend, scenario, seconds, db);
          console.log(JSON.stringify(row));
          summary.push({ N: n, ...row });
        }
      };
      await eachAlone(async backend => {
        await record(backend, reads);
        if (matrixSeconds > 0) {
          summary.push(
            ...(await runMatrix({
              backend,
              seconds: matrixSeconds,
              confirmSeconds,
              db,
              n,
              only: ONLY,
            })),
          );
        }
      });
      await eachAlone(backend => record(backend, writes));
      summary.push({
        N: n,
        scenario: 'seed',
        seconds: Number(seedSeconds.toFixed(1)),
      });
    }
  } finally {
    const rss = backends.map(b => `${b.mode} ${peakRssMb(b.pid)} MB`);
    for (const backend of backends) await backend.stop();
    await db.destroy();
    console.log(`\nSummary (${backends.map(b => b.mode).join(', ')})`);
    console.table(summary);
    if (backends.length > 1) {
      console.log(
        'Side by side: req/s · p50 · p99 (ms) · backend/PostgreSQL CPU per request (ms)',
      );
      console.table(sideBySide(summary));
    }
    console.log(`Backends' peak RSS: ${rss.join(', ')}`);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
