import { InputError } from '@backstage/errors';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { EnvironmentListResponse } from '@taskplatform/plugin-environments-common';
import { Knex } from 'knex';
import { EnvironmentRow, rowToEnvironment } from './rows';
import {
  EnvironmentFilter,
  EnvironmentPermissionFilter,
  ListEnvironmentsOptions,
} from './types';

const DEFAULT_LIMIT = 50;

/** Adds a permission filter to a query on `environments` as SQL. */
export function applyPermissionFilter(
  query: Knex.QueryBuilder,
  filter: EnvironmentPermissionFilter,
) {
  if (filter) query.where(inner => applyCriteria(inner, filter));
}

function applyCriteria(
  query: Knex.QueryBuilder,
  criteria: PermissionCriteria<EnvironmentFilter>,
) {
  if ('allOf' in criteria) {
    for (const sub of criteria.allOf) {
      query.andWhere(inner => applyCriteria(inner, sub));
    }
  } else if ('anyOf' in criteria) {
    for (const sub of criteria.anyOf) {
      query.orWhere(inner => applyCriteria(inner, sub));
    }
  } else if ('not' in criteria) {
    query.whereNot(inner => applyCriteria(inner, criteria.not));
  } else if (criteria.values.length === 0) {
    query.whereRaw('1 = 0');
  } else {
    query.whereIn(`environments.${criteria.key}`, criteria.values);
  }
}

function encodeCursor(row: EnvironmentRow): string {
  return Buffer.from(JSON.stringify([Number(row.created_at), row.id])).toString(
    'base64url',
  );
}

function decodeCursor(raw: string): [number, string] {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      Number.isSafeInteger(value[0]) &&
      typeof value[1] === 'string'
    ) {
      return value as [number, string];
    }
  } catch {
    // falls through to the 400
  }
  throw new InputError('cursor: is not a valid cursor');
}

/** Newest first, keyset-paged on (created_at, id). */
export async function listEnvironments(
  db: Knex,
  options: {
    query: ListEnvironmentsOptions;
    filter?: EnvironmentPermissionFilter;
  },
): Promise<EnvironmentListResponse> {
  const { query, filter } = options;
  const limit = query.limit ?? DEFAULT_LIMIT;
  const q = db<EnvironmentRow>('environments')
    .select('*')
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit + 1);
  if (query.owner) q.where('owner', query.owner);
  if (query.status) q.where('status', query.status);
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor);
    q.where(inner =>
      inner
        .where('created_at', '<', createdAt)
        .orWhere(same =>
          same.where('created_at', createdAt).andWhere('id', '<', id),
        ),
    );
  }
  applyPermissionFilter(q, filter);
  const rows = await q;
  const page = rows.slice(0, limit);
  return {
    items: page.map(rowToEnvironment),
    ...(rows.length > limit
      ? { nextCursor: encodeCursor(page[page.length - 1]) }
      : {}),
  };
}
