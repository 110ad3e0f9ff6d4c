import type { RequestHandler } from 'express';
import {
  Counter,
  Histogram,
  register as defaultRegistry,
  Registry,
} from 'prom-client';
import { singletonMetric } from './singletonMetric';

/**
 * Express middleware recording RED metrics of every request: count and
 * duration by method, route and status, and errors (status >= 500) by route.
 * The route is the matched route pattern (e.g. `/api/tasks/tasks/:id`), so
 * ids do not explode the label space; unmatched requests are `unmatched`.
 */
export function createRedMiddleware(
  registry: Registry = defaultRegistry,
): RequestHandler {
  const labelNames = ['method', 'route', 'status'];
  const requests = singletonMetric(
    registry,
    'http_requests_total',
    () =>
      new Counter({
        name: 'http_requests_total',
        help: 'HTTP requests handled by the backend',
        labelNames,
        registers: [registry],
      }),
  );
  const errors = singletonMetric(
    registry,
    'http_request_errors_total',
    () =>
      new Counter({
        name: 'http_request_errors_total',
        help: 'HTTP requests that ended with a 5xx status',
        labelNames,
        registers: [registry],
      }),
  );
  const duration = singletonMetric(
    registry,
    'http_request_duration_seconds',
    () =>
      new Histogram({
        name: 'http_request_duration_seconds',
        help: 'Duration of HTTP requests handled by the backend',
        labelNames,
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [registry],
      }),
  );

  return (req, res, next) => {
    const start = process.hrtime.bigint();
    // Routers rewrite req.baseUrl/req.route while routing; remember the
    // deepest matched pattern when the handler responds.
    let route: string | undefined;
    const originalEnd = res.end.bind(res) as (...args: any[]) => any;
    res.end = ((...args: any[]) => {
      if (!route && req.route?.path) {
        const path = `${req.baseUrl}${
          req.route.path === '/' ? '' : req.route.path
        }`;
        // Error handlers outside the plugin router see a reset baseUrl.
        route = path.startsWith('/api/')
          ? path
          : `${pluginRoute(req.originalUrl).replace(/\/\*$/, '')}${path}`;
      }
      return originalEnd(...args);
    }) as typeof res.end;
    res.on('finish', () => {
      const labels = {
        method: req.method,
        route:
          route ??
          (res.statusCode === 404 ? 'unmatched' : pluginRoute(req.originalUrl)),
        status: String(res.statusCode),
      };
      requests.inc(labels);
      if (res.statusCode >= 500) errors.inc(labels);
      duration.observe(labels, Number(process.hrtime.bigint() - start) / 1e9);
    });
    next();
  };
}

/** `/api/catalog/entities/by-name/x` → `/api/catalog/*`: bounded cardinality. */
function pluginRoute(url: string): string {
  const match = /^\/api\/([^/?#]+)/.exec(url);
  return match ? `/api/${match[1]}/*` : 'other';
}
