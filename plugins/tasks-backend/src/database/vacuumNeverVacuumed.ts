import { Knex } from 'knex';

/** The side tables whose lists are read from their indexes alone. */
const SIDE_TABLES = ['task_refs', 'task_labels'];
/** Below this many pages (8 MB), a sorted value's rows cost little. */
export const MIN_PAGES = 1000;

/**
 * Vacuums (and analyzes) each side table that holds at least `MIN_PAGES`
 * pages and none of them all-visible: one filled by a migration's backfill
 * (`20261204100000_task_refs` copies every task's references) or another
 * bulk write, and not vacuumed since. Until it is, PostgreSQL may sort all
 * of a person's or entity's rows for a page instead of reading its ordered
 * index range (listLeads.ts, `plannedOnce`), and autovacuum's next round
 * may be a minute or more away. A migration cannot vacuum (it runs in a
 * transaction), so the plugin does it at startup, once migrated. `SKIP_LOCKED`:
 * a replica starting at the same time as one already vacuuming skips it.
 * PostgreSQL only; returns the tables vacuumed.
 */
export async function vacuumNeverVacuumed(db: Knex): Promise<string[]> {
  if (db.client.config.client !== 'pg') return [];
  const { rows } = await db.raw(
    `SELECT c.relname AS name FROM pg_class c
     WHERE c.relname = ANY(?) AND c.relkind = 'r'
       AND c.relnamespace = current_schema()::regnamespace
       AND c.relallvisible = 0
       AND pg_relation_size(c.oid) >= ? * current_setting('block_size')::bigint`,
    [SIDE_TABLES, MIN_PAGES],
  );
  const names: string[] = rows.map((r: { name: string }) => r.name);
  for (const name of names) {
    await db.raw(`VACUUM (ANALYZE, SKIP_LOCKED) ??`, [name]);
  }
  return names;
}
