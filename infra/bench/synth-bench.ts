// Synthesizes the prod preset in-process with cdk-nag and prints wall time and peak RSS.
// Usage: yarn workspace @taskplatform/infra bench [--runs N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TARGET_SECONDS = 20;

async function main() {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;

  const processStart = performance.now();
  // Imported here so the cold figure includes loading aws-cdk-lib and cdk-nag.
  const { environmentPresets, readAssemblyTemplates, synthesizeEnvironment } =
    await import('../src/index.ts');
  const importSeconds = (performance.now() - processStart) / 1000;

  const times: number[] = [];
  let findings = 0;
  let resources = 0;
  for (let i = 0; i < runs; i++) {
    const outdir = mkdtempSync(join(tmpdir(), 'taskplatform-synth-bench-'));
    try {
      const start = performance.now();
      const result = synthesizeEnvironment(environmentPresets.prod, { outdir });
      times.push((performance.now() - start) / 1000);
      findings = result.nag.errors.length + result.nag.warnings.length;
      resources = Object.values(readAssemblyTemplates(outdir)).reduce(
        (sum, template) => sum + Object.keys(template.Resources ?? {}).length,
        0,
      );
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }

  const cold = importSeconds + times[0];
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  const total = (performance.now() - processStart) / 1000;
  console.log(
    `prod preset: build + synth + cdk-nag (AwsSolutions), ${runs} run(s) in one process`,
  );
  console.log(
    `  imports:                        ${importSeconds.toFixed(2)} s`,
  );
  console.log(`  first synth incl. imports:      ${cold.toFixed(2)} s`);
  console.log(
    `  synth runs:                     ${times
      .map(t => t.toFixed(2))
      .join(', ')} s`,
  );
  console.log(`  process total:                  ${total.toFixed(2)} s`);
  console.log(`  peak RSS:                       ${peakRssMiB.toFixed(0)} MiB`);
  console.log(`  CloudFormation resources (5 stacks + nested): ${resources}`);
  console.log(`  unacknowledged nag findings:    ${findings}`);
  console.log(
    `  target <= ${TARGET_SECONDS} s (cold): ${
      cold <= TARGET_SECONDS ? 'met' : 'MISSED'
    }`,
  );
  if (cold > TARGET_SECONDS || findings > 0) process.exitCode = 1;
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
