// Writes src/schema/openapi.generated.ts from src/schema/openapi.yaml.
// (`backstage-repo-tools package schema openapi generate --server` needs a
// Java jar that is not available offline; this produces the same `spec`.)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../src/schema');
const spec = YAML.parse(readFileSync(resolve(dir, 'openapi.yaml'), 'utf8'));
writeFileSync(
  resolve(dir, 'openapi.generated.ts'),
  `// THIS FILE IS GENERATED from openapi.yaml by scripts/generate-openapi-spec.mjs; do not edit.\n` +
    `export const spec = ${JSON.stringify(spec, null, 2)} as const;\n`,
);
