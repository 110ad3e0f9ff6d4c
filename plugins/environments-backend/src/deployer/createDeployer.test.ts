import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import knexFactory from 'knex';
import { createDeployer } from './createDeployer';
import { SimulatedDeployer } from './SimulatedDeployer';
import { ToolkitDeployer } from './ToolkitDeployer';

describe('createDeployer', () => {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const logger = mockServices.logger.mock();
  afterAll(() => knex.destroy());

  it('picks the toolkit deployer by default and the simulated one when configured', async () => {
    const toolkit = createDeployer({
      config: new ConfigReader({}),
      knex,
      logger,
    });
    expect(toolkit).toBeInstanceOf(ToolkitDeployer);
    expect(toolkit.simulated).toBe(false);
    const simulated = createDeployer({
      config: new ConfigReader({ environments: { deployer: 'simulated' } }),
      knex,
      logger,
    });
    expect(simulated).toBeInstanceOf(SimulatedDeployer);
    expect(simulated.simulated).toBe(true);
    await Promise.all([toolkit.close(), simulated.close()]);
  });

  it('refuses an unknown deployer, naming the setting', () => {
    expect(() =>
      createDeployer({
        config: new ConfigReader({ environments: { deployer: 'cli' } }),
        knex,
        logger,
      }),
    ).toThrow(
      "environments.deployer must be 'toolkit' or 'simulated', got 'cli'",
    );
  });
});
