import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { TaskFilter, TaskPermissionFilter } from './types';

/** Restricts a query on `tasks` to the rows a permission filter allows. */
export function applyPermissionFilter(
  query: Knex.QueryBuilder,
  filter: TaskPermissionFilter,
): void {
  if (filter) {
    query.where(inner => applyCriteria(inner, filter));
  }
}

function applyCriteria(
  query: Knex.QueryBuilder,
  criteria: PermissionCriteria<TaskFilter>,
): void {
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
  } else {
    if (criteria.key === 'entity_owned_by') {
      throw new Error('entity_owned_by must be resolved before querying');
    }
    if (criteria.values.length === 0) {
      query.whereRaw('1 = 0');
    } else {
      query.whereIn(`tasks.${criteria.key}`, criteria.values);
    }
  }
}
