// Boot test: starts the real backend with the real app-config.yaml (embedded
// SQLite in a temporary directory), waits for readiness and fails when any
// plugin logs an error during startup or a required endpoint does not answer.
// Run with `yarn test:boot` (node's test runner).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { templateDryRunTests } from './templateDryRuns.mjs';

const backendDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.BOOT_TEST_PORT ?? 7107);
const baseUrl = `http://localhost:${port}`;
const metricsPort = Number(process.env.BOOT_TEST_METRICS_PORT ?? 9474);
const STARTUP_TIMEOUT_MS = 240_000;

// Dev log lines look like `2026-01-01T00:00:00.000Z catalog error message ...`
const ERROR_LINE = /^\S+Z\s+\S+\s+error\s/;

let child;
let dataDir;
const logLines = [];
let exited = null;

// The last log lines, without the per-request access log.
function logTail(n = 80) {
  return logLines
    .filter(l => !/ rootHttpRouter info /.test(l))
    .slice(-n)
    .join('\n');
}

async function sleep(ms) {
  return new Promise(r => setTimeout(r, ms));
}

async function waitFor(description, fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (exited) {
      assert.fail(
        `backend exited (${exited}) while waiting for ${description}:\n${logTail()}`,
      );
    }
    try {
      last = await fn();
      if (last === true) return;
    } catch (e) {
      last = e;
    }
    await sleep(1000);
  }
  assert.fail(
    `timed out waiting for ${description} (last: ${last})\n${logTail()}`,
  );
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'portal-boot-'));
  child = spawn('yarn', ['start'], {
    cwd: backendDir,
    detached: true,
    env: {
      ...process.env,
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_backend_baseUrl: baseUrl,
      APP_CONFIG_backend_database_connection_directory: dataDir,
      APP_CONFIG_metrics_port: String(metricsPort),
      APP_CONFIG_techdocs_publisher_local_publishDirectory: join(
        dataDir,
        'techdocs',
      ),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream.on('data', chunk => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop();
      logLines.push(...lines.map(stripVTControlCharacters));
    });
  }
  child.on('exit', (code, signal) => {
    exited = `code ${code}, signal ${signal}`;
  });

  await waitFor(
    'GET /.backstage/health/v1/readiness = 200',
    async () =>
      (await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).status === 200,
    STARTUP_TIMEOUT_MS,
  );
});

after(async () => {
  if (child && !exited) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    for (let i = 0; i < 20 && !exited; i++) await sleep(250);
    if (!exited) process.kill(-child.pid, 'SIGKILL');
  }
  // The whole backend log, for whoever has to find out why a test failed.
  const logFile =
    process.env.BOOT_TEST_LOG ?? join(tmpdir(), 'portal-boot.log');
  writeFileSync(logFile, `${logLines.join('\n')}\n`);
  console.log(`backend log: ${logFile}`);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function guestToken() {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  assert.equal(res.status, 200, 'guest sign-in answers');
  const body = await res.json();
  assert.ok(body.backstageIdentity?.token, 'guest sign-in returns a token');
  assert.equal(
    body.backstageIdentity.identity.userEntityRef,
    'user:default/guest',
  );
  return body.backstageIdentity.token;
}

test('every plugin starts without logging an error', () => {
  const errors = logLines.filter(
    l =>
      ERROR_LINE.test(l) ||
      /startup failed|threw an error during startup/i.test(l),
  );
  assert.deepEqual(
    errors,
    [],
    `errors in the backend log:\n${errors.join('\n')}`,
  );
  assert.ok(
    logLines.some(l => /Plugin initialization complete/i.test(l)) ||
      logLines.some(l => /Listening on/i.test(l)),
    `backend never reported that it started:\n${logTail()}`,
  );
});

test('liveness answers', async () => {
  const res = await fetch(`${baseUrl}/.backstage/health/v1/liveness`);
  assert.equal(res.status, 200);
});

test('the catalog requires authentication', async () => {
  const res = await fetch(`${baseUrl}/api/catalog/entities?limit=1`);
  assert.equal(res.status, 401);
});

test('the catalog serves the platform entities from catalog-info.yaml', async () => {
  const token = await guestToken();
  const headers = { Authorization: `Bearer ${token}` };
  for (const ref of [
    'system/default/task-platform',
    'domain/default/task-management',
    'component/default/task-platform-portal',
    'resource/default/task-platform-eks',
    'group/default/platform-team',
    'user/default/guest',
  ]) {
    await waitFor(
      `catalog entity ${ref}`,
      async () =>
        (
          await fetch(`${baseUrl}/api/catalog/entities/by-name/${ref}`, {
            headers,
          })
        ).status === 200,
      180_000,
    );
  }
});

test('the scaffolder lists its actions', async () => {
  const token = await guestToken();
  const res = await fetch(`${baseUrl}/api/scaffolder/v2/actions`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 200);
  const actions = (await res.json()).map(a => a.id);
  assert.ok(actions.includes('fetch:template'), actions.join(', '));
});

test('the frontend-facing endpoints answer', async () => {
  const token = await guestToken();
  const headers = { Authorization: `Bearer ${token}` };
  for (const path of [
    '/api/kubernetes/clusters',
    '/api/notifications/status',
    '/api/permission/health',
  ]) {
    const res = await fetch(`${baseUrl}${path}`, { headers });
    assert.equal(res.status, 200, `${path} answered ${res.status}`);
  }
});

test('search finds the platform once the first index run is done', async () => {
  const token = await guestToken();
  const headers = { Authorization: `Bearer ${token}` };
  // The in-memory (Lunr) index is built a few seconds after start-up; until
  // then the search backend answers 500 "index not ready".
  await waitFor(
    'search results for "platform"',
    async () => {
      const res = await fetch(`${baseUrl}/api/search/query?term=platform`, {
        headers,
      });
      if (res.status !== 200) return `status ${res.status}`;
      const { results } = await res.json();
      return results.some(r => r.document.title === 'Task Platform');
    },
    60_000,
  );
});

test('the tasks API entity carries the OpenAPI definition', async () => {
  const token = await guestToken();
  const res = await fetch(
    `${baseUrl}/api/catalog/entities/by-name/api/default/tasks-api`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  assert.equal(res.status, 200);
  const entity = await res.json();
  assert.match(entity.spec.definition, /^openapi: 3\.1/m);
});

test('the tasks plugin answers, and only with credentials', async () => {
  const anonymous = await fetch(`${baseUrl}/api/tasks/tasks`);
  assert.equal(anonymous.status, 401);
  const token = await guestToken();
  const res = await fetch(`${baseUrl}/api/tasks/tasks?limit=5`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 200);
  assert.ok(Array.isArray((await res.json()).items));
});

test('Prometheus metrics are served on their own port, not by the app', async () => {
  const res = await fetch(`http://localhost:${metricsPort}/metrics`);
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.match(text, /^# TYPE http_requests_total counter$/m);
  assert.match(text, /^# TYPE tasks_open gauge$/m);
  assert.match(text, /^process_resident_memory_bytes \d+/m);
  const token = await guestToken();
  const publicRes = await fetch(`${baseUrl}/metrics`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  // (the app backend answers unknown paths with the SPA's index.html)
  assert.doesNotMatch(
    await publicRes.text(),
    /http_requests_total/,
    '/metrics must not be served on the public port',
  );
});

// Every template of templates/ through the Scaffolder's dry-run API.
templateDryRunTests({ baseUrl, guestToken, waitFor });
