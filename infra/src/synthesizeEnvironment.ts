import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import {
  buildEnvironmentApp,
  type BuildEnvironmentAppOptions,
  type EnvironmentApp,
} from './buildEnvironmentApp.ts';

/** One rule broken by one or more constructs. */
export interface NagFinding {
  ruleName: string;
  severity: string;
  description: string;
  constructPaths: string[];
}

export interface NagReport {
  /** Findings that fail synthesis. */
  errors: NagFinding[];
  warnings: NagFinding[];
}

export interface SynthesizedEnvironment extends EnvironmentApp {
  assembly: CloudAssembly;
  nag: NagReport;
}

const REPORT_FILES = [
  'validation-report.json',
  'policy-validation-report.json',
];

interface ReportJson {
  pluginReports: {
    violations: {
      ruleName: string;
      severity: string;
      description: string;
      violatingConstructs: { constructPath: string }[];
    }[];
  }[];
}

/** Reads the policy validation report CDK writes into the cloud assembly. */
export function readNagReport(assemblyDir: string): NagReport {
  const file = REPORT_FILES.map(name => join(assemblyDir, name)).find(
    existsSync,
  );
  const report: ReportJson = file
    ? JSON.parse(readFileSync(file, 'utf8'))
    : { pluginReports: [] };
  const findings = report.pluginReports.flatMap(plugin =>
    plugin.violations.map(v => ({
      ruleName: v.ruleName,
      severity: v.severity,
      description: v.description,
      constructPaths: v.violatingConstructs.map(c => c.constructPath),
    })),
  );
  const isError = (f: NagFinding) =>
    f.severity === 'error' || f.severity === 'fatal';
  return {
    errors: findings.filter(isError),
    warnings: findings.filter(f => !isError(f)),
  };
}

/** A CloudFormation template as synthesized (only what callers read). */
export interface SynthesizedTemplate {
  Resources?: Record<string, any>;
  Outputs?: any;
}

/** Every template of a cloud assembly directory, nested stacks included, by file name. */
export function readAssemblyTemplates(
  assemblyDir: string,
): Record<string, SynthesizedTemplate> {
  return Object.fromEntries(
    readdirSync(assemblyDir)
      .filter(file => file.endsWith('.template.json'))
      .map(file => [
        file,
        JSON.parse(readFileSync(join(assemblyDir, file), 'utf8')),
      ]),
  );
}

/**
 * Builds and synthesizes an environment with cdk-nag, returning the cloud assembly
 * and the nag findings instead of failing the process (callers decide).
 */
export function synthesizeEnvironment(
  input: unknown,
  options: BuildEnvironmentAppOptions = {},
): SynthesizedEnvironment {
  const built = buildEnvironmentApp(input, {
    ...options,
    context: {
      '@aws-cdk/core:failSynthOnValidationErrors': false,
      ...options.context,
    },
  });
  const assembly = built.app.synth();
  return { ...built, assembly, nag: readNagReport(assembly.directory) };
}
