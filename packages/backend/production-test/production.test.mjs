// Production test: the built bundle of `yarn build:backend`, unpacked as the
// Dockerfile unpacks it, started by the same script as the image
// (scripts/start-production.sh) with the production configuration against the
// local PostgreSQL. Only TLS to the database is turned off, by a test override.
// Two instances share one database: both must pass the readiness probe and
// serve the tasks API, and a scheduled job must run once, not once per instance.
//
// Needs the build (packages/backend/dist) and PostgreSQL at
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING. `node --test` runs it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const backendDir = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
const root = path.join(backendDir, '../..');
const pgUrl = new URL(
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432',
);
const database = `portal_production_test_${process.pid}`;
const token = `production-test-${process.pid}-${Date.now()}`;
const basePort = Number(process.env.PRODUCTION_TEST_PORT ?? 7207);
const instances = [0, 1].map(i => ({
  port: basePort + i,
  metricsPort: basePort + 100 + i,
  log: [],
  restarts: 0,
}));
let appDir;
let stopping = false;

async function sql(statement) {
  const { Client } = require('pg');
  const client = new Client({
    connectionString: pgUrl.toString(),
    database: 'postgres',
  });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Unpacks skeleton and bundle like the image does. The image installs the
 * production dependencies with `yarn workspaces focus --production`; here the
 * repository's installed node_modules stand in for them (no registry needed),
 * with the workspace packages taken from the bundle, not from the sources.
 */
function unpackBundle() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-production-'));
  for (const file of ['skeleton.tar.gz', 'bundle.tar.gz']) {
    execFileSync('tar', ['xzf', path.join(backendDir, 'dist', file)], {
      cwd: dir,
    });
  }
  for (const file of [
    'app-config.yaml',
    'app-config.production.yaml',
    'catalog-info.yaml',
  ]) {
    fs.copyFileSync(path.join(root, file), path.join(dir, file));
  }
  for (const extra of ['templates', 'docs', 'mkdocs.yml']) {
    if (fs.existsSync(path.join(root, extra))) {
      fs.cpSync(path.join(root, extra), path.join(dir, extra), {
        recursive: true,
      });
    }
  }
  const bundled = new Map();
  const workspaces = JSON.parse(
    fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
  ).workspaces;
  for (const pattern of workspaces) {
    const parent = path.join(dir, pattern.replace(/\/\*$/, ''));
    let candidates = [parent];
    if (pattern.endsWith('/*')) {
      candidates = fs.existsSync(parent)
        ? fs.readdirSync(parent).map(name => path.join(parent, name))
        : [];
    }
    for (const pkgDir of candidates) {
      const manifest = path.join(pkgDir, 'package.json');
      if (fs.existsSync(manifest)) {
        bundled.set(JSON.parse(fs.readFileSync(manifest, 'utf8')).name, pkgDir);
        // Packages keep their own nested dependencies where yarn put them.
        const relative = path.relative(dir, pkgDir);
        const nested = path.join(root, relative, 'node_modules');
        if (fs.existsSync(nested)) {
          fs.symlinkSync(nested, path.join(pkgDir, 'node_modules'));
        }
      }
    }
  }
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules);
  for (const entry of fs.readdirSync(path.join(root, 'node_modules'))) {
    if (entry === '@taskplatform' || entry === '.bin') continue;
    fs.symlinkSync(
      path.join(root, 'node_modules', entry),
      path.join(modules, entry),
    );
  }
  fs.mkdirSync(path.join(modules, '@taskplatform'));
  for (const [name, pkgDir] of bundled) {
    if (name.startsWith('@taskplatform/')) {
      fs.symlinkSync(pkgDir, path.join(modules, name));
    }
  }
  return dir;
}

function start(instance) {
  const override = path.join(appDir, `app-config.test-${instance.port}.yaml`);
  fs.writeFileSync(
    override,
    [
      'backend:',
      `  listen: ':${instance.port}'`,
      '  database:',
      '    connection:',
      '      # test override: the local PostgreSQL has no TLS',
      '      ssl: false',
      'metrics:',
      `  port: ${instance.metricsPort}`,
      '  host: 127.0.0.1',
      '',
    ].join('\n'),
  );
  const baseUrl = `http://localhost:${instance.port}`;
  instance.baseUrl = baseUrl;
  instance.child = spawn(
    'sh',
    [path.join(backendDir, 'scripts/start-production.sh')],
    {
      cwd: appDir,
      detached: true,
      env: {
        ...process.env,
        PORTAL_EXTRA_CONFIG: override,
        PORTAL_BASE_URL: baseUrl,
        POSTGRES_HOST: pgUrl.hostname,
        POSTGRES_PORT: pgUrl.port || '5432',
        POSTGRES_USER: decodeURIComponent(pgUrl.username || 'postgres'),
        // trust authentication ignores it; the production config requires one
        POSTGRES_PASSWORD: decodeURIComponent(pgUrl.password || 'unused'),
        POSTGRES_DB: database,
        POSTGRES_CA_CERT: 'unused: TLS is off in this test',
        BACKEND_EXTERNAL_TOKEN: token,
        ENVIRONMENTS_AWS_ACCOUNT_ID: '123456789012',
        ENVIRONMENTS_AWS_ROLE_ARN:
          'arn:aws:iam::123456789012:role/taskplatform-environments-deployer',
        ENVIRONMENTS_CLUSTER_ACCESS_ROLE_ARN:
          'arn:aws:iam::123456789012:role/taskplatform-cluster-reader',
        AUTH_GITHUB_CLIENT_ID: 'production-test',
        AUTH_GITHUB_CLIENT_SECRET: 'production-test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  for (const stream of [instance.child.stdout, instance.child.stderr]) {
    stream.setEncoding('utf8');
    let rest = '';
    stream.on('data', chunk => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      instance.log.push(...lines);
    });
  }
  instance.child.on('exit', code => {
    // Like kubelet (restartPolicy: Always), restart an instance whose start
    // failed, at most a few times; the test stops them with `stopping`.
    if (!stopping && code !== 0 && instance.restarts < 3) {
      instance.restarts += 1;
      instance.log.push(`[test] exited with ${code}, restarting`);
      start(instance);
    } else {
      instance.exited = code ?? 'signal';
    }
  });
}

async function waitFor(description, instance, fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (instance?.exited !== undefined) {
      assert.fail(
        `instance on ${instance.port} exited (${
          instance.exited
        }) while waiting for ${description}:\n${instance.log
          .slice(-40)
          .join('\n')}`,
      );
    }
    try {
      last = await fn();
      if (last === true) return;
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  const logs = (instance ? [instance] : instances)
    .map(i => `--- instance ${i.port}:\n${i.log.slice(-30).join('\n')}`)
    .join('\n');
  assert.fail(`timed out waiting for ${description} (last: ${last})\n${logs}`);
}

const api = (instance, route, init = {}) =>
  fetch(`${instance.baseUrl}${route}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });

before(async () => {
  assert.ok(
    fs.existsSync(path.join(backendDir, 'dist/bundle.tar.gz')),
    'run `yarn build:backend` first',
  );
  await sql(`CREATE DATABASE ${database}`);
  appDir = unpackBundle();
  // The first instance migrates the empty database; the second joins it, as
  // a rolling update adds pods one at a time (maxSurge 1). Pods that start at
  // once on an empty database can lose a migration lock: the backend then
  // exits and is restarted (src/index.ts), which the restart below mimics.
  start(instances[0]);
});

after(async () => {
  stopping = true;
  const logDir = process.env.PRODUCTION_TEST_LOG_DIR;
  if (logDir) {
    fs.mkdirSync(logDir, { recursive: true });
    for (const instance of instances) {
      fs.writeFileSync(
        path.join(logDir, `production-${instance.port}.log`),
        instance.log.join('\n'),
      );
    }
  }
  for (const instance of instances) {
    try {
      process.kill(-instance.child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await new Promise(r => setTimeout(r, 3000));
  for (const instance of instances) {
    try {
      process.kill(-instance.child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
  await sql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
});

test('both instances pass the readiness probe', async () => {
  for (const instance of instances) {
    if (!instance.child) start(instance);
    await waitFor(
      'readiness',
      instance,
      async () =>
        (
          await fetch(`${instance.baseUrl}/.backstage/health/v1/readiness`)
        ).status === 200,
      Number(process.env.PRODUCTION_TEST_STARTUP_MS ?? 180_000),
    );
  }
});

test('the tasks API answers on both instances, from one database', async () => {
  const [first, second] = instances;
  const unauthenticated = await fetch(`${first.baseUrl}/api/tasks/tasks`);
  assert.equal(unauthenticated.status, 401);
  for (const instance of instances) {
    const res = await api(instance, '/api/tasks/tasks?limit=5');
    assert.equal(res.status, 200, await res.clone().text());
    assert.ok(Array.isArray((await res.json()).items));
  }
  const health = await fetch(`${second.baseUrl}/.backstage/health/v1/liveness`);
  assert.equal(health.status, 200);
});

test('a scheduled job runs on one instance only', async () => {
  const runs = () =>
    instances.flatMap(instance =>
      instance.log.filter(line =>
        line.includes('Collating documents for software-catalog via'),
      ),
    );
  await waitFor(
    'the catalog search collator to run',
    undefined,
    async () => runs().length > 0,
    90_000,
  );
  // Both instances scheduled the job; give the second one time to run it too.
  await new Promise(r => setTimeout(r, 10_000));
  assert.equal(
    runs().length,
    1,
    `the job ran ${runs().length} times:\n${runs().join('\n')}`,
  );
});
