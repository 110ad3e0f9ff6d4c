import { Counter, Registry } from 'prom-client';
import { startMetricsServer } from './startMetricsServer';

describe('startMetricsServer', () => {
  it('serves the registry at /metrics in Prometheus text format, and nothing else', async () => {
    const registry = new Registry();
    new Counter({
      name: 'things_total',
      help: 'Things',
      registers: [registry],
    }).inc(3);
    const server = await startMetricsServer({
      port: 0,
      host: '127.0.0.1',
      registry,
    });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const res = await fetch(`${base}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toMatch(/^things_total 3$/m);
      expect((await fetch(`${base}/`)).status).toBe(404);
      expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(
        404,
      );
    } finally {
      await server.close();
    }
  });

  it('rejects when the port is taken', async () => {
    const first = await startMetricsServer({ port: 0, host: '127.0.0.1' });
    try {
      await expect(
        startMetricsServer({ port: first.port, host: '127.0.0.1' }),
      ).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
