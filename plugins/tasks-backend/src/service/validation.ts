import { InputError } from '@backstage/errors';
import {
  codePointLength,
  entityRefSchema,
  labelSchema,
  TASK_PATTERNS,
  taskIdSchema,
  userRefSchema,
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

const date = z.iso.date();
/** `none` means unassigned, in lists and stats alike. */
const assigneeParam = z.union([z.literal('none'), userRefSchema]);
const NON_BLANK_RE = new RegExp(TASK_PATTERNS.nonBlankText);

export const listQuerySchema = z.strictObject({
  status: oneOrMany(z.enum(TASK_STATUSES)).optional(),
  priority: oneOrMany(z.enum(TASK_PRIORITIES)).optional(),
  assignee: assigneeParam.optional(),
  createdBy: userRefSchema.optional(),
  entityRef: entityRefSchema.optional(),
  label: labelSchema.optional(),
  dueBefore: date.optional(),
  dueAfter: date.optional(),
  q: z
    .string()
    .refine(s => codePointLength(s) <= 200, 'must be at most 200 characters')
    .regex(NON_BLANK_RE, 'must not be empty')
    .trim()
    .optional(),
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
  entityRef: entityRefSchema.optional(),
  assignee: assigneeParam.optional(),
  weeks: z.coerce.number().int().min(1).max(52).optional(),
}) satisfies z.ZodType<TaskStatsQuery, any>;

/** A page of comments or activity. */
export const subListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(1024).optional(),
});

export { taskIdSchema };

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

const IF_MATCH_RE = new RegExp(TASK_PATTERNS.ifMatch);

/** Parses `If-Match: "3"` (quotes and W/ optional) into a version. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  if (!IF_MATCH_RE.test(header)) {
    throw new InputError('If-Match: must be the task version, e.g. "3"');
  }
  return Number(header.replace(/\D/g, ''));
}
