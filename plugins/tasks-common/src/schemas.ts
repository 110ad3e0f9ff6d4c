import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
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
} as const;

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

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

const entityRefSchema = z.string().transform((ref, ctx) => {
  const normalized = normalizeEntityRef(ref);
  if (!normalized) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be an entity ref like component:default/name',
    });
    return z.NEVER;
  }
  return normalized;
});

const userRefSchema = z.string().transform((ref, ctx) => {
  const normalized = normalizeEntityRef(ref, {
    defaultKind: 'user',
    requiredKind: 'user',
  });
  if (!normalized) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a user entity ref like user:default/jane',
    });
    return z.NEVER;
  }
  return normalized;
});

const titleSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(TASK_LIMITS.titleMaxLength);
const descriptionSchema = z
  .string()
  .refine(s => utf8Length(s) <= TASK_LIMITS.descriptionMaxBytes, {
    message: `must be at most ${TASK_LIMITS.descriptionMaxBytes} bytes`,
  });
const labelsSchema = z
  .array(
    z
      .string()
      .regex(/^[^\s,]+$/, 'labels must not contain spaces or commas')
      .max(TASK_LIMITS.labelMaxLength),
  )
  .max(TASK_LIMITS.maxLabels)
  .transform(labels => [...new Set(labels)]);
const dueDateSchema = z.iso.date();

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
  version: z.number().int().min(1).optional(),
});

/** @public */
export const createTaskCommentRequestSchema = z.strictObject({
  body: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .refine(s => utf8Length(s) <= TASK_LIMITS.commentMaxBytes, {
      message: `must be at most ${TASK_LIMITS.commentMaxBytes} bytes`,
    }),
});

/** @public */
export const bulkUpdateTaskStatusRequestSchema = z.strictObject({
  ids: z.array(z.uuid()).min(1).max(TASK_LIMITS.bulkMaxIds),
  status: z.enum(TASK_STATUSES),
});
