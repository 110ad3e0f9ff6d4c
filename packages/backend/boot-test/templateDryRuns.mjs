// Template dry runs for the boot test: every template of templates/ goes through
// the running backend's Scaffolder dry-run API (POST /api/scaffolder/v2/dry-run),
// as the guest user, the way the template editor does it. The templates are read
// from the catalog, which also proves that app-config.yaml loads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const templatesDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'templates',
);

/** Every file of a template's folder, as the dry-run API takes them. */
function directoryContents(templateName) {
  const root = join(templatesDir, templateName);
  const walk = dir =>
    readdirSync(dir).flatMap(name => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return walk(root).map(path => ({
    path: relative(root, path),
    base64Content: readFileSync(path).toString('base64'),
  }));
}

/**
 * A client for the dry-run API: `dryRun(name, values)` answers
 * `{ status, body, log }` where `log` is the task log's messages.
 */
export function templateDryRunner({ baseUrl, guestToken, waitFor }) {
  const templates = new Map();
  async function template(name, headers) {
    if (!templates.has(name)) {
      const ref = `template/default/${name}`;
      let entity;
      await waitFor(
        `catalog entity ${ref}`,
        async () => {
          const res = await fetch(
            `${baseUrl}/api/catalog/entities/by-name/${ref}`,
            { headers },
          );
          if (res.status !== 200) return `status ${res.status}`;
          entity = await res.json();
          return true;
        },
        180_000,
      );
      const { apiVersion, kind, metadata, spec } = entity;
      templates.set(name, {
        apiVersion,
        kind,
        metadata: { name: metadata.name, title: metadata.title },
        spec,
      });
    }
    return templates.get(name);
  }

  return async function dryRun(name, values, secrets = {}) {
    const token = await guestToken();
    const headers = {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    };
    const started = Date.now();
    const res = await fetch(`${baseUrl}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        template: await template(name, headers),
        values,
        secrets,
        directoryContents: directoryContents(name),
      }),
    });
    const body = await res.json();
    return {
      status: res.status,
      body,
      ms: Date.now() - started,
      // task log lines, without the logger's colours
      log: (body.log ?? []).map(entry =>
        stripVTControlCharacters(entry.body.message),
      ),
    };
  };
}

/** Values of create-environment as a person fills the form, prod preset. */
export function createEnvironmentValues(name) {
  return {
    name,
    title: `Boot test ${name}`,
    owner: 'group:default/platform-team',
    account: '123456789012',
    region: 'eu-west-1',
    preset: 'prod',
    availabilityZoneCount: 3,
    githubOrg: 'example-org',
    githubRepo: 'task-platform',
    runnersMin: 1,
    runnersMax: 5,
    databaseInstanceClass: 'db.m7g.large',
    databaseStorageGiB: 50,
    databaseMultiAz: false,
  };
}

/** Registers the dry-run tests of every template; call it from the boot test. */
export function templateDryRunTests({ baseUrl, guestToken, waitFor }) {
  const dryRun = templateDryRunner({ baseUrl, guestToken, waitFor });
  const api = async (method, path, body) => {
    const res = await fetch(`${baseUrl}/api/environments${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await guestToken()}`,
        'Content-Type': 'application/json',
      },
      body: body && JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  };

  test('template register-service dry-runs without a GitHub token and renders catalog-info.yaml', async () => {
    const result = await dryRun('register-service', {
      name: 'orders-api',
      description: 'Orders: the "fast" path',
      owner: 'group:default/platform-team',
      lifecycle: 'production',
      githubOrg: 'example-org',
      githubRepo: 'orders-api',
      branch: 'main',
      openPullRequest: false,
      kubernetesNamespace: 'orders',
    });
    assert.equal(result.status, 200, JSON.stringify(result.body));
    const file = result.body.directoryContents.find(
      f => f.path === 'catalog-info.yaml',
    );
    assert.ok(file, 'catalog-info.yaml was rendered');
    const text = Buffer.from(file.base64Content, 'base64').toString();
    for (const line of [
      'name: orders-api',
      'description: "Orders: the \\"fast\\" path"',
      'github.com/project-slug: example-org/orders-api',
      'backstage.io/kubernetes-id: orders-api',
      'backstage.io/kubernetes-namespace: orders',
      'grafana/dashboard-selector: "orders-api"',
      'grafana/alert-label-selector: "service=orders-api"',
      'taskplatform.io/prometheus-selector: "job=\\"orders-api\\""',
      'owner: group:default/platform-team',
      'lifecycle: production',
    ]) {
      assert.ok(text.includes(`  ${line}\n`), `${line} in\n${text}`);
    }
    assert.doesNotMatch(text, /system:/);
    assert.deepEqual(result.body.output.links[0], {
      title: 'Open in catalog',
      icon: 'catalog',
      entityRef: 'component:default/orders-api',
    });
    assert.ok(
      result.log.includes(
        'Skipping step pull-request because its if condition was false',
      ),
      result.log.join('\n'),
    );
    assert.ok(
      result.log.includes(
        'Skipping because catalog:register does not support dry-run',
      ),
    );
  });

  test('template create-environment dry-runs (prod): plan and cost in the output, nothing recorded', async () => {
    const name = `boot-dry-${Date.now().toString(36)}`;
    const result = await dryRun(
      'create-environment',
      createEnvironmentValues(name),
    );
    assert.equal(
      result.status,
      200,
      JSON.stringify(result.body).slice(0, 2000),
    );
    const [plan] = result.body.output.text;
    assert.equal(plan.title, 'Plan');
    assert.match(
      plan.content,
      /^Estimated cost: \$[\d,]+\.\d\d per month in eu-west-1/m,
    );
    assert.match(plan.content, /^cdk-nag: 0 errors/m);
    assert.match(plan.content, /\| db\.m7g\.large +\| PostgreSQL /);
    assert.ok(
      result.log.some(m =>
        m.includes(`Dry run: environment ${name} would be recorded`),
      ),
      result.log.join('\n'),
    );
    assert.deepEqual(
      result.body.output.links.map(l => l.url ?? l.entityRef),
      [
        `/environments/${name}`,
        `/environments/${name}#plan`,
        `resource:default/${name}`,
      ],
    );
    const lookup = await api('GET', `/environments/${name}`);
    assert.equal(lookup.status, 404, 'a dry run records no environment');
    console.log(`create-environment dry run (prod): ${result.ms} ms`);
  });

  test('template create-environment refuses bad input, naming the field', async () => {
    const badPattern = await dryRun('create-environment', {
      ...createEnvironmentValues('Not_DNS'),
    });
    assert.equal(badPattern.status, 400);
    assert.deepEqual(
      badPattern.body.errors.map(e => e.property),
      ['instance.name'],
    );
    const badSpec = await dryRun('create-environment', {
      ...createEnvironmentValues('boot-bad-runners'),
      runnersMin: 9,
      runnersMax: 2,
    });
    assert.equal(badSpec.status, 400, JSON.stringify(badSpec.body));
    assert.match(
      badSpec.body.error.message,
      /github\.runners\.minRunners: must be at most maxRunners \(2\)/,
    );
  });

  test('template destroy-environment dry-runs against an existing environment and wants its name typed', async () => {
    const name = `boot-destroy-${Date.now().toString(36)}`;
    const created = await api('POST', '/environments', {
      owner: 'group:default/platform-team',
      preset: 'dev',
      spec: { name, account: '123456789012', region: 'us-east-1' },
      idempotencyKey: `boot-test-${name}`,
    });
    assert.equal(created.status, 202, JSON.stringify(created.body));
    const values = { environment: `resource:default/${name}`, confirm: name };
    const result = await dryRun('destroy-environment', values);
    assert.equal(result.status, 200, JSON.stringify(result.body));
    assert.ok(
      result.log.some(m => m.includes(`Dry run: environment ${name} (`)),
      result.log.join('\n'),
    );
    const wrong = await dryRun('destroy-environment', {
      ...values,
      confirm: `${name}x`,
    });
    assert.equal(wrong.status, 400);
    assert.match(wrong.body.error.message, /^confirm: /);
    const after = await api('GET', `/environments/${name}`);
    assert.notEqual(after.body?.status, 'destroying', 'nothing was destroyed');
  });
}
