import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { alertDefinitions, alertRuleGroups } from './alertRules.ts';
import { ALERT_CASES as cases, RUNBOOK_BASE } from './alertTestCases.ts';

const PROMTOOL = '/usr/bin/promtool';
const promtoolMissing = !fs.existsSync(PROMTOOL);
if (promtoolMissing && process.env.CI) {
  throw new Error(`${PROMTOOL} is missing; apt-get install -y prometheus`);
}
const describeWithPromtool = promtoolMissing ? describe.skip : describe;

describeWithPromtool('alert rules under promtool', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alert-rules-'));
    fs.writeFileSync(
      path.join(dir, 'rules.yaml'),
      stringify({
        groups: alertRuleGroups({ runbookBaseUrl: `${RUNBOOK_BASE}/` }),
      }),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has a case for every alert', () => {
    expect(cases.map(c => c.alert).sort()).toEqual(
      alertDefinitions()
        .map(a => a.alert)
        .sort(),
    );
  });

  it('passes promtool check rules', () => {
    const out = execFileSync(PROMTOOL, ['check', 'rules', 'rules.yaml'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(out).toMatch(/SUCCESS: 7 rules found/);
  });

  it('fires each alert on its sick series only, after its `for:`, and never on healthy series', () => {
    const tests = cases.flatMap(c => [
      {
        interval: '1m',
        input_series: c.firing,
        alert_rule_test: [
          { eval_time: c.pendingTime, alertname: c.alert, exp_alerts: [] },
          {
            eval_time: c.evalTime,
            alertname: c.alert,
            exp_alerts: [
              { exp_labels: c.expLabels, exp_annotations: c.expAnnotations },
            ],
          },
        ],
      },
      {
        interval: '1m',
        input_series: c.healthy,
        alert_rule_test: [
          { eval_time: c.evalTime, alertname: c.alert, exp_alerts: [] },
        ],
      },
    ]);
    fs.writeFileSync(
      path.join(dir, 'tests.yaml'),
      stringify({
        rule_files: ['rules.yaml'],
        evaluation_interval: '1m',
        tests,
      }),
    );
    let output = '';
    try {
      output = execFileSync(PROMTOOL, ['test', 'rules', 'tests.yaml'], {
        cwd: dir,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error: any) {
      throw new Error(
        `promtool test rules failed:\n${error.stdout}${error.stderr}`,
      );
    }
    expect(output).toMatch(/SUCCESS/);
  });
});
