/*
 * Every filter × sort the Tasks page and the entity tab can request must be
 * served by a plan that stays flat as the table grows: at 100k tasks on
 * PostgreSQL, EXPLAIN ANALYZE of the first page (and a keyset page) may not
 * scan the table sequentially, sort more than a page, or read more than a
 * bounded number of rows.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  TASK_SORT_FIELDS,
  TaskListQuery,
} from '@taskplatform/plugin-tasks-common';
import { Knex } from 'knex';
import { DatabaseTaskStore } from './DatabaseTaskStore';
import { fillRefRows } from '../__testUtils__/fillRefRows';
import { insertGeneratedTasks } from '../__testUtils__/insertGeneratedTasks';
import { plannedOnce } from './listLeads';
import {
  LIST_FILTER_MATRIX,
  PAGE_QUERY_SQL,
} from '../__testUtils__/listFilterMatrix';

jest.setTimeout(180_000);

const N = 100_000;
const PAGE = 50;
/** Rows a page may read (index entries + heap rows, incl. filtered ones). */
const MAX_ROWS_READ = 2500;
/**
 * Rows a plan may sort: PostgreSQL sorts a few small sets (an entity's
 * 100 tasks, the pages of up to four per-status branches) instead of
 * walking an index.
 */
const MAX_SORTED = 4 * (PAGE + 1);
/**
 * Rows a page may read when an index holds the list in order (its filter's
 * range, or the label rows' with the label's copies): a page of index
 * entries and of rows, for each of up to two branches.
 */
const MAX_ROWS_READ_IN_ORDER = 4 * (PAGE + 1);
/**
 * The filters no index holds in order, bounded by MAX_ROWS_READ only: text
 * search and due-date ranges filter while reading, an entity's few tasks
 * are sorted.
 */
const READ_WHILE_FILTERING = [
  'dueBefore',
  'dueAfter+dueBefore',
  'q',
  'q+status',
  'entityRef',
];
/** Tasks of the stretch that only text and due-date filters match. */
const STRETCH = 3000;
/**
 * The matrix, and the stretch's entity: 3,100 tasks, where the matrix's
 * entity has 100 (which PostgreSQL may sort); a plan that sorts an entity's
 * tasks rather than read them in order would sort all 3,100.
 */
const FILTERS: Record<string, TaskListQuery> = {
  ...LIST_FILTER_MATRIX,
  'entityRef (3,100 tasks)': { entityRef: 'component:default/service-1' },
  'status+entityRef (3,100 tasks)': {
    status: ['done', 'todo'],
    entityRef: 'component:default/service-1',
  },
};
const TABLES = ['tasks', 'task_labels', 'task_refs'];
/** autovacuum_vacuum_scale_factor of `task_refs` and `task_labels`. */
const CHURN = 0.01;

/** The same shape of data as the benchmark's, at 100k tasks, and a stretch. */
async function seed(knex: Knex) {
  const now = Date.now();
  // load without the secondary indexes, then build them (much faster)
  const { rows: indexes } = await knex.raw(
    `SELECT indexname, indexdef FROM pg_indexes
     WHERE tablename IN ('tasks', 'task_labels', 'task_refs') AND indexname NOT LIKE '%_pkey'`,
  );
  for (const { indexname } of indexes) {
    await knex.raw(`DROP INDEX "${indexname}"`);
  }
  // updated 997 ms apart: update order differs from creation order
  await insertGeneratedTasks(knex, {
    first: 1,
    last: N,
    now,
    updatedStepMs: 997,
  });
  // The newest tasks: a stretch of 3,000 done, unlabelled tasks of one
  // person, first in creation, update, title and priority order. A list that
  // walks a sort index and skips what its status, label or unassigned filter
  // does not match would read all of them; text and due-date filters match them.
  await knex.raw(
    `INSERT INTO tasks (id, title, description, status, priority, assignee,
       created_by, entity_ref, labels, due_date, created_at, updated_at,
       completed_at, version)
     SELECT gen_random_uuid()::text, 'Archived review ' || i,
       'Archived task about the database area.', 'done', 0,
       'user:default/user1', 'user:default/user1', 'component:default/service-1',
       '[]', '2026-04-01', ?::bigint + i * 1000, ?::bigint + i * 1000,
       ?::bigint + i * 1000, 1
     FROM generate_series(1, ?::int) AS i`,
    [now, now, now, STRETCH],
  );
  await fillRefRows(knex, { shuffled: true });
  for (const { indexdef } of indexes) await knex.raw(indexdef);
  await settle(knex);
}

/**
 * The state autovacuum keeps the tables in (migration
 * `20261204120000_lead_rows_autovacuum`): vacuumed, then up to
 * `CHURN` of their rows changed since, which clears the all-visible bit of
 * about 40 % of the pages (each holds about 45 rows of `task_refs`), and analyzed,
 * as autoanalyze may do before the next vacuum. Pages read from an index
 * alone are costed by the share of all-visible pages: with none (a table
 * never vacuumed), a page's ordered index range and a sort of all of a
 * value's rows cost about the same, and which one PostgreSQL picked
 * depended on the order the rows were loaded in.
 */
async function settle(knex: Knex) {
  for (const table of TABLES) await knex.raw(`VACUUM ${table}`);
  for (const table of TABLES) {
    await knex.raw(
      `UPDATE ${table} SET title = title WHERE random() < ${CHURN}`,
    );
    await knex.raw(`ANALYZE ${table}`);
  }
}

/** What the planner knows of `task_refs`: its share of all-visible pages, and its reloptions. */
async function refRowsState(knex: Knex) {
  const { rows } = await knex.raw(
    `SELECT relallvisible::float / relpages AS visible, reloptions AS options
     FROM pg_class WHERE relname = 'task_refs'`,
  );
  return rows[0] as { visible: number; options: string[] };
}

type PlanNode = Record<string, any> & { Plans?: PlanNode[] };

/** Rows a plan read (as MAX_ROWS_READ counts them). */
function rowsRead(plan: PlanNode): number {
  let read = 0;
  const walk = (node: PlanNode) => {
    const loops = node['Actual Loops'] ?? 1;
    if (/Scan/.test(node['Node Type'])) {
      read +=
        (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * loops;
      read += (node['Rows Removed by Index Recheck'] ?? 0) * loops;
    }
    node.Plans?.forEach(walk);
  };
  walk(plan);
  return read;
}

/** What makes a plan not flat; `read` is its rowsRead. */
function problems(plan: PlanNode, read: number): string[] {
  const found: string[] = [];
  const walk = (node: PlanNode) => {
    const type = node['Node Type'];
    if (type === 'Seq Scan') found.push(`Seq Scan on ${node['Relation Name']}`);
    if (type === 'Sort') {
      const input = node.Plans?.[0]?.['Actual Rows'] ?? 0;
      if (input > MAX_SORTED) found.push(`Sort of ${input} rows`);
    }
    node.Plans?.forEach(walk);
  };
  walk(plan);
  if (read > MAX_ROWS_READ) found.push(`${read} rows read`);
  return found;
}

/** The top node of each branch of a union's (Merge) Append. */
function tops(plan: PlanNode): string[] {
  if (/Append/.test(plan['Node Type'])) {
    return (plan.Plans ?? []).map(branch =>
      branch['Node Type'] === 'Subquery Scan'
        ? branch.Plans![0]['Node Type']
        : branch['Node Type'],
    );
  }
  return (plan.Plans ?? []).flatMap(tops);
}

/**
 * The plan of a page query as a prepared statement with a generic plan
 * (forced: PostgreSQL would keep it only while it seems no worse than the
 * custom ones), run with the query's values.
 */
async function genericPlan(
  knex: Knex,
  sql: string,
  bindings: unknown[],
): Promise<PlanNode> {
  let n = 0;
  const native = /\$\d/.test(sql) ? sql : sql.replace(/\?/g, () => `$${++n}`);
  const args = bindings.map(b => knex.raw('?', [b as any]).toQuery());
  return knex.transaction(async trx => {
    await trx.raw('SET LOCAL plan_cache_mode = force_generic_plan');
    await trx.raw(`PREPARE generic_page AS ${native}`);
    const { rows } = await trx.raw(
      `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE generic_page${
        args.length ? `(${args.join(', ')})` : ''
      }`,
    );
    await trx.raw('DEALLOCATE generic_page');
    return rows[0]['QUERY PLAN'][0].Plan;
  });
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

describe('list plans at 100k tasks', () => {
  it.each(databases.eachSupportedId())(
    'stay flat for every filter × sort (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseTaskStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const seeding = Date.now();
      await seed(knex);
      const { visible, options } = await refRowsState(knex);
      console.log(
        `seeded ${N} tasks in ${Date.now() - seeding} ms; ${Math.round(
          visible * 100,
        )} % of task_refs pages all-visible`,
      );
      // the churn is autovacuum's bound, and it cleared many pages' bits
      expect(options).toEqual(
        expect.arrayContaining([`autovacuum_vacuum_scale_factor=${CHURN}`]),
      );
      expect(visible).toBeLessThan(0.8);
      // rare words' searches read no pending list of the text's GIN index
      const { rows: gin } = await knex.raw(
        `SELECT reloptions FROM pg_class WHERE relname = 'tasks_search_idx'`,
      );
      expect(gin[0].reloptions).toEqual(['fastupdate=off']);

      // capture the page query the store runs, then EXPLAIN it
      let captured: Array<{ sql: string; bindings: unknown[] }> = [];
      const onQuery = (q: { sql: string; bindings: unknown[] }) => {
        // a page query, or the union of its per-status branches
        if (PAGE_QUERY_SQL.test(q.sql)) {
          captured.push(q);
        }
      };
      knex.on('query', onQuery);
      const failures: string[] = [];
      let checked = 0;
      let genericChecked = 0;
      const branchTops: string[] = [];
      const mostRead: Record<string, number> = {};
      const firstPage: Record<string, number> = {};
      const walkedText = new Set<string>();
      try {
        for (const [name, filter] of Object.entries(FILTERS)) {
          for (const sort of TASK_SORT_FIELDS) {
            for (const order of ['asc', 'desc'] as const) {
              const query = { ...filter, sort, order, limit: PAGE };
              const first = await store.listTasks({ query });
              firstPage[name] = first.items.length;
              const pages: Array<[string, TaskListQuery]> = [['page 1', query]];
              if (first.nextCursor) {
                pages.push(['page 2', { ...query, cursor: first.nextCursor }]);
              }
              for (const [page, q] of pages) {
                captured = [];
                await store.listTasks({ query: q });
                if (!captured.length) throw new Error(`no page query: ${name}`);
                const found: string[] = [];
                for (const one of captured) {
                  const { rows } = await knex.raw(
                    `EXPLAIN (ANALYZE, FORMAT JSON) ${one.sql.replace(
                      /\$\d+/g,
                      '?',
                    )}`,
                    one.bindings as any,
                  );
                  const plans: Array<[string, PlanNode]> = [
                    ['', rows[0]['QUERY PLAN'][0].Plan],
                  ];
                  // a text search read in a sort index's order (its words
                  // are common: TextSearchFrequency)
                  if (/ts_match_vq/.test(one.sql)) walkedText.add(name);
                  // the store prepares these: any values may meet its plan
                  if (plannedOnce(filter)) {
                    plans.push([
                      'generic: ',
                      await genericPlan(knex, one.sql, one.bindings),
                    ]);
                    genericChecked++;
                  }
                  for (const [kind, plan] of plans) {
                    if (/union all/i.test(one.sql))
                      branchTops.push(...tops(plan));
                    const read = rowsRead(plan);
                    found.push(...problems(plan, read).map(p => kind + p));
                    mostRead[name] = Math.max(mostRead[name] ?? 0, read);
                  }
                }
                checked++;
                if (found.length) {
                  failures.push(
                    `${name} × ${sort} ${order} (${page}): ${found.join(', ')}`,
                  );
                }
              }
            }
          }
        }
      } finally {
        knex.off('query', onQuery);
      }
      const readTooMuch = Object.entries(mostRead).filter(
        ([name, read]) =>
          !READ_WHILE_FILTERING.includes(name) && read > MAX_ROWS_READ_IN_ORDER,
      );
      expect(readTooMuch).toEqual([]);
      // the combinations meant to match do: their plans read a page in order
      const matching = Object.keys(FILTERS).filter(name =>
        /matching|overlapping/.test(name),
      );
      expect(matching.length).toBeGreaterThanOrEqual(5);
      for (const name of matching) {
        expect([name, firstPage[name]]).toEqual([name, PAGE]);
      }
      expect(checked).toBeGreaterThan(Object.keys(FILTERS).length * 10);
      // every page of a filter the store prepares had its generic plan checked
      const prepared = Object.values(FILTERS).filter(plannedOnce);
      expect(prepared.length).toBeGreaterThanOrEqual(4);
      expect(genericChecked).toBeGreaterThanOrEqual(prepared.length * 10);
      expect(failures).toEqual([]);
      // common words were read in a sort index's order, a rare word through
      // the GIN index; both prepared, their generic plans checked above
      expect([...walkedText].sort()).toEqual(['q', 'q+status']);
      // the per-status branches were run, each limited to a page
      expect(branchTops.length).toBeGreaterThan(10);
      expect(new Set(branchTops)).toEqual(new Set(['Limit']));
    },
  );
});
