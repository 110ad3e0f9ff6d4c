// @ts-check
/* eslint-disable no-console */
/**
 * TEST FIXTURES for the portal started by the e2e tests and the perf script
 * (plugins/tasks/e2e-tests/startPortal.mjs): three Kubernetes clusters served
 * by the fixture server (`fixture-eu` with pod problems, `fixture-us` healthy
 * with E2E_K8S_PODS pods, `fixture-hanging` that never answers), and a real
 * Prometheus (Debian's `prometheus`) scraping the portal's metrics port with
 * the platform's alert rules from infra/ (short `for:`), and a Grafana
 * fixture server, both reached through the proxy backend. Returns the app-config lines that point the portal at them.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startGrafanaFixtureServer } from '../fixtures/grafanaFixtureServer.mjs';
import { startKubernetesFixtureServer } from '../fixtures/kubernetesFixtureServer.mjs';

const PROMETHEUS = process.env.PROMETHEUS_PATH ?? '/usr/bin/prometheus';

/**
 * @param {{ root: string, dataDir: string, baseUrl: string, port: number, metricsPort: number }} options
 */
export async function startObservabilityFixtures(options) {
  const { root, dataDir, baseUrl, port, metricsPort } = options;
  const kubernetesId = 'task-platform-portal';
  const namespace = 'task-platform';
  const clusters = {
    'fixture-eu': await startKubernetesFixtureServer({
      pods: 5,
      kubernetesId,
      namespace,
      clusterName: 'eu',
    }),
    'fixture-us': await startKubernetesFixtureServer({
      pods: Number(process.env.E2E_K8S_PODS ?? 20),
      healthy: true,
      kubernetesId,
      namespace,
      clusterName: 'us',
    }),
    'fixture-hanging': await startKubernetesFixtureServer({ hang: true }),
  };

  const grafana = await startGrafanaFixtureServer();

  const prometheusPort = Number(process.env.E2E_PROMETHEUS_PORT ?? port + 30);
  const promDir = path.join(dataDir, 'prometheus');
  fs.mkdirSync(promDir, { recursive: true });
  const { alertRuleGroups } = await import(
    path.join(root, 'infra/src/monitoring/alertRules.ts')
  );
  // JSON is YAML: the rule file is the platform's rules with short `for:`.
  fs.writeFileSync(
    path.join(promDir, 'rules.yml'),
    JSON.stringify({
      groups: alertRuleGroups({
        runbookBaseUrl: `${baseUrl}/docs/default/system/task-platform/runbooks`,
        forOverrides: { HighErrorRate: '5s', HighLatencyP95: '5s' },
      }),
    }),
  );
  fs.writeFileSync(
    path.join(promDir, 'prometheus.yml'),
    JSON.stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: [path.join(promDir, 'rules.yml')],
      scrape_configs: [
        {
          job_name: kubernetesId,
          static_configs: [{ targets: [`127.0.0.1:${metricsPort}`] }],
        },
      ],
    }),
  );
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let prometheus;
  if (fs.existsSync(PROMETHEUS)) {
    prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${path.join(promDir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(promDir, 'data')}`,
        `--web.listen-address=127.0.0.1:${prometheusPort}`,
        '--web.enable-lifecycle',
      ],
      { stdio: ['ignore', 'ignore', 'ignore'] },
    );
    console.log(`[portal] Prometheus on 127.0.0.1:${prometheusPort}`);
  } else {
    console.error(
      `[portal] ${PROMETHEUS} is missing (apt-get install prometheus): no golden signals`,
    );
  }

  const config = [
    'proxy:',
    '  endpoints:',
    '    /prometheus/api:',
    `      target: http://127.0.0.1:${prometheusPort}/api`,
    '    /grafana/api:',
    `      target: ${grafana.url}`,
    '      headers:',
    '        Authorization: Bearer fixture-grafana-token',
    // A dead upstream: the e2e test's source of 5xx responses.
    '    /e2e-unavailable:',
    '      target: http://127.0.0.1:9',
    '      credentials: dangerously-allow-unauthenticated',
    'grafana:',
    `  domain: ${grafana.url}`,
    '  unifiedAlerting: true',
    // A loaded CI machine answers slower than a cluster would.
    'observability:',
    '  timeouts:',
    `    kubernetesMs: ${Number(process.env.E2E_K8S_TIMEOUT_MS ?? 10000)}`,
    'kubernetes:',
    '  serviceLocatorMethod:',
    '    type: multiTenant',
    '  clusterLocatorMethods:',
    '    - type: config',
    '      clusters:',
    ...Object.entries(clusters).flatMap(([name, server]) => [
      `        - name: ${name}`,
      `          url: ${server.url}`,
      '          authProvider: serviceAccount',
      '          serviceAccountToken: fixture-token',
      '          skipTLSVerify: true',
      '          skipMetricsLookup: true',
    ]),
  ];

  return {
    config,
    prometheusUrl: `http://127.0.0.1:${prometheusPort}`,
    async stop() {
      prometheus?.kill('SIGTERM');
      await Promise.all(
        [...Object.values(clusters), grafana].map(c => c.close()),
      );
    },
  };
}
