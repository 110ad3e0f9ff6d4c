import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The Tasks page (`/tasks`). */
export const rootRouteRef = createRouteRef();

/** The detail page of one task (`/tasks/:taskId`). */
export const taskRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:taskId',
});
