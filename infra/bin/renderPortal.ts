// Renders the portal's Kubernetes resources (cdk8s) to YAML for `kubectl apply`.
//   node bin/renderPortal.ts --preset prod --portal portal.yaml [--image IMAGE] [--out file]
// portal.yaml holds the portal deployment fields (see src/portal/portalDeploymentSpec.ts)
// and an optional `environment:` block of spec overrides for the preset.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { stringify, parse } from 'yaml';
import { specFromPreset, type EnvironmentStage } from '../src/index.ts';
import { portalManifests } from '../src/portal/portalManifests.ts';

const { values } = parseArgs({
  options: {
    preset: { type: 'string', default: 'prod' },
    portal: { type: 'string' },
    image: { type: 'string' },
    out: { type: 'string' },
  },
});
if (!values.portal) {
  throw new Error('--portal <file.yaml> is required');
}
const { environment = {}, ...portal } =
  parse(readFileSync(values.portal, 'utf8')) ?? {};
if (values.image) portal.image = values.image;
const env = specFromPreset(values.preset as EnvironmentStage, environment);
const yaml = portalManifests(env, portal)
  .toJson()
  .map(object => stringify(object))
  .join('---\n');
if (values.out) writeFileSync(values.out, yaml);
else process.stdout.write(yaml);
