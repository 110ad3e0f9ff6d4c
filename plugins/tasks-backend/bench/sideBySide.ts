const WORST = 'worst of matrix: ';

/**
 * The summary's rows as one row per scenario and a column per mode, each
 * cell `req/s · p50 · p99 · backend/PostgreSQL CPU ms per request` (the
 * worst matrix combination: its name, req/s, p99 and SQL time).
 */
export function sideBySide(
  rows: Array<Record<string, any>>,
): Array<Record<string, string | number>> {
  const table = new Map<string, Record<string, string | number>>();
  for (const row of rows) {
    if (!row.mode) continue;
    const worst = String(row.scenario).startsWith(WORST);
    const scenario = worst ? 'worst of matrix' : row.scenario;
    const key = `${row.N} ${scenario}`;
    if (!table.has(key)) table.set(key, { N: row.N, scenario });
    table.get(key)![row.mode] = worst
      ? `${row.scenario.slice(WORST.length)}: ${row['req/s']} · p99 ${
          row['p99 ms']
        } · SQL ${row.SQL}`
      : `${row['req/s']} · ${row['p50 ms']} · ${row['p99 ms']} · ${row['backend CPU ms/req']}/${row['pg CPU ms/req']}`;
  }
  return [...table.values()];
}
