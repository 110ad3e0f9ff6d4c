import { InputError } from '@backstage/errors';
import {
  normalizeEntityRef,
  TASK_PRIORITIES,
  TASK_SORT_FIELDS,
  TASK_STATUSES,
  TaskListQuery,
  TaskStatsQuery,
} from '@taskplatform/plugin-tasks-common';
import { z } from 'zod';

/** Parses with zod, turning the first issue into a 400 naming the field. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  prefix?: string,
): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    const field =
      issue.code === 'unrecognized_keys'
        ? [path, issue.keys.join(', ')].filter(Boolean).join('.')
        : path || 'body';
    throw new InputError(`${field}: ${issue.message}`);
  }
  return result.data;
}

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    v => (v === undefined || Array.isArray(v) ? v : [v]),
    z.array(item).max(4),
  );

const refParam = (kind?: 'user') =>
  z.string().transform((ref, ctx) => {
    const normalized = normalizeEntityRef(
      ref,
      kind ? { defaultKind: kind, requiredKind: kind } : undefined,
    );
    if (!normalized) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid entity ref' });
      return z.NEVER;
    }
    return normalized;
  });

const date = z.iso.date();

export const listQuerySchema = z.strictObject({
  status: oneOrMany(z.enum(TASK_STATUSES)).optional(),
  priority: oneOrMany(z.enum(TASK_PRIORITIES)).optional(),
  assignee: z.union([z.literal('none'), refParam('user')]).optional(),
  createdBy: refParam().optional(),
  entityRef: refParam().optional(),
  label: z.string().min(1).max(50).optional(),
  dueBefore: date.optional(),
  dueAfter: date.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(TASK_SORT_FIELDS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(1024).optional(),
  includeTotal: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform(v => v === true || v === 'true')
    .optional(),
}) satisfies z.ZodType<TaskListQuery, any>;

export const statsQuerySchema = z.strictObject({
  entityRef: refParam().optional(),
  assignee: refParam('user').optional(),
  weeks: z.coerce.number().int().min(1).max(52).optional(),
}) satisfies z.ZodType<TaskStatsQuery, any>;

export const taskIdSchema = z.uuid();

/**
 * Path of the first string containing a NUL character (which PostgreSQL
 * cannot store), or undefined.
 */
export function findNulCharacter(
  value: unknown,
  path: string,
): string | undefined {
  if (typeof value === 'string')
    return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulCharacter(value[i], `${path}.${i}`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found =
        findNulCharacter(key, path) ?? findNulCharacter(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** Parses `If-Match: "3"` (quotes and W/ optional) into a version. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match || Number(match[1]) < 1) {
    throw new InputError('If-Match: must be the task version, e.g. "3"');
  }
  return Number(match[1]);
}
