import { Knex } from 'knex';
import { REF_FIELDS, REF_PAIRS } from '../database/taskRows';

/**
 * Fills `task_refs` from the tasks after a bulk load that wrote `tasks`
 * directly (the store's writes keep it otherwise): each reference's rows
 * and each pair's, one statement per connection.
 */
export async function fillRefRows(db: Knex): Promise<void> {
  const copied = 'status, created_at, updated_at, due_date, priority, title';
  const sources: Array<[string, string, string]> = [
    ...REF_FIELDS.map(
      f => [f, f, `${f} IS NOT NULL`] as [string, string, string],
    ),
    ...REF_PAIRS.map(
      ({ field, of: [a, b] }) =>
        [
          field,
          `${a} || ' ' || ${b}`,
          `${a} IS NOT NULL AND ${b} IS NOT NULL`,
        ] as [string, string, string],
    ),
  ];
  await Promise.all(
    sources.map(([field, ref, where]) =>
      db.raw(
        `INSERT INTO task_refs (task_id, field, ref, ${copied})
         SELECT id, ?, ${ref}, ${copied} FROM tasks WHERE ${where}`,
        [field],
      ),
    ),
  );
}
