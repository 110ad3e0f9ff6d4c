import { Knex } from 'knex';
import { REF_FIELDS, REF_PAIRS } from '../database/taskRows';

/**
 * Fills `task_refs` from the tasks after a bulk load that wrote `tasks`
 * directly (the store's writes keep it otherwise): each reference's rows
 * and each pair's. By default one statement per source, run in parallel
 * (the benchmark's 1M tasks). `shuffled` writes them all in random order
 * instead: the physical order a plan must not depend on (listPlans.test.ts;
 * the parallel statements' order once decided which plans passed).
 */
export async function fillRefRows(
  db: Knex,
  options: { shuffled?: boolean } = {},
): Promise<void> {
  const copied = 'status, created_at, updated_at, due_date, priority, title';
  const sources = [
    ...REF_FIELDS.map(f => ({ field: f, ref: f, where: `${f} IS NOT NULL` })),
    ...REF_PAIRS.map(({ field, of: [a, b] }) => ({
      field,
      ref: `${a} || ' ' || ${b}`,
      where: `${a} IS NOT NULL AND ${b} IS NOT NULL`,
    })),
  ];
  const select = ({ field, ref, where }: (typeof sources)[number]) =>
    db.raw(
      `SELECT id AS task_id, ?::text AS field, ${ref} AS ref, ${copied}
       FROM tasks WHERE ${where}`,
      [field],
    );
  const insert = (rows: Knex.Raw) =>
    db.raw(
      `INSERT INTO task_refs (task_id, field, ref, ${copied})
       SELECT task_id, field, ref, ${copied} FROM (?) AS source`,
      [rows],
    );
  if (options.shuffled) {
    const all = sources.map(s => select(s).toQuery()).join(' UNION ALL ');
    await insert(db.raw(`SELECT * FROM (${all}) AS refs ORDER BY random()`));
  } else {
    await Promise.all(sources.map(s => insert(select(s))));
  }
}
