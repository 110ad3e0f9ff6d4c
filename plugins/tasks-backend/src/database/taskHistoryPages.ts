import { TaskActivity, TaskComment } from '@taskplatform/plugin-tasks-common';
import { Knex } from 'knex';
import {
  decodeActivityCursor,
  decodeCommentCursor,
  encodeActivityCursor,
  encodeCommentCursor,
} from './cursor';
import { rowToActivity, rowToComment } from './taskRows';
import { PageQuery } from './types';

/** A page of a task's comments, oldest first, by keyset `(created_at, id)`. */
export async function listCommentsPage(
  db: Knex,
  taskId: string,
  page: PageQuery = {},
): Promise<{ items: TaskComment[]; nextCursor?: string }> {
  const limit = page.limit ?? 50;
  const query = db('task_comments').where({ task_id: taskId });
  if (page.cursor) {
    const after = decodeCommentCursor(page.cursor);
    query.whereRaw('(created_at, id) > (?, ?)', [after.createdAt, after.id]);
  }
  const rows = await query
    .orderBy([
      { column: 'created_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .limit(limit + 1);
  const more = rows.length > limit;
  if (more) rows.length = limit;
  const last = rows[rows.length - 1];
  return {
    items: rows.map(rowToComment),
    ...(more
      ? { nextCursor: encodeCommentCursor(Number(last.created_at), last.id) }
      : {}),
  };
}

/** A page of a task's history, oldest first, by keyset `id`. */
export async function listActivityPage(
  db: Knex,
  taskId: string,
  page: PageQuery = {},
): Promise<{ items: TaskActivity[]; nextCursor?: string }> {
  const limit = page.limit ?? 50;
  const query = db('task_activity').where({ task_id: taskId });
  if (page.cursor) {
    query.where('id', '>', decodeActivityCursor(page.cursor));
  }
  const rows = await query.orderBy('id', 'asc').limit(limit + 1);
  const more = rows.length > limit;
  if (more) rows.length = limit;
  return {
    items: rows.map(rowToActivity),
    ...(more
      ? { nextCursor: encodeActivityCursor(Number(rows[limit - 1].id)) }
      : {}),
  };
}
