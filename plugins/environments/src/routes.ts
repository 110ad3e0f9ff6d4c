import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The Environments page (`/environments`). */
export const rootRouteRef = createRouteRef();

/** The page of one environment (`/environments/:name`). */
export const environmentRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:name',
});

/** Where the Create button leads: the create-environment template. */
export const CREATE_ENVIRONMENT_TEMPLATE_PATH =
  '/create/templates/default/create-environment';
