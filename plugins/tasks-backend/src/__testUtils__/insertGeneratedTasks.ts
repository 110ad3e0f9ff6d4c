import { Knex } from 'knex';

/**
 * Inserts tasks number `first` to `last` of the generated data that the
 * benchmark and the plan test share (PostgreSQL), with their `task_labels`
 * rows; `task_refs` is filled afterwards ({@link fillRefRows}). Task i:
 * one of five title words and seven description areas, status and priority
 * in turn, assigned to one of 200 people (every tenth unassigned), created
 * by one of 50, about one of 1,000 components, every third labelled
 * `infra`, half with a due date in 2026, created i seconds before `now` and
 * updated `updatedStepMs` × i ms before it, every fourth done.
 */
export async function insertGeneratedTasks(
  db: Knex,
  options: { first: number; last: number; now: number; updatedStepMs?: number },
) {
  const { first, last, now, updatedStepMs = 1000 } = options;
  await db.raw(
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
         ?::bigint - i * 1000, ?::bigint - i * ?::bigint,
         CASE WHEN i % 4 = 3 THEN ?::bigint - i * 500 END,
         1
       FROM generate_series(?::int, ?::int) AS i
       RETURNING id, labels, assignee, created_at, updated_at, due_date, priority, title)
     INSERT INTO task_labels (task_id, label, assignee, created_at, updated_at, due_date, priority, title)
     SELECT id, 'infra', assignee, created_at, updated_at, due_date, priority, title FROM inserted WHERE labels = '["infra"]'`,
    [now, now, updatedStepMs, now, first, last],
  );
}
