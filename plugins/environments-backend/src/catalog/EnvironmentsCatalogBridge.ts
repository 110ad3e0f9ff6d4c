import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { Environment } from '@taskplatform/plugin-environments-common';

/** What the catalog module needs from the environments plugin. */
export interface EnvironmentSource {
  listLiveEnvironments(): Promise<Environment[]>;
  /** Every status change of any environment, as it happens on this replica. */
  onStatusChange(listener: (environment: Environment) => void): () => void;
}

/**
 * Hands the environments plugin's store to its catalog module: the module
 * runs inside the catalog plugin, which cannot reach another plugin's
 * database. One per backend (root scope).
 */
export class EnvironmentsCatalogBridge {
  private resolve!: (source: EnvironmentSource) => void;
  private readonly source = new Promise<EnvironmentSource>(r => {
    this.resolve = r;
  });

  attach(source: EnvironmentSource) {
    this.resolve(source);
  }

  whenAttached(): Promise<EnvironmentSource> {
    return this.source;
  }
}

/** @public */
export const environmentsCatalogBridgeRef =
  createServiceRef<EnvironmentsCatalogBridge>({
    id: 'taskplatform.environments.catalog-bridge',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {},
        factory: () => new EnvironmentsCatalogBridge(),
      }),
  });
