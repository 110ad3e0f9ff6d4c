#!/usr/bin/env node
/* eslint-disable no-console */
// Benchmark: dry runs of the create-environment template through the real
// Scaffolder API (POST /api/scaffolder/v2/dry-run) as the guest user, on the
// embedded default (simulated deployer: the plan is a real CDK synth with
// cdk-nag in the environments backend's worker). Target: prod preset <= 30 s.
//
//   yarn workspace @taskplatform/plugin-scaffolder-backend-module-environments bench
//   BENCH_BASE_URL=http://localhost:7007 ... bench   (use a running backend)
//   BENCH_RUNS=5 ... bench                          (runs per case, default 3)
//
// Without BENCH_BASE_URL it starts the backend (`yarn start` in packages/backend)
// with a fresh SQLite directory on BENCH_PORT (default 7207) and stops it at the end.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The boot test's dry-run client: the bench measures exactly what CI checks.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  createEnvironmentValues,
  templateDryRunner,
} from '../../../packages/backend/boot-test/templateDryRuns.mjs';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const port = Number(process.env.BENCH_PORT ?? 7207);
let baseUrl = process.env.BENCH_BASE_URL;
let backend;
let dataDir;

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function waitFor(description, fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await fn();
      if (last === true) return;
    } catch (e) {
      last = e;
    }
    await sleep(500);
  }
  throw new Error(`timed out waiting for ${description} (last: ${last})`);
}

async function startBackend() {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'dry-run-bench-'));
  baseUrl = `http://localhost:${port}`;
  backend = spawn('yarn', ['start'], {
    cwd: path.join(root, 'packages/backend'),
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_backend_baseUrl: baseUrl,
      APP_CONFIG_backend_database_connection_directory: dataDir,
      APP_CONFIG_metrics_port: String(port + 1),
      APP_CONFIG_techdocs_publisher_local_publishDirectory: path.join(
        dataDir,
        'techdocs',
      ),
    },
  });
  const started = Date.now();
  await waitFor(
    'backend readiness',
    async () =>
      (await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).status === 200,
    300_000,
  );
  console.log(
    `backend ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

function stopBackend() {
  if (backend) {
    try {
      process.kill(-backend.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

async function guestToken() {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  return (await res.json()).backstageIdentity.token;
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const s = ms => `${(ms / 1000).toFixed(1)} s`;
  return `min ${s(sorted[0])}, median ${s(
    sorted[Math.floor(sorted.length / 2)],
  )}, max ${s(sorted.at(-1))}`;
}

async function planApi(values) {
  const started = Date.now();
  const res = await fetch(`${baseUrl}/api/environments/plan`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await guestToken()}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      preset: values.preset,
      spec: {
        name: values.name,
        account: values.account,
        region: values.region,
      },
    }),
  });
  if (res.status !== 200)
    throw new Error(`plan API: ${res.status} ${await res.text()}`);
  return Date.now() - started;
}

const cases = [
  { label: 'prod, eu-west-1, 3 AZ', values: n => createEnvironmentValues(n) },
  {
    label: 'prod, us-east-1, 2 AZ',
    values: n => ({
      ...createEnvironmentValues(n),
      region: 'us-east-1',
      availabilityZoneCount: 2,
    }),
  },
  {
    label: 'dev, us-east-1, 2 AZ',
    values: n => ({
      ...createEnvironmentValues(n),
      preset: 'dev',
      region: 'us-east-1',
      availabilityZoneCount: 2,
    }),
  },
];

try {
  if (!baseUrl) await startBackend();
  const dryRun = templateDryRunner({ baseUrl, guestToken, waitFor });
  console.log(
    `create-environment dry runs through ${baseUrl}/api/scaffolder/v2/dry-run, ${runs} per case`,
  );
  console.log(
    `(cpus: ${os.cpus().length}, load average: ${os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ')})`,
  );
  let n = 0;
  const prodTimes = [];
  for (const { label, values } of cases) {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const name = `bench-${Date.now().toString(36)}-${n++}`;
      const result = await dryRun('create-environment', values(name));
      if (result.status !== 200) {
        throw new Error(
          `${label}: ${result.status} ${JSON.stringify(result.body).slice(
            0,
            500,
          )}`,
        );
      }
      times.push(result.ms);
      console.log(
        `  ${label}, run ${i + 1}: ${(result.ms / 1000).toFixed(1)} s`,
      );
    }
    if (label.startsWith('prod')) prodTimes.push(...times);
    console.log(`${label}: ${stats(times)}`);
  }
  const planTimes = [];
  for (let i = 0; i < runs; i++) {
    planTimes.push(await planApi(createEnvironmentValues(`bench-plan-${i}`)));
  }
  console.log(
    `plan API alone (POST /api/environments/plan, prod): ${stats(planTimes)}`,
  );
  const worst = Math.max(...prodTimes);
  console.log(
    `target: prod dry run <= 30 s: ${
      worst <= 30_000 ? 'met' : 'NOT met'
    } (worst ${(worst / 1000).toFixed(1)} s)`,
  );
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  stopBackend();
}
