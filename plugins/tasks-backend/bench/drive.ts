/*
 * One benchmark scenario against one backend: autocannon's figures and the
 * CPU time per request of the backend, of PostgreSQL and of autocannon.
 */
import autocannon from 'autocannon';
import fs from 'node:fs';
import { Knex } from 'knex';
import { BenchBackend } from './BenchBackend';

export const CONNECTIONS = 32;

export type Scenario = {
  name: string;
  requests: autocannon.Request[];
  /** defaults to {@link CONNECTIONS} */
  connections?: number;
};

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;

/** CPU time (user + system) of a process in ms, from /proc. */
export function processCpuMs(pid: number | string): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name, which is in parentheses
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0; // the process ended
  }
}

/** CPU time in ms of each server process connected to the bench database. */
async function postgresCpuMs(db: Knex): Promise<Map<number, number>> {
  const { rows } = await db.raw(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  return new Map(
    rows.map(({ pid }: { pid: number }) => [pid, processCpuMs(pid)]),
  );
}

/** Which answers were not 2xx, by status code. */
function non2xxCodes(result: autocannon.Result): Record<string, number> {
  const stats =
    (result as { statusCodeStats?: Record<string, { count: number }> })
      .statusCodeStats ?? {};
  return Object.fromEntries(
    Object.entries(stats)
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, stat]) => [code, stat.count]),
  );
}

/**
 * Drives `scenario` against `backend` for `seconds` at 32 connections (or
 * the scenario's own). With 32 connections in a closed loop, mean latency =
 * 32 / throughput (Little's law), so the CPU figures tell what bounds the
 * latency.
 */
export async function drive(
  backend: BenchBackend,
  scenario: Scenario,
  seconds: number,
  db: Knex,
) {
  const backend0 = processCpuMs(backend.pid);
  const postgres0 = await postgresCpuMs(db);
  const self0 = process.cpuUsage();
  const result = await autocannon({
    url: backend.baseUrl,
    connections: scenario.connections ?? CONNECTIONS,
    duration: seconds,
    headers: {
      authorization: `Bearer ${backend.token}`,
      'content-type': 'application/json',
    },
    requests: scenario.requests,
  });
  const self = process.cpuUsage(self0);
  let postgres = 0; // connections opened during the run count from 0
  for (const [pid, ms] of await postgresCpuMs(db)) {
    postgres += ms - (postgres0.get(pid) ?? 0);
  }
  const perRequest = (ms: number) =>
    Number((ms / Math.max(1, result.requests.total)).toFixed(2));
  return {
    scenario: scenario.name,
    mode: backend.mode,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    ...(result.non2xx ? { codes: non2xxCodes(result) } : {}),
    errors: result.errors + result.timeouts,
    'backend CPU ms/req': perRequest(processCpuMs(backend.pid) - backend0),
    'pg CPU ms/req': perRequest(postgres),
    'autocannon CPU ms/req': perRequest((self.user + self.system) / 1000),
  };
}
