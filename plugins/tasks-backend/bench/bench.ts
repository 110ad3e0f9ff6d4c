/*
 * Benchmark of the tasks API on PostgreSQL (not a test).
 *
 *   yarn workspace @taskplatform/plugin-tasks-backend bench [sizes] [seconds]
 *
 * sizes defaults to 10000,1000000; seconds per scenario defaults to 10.
 * PostgreSQL: BENCH_PG_CONNECTION (default postgresql://postgres@127.0.0.1:5432).
 * The backend runs in a child process (a real backend with the default root
 * HTTP router, metrics and the tasks plugin, static-token auth); this
 * process seeds the database and drives the HTTP API with autocannon at 32
 * connections, then prints req/s, p50/p99 latency and the backend's peak RSS.
 *
 * Each row also shows the CPU time spent per request by the backend process,
 * by PostgreSQL (the server processes of the connections to the bench
 * database; 0 when PostgreSQL is not on this machine) and by this process
 * (autocannon, the load generator), read from /proc and process.cpuUsage()
 * over the scenario. With 32 connections
 * in a closed loop, mean latency = 32 / throughput (Little's law), so these
 * figures tell what bounds the latency. One list scenario is also run with a
 * single connection: its latency is the cost of a request without queueing.
 *
 * BENCH_CPU_PROF=<dir> runs the backend with `node --cpu-prof` and writes its
 * CPU profile to <dir> when the benchmark ends. BENCH_NODE_ARGS adds Node
 * flags to the backend process (e.g. `--max-semi-space-size=64`).
 */
import autocannon from 'autocannon';
import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import knexFactory, { Knex } from 'knex';
import {
  freePort,
  startRealBackend,
  STATIC_TOKEN,
} from '../src/__testUtils__/startRealBackend';
import { startProductionBackend } from './productionBackend';
import { DatabaseTaskStore } from '../src/database/DatabaseTaskStore';
import { fillRefRows } from '../src/__testUtils__/fillRefRows';
import {
  LIST_FILTER_MATRIX,
  PAGE_QUERY_SQL,
} from '../src/__testUtils__/listFilterMatrix';
import { TASK_SORT_FIELDS } from '@taskplatform/plugin-tasks-common';

// the migration's recount, also used after seeding
const {
  recount: recountStats,
} = require('../migrations/20261202100000_task_stat_counts.js');

const CONNECTION =
  process.env.BENCH_PG_CONNECTION ?? 'postgresql://postgres@127.0.0.1:5432';
const PREFIX = 'tasks_bench_';
const DATABASE = `${PREFIX}tasks`;
const CONNECTIONS = 32;
/** `production`: the production build with a guest user token (productionBackend.ts). */
const MODE = process.env.BENCH_MODE === 'production' ? 'production' : 'harness';
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
let authToken = STATIC_TOKEN;

async function runServer() {
  const url = new URL(CONNECTION);
  const backend = await startRealBackend({
    database: {
      client: 'pg',
      prefix: PREFIX,
      connection: {
        host: url.hostname,
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username || 'postgres'),
        password: decodeURIComponent(url.password || ''),
      },
      knexConfig: { pool: { min: 4, max: 16 } },
    },
  });
  process.send!({ type: 'tasks-bench-ready', baseUrl: backend.baseUrl });
  process.on('message', async (m: any) => {
    if (m !== 'tasks-bench-stop') return;
    await backend.stop();
    process.exit(0);
  });
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/**
 * Replaces all tasks with `n` generated ones; returns seconds taken. Loads
 * without secondary indexes, in parallel chunks, then rebuilds the indexes
 * two at a time.
 */
async function seed(db: Knex, n: number): Promise<number> {
  const start = performance.now();
  const phase = (name: string) =>
    console.log(
      `  ${name} at ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );
  await db.raw('TRUNCATE tasks CASCADE');
  const { rows: indexes } = await db.raw(
    `SELECT indexname, indexdef FROM pg_indexes
     WHERE tablename IN ('tasks', 'task_labels', 'task_refs') AND indexname NOT LIKE '%_pkey'`,
  );
  for (const { indexname } of indexes)
    await db.raw(`DROP INDEX "${indexname}"`);
  const now = Date.now();
  const chunks = 2;
  const size = Math.ceil(n / chunks);
  await Promise.all(
    Array.from({ length: chunks }, (_, c) =>
      db.transaction(async tx => {
        await tx.raw('SET LOCAL synchronous_commit = off');
        await tx.raw(
          `WITH inserted AS (
           INSERT INTO tasks (id, title, description, status, priority, assignee,
             created_by, entity_ref, labels, due_date, created_at, updated_at,
             completed_at, version)
           SELECT gen_random_uuid()::text,
             'Task ' || i || ' ' || (ARRAY['fix','build','review','deploy','document'])[1 + i % 5],
             'Generated task ' || i || ' about the ' ||
               (ARRAY['database','frontend','pipeline','security','catalog','search','billing'])[1 + i % 7] || ' area.',
             (ARRAY['todo','in_progress','blocked','done'])[1 + i % 4],
             (i / 4) % 4,
             CASE WHEN i % 10 = 0 THEN NULL ELSE 'user:default/user' || ((i::bigint * 7919) % 200) END,
             'user:default/user' || ((i::bigint * 104729) % 50),
             'component:default/service-' || ((i * 31) % 1000),
             CASE WHEN i % 3 = 0 THEN '["infra"]' ELSE '[]' END,
             CASE WHEN (i / 2) % 2 = 0 THEN to_char(date '2026-01-01' + (i % 365), 'YYYY-MM-DD') END,
             ?::bigint - i * 1000, ?::bigint - i * 1000,
             CASE WHEN i % 4 = 3 THEN ?::bigint - i * 500 END,
             1
           FROM generate_series(?::int, ?::int) AS i
           RETURNING id, labels, assignee, created_at, updated_at, due_date, priority, title)
           INSERT INTO task_labels (task_id, label, assignee, created_at, updated_at, due_date, priority, title)
           SELECT id, 'infra', assignee, created_at, updated_at, due_date, priority, title FROM inserted WHERE labels = '["infra"]'`,
          [now, now, now, c * size + 1, Math.min(n, (c + 1) * size)],
        );
      }),
    ),
  );
  phase('tasks and labels inserted');
  await fillRefRows(db);
  phase('reference rows inserted');
  const queue = [...indexes];
  await Promise.all(
    Array.from({ length: 2 }, () =>
      db.transaction(async tx => {
        await tx.raw("SET LOCAL maintenance_work_mem = '256MB'");
        for (let next = queue.shift(); next; next = queue.shift()) {
          await tx.raw(next.indexdef);
        }
      }),
    ),
  );
  phase('indexes rebuilt');
  // the stats aggregates are kept by the API's writes; recount after a bulk load
  await db.raw('TRUNCATE task_status_counts, task_week_counts');
  await recountStats(db);
  phase('stats aggregates recounted');
  // VACUUM as well: after a bulk load autovacuum would otherwise scan the new
  // million rows during the first scenarios (tens of ms of PostgreSQL CPU per
  // request), which a database in service does not do all the time
  for (const table of [
    'tasks',
    'task_labels',
    'task_refs',
    'task_status_counts',
    'task_week_counts',
  ]) {
    await db.raw(`VACUUM (ANALYZE) ${table}`);
  }
  phase('vacuumed and analyzed');
  return (performance.now() - start) / 1000;
}

async function tableReady(db: Knex): Promise<boolean> {
  try {
    await db.raw('SELECT 1 FROM tasks LIMIT 1');
    return true;
  } catch {
    return false;
  }
}

/** Plans of the list queries the store runs, to show they are index scans. */
async function explainListQueries(db: Knex, n: number) {
  const columns =
    'id, title, description, status, priority, assignee, created_by, entity_ref, labels, due_date, created_at, updated_at, completed_at, version';
  const [last] = await db('tasks')
    .select('created_at', 'id')
    .where('status', 'todo')
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .offset(Math.min(5000, Math.floor(n / 8)))
    .limit(1);
  const queries: Record<string, [string, unknown[]]> = {
    'status=todo, createdAt desc, page 1': [
      `SELECT ${columns} FROM tasks WHERE status IN (?) ORDER BY created_at DESC, id DESC LIMIT 51`,
      ['todo'],
    ],
    'status=todo, createdAt desc, deep page (keyset)': [
      `SELECT ${columns} FROM tasks WHERE status IN (?) AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT 51`,
      ['todo', last.created_at, last.id],
    ],
    'assignee, dueDate asc': [
      `SELECT ${columns.replace(
        /(\w+)/g,
        'tasks.$1',
      )} FROM tasks JOIN task_refs ON task_refs.task_id = tasks.id WHERE task_refs.field = 'assignee' AND task_refs.ref = ? ORDER BY task_refs.due_date ASC NULLS LAST, task_refs.task_id ASC LIMIT 51`,
      ['user:default/user7'],
    ],
    'label=infra, createdAt desc': [
      `SELECT ${columns.replace(
        /(\w+)/g,
        'tasks.$1',
      )} FROM tasks JOIN task_labels ON task_labels.task_id = tasks.id WHERE task_labels.label = ? ORDER BY task_labels.created_at DESC, task_labels.task_id DESC LIMIT 51`,
      ['infra'],
    ],
  };
  for (const [name, [sql, bindings]] of Object.entries(queries)) {
    const { rows } = await db.raw(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
      bindings as any,
    );
    const plan = rows[0]['QUERY PLAN'][0];
    const nodes: string[] = [];
    const walk = (node: any) => {
      if (node['Index Name'])
        nodes.push(`${node['Node Type']} ${node['Index Name']}`);
      else if (/Seq Scan|Sort/.test(node['Node Type']))
        nodes.push(node['Node Type']);
      (node.Plans ?? []).forEach(walk);
    };
    walk(plan.Plan);
    console.log(
      `  SQL ${name}: ${plan['Execution Time'].toFixed(2)} ms [${nodes.join(
        ', ',
      )}]`,
    );
  }
}

type Scenario = {
  name: string;
  requests: autocannon.Request[];
  /** defaults to {@link CONNECTIONS} */
  connections?: number;
};

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;

/** CPU time (user + system) of a process in ms, from /proc. */
function processCpuMs(pid: number | string): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name, which is in parentheses
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0; // the process ended
  }
}

/** CPU time in ms of each server process connected to the bench database. */
async function postgresCpuMs(db: Knex): Promise<Map<number, number>> {
  const { rows } = await db.raw(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  return new Map(
    rows.map(({ pid }: { pid: number }) => [pid, processCpuMs(pid)]),
  );
}

async function drive(
  baseUrl: string,
  scenario: Scenario,
  seconds: number,
  backendPid: number,
  db: Knex,
) {
  const backend0 = processCpuMs(backendPid);
  const postgres0 = await postgresCpuMs(db);
  const self0 = process.cpuUsage();
  const result = await autocannon({
    url: baseUrl,
    connections: scenario.connections ?? CONNECTIONS,
    duration: seconds,
    headers: {
      authorization: `Bearer ${authToken}`,
      'content-type': 'application/json',
    },
    requests: scenario.requests,
  });
  const self = process.cpuUsage(self0);
  let postgres = 0; // connections opened during the run count from 0
  for (const [pid, ms] of await postgresCpuMs(db)) {
    postgres += ms - (postgres0.get(pid) ?? 0);
  }
  const perRequest = (ms: number) =>
    Number((ms / Math.max(1, result.requests.total)).toFixed(2));
  return {
    scenario: scenario.name,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    ...(result.non2xx
      ? {
          // which answers were not 2xx, by status code
          codes: Object.fromEntries(
            Object.entries(
              (
                result as {
                  statusCodeStats?: Record<string, { count: number }>;
                }
              ).statusCodeStats ?? {},
            )
              .filter(([code]) => !code.startsWith('2'))
              .map(([code, stat]) => [code, stat.count]),
          ),
        }
      : {}),
    errors: result.errors + result.timeouts,
    'backend CPU ms/req': perRequest(processCpuMs(backendPid) - backend0),
    'pg CPU ms/req': perRequest(postgres),
    'autocannon CPU ms/req': perRequest((self.user + self.system) / 1000),
  };
}

/** Query string of a list query (arrays as repeated parameters). */
function toSearch(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    for (const item of ([] as unknown[]).concat(v))
      params.append(k, String(item));
  }
  return params.toString();
}

/**
 * Every filter × sort × order the Tasks page and the entity tab can ask
 * for, `seconds` each at 32 connections; prints the five slowest. A
 * second-long sample is at the mercy of one collection or scheduling stall,
 * so those five run again for `confirmSeconds` each and the worst of them
 * is reported, with its SQL time (EXPLAIN ANALYZE of the store's page
 * query).
 */
async function runMatrix(
  baseUrl: string,
  seconds: number,
  confirmSeconds: number,
  backendPid: number,
  db: Knex,
  n: number,
) {
  const run = (name: string, search: string, s: number) =>
    drive(
      baseUrl,
      {
        name,
        requests: [{ method: 'GET', path: `/api/tasks/tasks?${search}` }],
      },
      s,
      backendPid,
      db,
    ).then(row => ({ ...row, search }));
  const bySpeed = (a: { 'req/s': number }, b: { 'req/s': number }) =>
    a['req/s'] - b['req/s'];
  const rows = [];
  for (const [name, filter] of Object.entries(LIST_FILTER_MATRIX)) {
    for (const sort of TASK_SORT_FIELDS) {
      for (const order of ['asc', 'desc']) {
        const search = toSearch({ ...filter, sort, order, limit: 50 });
        const scenario = `matrix ${name} × ${sort} ${order}`;
        if (ONLY.test(scenario))
          rows.push(await run(scenario, search, seconds));
      }
    }
  }
  if (!rows.length) return [];
  rows.sort(bySpeed);
  console.log(
    `\nN=${n}: filter × sort matrix, ${rows.length} combinations, slowest first:`,
  );
  console.table(rows.slice(0, 5).map(({ search, ...r }) => r));
  const confirmed = [];
  for (const row of rows.slice(0, 5)) {
    confirmed.push(await run(row.scenario, row.search, confirmSeconds));
  }
  confirmed.sort(bySpeed);
  console.log(`The same five again, ${confirmSeconds} s each:`);
  console.table(confirmed.map(({ search, ...r }) => r));
  const worst = confirmed[0];
  const sql = await sqlMsOf(worst.search, db);
  console.log(
    `Worst: ${worst.scenario}: ${worst['req/s']} req/s, p99 ${worst['p99 ms']} ms, SQL ${sql}`,
  );
  const { search: _search, ...figures } = worst;
  return [
    {
      N: n,
      ...figures,
      scenario: `worst of matrix: ${worst.scenario}`,
      SQL: sql,
    },
  ];
}

/** Execution time of the page queries of one list request, by EXPLAIN ANALYZE. */
async function sqlMsOf(search: string, db: Knex): Promise<string> {
  // the same query built by a store on the bench database, explained here
  const store = await DatabaseTaskStore.create({
    database: { getClient: async () => db, migrations: { skip: true } } as any,
  });
  const query: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(search)) {
    if (k === 'status' || k === 'priority') (query[k] ??= []).push(v);
    else if (k === 'limit') query[k] = Number(v);
    else query[k] = v;
  }
  const captured: Array<{ sql: string; bindings: unknown[] }> = [];
  const onQuery = (q: { sql: string; bindings: unknown[] }) => {
    // a page query, or the union of its per-status branches
    if (PAGE_QUERY_SQL.test(q.sql)) {
      captured.push(q);
    }
  };
  db.on('query', onQuery);
  try {
    await store.listTasks({ query });
  } finally {
    db.off('query', onQuery);
  }
  let total = 0;
  for (const q of captured) {
    const { rows } = await db.raw(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${q.sql.replace(/\$\d+/g, '?')}`,
      q.bindings as any,
    );
    total += rows[0]['QUERY PLAN'][0]['Execution Time'];
  }
  return `${total.toFixed(2)} ms`;
}

async function main() {
  const sizes = (process.argv[2] ?? '10000,1000000').split(',').map(Number);
  const seconds = Number(process.argv[3] ?? 10);

  // Fresh database; the backend creates it and runs the migrations.
  const admin = knexFactory({ client: 'pg', connection: CONNECTION });
  if (!REUSE) await admin.raw(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await admin.destroy();

  const cpuProfDir = process.env.BENCH_CPU_PROF;
  const nodeArgs = [
    ...(process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
    ...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []),
  ];
  let child: ChildProcess;
  let baseUrl: string;
  let stopBackend: () => Promise<void>;
  if (MODE === 'production') {
    const url = new URL(CONNECTION);
    const prod = await startProductionBackend({
      port: await freePort(),
      metricsPort: await freePort(),
      pg: {
        host: url.hostname,
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username || 'postgres'),
        password: decodeURIComponent(url.password || ''),
      },
      prefix: PREFIX,
      nodeArgs,
    });
    child = prod.child;
    baseUrl = prod.baseUrl;
    authToken = await prod.token();
    stopBackend = async () => {
      child.kill('SIGTERM');
      await new Promise(r => child.once('exit', r));
      prod.cleanup();
    };
    console.log('Production build, signed in as user:default/guest');
  } else {
    child = fork(__filename, ['--server'], {
      env: { ...process.env, LOG_LEVEL: 'warn' },
      execArgv: [...process.execArgv, ...nodeArgs],
    });
    baseUrl = (
      await new Promise<{ baseUrl: string }>((resolve, reject) => {
        child.on('message', (m: any) => {
          if (m?.type === 'tasks-bench-ready') resolve(m);
        });
        child.once('exit', code =>
          reject(new Error(`backend exited with ${code}`)),
        );
      })
    ).baseUrl;
    stopBackend = async () => {
      child.send('tasks-bench-stop');
      await new Promise(r => child.once('exit', r));
    };
  }
  const db = knexFactory({
    client: 'pg',
    connection: `${CONNECTION.replace(/\/$/, '')}/${DATABASE}`,
  });

  // wait until the plugin has created its database and run the migrations
  const admin2 = knexFactory({ client: 'pg', connection: CONNECTION });
  for (let i = 0; ; i++) {
    const { rows } = await admin2.raw(
      `SELECT to_regclass('public.tasks') IS NOT NULL AS ready FROM pg_database WHERE datname = ?`,
      [DATABASE],
    );
    if (rows[0] && (await tableReady(db))) break;
    if (i > 120) throw new Error('the backend did not create the tasks table');
    await new Promise(r => setTimeout(r, 500));
  }
  await admin2.destroy();
  console.log(`Backend at ${baseUrl}`);

  const summary: Record<string, unknown>[] = [];
  try {
    for (const n of sizes) {
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
      const pick = () => ids[Math.floor(Math.random() * ids.length)];
      let counter = 0;
      /** A scenario asking `path` for another of 200 assignees each time. */
      const perAssignee = (
        name: string,
        path: (assignee: string) => string,
      ): Scenario => ({
        name,
        requests: [
          {
            method: 'GET',
            setupRequest: req => ({
              ...req,
              path: path(`user:default/user${counter++ % 200}`),
            }),
          },
        ],
      });

      const scenarios: Scenario[] = [
        {
          name: 'list status=todo sort=createdAt desc limit=50',
          requests: [
            {
              method: 'GET',
              path: '/api/tasks/tasks?status=todo&sort=createdAt&order=desc&limit=50',
            },
          ],
        },
        {
          name: 'list status=todo sort=createdAt desc limit=50, 1 connection',
          connections: 1,
          requests: [
            {
              method: 'GET',
              path: '/api/tasks/tasks?status=todo&sort=createdAt&order=desc&limit=50',
            },
          ],
        },
        // the headline request: one person's tasks, newest first
        perAssignee(
          'list assignee sort=createdAt desc limit=50',
          who =>
            `/api/tasks/tasks?assignee=${who}&sort=createdAt&order=desc&limit=50`,
        ),
        perAssignee(
          'list assignee sort=dueDate asc limit=50',
          who =>
            `/api/tasks/tasks?assignee=${who}&sort=dueDate&order=asc&limit=50`,
        ),
        {
          // Every open Tasks page asks for stats when a task changes;
          // identical requests share the next run (getStats, SharedNextRun).
          name: 'stats (by status, by assignee, per week)',
          requests: [{ method: 'GET', path: '/api/tasks/stats' }],
        },
        // one person's stats each, 200 people: calls rarely share a run
        perAssignee(
          'stats, a different assignee each call',
          who => `/api/tasks/stats?assignee=${who}`,
        ),
        {
          name: 'get by id',
          requests: [
            {
              method: 'GET',
              setupRequest: req => ({
                ...req,
                path: `/api/tasks/tasks/${pick()}`,
              }),
            },
          ],
        },
        {
          name: 'create',
          requests: [
            {
              method: 'POST',
              path: '/api/tasks/tasks',
              setupRequest: req => ({
                ...req,
                body: JSON.stringify({
                  title: `Bench task ${counter++}`,
                  priority: 'high',
                  assignee: 'user:default/user1',
                  entityRef: 'component:default/service-1',
                  labels: ['bench'],
                }),
              }),
            },
          ],
        },
        {
          name: 'update (PATCH title)',
          requests: [
            {
              method: 'PATCH',
              setupRequest: req => ({
                ...req,
                path: `/api/tasks/tasks/${pick()}`,
                body: JSON.stringify({ title: `Updated ${counter++}` }),
              }),
            },
          ],
        },
      ];

      // warm up (JIT, validators, connection pool); not recorded
      for (const scenario of scenarios
        .filter(s => !s.connections)
        .slice(0, 3)) {
        await drive(baseUrl, scenario, 2, child.pid!, db);
      }
      for (const scenario of scenarios.filter(s => ONLY.test(s.name))) {
        const row = await drive(baseUrl, scenario, seconds, child.pid!, db);
        console.log(JSON.stringify(row));
        summary.push({ N: n, ...row });
      }
      const matrixSeconds = Number(process.env.BENCH_MATRIX_SECONDS ?? 2);
      if (matrixSeconds > 0) {
        summary.push(
          ...(await runMatrix(
            baseUrl,
            matrixSeconds,
            Number(process.env.BENCH_MATRIX_CONFIRM_SECONDS ?? 5),
            child.pid!,
            db,
            n,
          )),
        );
      }
      summary.push({
        N: n,
        scenario: 'seed',
        seconds: Number(seedSeconds.toFixed(1)),
      });
    }
  } finally {
    const rss = peakRssMb(child.pid!);
    await stopBackend();
    await db.destroy();
    console.log(`\nSummary (${MODE})`);
    console.table(summary);
    console.log(`Backend peak RSS: ${rss} MB`);
  }
}

if (process.argv.includes('--server')) {
  runServer().catch(error => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
