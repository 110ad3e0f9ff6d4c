import { InputError } from '@backstage/errors';
import {
  codePointLength,
  SortOrder,
  TASK_LIMITS,
  TASK_PATTERNS,
  TASK_PRIORITIES,
  TaskSortField,
} from '@taskplatform/plugin-tasks-common';

const UUID_RE = new RegExp(TASK_PATTERNS.uuid);
/** Largest epoch ms a JavaScript Date can hold; the columns are bigint. */
const MAX_EPOCH_MS = 8.64e15;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What a decoded cursor's value may be, per sort: its column's type and
 * range, so a forged cursor gets a 400 and never reaches SQL.
 */
const CURSOR_VALUE_CHECKS: Record<TaskSortField, (v: unknown) => boolean> = {
  createdAt: v =>
    Number.isSafeInteger(v) && Number(v) >= 0 && Number(v) <= MAX_EPOCH_MS,
  updatedAt: v =>
    Number.isSafeInteger(v) && Number(v) >= 0 && Number(v) <= MAX_EPOCH_MS,
  priority: v =>
    Number.isInteger(v) && Number(v) >= 0 && Number(v) < TASK_PRIORITIES.length,
  dueDate: v => v === null || (typeof v === 'string' && DATE_RE.test(v)),
  title: v =>
    typeof v === 'string' &&
    codePointLength(v) <= TASK_LIMITS.titleMaxLength &&
    !v.includes('\u0000'),
};

/** The position after which the next page starts. */
export type TaskCursor = {
  sort: TaskSortField;
  order: SortOrder;
  /** Value of the sort column of the last row (null for a missing due date). */
  value: string | number | null;
  id: string;
};

export function encodeCursor(cursor: TaskCursor): string {
  return Buffer.from(
    JSON.stringify([cursor.sort, cursor.order, cursor.value, cursor.id]),
  ).toString('base64url');
}

/** Decodes a cursor made for the given sort, or throws a 400 naming `cursor`. */
export function decodeCursor(
  raw: string,
  expected: { sort: TaskSortField; order: SortOrder },
): TaskCursor {
  const parsed = parseCursorJson(raw);
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    typeof parsed[3] !== 'string' ||
    !UUID_RE.test(parsed[3])
  ) {
    throw new InputError('cursor: is not a valid cursor');
  }
  const [sort, order, value, id] = parsed;
  if (sort !== expected.sort || order !== expected.order) {
    throw new InputError(
      'cursor: was made for another sort or order; start from the first page',
    );
  }
  if (!CURSOR_VALUE_CHECKS[expected.sort](value)) {
    throw new InputError('cursor: is not a valid cursor');
  }
  return { sort, order, value, id: id.toLowerCase() };
}

/** Cursor of a comment page: the last comment's `created_at` and id. */
export function encodeCommentCursor(createdAt: number, id: string): string {
  return Buffer.from(JSON.stringify(['c', createdAt, id])).toString(
    'base64url',
  );
}

export function decodeCommentCursor(raw: string): {
  createdAt: number;
  id: string;
} {
  const parsed = parseCursorJson(raw);
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== 'c' ||
    !CURSOR_VALUE_CHECKS.createdAt(parsed[1]) ||
    typeof parsed[2] !== 'string' ||
    !UUID_RE.test(parsed[2])
  ) {
    throw new InputError('cursor: is not a valid cursor');
  }
  return { createdAt: parsed[1], id: parsed[2].toLowerCase() };
}

/** Cursor of an activity page: the last entry's id (a bigint sequence). */
export function encodeActivityCursor(id: number): string {
  return Buffer.from(JSON.stringify(['a', id])).toString('base64url');
}

export function decodeActivityCursor(raw: string): number {
  const parsed = parseCursorJson(raw);
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    parsed[0] !== 'a' ||
    !Number.isSafeInteger(parsed[1]) ||
    parsed[1] < 0
  ) {
    throw new InputError('cursor: is not a valid cursor');
  }
  return parsed[1];
}

function parseCursorJson(raw: string): unknown {
  try {
    return JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new InputError('cursor: is not a valid cursor');
  }
}
