import { Knex } from 'knex';
import { createHash } from 'node:crypto';

/**
 * Names for reads that PostgreSQL should keep as prepared statements, one
 * per distinct SQL text, for the first `max` texts only.
 *
 * A named statement is parsed once per connection, and after five runs
 * PostgreSQL may keep a generic plan for it instead of planning every call
 * (`plan_cache_mode = auto`: only while the generic plan's cost is no worse
 * than the custom plans'). Planning is most of a read by primary key here:
 * `tasks` has about fifty indexes and the planner weighs each of them, 0.2 ms
 * per call at 1M tasks against 0.02 ms to run the read. Only reads whose plan
 * does not depend on the values should be named: by primary key, and the
 * list pages of `plannedOnce` (listLeads.ts).
 *
 * Each connection keeps every statement it has prepared until it closes, so
 * the texts are capped: a permission filter's `IN` lists of every length
 * could otherwise make one statement per length on every connection. Texts
 * past the cap run unnamed, planned each time as before.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly prefix: string, private readonly max = 64) {}

  /** The statement name of `sql`, or undefined once `max` texts are named. */
  nameOf(sql: string): string | undefined {
    const known = this.names.get(sql);
    if (known || this.names.size >= this.max) return known;
    const name = `${this.prefix}_${createHash('sha256')
      .update(sql)
      .digest('hex')
      .slice(0, 32)}`;
    this.names.set(sql, name);
    return name;
  }
}

/**
 * Runs `query` as the named prepared statement of its SQL text (PostgreSQL),
 * or unnamed once `names` is full. A value written into the text rather
 * than bound (a `limit` with `skipBinding`, so that the planner sees it)
 * makes one statement per value.
 */
export async function runNamed<Row>(
  db: Knex,
  query: Knex.QueryBuilder,
  names: StatementNames,
): Promise<Row[]> {
  const { sql, bindings } = query.toSQL();
  const name = names.nameOf(sql);
  const raw = db.raw(sql, bindings);
  if (name) raw.options({ name });
  return (await raw).rows;
}
