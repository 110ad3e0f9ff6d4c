import { RootConfigService } from '@backstage/backend-plugin-api';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  collectDefaultMetrics,
  Counter,
  Histogram,
  register as defaultRegistry,
  Registry,
} from 'prom-client';
import type { RequestHandler } from 'express';
import { singletonMetric } from './singletonMetric';

/** `metrics.port` (default 9464), `metrics.host` (default 0.0.0.0). */
export function readMetricsConfig(config: RootConfigService) {
  return {
    enabled: config.getOptionalBoolean('metrics.enabled') ?? true,
    port: config.getOptionalNumber('metrics.port') ?? 9464,
    host: config.getOptionalString('metrics.host') ?? '0.0.0.0',
  };
}

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

let defaultMetricsCollected = false;

/** Serves the registry in Prometheus text format at `/metrics` on its own port. */
export async function startMetricsServer(options: {
  port: number;
  host: string;
  registry?: Registry;
}): Promise<{ server: http.Server; port: number; close(): Promise<void> }> {
  const registry = options.registry ?? defaultRegistry;
  if (registry === defaultRegistry && !defaultMetricsCollected) {
    collectDefaultMetrics();
    defaultMetricsCollected = true;
  }
  const server = http.createServer(async (req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end('Not found\n');
      return;
    }
    try {
      const body = await registry.metrics();
      res.writeHead(200, { 'Content-Type': registry.contentType }).end(body);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
