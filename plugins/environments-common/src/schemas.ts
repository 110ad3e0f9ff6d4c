import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { ENVIRONMENT_PRESETS, ENVIRONMENT_STATUSES } from './types';

/** Limits shared by the UI and the API. @public */
export const ENVIRONMENT_LIMITS = {
  nameMaxLength: 26,
  titleMaxLength: 200,
  idempotencyKeyMaxLength: 200,
  listMaxLimit: 200,
  eventsMaxLimit: 1000,
} as const;

/**
 * Normalizes a group ref (`team-a`, `group:team-a`) to
 * `group:<namespace>/<name>`, or returns undefined when it is malformed or
 * not a group.
 *
 * @public
 */
export function normalizeGroupRef(ref: string): string | undefined {
  try {
    if (!ref || ref.length > 512) return undefined;
    const parsed = parseEntityRef(ref, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (parsed.kind.toLocaleLowerCase('en-US') !== 'group') return undefined;
    return stringifyEntityRef(parsed);
  } catch {
    return undefined;
  }
}

const groupRefSchema = z.string().transform((ref, ctx) => {
  const normalized = normalizeGroupRef(ref);
  if (!normalized) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a group entity ref like group:default/team-a',
    });
    return z.NEVER;
  }
  return normalized;
});

/** DNS label, as infra's `name` rule (infra validates again). @public */
export const environmentNameSchema = z
  .string()
  .max(ENVIRONMENT_LIMITS.nameMaxLength)
  .regex(
    /^[a-z]([a-z0-9-]*[a-z0-9])?$/,
    'must be DNS-safe: lower-case letters, digits and "-", starting with a letter and not ending with "-"',
  );

const idempotencyKey = z
  .string()
  .min(1)
  .max(ENVIRONMENT_LIMITS.idempotencyKeyMaxLength);

/** Spec overrides: any fields of infra's `EnvironmentSpec`, validated by the backend. */
const specOverrides = z.record(z.string(), z.unknown());

/** The fields that identify a new environment must be given explicitly. */
const newSpecOverrides = z.looseObject({
  name: environmentNameSchema,
  account: z.string().min(1),
  region: z.string().min(1),
});

/** `POST /plan` body. @public */
export const planRequestSchema = z.strictObject({
  preset: z.enum(ENVIRONMENT_PRESETS),
  spec: specOverrides,
  /** An existing environment: the plan diffs against its last deployed templates. */
  environment: environmentNameSchema.optional(),
});

/** @public */
export type PlanRequest = z.input<typeof planRequestSchema>;

/** `POST /environments` body. @public */
export const createEnvironmentRequestSchema = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1)
    .max(ENVIRONMENT_LIMITS.titleMaxLength)
    .optional(),
  owner: groupRefSchema,
  preset: z.enum(ENVIRONMENT_PRESETS),
  spec: newSpecOverrides,
  idempotencyKey: idempotencyKey.optional(),
});

/** @public */
export type CreateEnvironmentRequest = z.input<
  typeof createEnvironmentRequestSchema
>;

/** `POST /environments/:name/update` body: overrides merged onto the stored spec. @public */
export const updateEnvironmentRequestSchema = z.strictObject({
  spec: specOverrides,
  idempotencyKey: idempotencyKey.optional(),
});

/** @public */
export type UpdateEnvironmentRequest = z.input<
  typeof updateEnvironmentRequestSchema
>;

/** `POST /environments/:name/retry` body (optional). @public */
export const retryEnvironmentRequestSchema = z.strictObject({
  idempotencyKey: idempotencyKey.optional(),
});

/** @public */
export type RetryEnvironmentRequest = z.input<
  typeof retryEnvironmentRequestSchema
>;

/** `POST /environments/:name/destroy` body: `confirm` repeats the name. @public */
export const destroyEnvironmentRequestSchema = z.strictObject({
  confirm: z.string({ message: 'must repeat the environment name' }),
  idempotencyKey: idempotencyKey.optional(),
});

/** @public */
export type DestroyEnvironmentRequest = z.input<
  typeof destroyEnvironmentRequestSchema
>;

/** `POST /bootstrap` body. @public */
export const bootstrapRequestSchema = z.strictObject({
  account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
  region: z.string().min(1).max(32),
});

/** @public */
export type BootstrapRequest = z.input<typeof bootstrapRequestSchema>;

/** `GET /environments` query. @public */
export const listEnvironmentsQuerySchema = z.strictObject({
  owner: groupRefSchema.optional(),
  status: z.enum(ENVIRONMENT_STATUSES).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(ENVIRONMENT_LIMITS.listMaxLimit)
    .optional(),
  cursor: z.string().max(1024).optional(),
});

/** @public */
export type ListEnvironmentsQuery = z.input<typeof listEnvironmentsQuerySchema>;

/** `GET /operations/:id/events` query. @public */
export const operationEventsQuerySchema = z.strictObject({
  since: z.coerce.number().int().min(0).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(ENVIRONMENT_LIMITS.eventsMaxLimit)
    .optional(),
});

/** @public */
export type OperationEventsQuery = z.input<typeof operationEventsQuerySchema>;
