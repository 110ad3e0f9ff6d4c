import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { Environment } from '@taskplatform/plugin-environments-common';
import { AccountsConfig } from '../service/AccountsConfig';
import { EnvironmentSource } from './EnvironmentsCatalogBridge';
import { entityNames, environmentEntities } from './environmentEntities';

/**
 * Publishes every environment (and its cluster and database) to the
 * catalog: a full mutation at start and on schedule, a delta mutation on
 * every status change, removal when destroyed.
 */
export class EnvironmentEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly options: {
      accounts: AccountsConfig;
      /** `app.baseUrl`, for the environment's absolute link. */
      appBaseUrl?: string;
      logger: LoggerService;
      source: () => Promise<EnvironmentSource>;
    },
  ) {}

  getProviderName(): string {
    return 'environments';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    // do not hold up the catalog's start: publish once the plugin is up
    this.options
      .source()
      .then(async source => {
        source.onStatusChange(environment =>
          this.publish(environment).catch(error =>
            this.options.logger.warn(
              `Could not publish environment ${environment.name}: ${error}`,
            ),
          ),
        );
        await this.refresh();
      })
      .catch(error =>
        this.options.logger.error(`Environment provider failed: ${error}`),
      );
  }

  private deferred(environment: Environment) {
    const account = this.options.accounts.get(environment.account);
    return environmentEntities(environment, account, {
      appBaseUrl: this.options.appBaseUrl,
    }).map(entity => ({
      entity,
      locationKey: `environments:${environment.name}`,
    }));
  }

  /** Full mutation: every live environment; the rest is removed. */
  async refresh(): Promise<void> {
    if (!this.connection) throw new Error('Not connected');
    const source = await this.options.source();
    const environments = await source.listLiveEnvironments();
    await this.connection.applyMutation({
      type: 'full',
      entities: environments.flatMap(e => this.deferred(e)),
    });
  }

  /** Delta mutation for one environment's change. */
  async publish(environment: Environment): Promise<void> {
    if (!this.connection) return;
    const names = entityNames(environment.name);
    const all = [names.environment, names.cluster, names.database].map(
      name => ({
        entityRef: `resource:default/${name}`,
        locationKey: `environments:${environment.name}`,
      }),
    );
    if (environment.status === 'destroyed') {
      await this.connection.applyMutation({
        type: 'delta',
        added: [],
        removed: all,
      });
      return;
    }
    const added = this.deferred(environment);
    const published = new Set(added.map(a => a.entity.metadata.name));
    await this.connection.applyMutation({
      type: 'delta',
      added,
      removed: all.filter(
        r => !published.has(r.entityRef.slice('resource:default/'.length)),
      ),
    });
  }
}
