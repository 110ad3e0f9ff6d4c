import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import { TasksClient, tasksApiRef } from './api';
import { rootRouteRef, taskRouteRef } from './routes';

/** Entities that can have tasks: components, systems and resources. */
const taskEntityFilter = {
  kind: { $in: ['component', 'system', 'resource'] },
};

export const tasksApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: tasksApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new TasksClient({ discoveryApi, fetchApi }),
    }),
});

export const tasksPage = PageBlueprint.make({
  params: {
    path: '/tasks',
    title: 'Tasks',
    icon: <AssignmentTurnedInIcon />,
    routeRef: rootRouteRef,
    loader: () => import('./components/TasksPage').then(m => <m.TasksPage />),
  },
});

export const entityTasksContent = EntityContentBlueprint.make({
  name: 'tasks',
  params: {
    path: '/tasks',
    title: 'Tasks',
    filter: taskEntityFilter,
    loader: () =>
      import('./components/EntityTasksContent').then(m => (
        <m.EntityTasksContent />
      )),
  },
});

export const entityTasksCard = EntityCardBlueprint.make({
  name: 'open-tasks',
  params: {
    filter: taskEntityFilter,
    loader: () =>
      import('./components/TasksStatusCard').then(m => <m.EntityTasksCard />),
  },
});

export const tasksHomeWidget = HomePageWidgetBlueprint.make({
  name: 'open-tasks',
  params: {
    name: 'TasksOpenByStatus',
    title: 'Open tasks',
    description: 'Open tasks by status, live',
    components: () =>
      import('./components/TasksStatusCard').then(m => ({
        Content: () => <m.TasksStatusContent />,
      })),
  },
});

/**
 * The tasks plugin: Tasks page (`/tasks`, in the sidebar), task detail page,
 * "Tasks" tab and "Open tasks" card on component, system and resource pages,
 * and an "Open tasks" home page widget.
 *
 * @public
 */
export const tasksPlugin = createFrontendPlugin({
  pluginId: 'tasks',
  title: 'Tasks',
  icon: <AssignmentTurnedInIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef, task: taskRouteRef },
  extensions: [
    tasksApi,
    tasksPage,
    entityTasksContent,
    entityTasksCard,
    tasksHomeWidget,
  ],
});
