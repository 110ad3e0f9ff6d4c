/*
 * A database outage under write load, on a PostgreSQL server of the test's
 * own: while it is down the API answers 503 with Retry-After (never 500)
 * and readiness is 503; every acknowledged write is in the database
 * afterwards; and service resumes within a second of the server being back.
 */
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { rootHealthServiceFactory } from './health/rootHealthServiceFactory';
import { hasOwnPostgres, startOwnPostgres } from './__testUtils__/ownPostgres';
import {
  alice,
  authHeader,
  startTasksBackend,
} from './__testUtils__/startTasksBackend';

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const describeIf =
  hasOwnPostgres() || process.env.CI ? describe : describe.skip;

describeIf('database outage', () => {
  let pg: Awaited<ReturnType<typeof startOwnPostgres>>;
  let knex: Knex;

  beforeAll(async () => {
    pg = await startOwnPostgres();
    knex = knexFactory({
      client: 'pg',
      connection: pg.connection,
      pool: { min: 0, max: 8 },
      acquireConnectionTimeout: 5000,
    });
  });

  afterAll(async () => {
    await knex?.destroy();
    await pg?.destroy();
  });

  it('answers 503 while the database is down, loses no acknowledged write and resumes within a second', async () => {
    const { server } = await startTasksBackend({
      knex,
      features: [rootHealthServiceFactory],
    });
    const auth = authHeader(alice);
    const readiness = async () =>
      (await request(server).get('/.backstage/health/v1/readiness')).status;
    expect(await readiness()).toBe(200);

    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    const unavailable: request.Response[] = [];
    let lastAck = 0;
    let running = true;
    const writer = async (w: number) => {
      for (let i = 0; running; i++) {
        const res = await request(server)
          .post('/api/tasks/tasks')
          .set('Authorization', auth)
          .send({ title: `w${w} #${i}`, status: i % 2 ? 'done' : 'todo' });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 201) {
          acknowledged.push(res.body.id);
          lastAck = Date.now();
        } else if (res.status === 503) {
          unavailable.push(res);
          await sleep(50);
        }
      }
    };
    const writers = Array.from({ length: 6 }, (_, w) => writer(w));

    await sleep(1500);
    const beforeOutage = acknowledged.length;
    pg.stop();
    await sleep(1000);
    const readinessWhileDown = await readiness();
    const listWhileDown = await request(server)
      .get('/api/tasks/tasks')
      .set('Authorization', auth);
    await sleep(1000);
    pg.start();
    const back = Date.now();
    while (lastAck < back && Date.now() - back < 10_000) await sleep(20);
    const resumedAfterMs = lastAck - back;
    await sleep(500);
    running = false;
    await Promise.all(writers);

    // only 201 and 503, never a 500
    expect([...statuses.keys()].sort()).toEqual([201, 503]);
    expect(beforeOutage).toBeGreaterThan(10);
    expect(readinessWhileDown).toBe(503);
    expect(listWhileDown.status).toBe(503);
    expect(listWhileDown.headers['retry-after']).toBe('1');
    expect(listWhileDown.body.error.message).toMatch(
      /tasks database is unreachable/,
    );
    for (const res of unavailable) {
      expect(res.headers['retry-after']).toBe('1');
    }
    expect(resumedAfterMs).toBeGreaterThanOrEqual(0);
    expect(resumedAfterMs).toBeLessThan(1000);
    expect(await readiness()).toBe(200);

    // every acknowledged write survived the restart
    const stored = new Set(
      (await knex('tasks').whereIn('id', acknowledged).select('id')).map(
        (r: { id: string }) => r.id,
      ),
    );
    expect(acknowledged.filter(id => !stored.has(id))).toEqual([]);
    // and the stats aggregates still equal a recount
    const [{ n }] = await knex('tasks').count({ n: '*' });
    const stats = await request(server)
      .get('/api/tasks/stats')
      .set('Authorization', auth);
    expect(
      Object.values<number>(stats.body.byStatus).reduce((a, b) => a + b),
    ).toBe(Number(n));
  });
});
