import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { EnvironmentsClient, environmentsApiRef } from './api';
import { environmentRouteRef, rootRouteRef } from './routes';

/** Environment Resources published by the environments backend. */
const environmentEntityFilter = {
  kind: 'resource',
  'spec.type': 'environment',
  'metadata.annotations.taskplatform.io/environment': { $exists: true },
};

export const environmentsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: environmentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EnvironmentsClient({ discoveryApi, fetchApi }),
    }),
});

export const environmentsPage = PageBlueprint.make({
  params: {
    path: '/environments',
    title: 'Environments',
    icon: <CloudQueueIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/EnvironmentsPage').then(m => <m.EnvironmentsPage />),
  },
});

export const entityEnvironmentContent = EntityContentBlueprint.make({
  name: 'environment',
  params: {
    path: '/environment',
    title: 'Environment',
    filter: environmentEntityFilter,
    loader: () =>
      import('./components/entity/EntityEnvironmentContent').then(m => (
        <m.EntityEnvironmentContent />
      )),
  },
});

/** `ui:field: EnvironmentAccountPicker` of the create-environment template. */
export const environmentAccountPickerFormField = FormFieldBlueprint.make({
  name: 'environment-account-picker',
  params: {
    field: () =>
      import('./components/fields/EnvironmentAccountPicker').then(
        m => m.EnvironmentAccountPickerField,
      ),
  },
});

/** `ui:field: EnvironmentRegionPicker` of the create-environment template. */
export const environmentRegionPickerFormField = FormFieldBlueprint.make({
  name: 'environment-region-picker',
  params: {
    field: () =>
      import('./components/fields/EnvironmentRegionPicker').then(
        m => m.EnvironmentRegionPickerField,
      ),
  },
});

/**
 * The environments plugin: the Environments page (`/environments`, in the
 * sidebar), the page of one environment with its live operation timeline,
 * an "Environment" tab on environment Resources in the catalog, and the
 * scaffolder fields EnvironmentAccountPicker and EnvironmentRegionPicker
 * (the accounts and regions of `environments.accounts`).
 *
 * @public
 */
export const environmentsPlugin = createFrontendPlugin({
  pluginId: 'environments',
  title: 'Environments',
  icon: <CloudQueueIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef, environment: environmentRouteRef },
  extensions: [
    environmentsApi,
    environmentsPage,
    entityEnvironmentContent,
    environmentAccountPickerFormField,
    environmentRegionPickerFormField,
  ],
});
