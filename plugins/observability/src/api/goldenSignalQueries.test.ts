import {
  goldenSignalQueries,
  parsePrometheusSelector,
} from './goldenSignalQueries';

describe('goldenSignalQueries', () => {
  it('builds the four golden signals for a selector', () => {
    expect(goldenSignalQueries('job="task-platform-portal"')).toEqual({
      requestRate:
        'sum (rate(http_requests_total{job="task-platform-portal"}[5m]))',
      errorRate:
        '(sum (rate(http_request_errors_total{job="task-platform-portal"}[5m])) or vector(0)) / sum (rate(http_requests_total{job="task-platform-portal"}[5m]))',
      p95Latency:
        'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="task-platform-portal"}[5m])))',
      p99Latency:
        'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="task-platform-portal"}[5m])))',
    });
  });

  it('keeps labels apart and uses the given window', () => {
    const q = goldenSignalQueries('{job="a", namespace=~"prod-.*"}', {
      rateWindow: '1m',
      by: ['route'],
    });
    expect(q.requestRate).toBe(
      'sum by (route) (rate(http_requests_total{job="a", namespace=~"prod-.*"}[1m]))',
    );
    expect(q.errorRate).not.toContain('vector(0)');
    expect(q.p99Latency).toContain('sum by (route, le)');
  });

  it('rejects anything but label matchers', () => {
    expect(() => goldenSignalQueries('')).toThrow(
      /Invalid Prometheus selector/,
    );
    expect(() => goldenSignalQueries('job="a"} or up{')).toThrow(
      /Invalid Prometheus selector/,
    );
    expect(() => goldenSignalQueries('job=a')).toThrow(/Invalid/);
    expect(() => goldenSignalQueries('job="a"', { rateWindow: '1m]' })).toThrow(
      /Invalid rate window/,
    );
    expect(parsePrometheusSelector(' job="a\\"b", ')).toBe('job="a\\"b"');
  });
});
