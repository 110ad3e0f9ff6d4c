import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { Knex } from 'knex';
import type { Deployer } from './Deployer';
import { SimulatedDeployer } from './SimulatedDeployer';
import { ToolkitDeployer } from './ToolkitDeployer';
import { DeployerWorker } from './worker/DeployerWorker';

export interface CreateDeployerOptions {
  config: Config;
  /** The plugin database, migrated (the simulated deployer keeps its stacks there). */
  knex: Knex;
  logger: LoggerService;
}

/** The deployer that `environments.deployer` selects: 'toolkit' (default) or 'simulated'. */
export function createDeployer(options: CreateDeployerOptions): Deployer & {
  close(): Promise<void>;
} {
  const { config, knex, logger } = options;
  const kind = config.getOptionalString('environments.deployer') ?? 'toolkit';
  const idleTimeoutMs = config.getOptionalNumber(
    'environments.worker.idleTimeoutMs',
  );
  if (kind === 'simulated') {
    const worker = new DeployerWorker({ logger, idleTimeoutMs });
    const deployer = new SimulatedDeployer({
      knex,
      worker,
      eventIntervalMs: config.getOptionalNumber(
        'environments.simulated.eventIntervalMs',
      ),
      failResource: config.getOptionalString(
        'environments.simulated.failResource',
      ),
    });
    return Object.assign(deployer, { close: () => worker.close() });
  }
  if (kind !== 'toolkit') {
    throw new Error(
      `environments.deployer must be 'toolkit' or 'simulated', got '${kind}'`,
    );
  }
  let toolkit: ToolkitDeployer | undefined = undefined;
  const worker = new DeployerWorker({
    logger,
    idleTimeoutMs,
    credentials: (accountId, region) =>
      toolkit!.credentials.get(accountId, region),
  });
  toolkit = new ToolkitDeployer({ config, worker, logger });
  return Object.assign(toolkit, { close: () => worker.close() });
}
