import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import { DatabaseHealth } from './DatabaseHealth';

jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('DatabaseHealth', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it('a saturated pool whose queries keep succeeding is load, not an outage: no 503s', async () => {
    if (!databases.eachSupportedId().length) return;
    const base = await databases.init('POSTGRES_15');
    // two connections for forty clients: a ping waits behind ~20 queries of 60 ms
    const db = knexFactory({ ...base.client.config, pool: { min: 0, max: 2 } });
    const health = new DatabaseHealth(db, mockServices.logger.mock(), {
      pingIntervalMs: 50,
      pingTimeoutMs: 300,
    });
    health.start();
    try {
      let stop = false;
      let answered = 0;
      const client = async () => {
        while (!stop) {
          await db.raw('SELECT pg_sleep(0.06)');
          answered++;
        }
      };
      const clients = Array.from({ length: 40 }, client);
      const seenDown: number[] = [];
      const started = Date.now();
      while (Date.now() - started < 2500) {
        if (!health.isUp) seenDown.push(Date.now() - started);
        await sleep(25);
      }
      stop = true;
      await Promise.all(clients);
      expect(answered).toBeGreaterThan(40); // the database did answer meanwhile
      expect(seenDown).toEqual([]);
    } finally {
      health.stop();
      await db.destroy();
    }
  });

  it('a database that answers nothing at all is down after the ping timeout', async () => {
    // a port where nothing listens: every query fails or hangs
    const db = knexFactory({
      client: 'pg',
      connection: { host: '127.0.0.1', port: 1, user: 'postgres' },
      pool: { min: 0, max: 1 },
      acquireConnectionTimeout: 10_000,
    });
    const health = new DatabaseHealth(db, mockServices.logger.mock(), {
      pingIntervalMs: 50,
      pingTimeoutMs: 300,
    });
    health.start();
    try {
      const started = Date.now();
      while (health.isUp && Date.now() - started < 5000) await sleep(25);
      expect(health.isUp).toBe(false);
    } finally {
      health.stop();
      await db.destroy();
    }
  });
});
