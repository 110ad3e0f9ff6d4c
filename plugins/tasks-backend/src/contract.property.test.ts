/*
 * Requests derived from the contract alone (openapi.yaml): an independent
 * oracle (Ajv 2020 over the spec's schemas) classifies each generated
 * request, and the backend must agree: valid ones never get 400 (nor 5xx),
 * invalid ones always get 400.
 *
 * What JSON Schema cannot say, the oracle reads from the spec too:
 * `x-maxBytes` (UTF-8 byte limits) and the info's rule that unknown query
 * parameters are rejected. `cursor` is opaque (valid values are those the
 * API returned), so it is not generated here; plugin.test.ts covers it.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import request from 'supertest';
import {
  alice,
  authHeader,
  startTasksBackend,
} from './__testUtils__/startTasksBackend';
import { spec } from './schema/openapi.generated';

jest.setTimeout(180_000);

type Schema = Record<string, any>;

/** The spec with every `$ref` replaced by what it points at. */
function deref(node: any): any {
  if (Array.isArray(node)) return node.map(deref);
  if (node && typeof node === 'object') {
    if (typeof node.$ref === 'string') {
      const target = node.$ref
        .slice(2)
        .split('/')
        .reduce((o: any, k: string) => o[k], spec);
      return deref(target);
    }
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, deref(v)]),
    );
  }
  return node;
}

const ajv = new Ajv2020({ strict: false, allErrors: false });
addFormats(ajv);
ajv.addKeyword({
  keyword: 'x-maxBytes',
  type: 'string',
  validate: (max: number, data: string) => Buffer.byteLength(data) <= max,
});
const validates = (schema: Schema, value: unknown) =>
  ajv.validate(schema, value) as boolean;

/** A value the schema accepts (the oracle still has the last word). */
function validValue(schema: Schema): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.oneOf) return fc.oneof(...schema.oneOf.map(validValue));
  const types = ([] as string[]).concat(schema.type ?? 'string');
  if (types.length > 1) {
    return fc.oneof(...types.map(type => validValue({ ...schema, type })));
  }
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({
        min: schema.minimum ?? -(2 ** 31),
        max: schema.maximum ?? 2 ** 31 - 1,
      });
    case 'array':
      return fc.array(validValue(schema.items), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, 5),
      });
    case 'object': {
      const props: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries<Schema>(schema.properties ?? {})) {
        props[k] = validValue(v);
      }
      return fc.record(props, { requiredKeys: schema.required ?? [] });
    }
    default:
      return validString(schema);
  }
}

function validString(schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'date') {
    return fc
      .date({
        min: new Date('1900-01-01'),
        max: new Date('2200-12-31'),
        noInvalidDate: true,
      })
      .map(d => d.toISOString().slice(0, 10));
  }
  const base = schema.pattern
    ? fc.stringMatching(new RegExp(schema.pattern))
    : fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
      );
  return base.filter(s => validates(schema, s));
}

/** Strings that break some rule a string schema states (or happen not to). */
function nearMiss(schema: Schema): fc.Arbitrary<unknown> {
  const max = schema.maxLength ?? 64;
  return fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      '\t \n',
      'a,b',
      'with space',
      'nul\u0000',
      'x'.repeat(max + 1),
      '€'.repeat(Math.ceil((schema['x-maxBytes'] ?? 0) / 3) + 1),
      'user:default/',
      'group:default/x',
      'Component:default/web',
      ':web',
      'web',
      '123e4567-e89b-12d3-a456-426614174000',
      '123e4567-e89b-02d3-a456-426614174000',
      'urn:uuid:123e4567-e89b-42d3-a456-426614174000',
      '2026-02-30',
      '2026-1-1',
      'W/"0"',
      '"01"',
      '"3',
    ),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.integer().map(String),
  );
}

/** A value that may break the schema: a near miss, wrong type or valid. */
function anyValue(schema: Schema): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 2, arbitrary: validValue(schema) },
    { weight: 3, arbitrary: nearMiss(schema) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
  );
}

/** Bodies: valid ones, and valid ones with one property broken, added or dropped. */
function bodies(schema: Schema): fc.Arbitrary<unknown> {
  const props = Object.entries<Schema>(schema.properties ?? {});
  return fc.oneof(
    validValue(schema),
    fc
      .tuple(
        validValue(schema),
        fc.constantFrom(...props),
        fc.constantFrom('break', 'drop'),
      )
      .chain(([body, [key, prop], how]) =>
        how === 'drop'
          ? fc.constant(
              Object.fromEntries(
                Object.entries(body as object).filter(([k]) => k !== key),
              ),
            )
          : anyValue(prop).map(v => ({ ...(body as object), [key]: v })),
      ),
    validValue(schema).map(body => ({ ...(body as object), extra: 1 })),
    fc.jsonValue({ maxDepth: 1 }),
  );
}

type Operation = {
  method: string;
  path: string;
  parameters: Schema[];
  body?: Schema;
};

const operations: Operation[] = Object.entries<any>(deref(spec.paths)).flatMap(
  ([path, item]) =>
    Object.entries<any>(item).map(([method, op]) => ({
      method,
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema,
    })),
);

type Generated = {
  id?: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body?: unknown;
};

/** One request for an operation, and whether the contract says it is valid. */
function requests(
  op: Operation,
  existingId: () => string,
): fc.Arbitrary<Generated & { valid: boolean }> {
  const query = op.parameters.filter(
    p => p.in === 'query' && p.name !== 'cursor',
  );
  const queryArb = fc.record(
    Object.fromEntries(
      query.map(p => [
        p.name,
        fc.oneof(
          { weight: 12, arbitrary: validValue(p.schema) },
          { weight: 1, arbitrary: anyValue(p.schema) },
        ),
      ]),
    ),
    { requiredKeys: [] },
  );
  const idParam = op.parameters.find(p => p.in === 'path');
  const ifMatch = op.parameters.find(p => p.in === 'header');
  return fc
    .record({
      id: idParam
        ? fc.oneof(
            fc.constant(null).map(() => existingId()),
            fc
              .tuple(fc.constant(null), fc.boolean())
              .map(([, up]) =>
                up ? existingId().toUpperCase() : existingId(),
              ),
            validValue(idParam.schema),
            // a path segment that reaches this route (not empty, no `/`)
            nearMiss(idParam.schema).filter(
              v =>
                typeof v === 'string' &&
                /^[^/]+$/.test(v) &&
                v !== '.' &&
                v !== '..',
            ),
          )
        : fc.constant(undefined),
      query: queryArb,
      unknownParam: fc
        .integer({ min: 0, max: 4 })
        .map(i => (i ? undefined : 'bogus')),
      ifMatch: ifMatch
        ? fc.option(anyValue(ifMatch.schema), { nil: undefined })
        : fc.constant(undefined),
      body: op.body ? bodies(op.body) : fc.constant(undefined),
    })
    .map(r => {
      const q: Record<string, string | string[]> = {};
      let valid = true;
      for (const p of query) {
        if (!(p.name in r.query)) continue;
        const v = (r.query as Record<string, unknown>)[p.name];
        if (Array.isArray(v) && v.length === 0) continue; // sends nothing
        const str = (x: unknown) =>
          typeof x === 'string' ? x : JSON.stringify(x);
        // one value sent once (`q=x`) is a scalar, whatever array built it
        q[p.name] =
          Array.isArray(v) && v.length > 1
            ? v.map(str)
            : str(Array.isArray(v) ? v[0] : v);
        if (!queryValueValid(p.schema, q[p.name])) valid = false;
      }
      if (r.unknownParam) {
        q.unknownParam = r.unknownParam;
        valid = false; // the contract rejects unknown query parameters
      }
      const headers: Record<string, string> = {};
      if (typeof r.ifMatch === 'string' && /^[\x20-\x7e]*$/.test(r.ifMatch)) {
        headers['If-Match'] = r.ifMatch;
        if (!validates(ifMatch!.schema, r.ifMatch.trim())) valid = false;
      }
      const id = typeof r.id === 'string' ? r.id : undefined;
      if (idParam && !validates(idParam.schema, id)) valid = false;
      if (op.body && !validates(op.body, r.body)) valid = false;
      return { id, query: q, headers, body: r.body, valid };
    });
}

/** A query value as sent (strings) against its parameter schema. */
function queryValueValid(schema: Schema, value: string | string[]): boolean {
  if (schema.type === 'array') {
    const items = ([] as string[]).concat(value);
    return (
      items.length <= (schema.maxItems ?? Infinity) &&
      items.every(v => queryValueValid(schema.items, v))
    );
  }
  if (Array.isArray(value)) return false;
  if (schema.type === 'integer') {
    return (
      /^-?(0|[1-9][0-9]*)$/.test(value) && validates(schema, Number(value))
    );
  }
  if (schema.type === 'boolean') return value === 'true' || value === 'false';
  return validates(schema, value);
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'the backend agrees with the contract (%p)',
  databaseId => {
    let server: any;
    const ids: string[] = [];
    const auth = authHeader(alice);

    beforeAll(async () => {
      ({ server } = await startTasksBackend({
        knex: await databases.init(databaseId),
      }));
      for (let i = 0; i < 3; i++) {
        const res = await request(server)
          .post('/api/tasks/tasks')
          .set('Authorization', auth)
          .send({ title: `target ${i}` });
        ids.push(res.body.id);
      }
    });

    it.each(
      operations
        // deleting would remove the targets; DELETE gets ids that name no task
        .map(op => [`${op.method.toUpperCase()} ${op.path}`, op] as const),
    )('%s', async (_name, op) => {
      const existing = () =>
        op.method === 'delete'
          ? '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'
          : ids[Math.floor(Math.random() * ids.length)];
      // 30 requests of each kind: valid ones must not get 400, invalid ones
      // must (a count after drawing 60 at random was sometimes under 4)
      const property = (valid: boolean) =>
        fc.asyncProperty(
          requests(op, existing).filter(r => r.valid === valid),
          async r => {
            const path = op.path.replace(
              '{id}',
              encodeURIComponent(r.id ?? ''),
            );
            let req = (request(server) as any)
              [op.method](`/api/tasks${path}`)
              .set('Authorization', auth)
              .query(r.query);
            for (const [k, v] of Object.entries(r.headers)) req = req.set(k, v);
            if (op.body) req = req.type('json').send(JSON.stringify(r.body));
            const res = await req;
            const described = `${res.status} ${JSON.stringify(
              res.body?.error?.message,
            )} for ${JSON.stringify(r)}`;
            if (res.status >= 500)
              throw new Error(`server error: ${described}`);
            if (r.valid && res.status === 400) {
              throw new Error(`valid by the contract, yet ${described}`);
            }
            if (!r.valid && res.status !== 400) {
              throw new Error(`invalid by the contract, yet ${described}`);
            }
          },
        );
      for (const valid of [true, false]) {
        await expect(
          fc.assert(property(valid), { numRuns: 30 }),
        ).resolves.toBeUndefined();
      }
    });
  },
);
