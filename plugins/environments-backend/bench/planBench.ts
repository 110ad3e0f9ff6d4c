/*
 * Plan benchmark: prints figures, asserts nothing.
 *
 *   yarn workspace @taskplatform/plugin-environments-backend bench:plan          # from sources
 *   yarn workspace @taskplatform/plugin-environments-backend bench:plan --dist   # built output (run `backstage-cli package build` in infra and here first)
 *
 * - start-up: loading createDeployer and creating a deployer, in a fresh process;
 * - plan of the prod preset in a new worker process (cold), then of three other
 *   prod specs in the same process (warm, with a diff), then the first spec's synth again;
 * - the worker's peak RSS, the backend's event-loop delay p99 during the cold plan;
 * - that the worker process exits when idle and its memory is given back.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const dist = process.argv.includes('--dist');
const root = resolve(__dirname, '..');
const mod = (path: string) =>
  dist ? resolve(root, 'dist', `${path}.cjs.js`) : resolve(root, 'src', path);
const infraPath = dist
  ? resolve(root, '../../infra/dist/index.cjs.js')
  : '@taskplatform/infra';

const logger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => logger,
} as any;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

function procStatus(pid: number, field: string): number | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find(l => l.startsWith(`${field}:`));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) of a process so far, from /proc (Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .split(') ')[1]
    .split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
}

function startupFigure(): string {
  const script = `
    const knex = require('knex')({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
    const { ConfigReader } = require('@backstage/config');
    const t = performance.now();
    const { createDeployer } = require(${JSON.stringify(
      mod('deployer/createDeployer'),
    )});
    createDeployer({ config: new ConfigReader({}), knex, logger: { info() {} } });
    const ms = performance.now() - t;
    const heavy = Object.keys(require.cache).filter(k => /aws-cdk-lib|toolkit-lib|@aws-sdk|\\/infra\\//.test(k)).length;
    console.log(JSON.stringify({ ms, heavy }));
    knex.destroy();
  `;
  const args = dist
    ? ['-e', script]
    : [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        '-e',
        script,
      ];
  const out = JSON.parse(
    execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!,
  );
  return `${Math.round(
    out.ms,
  )} ms, modules of aws-cdk-lib/toolkit-lib/AWS SDK/infra loaded: ${out.heavy}`;
}

async function main() {
  const { DeployerWorker } = require(mod('deployer/worker/DeployerWorker'));
  const { specFromPreset } = require(infraPath);
  const spec = specFromPreset('prod', { name: 'bench-prod' });
  console.log(
    `mode: ${
      dist ? 'built output (dist)' : 'sources (Backstage TypeScript transform)'
    }; load average ${(await import('node:os'))
      .loadavg()
      .map(l => l.toFixed(1))
      .join(' ')} on ${(await import('node:os')).cpus().length} CPUs`,
  );
  console.log(`start-up (createDeployer, fresh process): ${startupFigure()}`);

  const idleTimeoutMs = 3000;
  const worker = new DeployerWorker({ logger, idleTimeoutMs });
  const baseRss = process.memoryUsage().rss;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let t = performance.now();
  const cold = await worker.call('plan', { spec });
  const coldMs = performance.now() - t;
  loop.disable();
  const pid: number = worker.pid;
  const coldCpu = cpuMs(pid);
  console.log(
    `plan prod, new worker process (cold): ${Math.round(
      coldMs,
    )} ms wall, ${Math.round(coldCpu)} ms worker CPU (target ≤ 8000); ${
      cold.summary.totalResources
    } resources, $${cold.cost.monthlyUsd}/month`,
  );
  console.log(
    `backend event-loop delay during the cold plan: p99 ${(
      loop.percentile(99) / 1e6
    ).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`,
  );

  // Each warm plan is of a new spec (another name), as a person's next plan is:
  // the worker keeps its last synths, and the same spec again would not synthesize.
  await new Promise(r => setTimeout(r, 2000)); // the worker warms its diff engine when idle
  const warm: string[] = [];
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const cpu = cpuMs(pid);
    await worker.call('plan', {
      spec: specFromPreset('prod', { name: `bench-prod-${i + 2}` }),
      previousTemplates: {},
    });
    warm.push(
      `${Math.round(performance.now() - t)} ms wall / ${Math.round(
        cpuMs(pid) - cpu,
      )} ms CPU`,
    );
  }
  console.log(
    `plan prod, warm worker (3 runs, with diff): ${warm.join(
      '; ',
    )} (target ≤ 3000)`,
  );
  t = performance.now();
  await worker.call('synth', { spec });
  console.log(
    `synth of the cold plan's spec again (a deploy right after its plan): ${Math.round(
      performance.now() - t,
    )} ms wall (kept by the worker)`,
  );
  const peak = procStatus(pid, 'VmHWM');
  console.log(
    `worker peak RSS: ${peak ? mb(peak) : 'n/a'}; backend RSS ${mb(
      baseRss,
    )} → ${mb(process.memoryUsage().rss)}`,
  );

  const waitStart = performance.now();
  while (
    procStatus(pid, 'VmRSS') !== undefined &&
    performance.now() - waitStart < idleTimeoutMs + 10_000
  ) {
    await new Promise(r => setTimeout(r, 100));
  }
  const gone = procStatus(pid, 'VmRSS') === undefined;
  console.log(
    `after ${idleTimeoutMs} ms idle: worker process ${
      gone ? 'exited, its memory given back' : 'STILL RUNNING'
    }; backend RSS ${mb(process.memoryUsage().rss)}`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
