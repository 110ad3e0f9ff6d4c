import request from 'supertest';
import {
  prometheusAvailable,
  startPrometheus,
} from '../__testUtils__/startPrometheus';
import {
  startRealBackend,
  STATIC_TOKEN,
} from '../__testUtils__/startRealBackend';

jest.setTimeout(90_000);

async function scrape(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/plain/);
  return res.text();
}

describe('metrics', () => {
  let metricsPort: number;
  let server: any;

  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startRealBackend({
      database: { client: 'better-sqlite3', connection: ':memory:' },
    });
    ({ metricsPort, stop } = backend);
    server = backend.baseUrl;
    const auth = `Bearer ${STATIC_TOKEN}`;
    const { body } = await request(server)
      .post('/api/tasks/tasks')
      .set('Authorization', auth)
      .send({ title: 'Measured' })
      .expect(201);
    await request(server)
      .patch(`/api/tasks/tasks/${body.id}`)
      .set('Authorization', auth)
      .send({ status: 'done' })
      .expect(200);
    await request(server)
      .get(`/api/tasks/tasks/${body.id}`)
      .set('Authorization', auth)
      .expect(200);
    await request(server)
      .get('/api/tasks/tasks?limit=0')
      .set('Authorization', auth)
      .expect(400);
  });

  afterAll(async () => stop?.());

  it('serves default, RED and business metrics on its own port only', async () => {
    const text = await scrape(metricsPort);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);
    expect(text).toMatch(/^tasks_created_total [1-9]/m);
    expect(text).toMatch(/^tasks_completed_total [1-9]/m);
    expect(text).toMatch(/^tasks_open\{status="todo"\} \d+/m);
    expect(text).toMatch(
      /^http_requests_total\{method="POST",route="\/api\/tasks\/tasks",status="201"\} [1-9]/m,
    );
    expect(text).toMatch(
      /^http_requests_total\{method="GET",route="\/api\/tasks\/tasks\/:id",status="200"\} [1-9]/m,
    );
    expect(text).toMatch(
      /^http_request_duration_seconds_bucket\{le="0.5",method="PATCH",route="\/api\/tasks\/tasks\/:id",status="200"\} [1-9]/m,
    );
    expect(text).toMatch(/status="400"/);
    // not exposed through the public app
    await request(server).get('/metrics').expect(404);
  });

  it('is scraped by a real Prometheus', async () => {
    if (!prometheusAvailable()) {
      console.warn('Skipping: Prometheus is not installed');
      return;
    }
    const prometheus = await startPrometheus({
      scrapeConfigs: [
        {
          job_name: 'backstage',
          static_configs: [{ targets: [`127.0.0.1:${metricsPort}`] }],
        },
      ],
    });
    try {
      let up: string | undefined;
      let created: string | undefined;
      for (let i = 0; i < 60 && !(up === '1' && created); i++) {
        await new Promise(r => setTimeout(r, 500));
        try {
          up = (await prometheus.query('up{job="backstage"}'))?.[0]?.value[1];
          created = (
            await prometheus.query('tasks_created_total{job="backstage"}')
          )?.[0]?.value[1];
        } catch {
          // prometheus is still starting
        }
      }
      expect(up).toBe('1');
      expect(Number(created)).toBeGreaterThanOrEqual(1);
      const red = await prometheus.query(
        'sum by (route) (http_requests_total{job="backstage",route="/api/tasks/tasks/:id"})',
      );
      expect(Number(red[0].value[1])).toBeGreaterThanOrEqual(2);
    } finally {
      await prometheus.stop();
    }
  });
});
