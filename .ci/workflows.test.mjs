// The GitHub Actions workflows, checked offline: GitHub's own parser
// (@actions/workflow-parser) must accept each file, and the deploy workflow
// must reach AWS only through OIDC, with the names infra/ gives the deploy
// role's resources. Run with `node --test .ci/workflows.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { registerHooks } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

// The parser imports its JSON schema without an import attribute (it is made
// for bundlers); Node needs `type: 'json'`.
registerHooks({
  load(url, context, nextLoad) {
    return url.endsWith('.json')
      ? nextLoad(url, { ...context, importAttributes: { type: 'json' } })
      : nextLoad(url, context);
  },
});
const { parseWorkflow, NoOperationTraceWriter } = await import(
  '@actions/workflow-parser'
);
const { specFromPreset, clusterNameFor } = await import(
  '../infra/src/index.ts'
);

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const workflowsDir = path.join(root, '.github/workflows');
const read = name => fs.readFileSync(path.join(workflowsDir, name), 'utf8');
const errorsOf = (name, content) =>
  parseWorkflow({ name, content }, new NoOperationTraceWriter())
    .context.errors.getErrors()
    .map(e => e.message);
const prod = specFromPreset('prod', {});
const deploy = parse(read('deploy.yml'));
const ci = parse(read('ci.yml'));
const steps = job => job.steps ?? [];

test('GitHub workflow parser accepts every workflow', () => {
  const files = fs.readdirSync(workflowsDir).filter(f => /\.ya?ml$/.test(f));
  assert.deepEqual(files.sort(), ['ci.yml', 'deploy.yml']);
  for (const file of files) {
    assert.deepEqual(errorsOf(file, read(file)), [], file);
  }
});

test('the parser rejects a broken workflow (the check is live)', () => {
  const broken = read('deploy.yml').replace(
    'id-token: write',
    'id-token: writ',
  );
  assert.match(errorsOf('broken.yml', broken).join('\n'), /writ/);
});

test('ci.yml runs the README test command on pull requests', () => {
  assert.ok('pull_request' in ci.on);
  const runs = Object.values(ci.jobs).flatMap(j => steps(j).map(s => s.run));
  assert.ok(runs.includes('bash .ci/run'), runs.join('\n'));
  assert.match(
    fs.readFileSync(path.join(root, '.ci/run'), 'utf8'),
    /yarn verify/,
  );
  assert.match(
    fs.readFileSync(path.join(root, 'README.md'), 'utf8'),
    /yarn install && yarn verify/,
  );
  assert.deepEqual(ci.permissions, { contents: 'read' });
});

test('deploy.yml runs on main and gets an OIDC token only in the deploy job', () => {
  assert.deepEqual(deploy.on.push.branches, ['main']);
  assert.deepEqual(deploy.permissions, { contents: 'read' });
  assert.deepEqual(deploy.jobs.deploy.permissions, {
    contents: 'read',
    'id-token': 'write',
  });
});

test('deploy.yml assumes the deploy role through OIDC and reads no AWS key', () => {
  const credentials = steps(deploy.jobs.deploy).filter(s =>
    s.uses?.startsWith('aws-actions/configure-aws-credentials@'),
  );
  assert.equal(credentials.length, 1);
  const inputs = credentials[0].with;
  assert.match(inputs['role-to-assume'], /DEPLOY_ROLE_ARN/);
  assert.ok(Number(inputs['role-duration-seconds']) <= 3600);
  for (const key of [
    'aws-access-key-id',
    'aws-secret-access-key',
    'aws-session-token',
  ]) {
    assert.equal(inputs[key], undefined, key);
  }
  for (const file of ['ci.yml', 'deploy.yml']) {
    const text = read(file);
    assert.doesNotMatch(
      text,
      /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN/,
      file,
    );
    assert.doesNotMatch(text, /secrets\.[A-Z_]*AWS/i, file);
  }
});

test('deploy.yml targets what infra/ builds, on the runner scale set', () => {
  const job = deploy.jobs.deploy;
  assert.equal(job['runs-on'], prod.github.runners.scaleSetName);
  assert.equal(deploy.env.CLUSTER_NAME, clusterNameFor(prod));
  assert.equal(deploy.env.ECR_REPOSITORY, `${prod.name}/portal`);
  assert.equal(deploy.env.NAMESPACE, prod.cluster.appNamespace);
  assert.equal(deploy.env.AWS_REGION, prod.region);
  assert.ok(prod.github.environments.includes(job.environment));
  const script = steps(job)
    .map(s => s.run ?? '')
    .join('\n');
  for (const command of [
    /docker build -f packages\/backend\/Dockerfile/,
    /docker push/,
    /render:portal/,
    /kubectl apply -f/,
    /kubectl rollout status deployment\/portal/,
  ]) {
    assert.match(script, command);
  }
});
