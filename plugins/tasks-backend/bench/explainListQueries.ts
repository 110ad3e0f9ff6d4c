import { Knex } from 'knex';

/** Plans of the list queries the store runs, to show they are index scans. */
export async function explainListQueries(db: Knex, n: number) {
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
