import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PlanResult } from '../planResult';
import type { CfnTemplate, SynthesizedStack } from './SynthesizedStack';

export interface SynthesizedStacks {
  /** The full validated spec, as JSON. */
  spec: Record<string, unknown>;
  /** Top-level stacks in deployment order (dependencies first). */
  stacks: SynthesizedStack[];
  nag: PlanResult['nag'];
}

/** Orders stacks so that each comes after the stacks it depends on. */
export function inDependencyOrder(
  stacks: SynthesizedStack[],
): SynthesizedStack[] {
  const byName = new Map(stacks.map(s => [s.stackName, s]));
  const ordered: SynthesizedStack[] = [];
  const seen = new Set<string>();
  const visit = (stack: SynthesizedStack) => {
    if (seen.has(stack.stackName)) return;
    seen.add(stack.stackName);
    for (const dep of stack.dependencies) {
      const dependency = byName.get(dep);
      if (dependency) visit(dependency);
    }
    ordered.push(stack);
  };
  stacks.forEach(visit);
  return ordered;
}

/** Files of the assembly's JSON assets (nested stack templates) by asset hash. */
function nestedTemplateFiles(outdir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const manifest of readdirSync(outdir).filter(f =>
    f.endsWith('.assets.json'),
  )) {
    const assets = JSON.parse(readFileSync(join(outdir, manifest), 'utf8'));
    for (const [hash, asset] of Object.entries<any>(assets.files ?? {})) {
      if (String(asset.source?.path).endsWith('.json'))
        files.set(hash, asset.source.path);
    }
  }
  return files;
}

/** JSON with object keys sorted: equal specs give equal keys whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map(k => [k, v[k]]),
        )
      : v,
  );
}

/**
 * The last synths of this worker process, by spec. A synth is a pure function of
 * the spec and this code, so the deploy that follows a plan (the create-environment
 * template plans, then creates) reuses the plan's synth instead of spending seconds
 * of CPU on it again. The cache goes with the worker when it exits idle.
 */
const recentSynths = new Map<string, Promise<SynthesizedStacks>>();
const RECENT_SYNTHS = 4;

/**
 * Synthesizes an environment through `@taskplatform/infra` with cdk-nag into a temporary
 * directory and reads its stacks (nested stacks included). Loads aws-cdk-lib on first
 * use: call it only off the backend's event loop (the deployer worker process).
 */
export function synthesizeStacks(spec: unknown): Promise<SynthesizedStacks> {
  const key = canonicalJson(spec);
  let synth = recentSynths.get(key);
  if (synth) {
    recentSynths.delete(key); // most recently used goes last
  } else {
    synth = synthesizeUncached(spec);
    // a failed synth is not kept: the next call tries again
    synth.catch(() => recentSynths.delete(key));
  }
  recentSynths.set(key, synth);
  while (recentSynths.size > RECENT_SYNTHS) {
    recentSynths.delete(recentSynths.keys().next().value!);
  }
  return synth;
}

async function synthesizeUncached(spec: unknown): Promise<SynthesizedStacks> {
  // A lazy require: aws-cdk-lib loads only here, in the worker (and works under jest).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const infra: typeof import('@taskplatform/infra') = require('@taskplatform/infra');
  const outdir = mkdtempSync(join(tmpdir(), 'environments-synth-'));
  try {
    const synth = infra.synthesizeEnvironment(spec, {
      outdir,
      // Templates only: do not copy the ~60 MB of Lambda layer assets into the assembly.
      context: { 'aws:cdk:disable-asset-staging': true },
    });
    const artifacts = synth.assembly.stacks;
    const nameById = new Map(artifacts.map(a => [a.id, a.stackName]));
    const assetFiles = nestedTemplateFiles(outdir);
    const stacks = artifacts.map((artifact): SynthesizedStack => {
      const template = artifact.template as CfnTemplate;
      const nested = Object.entries(template.Resources ?? {})
        .filter(([, r]) => r.Type === 'AWS::CloudFormation::Stack')
        .flatMap(([logicalId, r]) => {
          const hash = JSON.stringify(r.Properties?.TemplateURL ?? '').match(
            /([0-9a-f]{64})\.json/,
          )?.[1];
          const file = hash ? assetFiles.get(hash) : undefined;
          return file
            ? [
                {
                  logicalId,
                  template: JSON.parse(
                    readFileSync(resolve(outdir, file), 'utf8'),
                  ) as CfnTemplate,
                },
              ]
            : [];
        });
      return {
        stackName: artifact.stackName,
        artifactId: artifact.id,
        dependencies: artifact.dependencies.flatMap(d =>
          nameById.has(d.id) ? [nameById.get(d.id)!] : [],
        ),
        template,
        nested,
      };
    });
    return {
      spec: JSON.parse(JSON.stringify(synth.spec)),
      stacks: inDependencyOrder(stacks),
      nag: {
        errors: synth.nag.errors.map(e => ({
          ruleName: e.ruleName,
          description: e.description,
          constructPaths: e.constructPaths,
        })),
        warningCount: synth.nag.warnings.length,
      },
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
