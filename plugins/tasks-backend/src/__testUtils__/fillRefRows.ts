import { Knex } from 'knex';
import { REF_FIELDS } from '../database/taskRows';

/**
 * Fills `task_refs` from the tasks after a bulk load that wrote `tasks`
 * directly (the store's writes keep it otherwise), one field per
 * connection.
 */
export async function fillRefRows(db: Knex): Promise<void> {
  const copied = 'status, created_at, updated_at, due_date, priority, title';
  await Promise.all(
    REF_FIELDS.map(field =>
      db.raw(
        `INSERT INTO task_refs (task_id, field, ref, ${copied})
         SELECT id, ?, ${field}, ${copied} FROM tasks WHERE ${field} IS NOT NULL`,
        [field],
      ),
    ),
  );
}
