import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// bin/app.ts is what `cdk synth` runs (cdk.json); run it the same way, without the CLI.
const packageDir = resolve(__dirname, '..');

function runCdkApp(
  context: Record<string, unknown>,
  files: Record<string, string> = {},
) {
  const outdir = mkdtempSync(join(tmpdir(), 'taskplatform-cdk-app-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(outdir, name), content);
  }
  const resolved = Object.fromEntries(
    Object.entries(context).map(([k, v]) => [
      k,
      typeof v === 'string' ? v.replace('$OUT', outdir) : v,
    ]),
  );
  const result = spawnSync(
    process.execPath,
    ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', 'bin/app.ts'],
    {
      cwd: packageDir,
      encoding: 'utf8',
      // No AWS_* variables: synthesis must not need credentials.
      env: {
        PATH: process.env.PATH,
        CDK_OUTDIR: join(outdir, 'cdk.out'),
        CDK_CONTEXT_JSON: JSON.stringify(resolved),
      },
    },
  );
  return {
    ...result,
    outdir: join(outdir, 'cdk.out'),
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

describe('bin/app.ts (cdk synth)', () => {
  it('synthesizes a preset with a YAML spec file and context overrides', () => {
    const run = runCdkApp(
      { preset: 'prod', specFile: '$OUT/env.yaml', account: '210987654321' },
      {
        'env.yaml': [
          'name: acme-prod',
          'region: eu-central-1',
          'github:',
          '  org: acme',
          '  repo: tasks',
          '',
        ].join('\n'),
      },
    );
    try {
      expect(run.stderr).not.toMatch(/Validation failed/);
      expect(run.status).toBe(0);
      const manifest = JSON.parse(
        readFileSync(join(run.outdir, 'manifest.json'), 'utf8'),
      );
      const stacks = Object.values<any>(manifest.artifacts).filter(
        a => a.type === 'aws:cloudformation:stack',
      );
      expect(stacks.map(s => s.environment).sort()).toEqual(
        Array(5).fill('aws://210987654321/eu-central-1'),
      );
      const cicd = readFileSync(join(run.outdir, 'CiCd.template.json'), 'utf8');
      expect(cicd).toContain('repo:acme/tasks:ref:refs/heads/main');
      expect(manifest.missing).toBeUndefined();
    } finally {
      run.cleanup();
    }
  });

  it('refuses an invalid spec file, naming the field', () => {
    const run = runCdkApp(
      { specFile: '$OUT/env.json' },
      { 'env.json': JSON.stringify({ cluster: { appNodes: { minSize: 9 } } }) },
    );
    try {
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain('cluster.appNodes.minSize');
    } finally {
      run.cleanup();
    }
  });
});
