import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './startRealBackend';

const BIN = '/usr/lib/postgresql/15/bin';

/** Runs a PostgreSQL tool, as the `postgres` OS user when we are root (initdb refuses root). */
function pgTool(tool: string, args: string[]) {
  const asRoot = process.getuid?.() === 0;
  const [cmd, cmdArgs] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, tool), ...args]]
    : [path.join(BIN, tool), args];
  execFileSync(cmd, cmdArgs, { stdio: 'pipe' });
}

export function hasOwnPostgres(): boolean {
  return fs.existsSync(path.join(BIN, 'initdb'));
}

/**
 * A PostgreSQL server of its own (Debian's initdb and pg_ctl) in a
 * temporary directory on a free port, which a test can stop and start.
 */
export async function startOwnPostgres() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tasks-pg-'));
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  pgTool('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on`;
  const start = () =>
    pgTool('pg_ctl', [
      '-D',
      data,
      '-o',
      options,
      '-l',
      path.join(dir, 'log'),
      '-w',
      'start',
    ]);
  const stop = () => pgTool('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  return {
    port,
    connection: {
      host: '127.0.0.1',
      port,
      user: 'postgres',
      database: 'postgres',
    },
    start,
    stop,
    async destroy() {
      try {
        stop();
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
