import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { spec } from './openapi.generated';

describe('openapi spec', () => {
  it('the generated spec is up to date with openapi.yaml (node scripts/generate-openapi-spec.mjs)', () => {
    const yaml = YAML.parse(
      fs.readFileSync(path.resolve(__dirname, 'openapi.yaml'), 'utf8'),
    );
    expect(spec).toEqual(yaml);
  });
});
