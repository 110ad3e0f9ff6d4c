import { Knex } from 'knex';
import { TASK_SORT_FIELDS } from '@taskplatform/plugin-tasks-common';
import { DatabaseTaskStore } from '../src/database/DatabaseTaskStore';
import {
  LIST_FILTER_MATRIX,
  PAGE_QUERY_SQL,
} from '../src/__testUtils__/listFilterMatrix';
import { BenchBackend } from './BenchBackend';
import { drive } from './drive';

/** Query string of a list query (arrays as repeated parameters). */
function toSearch(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    for (const item of ([] as unknown[]).concat(v))
      params.append(k, String(item));
  }
  return params.toString();
}

const bySpeed = (a: { 'req/s': number }, b: { 'req/s': number }) =>
  a['req/s'] - b['req/s'];

/**
 * Every filter × sort × order the Tasks page and the entity tab can ask
 * for, `seconds` each at 32 connections; prints the five slowest. A
 * second-long sample is at the mercy of one collection or scheduling stall,
 * so those five run again for `confirmSeconds` each and the worst of them
 * is reported, with its SQL time (EXPLAIN ANALYZE of the store's page
 * query). `only` selects combinations by name (`matrix q+status × dueDate
 * desc`).
 */
export async function runMatrix(options: {
  backend: BenchBackend;
  seconds: number;
  confirmSeconds: number;
  db: Knex;
  n: number;
  only: RegExp;
}) {
  const { backend, db, n } = options;
  const run = (name: string, search: string, seconds: number) =>
    drive(
      backend,
      {
        name,
        requests: [{ method: 'GET', path: `/api/tasks/tasks?${search}` }],
      },
      seconds,
      db,
    ).then(row => ({ ...row, search }));
  const rows = [];
  for (const [name, filter] of Object.entries(LIST_FILTER_MATRIX)) {
    for (const sort of TASK_SORT_FIELDS) {
      for (const order of ['asc', 'desc']) {
        const search = toSearch({ ...filter, sort, order, limit: 50 });
        const scenario = `matrix ${name} × ${sort} ${order}`;
        if (options.only.test(scenario))
          rows.push(await run(scenario, search, options.seconds));
      }
    }
  }
  if (!rows.length) return [];
  rows.sort(bySpeed);
  console.log(
    `\nN=${n}, ${backend.mode}: filter × sort matrix, ${rows.length} combinations, slowest first:`,
  );
  console.table(rows.slice(0, 5).map(({ search, ...r }) => r));
  const confirmed = [];
  for (const row of rows.slice(0, 5)) {
    confirmed.push(await run(row.scenario, row.search, options.confirmSeconds));
  }
  confirmed.sort(bySpeed);
  console.log(`The same five again, ${options.confirmSeconds} s each:`);
  console.table(confirmed.map(({ search, ...r }) => r));
  const worst = confirmed[0];
  const sql = await sqlMsOf(worst.search, db);
  console.log(
    `Worst (${backend.mode}): ${worst.scenario}: ${worst['req/s']} req/s, p99 ${worst['p99 ms']} ms, SQL ${sql}`,
  );
  const { search: _search, ...figures } = worst;
  return [
    {
      N: n,
      ...figures,
      scenario: `worst of matrix: ${worst.scenario.replace(/^matrix /, '')}`,
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
