// Renders the monitoring as code (infra/src/monitoring) to files:
//   node bin/renderMonitoring.ts [--preset prod] [--out dist/monitoring]
//     [--runbook-base-url https://portal.example.org/docs/default/system/task-platform/runbooks]
// Writes one YAML file per Kubernetes object (dashboards as ConfigMaps for
// the Grafana sidecar, the PrometheusRule, the PodMonitor, the CloudWatch
// data source), the dashboards as plain JSON (Grafana import), and
// alert-rules.yaml, a Prometheus rule file for `promtool check rules`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { specFromPreset, type EnvironmentStage } from '../src/index.ts';
import {
  alertRuleGroups,
  monitoringDashboards,
  monitoringManifests,
} from '../src/monitoring/index.ts';
import { RUNNERS_NAMESPACE } from '../src/stacks/addonCharts.ts';

const { values } = parseArgs({
  options: {
    preset: { type: 'string', default: 'prod' },
    out: { type: 'string', default: 'dist/monitoring' },
    'runbook-base-url': { type: 'string' },
  },
});
const spec = specFromPreset(values.preset as EnvironmentStage, {});
const options = {
  namespace: spec.monitoring.namespace,
  runnersNamespace: RUNNERS_NAMESPACE,
  region: spec.region,
  runbookBaseUrl: values['runbook-base-url'],
};
const out = path.resolve(values.out!);
mkdirSync(path.join(out, 'dashboards'), { recursive: true });

const written: string[] = [];
const write = (file: string, text: string) => {
  writeFileSync(path.join(out, file), text);
  written.push(file);
};
for (const object of monitoringManifests(options) as any[]) {
  write(
    `${object.kind.toLowerCase()}-${object.metadata.name}.yaml`,
    stringify(object, { lineWidth: 0 }),
  );
}
for (const [file, dashboard] of Object.entries(monitoringDashboards(options))) {
  write(`dashboards/${file}`, `${JSON.stringify(dashboard, null, 2)}\n`);
}
write(
  'alert-rules.yaml',
  stringify(
    {
      groups: alertRuleGroups({ runbookBaseUrl: options.runbookBaseUrl }),
    },
    { lineWidth: 0 },
  ),
);
process.stdout.write(`${written.map(f => path.join(out, f)).join('\n')}\n`);
