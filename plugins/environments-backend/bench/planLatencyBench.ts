/*
 * The tasks list's latency while a plan runs: prints figures, asserts nothing.
 *
 *   yarn workspace @taskplatform/plugin-environments-backend bench:latency
 *
 * Starts the real portal backend (packages/backend from sources, app-config.yaml, a fresh
 * SQLite directory, a static service token), then drives `GET /api/tasks/tasks` with
 * autocannon (10 connections) twice: alone, and while `POST /api/environments/plan` plans
 * the prod preset. Also prints the backend's start-up time until ready.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const TOKEN = 'environments-bench-static-token-0123456789';

const freePort = () =>
  new Promise<number>(done => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => done(port));
    });
  });

async function main() {
  const port = await freePort();
  const metricsPort = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'environments-latency-'));
  const configFile = join(dataDir, 'app-config.bench.yaml');
  writeFileSync(
    configFile,
    [
      'backend:',
      `  baseUrl: ${baseUrl}`,
      `  listen: { port: ${port}, host: 127.0.0.1 }`,
      '  database:',
      '    client: better-sqlite3',
      `    connection: { directory: ${JSON.stringify(
        join(dataDir, 'sqlite'),
      )} }`,
      '  auth:',
      '    externalAccess:',
      `      - { type: static, options: { token: ${TOKEN}, subject: bench } }`,
      `metrics: { port: ${metricsPort}, host: 127.0.0.1 }`,
      '',
    ].join('\n'),
  );
  const started = Date.now();
  const backend = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      join(root, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    { cwd: join(root, 'packages/backend'), stdio: 'ignore', detached: true },
  );
  const stop = () => {
    try {
      process.kill(-backend.pid!, 'SIGKILL');
    } catch {
      // gone
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.on('exit', stop);
  const headers = {
    authorization: `Bearer ${TOKEN}`,
    'content-type': 'application/json',
  };
  for (;;) {
    const ok = await fetch(`${baseUrl}/.backstage/health/v1/readiness`).then(
      r => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() - started > 180_000)
      throw new Error('backend not ready after 180 s');
    await new Promise(r => setTimeout(r, 250));
  }
  console.log(
    `backend ready in ${
      Date.now() - started
    } ms (from sources, load average counts)`,
  );
  for (let i = 0; i < 50; i++) {
    await fetch(`${baseUrl}/api/tasks/tasks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: `bench task ${i}`, priority: 'medium' }),
    });
  }
  const listLoad = (duration: number) =>
    autocannon({
      url: `${baseUrl}/api/tasks/tasks?limit=50`,
      headers,
      connections: 10,
      duration,
    });
  const alone = await listLoad(10);
  console.log(
    `GET /api/tasks/tasks alone: p50 ${alone.latency.p50} ms, p99 ${alone.latency.p99} ms, ${alone.requests.average} req/s, non-2xx ${alone.non2xx}`,
  );

  const planBody = JSON.stringify({
    preset: 'prod',
    spec: {
      name: 'latency-prod',
      account: '123456789012',
      region: 'us-east-1',
    },
  });
  for (const label of ['cold (new worker process)', 'warm']) {
    const planStart = Date.now();
    const plan = fetch(`${baseUrl}/api/environments/plan`, {
      method: 'POST',
      headers,
      body: planBody,
    }).then(async r => ({
      status: r.status,
      ms: Date.now() - planStart,
      body: r.ok ? '' : await r.text(),
    }));
    const during = listLoad(6);
    const [p, d] = await Promise.all([plan, during]);
    console.log(
      `GET /api/tasks/tasks during a ${label} prod plan (HTTP ${p.status} in ${
        p.ms
      } ms${p.body ? `: ${p.body.slice(0, 200)}` : ''}): p50 ${
        d.latency.p50
      } ms, p99 ${d.latency.p99} ms, ${d.requests.average} req/s, non-2xx ${
        d.non2xx
      }`,
    );
  }
  stop();
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
