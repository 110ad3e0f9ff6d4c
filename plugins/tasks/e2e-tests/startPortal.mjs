#!/usr/bin/env node
/* eslint-disable no-console */
// Starts the real portal for the e2e tests and the perf script: the
// production build of packages/app (built first when missing or older than
// its sources), served by the real backend (app-backend) on E2E_PORT, with a
// fresh SQLite database in a temp directory. Runs until killed.
//
//   node plugins/tasks/e2e-tests/startPortal.mjs
//   E2E_PORT=7123 E2E_REBUILD=1 node plugins/tasks/e2e-tests/startPortal.mjs
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The e2e harness is shared by every plugin's e2e project, not a package API.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { startObservabilityFixtures } from '../../observability/e2e-tests/startObservabilityFixtures.mjs';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);
const port = Number(process.env.E2E_PORT ?? 7123);
const metricsPort = Number(process.env.E2E_METRICS_PORT ?? port + 1);
const baseUrl = `http://localhost:${port}`;

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    const mtime = entry.isDirectory()
      ? newestMtime(full)
      : fs.statSync(full).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

const indexHtml = path.join(root, 'packages/app/dist/index.html');
const sources = [
  'packages/app/src',
  'packages/app/package.json',
  'plugins/tasks/src',
  'plugins/tasks-common/src',
  'plugins/environments/src',
  'plugins/environments-common/src',
  'plugins/observability/src',
].map(p => path.join(root, p));
const builtAt = fs.existsSync(indexHtml) ? fs.statSync(indexHtml).mtimeMs : 0;
const sourcesAt = Math.max(
  ...sources.map(p =>
    fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs,
  ),
);
if (process.env.E2E_REBUILD === '1' || builtAt < sourcesAt) {
  console.log('[portal] building the app (production build)…');
  const build = spawnSync('yarn', ['workspace', '@taskplatform/app', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// E2E_DATA_DIR keeps the database between runs (e.g. the perf script's
// 10,000 seeded tasks); by default every run gets a fresh temp directory.
const keepData = !!process.env.E2E_DATA_DIR;
const dataDir = keepData
  ? path.resolve(process.env.E2E_DATA_DIR)
  : fs.mkdtempSync(path.join(os.tmpdir(), 'taskplatform-e2e-'));
fs.mkdirSync(dataDir, { recursive: true });
const removeData = () => {
  if (!keepData) fs.rmSync(dataDir, { recursive: true, force: true });
};
// Kubernetes clusters (fixture servers, one hanging) and a real Prometheus.
const observability = await startObservabilityFixtures({
  root,
  dataDir,
  baseUrl,
  port,
  metricsPort,
});
const configFile = path.join(dataDir, 'app-config.e2e.yaml');
fs.writeFileSync(
  configFile,
  [
    'app:',
    `  baseUrl: ${baseUrl}`,
    'backend:',
    `  baseUrl: ${baseUrl}`,
    '  listen:',
    `    port: ${port}`,
    '  cors:',
    `    origin: ${baseUrl}`,
    '  database:',
    '    client: better-sqlite3',
    '    connection:',
    `      directory: ${JSON.stringify(path.join(dataDir, 'sqlite'))}`,
    // The simulated deployer, fast: a whole environment in seconds.
    'environments:',
    '  simulated:',
    `    eventIntervalMs: ${Number(process.env.E2E_EVENT_INTERVAL_MS ?? 20)}`,
    'metrics:',
    `  port: ${metricsPort}`,
    '  host: 127.0.0.1',
    ...observability.config,
    '',
  ].join('\n'),
);
console.log(`[portal] ${baseUrl}, database in ${dataDir}`);

// The backend runs from source like `yarn workspace @taskplatform/backend
// start`, but without its file watcher: edits elsewhere in the checkout must
// not restart the server in the middle of a test run.
const require = createRequire(import.meta.url);
const backend = spawn(
  process.execPath,
  [
    '--enable-source-maps',
    '--require',
    require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
    'src/index.ts',
    '--config',
    path.join(root, 'app-config.yaml'),
    '--config',
    configFile,
  ],
  {
    cwd: path.join(root, 'packages/backend'),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: process.env.NODE_ENV ?? 'development',
      ESBK_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
    },
  },
);

// The backend's log goes to this process's output and to a file that the
// e2e tests read to check that the portal logged no error.
const portalLog = path.resolve(
  process.env.E2E_PORTAL_LOG ?? path.join(root, 'e2e-test-report/portal.log'),
);
fs.mkdirSync(path.dirname(portalLog), { recursive: true });
const portalLogStream = fs.createWriteStream(portalLog);
backend.stdout.on('data', chunk => {
  process.stdout.write(chunk);
  portalLogStream.write(chunk);
});
backend.stderr.on('data', chunk => {
  process.stderr.write(chunk);
  portalLogStream.write(chunk);
});

/** Signals the backend's whole process group. */
function killBackend(signal) {
  try {
    process.kill(-backend.pid, signal);
  } catch {
    // already gone
  }
}

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  killBackend('SIGTERM');
  observability.stop();
  setTimeout(() => {
    killBackend('SIGKILL');
    removeData();
    process.exit(0);
  }, 3000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('exit', () => {
  killBackend('SIGKILL');
  observability.stop();
  removeData();
});
backend.on('exit', code => {
  if (!stopping) {
    console.error(`[portal] backend exited with ${code}`);
    removeData();
    process.exit(code ?? 1);
  }
});
