import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { freePort } from './startRealBackend';

export const PROMETHEUS = '/usr/bin/prometheus';

/** Whether the Debian `prometheus` binary is here; in CI its absence is an error. */
export function prometheusAvailable(): boolean {
  if (fs.existsSync(PROMETHEUS)) return true;
  if (process.env.CI) {
    throw new Error(`${PROMETHEUS} is missing; apt-get install -y prometheus`);
  }
  return false;
}

export interface PrometheusQueryResult {
  metric: Record<string, string>;
  value: [number, string];
}

/**
 * Starts a real Prometheus on a free port scraping `scrapeConfigs` every
 * second, with optional rule groups evaluated every second.
 */
export async function startPrometheus(options: {
  scrapeConfigs: object[];
  ruleGroups?: object[];
}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prometheus-'));
  const port = await freePort();
  const ruleFiles: string[] = [];
  if (options.ruleGroups) {
    fs.writeFileSync(
      path.join(dir, 'rules.yaml'),
      stringify({ groups: options.ruleGroups }),
    );
    ruleFiles.push(path.join(dir, 'rules.yaml'));
  }
  fs.writeFileSync(
    path.join(dir, 'prometheus.yml'),
    stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: ruleFiles,
      scrape_configs: options.scrapeConfigs,
    }),
  );
  const child: ChildProcess = spawn(
    PROMETHEUS,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  const api = async (apiPath: string) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/${apiPath}`);
    return res.json();
  };
  return {
    api,
    /** An instant query; throws on a PromQL error. */
    async query(expr: string): Promise<PrometheusQueryResult[]> {
      const body = await api(`query?query=${encodeURIComponent(expr)}`);
      if (body.status !== 'success') {
        throw new Error(`${expr}: ${body.error}`);
      }
      return body.data.result;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise(r => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
