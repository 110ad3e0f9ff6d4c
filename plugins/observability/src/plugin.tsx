import {
  ApiBlueprint,
  configApiRef,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { kubernetesApiRef } from '@backstage/plugin-kubernetes-react';
import { ObservabilityClient, observabilityApiRef } from './api';
import { hasObservabilityAnnotations } from './entity/observabilityTargets';

export const observabilityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: observabilityApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        fetchApi: fetchApiRef,
        configApi: configApiRef,
        kubernetesApi: kubernetesApiRef,
      },
      factory: deps => new ObservabilityClient(deps),
    }),
});

export const entityObservabilityContent = EntityContentBlueprint.make({
  name: 'observability',
  params: {
    path: '/observability',
    title: 'Observability',
    filter: hasObservabilityAnnotations,
    loader: () =>
      import('./components/ObservabilityContent').then(m => (
        <m.ObservabilityContent />
      )),
  },
});

/**
 * The observability plugin: an "Observability" tab on entities with
 * Kubernetes, Prometheus or Grafana annotations.
 *
 * @public
 */
export const observabilityPlugin = createFrontendPlugin({
  pluginId: 'observability',
  title: 'Observability',
  info: { packageJson: () => import('../package.json') },
  extensions: [observabilityApi, entityObservabilityContent],
});

export default observabilityPlugin;
