/*
 * The benchmark's harness backend: `startRealBackend` (the tasks plugin on
 * the default root HTTP router with the metrics middleware, static-token
 * auth, allow-all permissions) in a child process of its own, so that its
 * CPU time is measured apart from the load generator's.
 */
import { fork } from 'node:child_process';
import {
  startRealBackend,
  STATIC_TOKEN,
} from '../src/__testUtils__/startRealBackend';
import { BenchBackend, PgConnection } from './BenchBackend';

/** Starts the harness backend in a child process; resolves when it serves. */
export async function startHarnessBackend(options: {
  pg: PgConnection;
  prefix: string;
  nodeArgs: string[];
}): Promise<BenchBackend> {
  const child = fork(__filename, ['--server'], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      BENCH_HARNESS_OPTIONS: JSON.stringify(options),
    },
    execArgv: [...process.execArgv, ...options.nodeArgs],
  });
  const { baseUrl } = await new Promise<{ baseUrl: string }>(
    (resolve, reject) => {
      child.on('message', (m: any) => {
        if (m?.type === 'tasks-bench-ready') resolve(m);
      });
      child.once('exit', code =>
        reject(new Error(`the harness backend exited with ${code}`)),
      );
    },
  );
  return {
    mode: 'harness',
    baseUrl,
    pid: child.pid!,
    token: STATIC_TOKEN,
    stop: async () => {
      child.send('tasks-bench-stop');
      await new Promise(r => child.once('exit', r));
    },
  };
}

/** The child process: serves until the parent says stop. */
async function serve() {
  const { pg, prefix } = JSON.parse(process.env.BENCH_HARNESS_OPTIONS!);
  const backend = await startRealBackend({
    database: {
      client: 'pg',
      prefix,
      connection: pg,
      knexConfig: { pool: { min: 4, max: 16 } },
    },
  });
  process.send!({ type: 'tasks-bench-ready', baseUrl: backend.baseUrl });
  process.on('message', async (m: any) => {
    if (m !== 'tasks-bench-stop') return;
    await backend.stop();
    process.exit(0);
  });
}

if (require.main === module && process.argv.includes('--server')) {
  serve().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
