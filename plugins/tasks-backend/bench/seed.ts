/*
 * The benchmark's data: N generated tasks with their label and reference
 * rows, the stats aggregates recounted, vacuumed, analyzed and checkpointed.
 */
import { Knex } from 'knex';
import { fillRefRows } from '../src/__testUtils__/fillRefRows';
import { insertGeneratedTasks } from '../src/__testUtils__/insertGeneratedTasks';

// the migration's recount, also used after seeding
const {
  recount: recountStats,
} = require('../migrations/20261202100000_task_stat_counts.js');

/**
 * Replaces all tasks with `n` generated ones; returns seconds taken. Loads
 * without secondary indexes, in parallel chunks, then rebuilds the indexes
 * two at a time.
 */
export async function seed(db: Knex, n: number): Promise<number> {
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
        await insertGeneratedTasks(tx, {
          first: c * size + 1,
          last: Math.min(n, (c + 1) * size),
          now,
        });
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
  // and a checkpoint: the load leaves gigabytes of dirty pages, which the
  // checkpointer would otherwise write out during the first scenarios (the
  // first backend's), on the cores the scenario runs on
  await db.raw('CHECKPOINT');
  phase('checkpointed');
  return (performance.now() - start) / 1000;
}

/** Whether the backend's migrations have created `tasks`. */
export async function tableReady(db: Knex): Promise<boolean> {
  try {
    await db.raw('SELECT 1 FROM tasks LIMIT 1');
    return true;
  } catch {
    return false;
  }
}
