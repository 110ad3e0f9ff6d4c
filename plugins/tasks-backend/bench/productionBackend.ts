/*
 * The benchmark's production mode: the portal's production build
 * (`yarn build:backend` → packages/backend/dist/{skeleton,bundle}.tar.gz)
 * unpacked into a temporary directory, given the repository's installed
 * node_modules (workspace packages point at the unpacked, built ones), and
 * run with NODE_ENV=production, the portal's app-config.yaml (its real
 * permission backend and policy) and a bench-only override: PostgreSQL
 * with the bench's database prefix, and guest sign-in allowed outside
 * development. Requests are signed in as the guest user.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BenchBackend, PgConnection } from './BenchBackend';

const REPO = path.resolve(__dirname, '../../..');

function prepare(): string {
  const dist = path.join(REPO, 'packages/backend/dist');
  if (!fs.existsSync(path.join(dist, 'bundle.tar.gz'))) {
    throw new Error('No production build: run `yarn build:backend` first');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tasks-bench-prod-'));
  for (const file of ['skeleton.tar.gz', 'bundle.tar.gz']) {
    execFileSync('tar', ['xzf', path.join(dist, file)], { cwd: dir });
  }
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(modules, '@taskplatform'), { recursive: true });
  for (const name of fs.readdirSync(path.join(REPO, 'node_modules'))) {
    if (name === '@taskplatform') continue;
    fs.symlinkSync(
      path.join(REPO, 'node_modules', name),
      path.join(modules, name),
    );
  }
  for (const parent of ['packages', 'plugins']) {
    for (const ws of fs.readdirSync(path.join(dir, parent))) {
      const wsDir = path.join(dir, parent, ws);
      const { name } = JSON.parse(
        fs.readFileSync(path.join(wsDir, 'package.json'), 'utf8'),
      );
      fs.symlinkSync(wsDir, path.join(modules, name));
      const own = path.join(REPO, parent, ws, 'node_modules');
      if (fs.existsSync(own))
        fs.symlinkSync(own, path.join(wsDir, 'node_modules'));
    }
  }
  return dir;
}

/** Starts the production backend and signs in; resolves when it is ready. */
export async function startProductionBackend(options: {
  port: number;
  metricsPort: number;
  pg: PgConnection;
  prefix: string;
  nodeArgs: string[];
}): Promise<BenchBackend> {
  const dir = prepare();
  const config = path.join(dir, 'bench-config.yaml');
  fs.writeFileSync(
    config,
    JSON.stringify({
      backend: {
        baseUrl: `http://localhost:${options.port}`,
        listen: { port: options.port },
        database: {
          client: 'pg',
          prefix: options.prefix,
          connection: options.pg,
          knexConfig: { pool: { min: 4, max: 16 } },
        },
      },
      auth: {
        environment: 'development',
        providers: {
          guest: {
            userEntityRef: 'user:default/guest',
            ownershipEntityRefs: [
              'user:default/guest',
              'group:default/platform-team',
            ],
            dangerouslyAllowOutsideDevelopment: true,
          },
        },
      },
      metrics: { port: options.metricsPort },
    }),
  );
  const child = spawn(
    process.execPath,
    [
      ...options.nodeArgs,
      path.join(dir, 'packages/backend'),
      '--config',
      path.join(REPO, 'app-config.yaml'),
      '--config',
      config,
    ],
    {
      cwd: REPO,
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const baseUrl = `http://localhost:${options.port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null)
      throw new Error('the production backend exited');
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (i > 240) throw new Error('the production backend did not get ready');
    await new Promise(r => setTimeout(r, 500));
  }
  const signIn = async () => {
    const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    const body = (await res.json()) as any;
    return body.backstageIdentity.token as string;
  };
  const backend: BenchBackend = {
    mode: 'production',
    baseUrl,
    pid: child.pid!,
    token: await signIn(),
    renew: async () => {
      backend.token = await signIn();
    },
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise(r => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return backend;
}
