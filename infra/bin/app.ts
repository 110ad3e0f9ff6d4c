// Entry point of `cdk synth` (see cdk.json). Picks the spec from CDK context:
//   -c preset=dev|prod        preset to start from (default dev)
//   -c specFile=path.yaml     JSON or YAML overrides merged onto the preset
//   -c account=... -c region=... -c githubOrg=... -c githubRepo=...
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { parse } from 'yaml';
import {
  buildEnvironmentApp,
  specFromPreset,
  type EnvironmentStage,
} from '../src/index.ts';

// A throwaway App only to read the CLI's context; it must not synthesize on exit.
const context = new App({ autoSynth: false }).node;
const get = (key: string): string | undefined =>
  context.tryGetContext(key) ?? undefined;

const specFile = get('specFile');
const overrides: Record<string, unknown> = specFile
  ? parse(readFileSync(specFile, 'utf8')) ?? {}
  : {};
if (get('account')) overrides.account = get('account');
if (get('region')) overrides.region = get('region');
if (get('githubOrg') || get('githubRepo')) {
  overrides.github = {
    ...(overrides.github as object | undefined),
    ...(get('githubOrg') ? { org: get('githubOrg') } : {}),
    ...(get('githubRepo') ? { repo: get('githubRepo') } : {}),
  };
}

const stage = (get('preset') ??
  (overrides.stage as string | undefined) ??
  'dev') as EnvironmentStage;
const { app } = buildEnvironmentApp(specFromPreset(stage, overrides));
app.synth();
