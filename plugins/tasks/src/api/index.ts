export { tasksApiRef } from './TasksApi';
export type { TasksApi } from './TasksApi';
export { TasksClient } from './TasksClient';
export { TaskConflictError } from './TaskConflictError';
export { describeError } from './describeError';
