import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { codePointLength, TASK_PATTERNS, utf8Length } from './patterns';
import { TASK_PRIORITIES, TASK_STATUSES } from './types';

/** Limits shared by the UI and the API. @public */
export const TASK_LIMITS = {
  titleMaxLength: 200,
  /** In UTF-8 bytes (64 KiB). */
  descriptionMaxBytes: 64 * 1024,
  labelMaxLength: 50,
  maxLabels: 20,
  commentMaxBytes: 16 * 1024,
  bulkMaxIds: 100,
  /** The largest version a client may send (a PostgreSQL integer). */
  maxVersion: 2147483647,
} as const;

const regex = (source: string) => new RegExp(source);
const UUID_RE = regex(TASK_PATTERNS.uuid);
const ENTITY_REF_RE = regex(TASK_PATTERNS.entityRef);
const USER_REF_RE = regex(TASK_PATTERNS.userRef);
const NON_BLANK_RE = regex(TASK_PATTERNS.nonBlankText);
const LABEL_RE = regex(TASK_PATTERNS.label);

/**
 * Normalizes an entity ref to `kind:namespace/name`, or returns undefined
 * when it is malformed or (if given) of the wrong kind.
 *
 * @public
 */
export function normalizeEntityRef(
  ref: string,
  options?: { defaultKind?: string; requiredKind?: string },
): string | undefined {
  try {
    if (!ref || ref.length > 512) return undefined;
    const parsed = parseEntityRef(ref, {
      defaultKind: options?.defaultKind,
      defaultNamespace: 'default',
    });
    if (
      options?.requiredKind &&
      parsed.kind.toLocaleLowerCase('en-US') !== options.requiredKind
    ) {
      return undefined;
    }
    return stringifyEntityRef(parsed);
  } catch {
    return undefined;
  }
}

/** An entity ref (`kind:[namespace/]name`), normalized. @public */
export const entityRefSchema = z
  .string()
  .regex(ENTITY_REF_RE, 'must be an entity ref like component:default/name')
  .transform(ref => normalizeEntityRef(ref)!);

/** A user ref (`[user:][namespace/]name`), normalized. @public */
export const userRefSchema = z
  .string()
  .regex(USER_REF_RE, 'must be a user entity ref like user:default/jane')
  .transform(
    ref =>
      normalizeEntityRef(ref, { defaultKind: 'user', requiredKind: 'user' })!,
  );

/** A task id: an RFC 9562 UUID in any case, lower-cased. @public */
export const taskIdSchema = z
  .string()
  .regex(UUID_RE, 'must be a UUID')
  .transform(id => id.toLowerCase());

const maxCodePoints = (max: number) => (s: string) => codePointLength(s) <= max;
const maxBytes = (max: number) => (s: string) => utf8Length(s) <= max;

/** Text that must not be blank: limits apply before trimming. */
const nonBlankText = (limits: { maxLength: number; maxBytes?: number }) => {
  let schema = z.string().refine(maxCodePoints(limits.maxLength), {
    message: `must be at most ${limits.maxLength} characters`,
  });
  if (limits.maxBytes) {
    schema = schema.refine(maxBytes(limits.maxBytes), {
      message: `must be at most ${limits.maxBytes} bytes`,
    });
  }
  return schema.regex(NON_BLANK_RE, 'must not be empty').trim();
};

const titleSchema = nonBlankText({ maxLength: TASK_LIMITS.titleMaxLength });
const descriptionSchema = z
  .string()
  .refine(maxBytes(TASK_LIMITS.descriptionMaxBytes), {
    message: `must be at most ${TASK_LIMITS.descriptionMaxBytes} bytes`,
  });
/** One label. @public */
export const labelSchema = z
  .string()
  .regex(LABEL_RE, 'labels must not contain spaces or commas')
  .refine(maxCodePoints(TASK_LIMITS.labelMaxLength), {
    message: `must be at most ${TASK_LIMITS.labelMaxLength} characters`,
  });
const labelsSchema = z
  .array(labelSchema)
  .max(TASK_LIMITS.maxLabels)
  .transform(labels => [...new Set(labels)]);
const dueDateSchema = z.iso.date();
const versionSchema = z.number().int().min(1).max(TASK_LIMITS.maxVersion);

/** Validates and normalizes a create body. @public */
export const createTaskRequestSchema = z.strictObject({
  title: titleSchema,
  description: descriptionSchema.optional(),
  status: z.enum(TASK_STATUSES).optional(),
  priority: z.enum(TASK_PRIORITIES).optional(),
  assignee: userRefSchema.nullable().optional(),
  entityRef: entityRefSchema.nullable().optional(),
  labels: labelsSchema.optional(),
  dueDate: dueDateSchema.nullable().optional(),
});

/** Validates and normalizes a partial update body. @public */
export const updateTaskRequestSchema = z.strictObject({
  title: titleSchema.optional(),
  description: descriptionSchema.optional(),
  status: z.enum(TASK_STATUSES).optional(),
  priority: z.enum(TASK_PRIORITIES).optional(),
  assignee: userRefSchema.nullable().optional(),
  entityRef: entityRefSchema.nullable().optional(),
  labels: labelsSchema.optional(),
  dueDate: dueDateSchema.nullable().optional(),
  version: versionSchema.optional(),
});

/** @public */
export const createTaskCommentRequestSchema = z.strictObject({
  body: nonBlankText({
    maxLength: TASK_LIMITS.commentMaxBytes,
    maxBytes: TASK_LIMITS.commentMaxBytes,
  }),
});

/** @public */
export const bulkUpdateTaskStatusRequestSchema = z.strictObject({
  ids: z.array(taskIdSchema).min(1).max(TASK_LIMITS.bulkMaxIds),
  status: z.enum(TASK_STATUSES),
});
