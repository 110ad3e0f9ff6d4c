import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  collectDefaultMetrics,
  register as defaultRegistry,
  Registry,
} from 'prom-client';

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
