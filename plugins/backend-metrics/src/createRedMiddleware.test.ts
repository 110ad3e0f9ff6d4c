import express from 'express';
import { Registry } from 'prom-client';
import request from 'supertest';
import { createRedMiddleware } from './createRedMiddleware';

function appWithRoutes(registry: Registry) {
  const app = express();
  app.use(createRedMiddleware(registry));
  const router = express.Router();
  router.get('/items/:id', (req, res) => {
    res.json({ id: req.params.id });
  });
  router.post('/items', (_req, _res, next) => {
    next(new Error('database is down'));
  });
  app.use('/api/things', router);
  app.use(
    (
      _err: Error,
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      res.status(503).json({ error: 'unavailable' });
    },
  );
  return app;
}

async function value(registry: Registry, name: string, labels: object) {
  const metric = await registry.getSingleMetric(name)!.get();
  return metric.values.find(v =>
    Object.entries(labels).every(
      ([k, l]) => (v.labels as Record<string, unknown>)[k] === l,
    ),
  )?.value;
}

describe('createRedMiddleware', () => {
  it('counts requests by route pattern, method and status, and 5xx as errors', async () => {
    const registry = new Registry();
    const app = appWithRoutes(registry);
    await request(app).get('/api/things/items/1').expect(200);
    await request(app).get('/api/things/items/2').expect(200);
    await request(app).post('/api/things/items').expect(503);
    await request(app).get('/nowhere').expect(404);

    expect(
      await value(registry, 'http_requests_total', {
        method: 'GET',
        route: '/api/things/items/:id',
        status: '200',
      }),
    ).toBe(2);
    expect(
      await value(registry, 'http_request_errors_total', {
        method: 'POST',
        route: '/api/things/items',
        status: '503',
      }),
    ).toBe(1);
    expect(
      await value(registry, 'http_requests_total', { route: 'unmatched' }),
    ).toBe(1);
    // ids never become label values
    const text = await registry.metrics();
    expect(text).not.toMatch(/items\/1"/);
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/things\/items\/:id",status="200"\} 2/,
    );
  });

  it('can be created twice on one registry (plugins and tests set it up again)', () => {
    const registry = new Registry();
    createRedMiddleware(registry);
    expect(() => createRedMiddleware(registry)).not.toThrow();
  });
});
