import { InputError } from '@backstage/errors';
import { SortOrder, TaskSortField } from '@taskplatform/plugin-tasks-common';

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
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new InputError('cursor: is not a valid cursor');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    typeof parsed[3] !== 'string' ||
    !/^[0-9a-f-]{36}$/.test(parsed[3])
  ) {
    throw new InputError('cursor: is not a valid cursor');
  }
  const [sort, order, value, id] = parsed;
  if (sort !== expected.sort || order !== expected.order) {
    throw new InputError(
      'cursor: was made for another sort or order; start from the first page',
    );
  }
  const numeric =
    sort === 'createdAt' || sort === 'updatedAt' || sort === 'priority';
  const valid = numeric
    ? Number.isSafeInteger(value)
    : (sort === 'dueDate' && value === null) ||
      (typeof value === 'string' &&
        value.length <= 200 &&
        !value.includes('\u0000'));
  if (!valid) {
    throw new InputError('cursor: is not a valid cursor');
  }
  return { sort, order, value, id };
}
