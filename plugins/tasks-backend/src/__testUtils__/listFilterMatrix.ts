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
  // In the benchmark's data each assignee's tasks share one status (user7's
  // are in progress), each creator's two (user3's: in progress and done)
  // and each entity's one (service-42's: blocked). A status they do not
  // have must stop at once; one they have must be read in order.
  'status+assignee': { status: ['todo'], assignee: 'user:default/user7' },
  'status+assignee (matching)': {
    status: ['in_progress'],
    assignee: 'user:default/user7',
  },
  createdBy: { createdBy: 'user:default/user3' },
  'status+createdBy': { status: ['todo'], createdBy: 'user:default/user3' },
  'status (2)+createdBy': {
    status: ['todo', 'blocked'],
    createdBy: 'user:default/user3',
  },
  'status (2)+createdBy (one matching)': {
    status: ['todo', 'done'],
    createdBy: 'user:default/user3',
  },
  // the "Created by me" view with the filter bar's assignee: this creator's
  // and this assignee's tasks do not overlap in the benchmark's data
  'createdBy+assignee': {
    createdBy: 'user:default/user3',
    assignee: 'user:default/user7',
  },
  // user33 is assigned 500 of user3's tasks
  'createdBy+assignee (overlapping)': {
    createdBy: 'user:default/user3',
    assignee: 'user:default/user33',
  },
  entityRef: { entityRef: 'component:default/service-42' },
  'entityRef+assignee': {
    entityRef: 'component:default/service-42',
    assignee: 'user:default/user7',
  },
  // user58 is assigned all of service-42's assigned tasks
  'entityRef+assignee (overlapping)': {
    entityRef: 'component:default/service-42',
    assignee: 'user:default/user58',
  },
  'status+entityRef': {
    status: ['in_progress'],
    entityRef: 'component:default/service-42',
  },
  'status+entityRef (matching)': {
    status: ['blocked'],
    entityRef: 'component:default/service-42',
  },
  label: { label: 'infra' },
  'label+assignee': { label: 'infra', assignee: 'user:default/user7' },
  dueBefore: { dueBefore: '2026-06-30' },
  'dueAfter+dueBefore': { dueAfter: '2026-03-01', dueBefore: '2026-06-30' },
  // words of one task in five and one in seven (TextSearchFrequency: common)
  q: { q: 'database' },
  'q+status': { q: 'review', status: ['todo'] },
  // the number of one task ("Task 4242 …", blocked): a rare word
  'q (rare word)': { q: '4242' },
  'q+status (rare word)': { q: '4242', status: ['blocked'] },
};

/**
 * The SQL of a list's page query as the store runs it (knex's `query`
 * event): one query on `tasks`, or the union of its per-status branches.
 */
export const PAGE_QUERY_SQL =
  /^select ("tasks"\."id"|\* from \(\(select "tasks"\."id")/i;
