/**
 * Tasks frontend plugin (new frontend system): Tasks page, task detail page,
 * entity "Tasks" tab and card, home widget, charts and live refresh.
 *
 * @packageDocumentation
 */

export { tasksPlugin as default } from './plugin';
export {
  tasksApiRef,
  TasksClient,
  TaskConflictError,
  type TasksApi,
} from './api';
