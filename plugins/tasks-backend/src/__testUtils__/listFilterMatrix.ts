import { TaskListQuery } from '@taskplatform/plugin-tasks-common';

/**
 * The filters the Tasks page (views, filter bar) and the entity tab
 * combine, with values of the benchmark's data; each is combined with every
 * sort and order by the plan test and the benchmark.
 */
export const LIST_FILTER_MATRIX: Record<string, TaskListQuery> = {
  none: {},
  status: { status: ['todo'] },
  'status (2)': { status: ['todo', 'blocked'] },
  assignee: { assignee: 'user:default/user7' },
  'assignee=none': { assignee: 'none' },
  // a user with no task: every range of a page (the due-date sort's dated and
  // undated ones) must stop at once, not walk an index of the whole table
  'assignee (no tasks)': { assignee: 'user:default/user10' },
  'status+assignee': { status: ['todo'], assignee: 'user:default/user7' },
  createdBy: { createdBy: 'user:default/user3' },
  'status+createdBy': { status: ['todo'], createdBy: 'user:default/user3' },
  'status (2)+createdBy': {
    status: ['todo', 'blocked'],
    createdBy: 'user:default/user3',
  },
  // the "Created by me" view with the filter bar's assignee: this creator's
  // and this assignee's tasks do not overlap in the benchmark's data
  'createdBy+assignee': {
    createdBy: 'user:default/user3',
    assignee: 'user:default/user7',
  },
  entityRef: { entityRef: 'component:default/service-42' },
  'entityRef+assignee': {
    entityRef: 'component:default/service-42',
    assignee: 'user:default/user7',
  },
  'status+entityRef': {
    status: ['in_progress'],
    entityRef: 'component:default/service-42',
  },
  label: { label: 'infra' },
  'label+assignee': { label: 'infra', assignee: 'user:default/user7' },
  dueBefore: { dueBefore: '2026-06-30' },
  'dueAfter+dueBefore': { dueAfter: '2026-03-01', dueBefore: '2026-06-30' },
  q: { q: 'database' },
  'q+status': { q: 'review', status: ['todo'] },
};

/**
 * The SQL of a list's page query as the store runs it (knex's `query`
 * event): one query on `tasks`, or the union of its per-status branches.
 */
export const PAGE_QUERY_SQL =
  /^select ("tasks"\."id"|\* from \(\(select "tasks"\."id")/i;
