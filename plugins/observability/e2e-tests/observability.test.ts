// Playwright and its helpers are the repository root's e2e tooling
// (playwright.config.ts), shared with the tasks e2e tests.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { expect, test, type APIRequestContext } from '@playwright/test';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { screenshot, signIn } from '../../tasks/e2e-tests/helpers';

// The portal (startPortal.mjs) runs with three fixture Kubernetes clusters
// (fixture-eu with pod problems, fixture-us healthy, fixture-hanging that
// never answers) and a real Prometheus scraping its metrics with the
// platform's alert rules (HighErrorRate with `for: 5s`).
const tab = '/catalog/default/component/task-platform-portal/observability';

async function guestHeaders(request: APIRequestContext) {
  const res = await request.get('/api/auth/guest/refresh', {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(res.ok()).toBeTruthy();
  const token = (await res.json()).backstageIdentity.token as string;
  return { authorization: `Bearer ${token}` };
}

/** Real traffic: successful task reads and 5xx from a dead proxy upstream. */
async function generateTraffic(
  request: APIRequestContext,
  headers: Record<string, string>,
) {
  for (let i = 0; i < 20; i++) {
    await Promise.all([
      request.get('/api/tasks/tasks?limit=1', { headers }),
      request.get('/api/proxy/e2e-unavailable/boom'),
    ]);
  }
}

async function alertState(
  request: APIRequestContext,
  headers: Record<string, string>,
  name: string,
) {
  const res = await request.get('/api/proxy/prometheus/api/v1/alerts', {
    headers,
  });
  if (!res.ok()) return `HTTP ${res.status()}`;
  const alerts = (await res.json()).data.alerts as Array<{
    labels: Record<string, string>;
    state: string;
  }>;
  return alerts.find(a => a.labels.alertname === name)?.state ?? 'inactive';
}

test('the observability tab shows real golden signals, the firing alert, and healthy clusters while one hangs', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const headers = await guestHeaders(request);
  const unavailable = await request.get('/api/proxy/e2e-unavailable/boom');
  expect(unavailable.status()).toBeGreaterThanOrEqual(500);

  // Traffic with errors until Prometheus fires the error-rate alert.
  await expect
    .poll(
      async () => {
        await generateTraffic(request, headers);
        return alertState(request, headers, 'HighErrorRate');
      },
      { timeout: 120_000, intervals: [1000] },
    )
    .toBe('firing');

  // The answering clusters through the Kubernetes proxy (and warm it up).
  for (const cluster of ['fixture-eu', 'fixture-us']) {
    const res = await request.get(
      '/api/kubernetes/proxy/api/v1/pods?labelSelector=backstage.io%2Fkubernetes-id%3Dtask-platform-portal',
      { headers: { ...headers, 'Backstage-Kubernetes-Cluster': cluster } },
    );
    expect(res.ok()).toBeTruthy();
  }

  const opened = Date.now();
  await signIn(page, tab);

  // Health strip: the two answering clusters render; the hanging one loads.
  const eu = page.getByRole('group', { name: 'Health of cluster fixture-eu' });
  const us = page.getByRole('group', { name: 'Health of cluster fixture-us' });
  const hanging = page.getByRole('group', {
    name: 'Health of cluster fixture-hanging',
  });
  await expect(eu).toContainText('task-platform-portal: Degraded · 3/5 ready');
  await expect(eu).toContainText(
    'HPA task-platform-portal: 5 replicas (min 2 / max 6)',
  );
  await expect(eu).toContainText('CrashLoopBackOff 1');
  await expect(eu).toContainText('OOMKilled 1');
  await expect(eu).toContainText('Pending 1');
  await expect(us).toContainText('Rollout complete');
  await expect(hanging.getByRole('progressbar')).toBeVisible();
  const healthyShownAfter = Date.now() - opened;
  await expect(page.getByText(/Firing alerts: [1-9]/)).toBeVisible();

  // Golden signals from the real Prometheus, through the proxy.
  for (const signal of [
    'Request rate',
    'Error rate',
    'p95 latency',
    'p99 latency',
  ]) {
    await expect(
      page.getByRole('img', {
        name: new RegExp(`^${signal}: [1-9]\\d* points`),
      }),
    ).toBeVisible();
  }
  await expect(
    page.getByRole('img', {
      name: /^Error rate: .*latest value [1-9]\d*\.\d+ %/,
    }),
  ).toBeVisible();

  // The firing alert with its runbook in the portal's TechDocs.
  const alertRow = page.getByRole('row').filter({ hasText: 'HighErrorRate' });
  await expect(alertRow).toContainText('firing');
  await expect(alertRow).toContainText(
    'More than 5 % of the portal API requests fail',
  );
  await expect(alertRow.getByRole('link', { name: /Runbook/ })).toHaveAttribute(
    'href',
    '/docs/default/system/task-platform/runbooks/high-error-rate/',
  );

  // The workloads of the answering clusters, problem pods first.
  await expect(page.getByText('Workloads in fixture-eu')).toBeVisible();
  await expect(
    page.getByText(/CrashLoopBackOff: backend: 14 restarts/),
  ).toBeVisible();

  // The hanging cluster times out on its own; the others stay.
  await expect(hanging).toContainText('timed out', { timeout: 30_000 });
  await expect(eu).toContainText('CrashLoopBackOff 1');
  await screenshot(page, 'observability-tab');
  test.info().annotations.push({
    type: 'healthy clusters shown after',
    description: `${healthyShownAfter} ms (including sign-in)`,
  });
});

test('Grafana: our cards show matching dashboards and alert state; the community plugin loads without duplicate-package errors', async ({
  page,
}) => {
  const consoleErrors: string[] = [];
  page.on('console', m => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', e => consoleErrors.push(e.message));

  await signIn(page, tab);
  const dashboards = page.getByRole('list', { name: 'Grafana dashboards' });
  await expect(
    dashboards.getByRole('link', { name: /Tasks API/ }),
  ).toBeVisible();
  await expect(
    dashboards.getByRole('link', { name: /Portal pods/ }),
  ).toBeVisible();
  await expect(dashboards).not.toContainText('Billing');
  const rules = page.getByRole('list', { name: 'Grafana alert rules' });
  await expect(
    rules.getByRole('listitem').filter({ hasText: 'Portal 5xx ratio' }),
  ).toContainText('firing');
  await expect(
    rules.getByRole('listitem').filter({ hasText: 'Portal slow' }),
  ).toContainText('inactive');
  await expect(rules).not.toContainText('Billing down');

  // The community plugin's cards on the overview, through the same proxy.
  await page.goto('/catalog/default/component/task-platform-portal');
  await screenshot(page, 'observability-overview');
  await expect(
    page.getByRole('link', { name: /Tasks API/ }).first(),
  ).toBeVisible();
  await expect(page.getByText('Portal 5xx ratio').first()).toBeVisible();
  await screenshot(page, 'observability-grafana-community-cards');
  const suspicious = consoleErrors.filter(text =>
    /duplicate|more than one copy|api.*not (found|implemented)|No implementation available|Invalid hook call/i.test(
      text,
    ),
  );
  expect(suspicious).toEqual([]);
});
