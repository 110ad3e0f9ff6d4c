import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  specFromPreset,
  type EnvironmentSpecOverrides,
  type EnvironmentStage,
} from '../spec.ts';
import {
  readAssemblyTemplates,
  synthesizeEnvironment,
  type SynthesizedEnvironment,
  type SynthesizedTemplate,
} from '../synthesizeEnvironment.ts';

export interface SynthesizedPreset extends SynthesizedEnvironment {
  outdir: string;
  /** The synthesized template of one stack (no second synthesis). */
  template(stack: Stack): Template;
  /** Every template of the assembly, nested stacks included, by file name. */
  allTemplates(): Record<string, SynthesizedTemplate>;
  cleanup(): void;
}

/** Removes AWS credentials and defaults from the environment: synthesis must not need them. */
export function withoutAwsEnvironment(): void {
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('AWS_') || key.startsWith('CDK_DEFAULT_')) {
      delete process.env[key];
    }
  }
}

/** Synthesizes a preset (with cdk-nag) into a temp dir, once per test file. */
export function synthPreset(
  stage: EnvironmentStage,
  overrides: EnvironmentSpecOverrides = {},
): SynthesizedPreset {
  withoutAwsEnvironment();
  const outdir = mkdtempSync(join(tmpdir(), `taskplatform-infra-${stage}-`));
  const result = synthesizeEnvironment(specFromPreset(stage, overrides), {
    outdir,
  });
  return {
    ...result,
    outdir,
    template: stack =>
      Template.fromJSON(
        result.assembly.getStackArtifact(stack.artifactId).template,
      ),
    allTemplates: () => readAssemblyTemplates(outdir),
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}
