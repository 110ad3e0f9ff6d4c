/** Options for {@link goldenSignalQueries}. */
export interface GoldenSignalQueryOptions {
  /** Window of `rate()`, e.g. `1m` or `5m` (default `5m`). */
  rateWindow?: string;
  /** Labels to keep apart, e.g. `['route']` (default: one series for the service). */
  by?: string[];
}

/** The PromQL of the four golden signals of one service. */
export interface GoldenSignalQueries {
  /** Requests per second. */
  requestRate: string;
  /** Share of requests that failed (0..1). */
  errorRate: string;
  /** 95th percentile latency in seconds. */
  p95Latency: string;
  /** 99th percentile latency in seconds. */
  p99Latency: string;
}

const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*';
const MATCHER = `\\s*${LABEL}\\s*(?:=~|!~|!=|=)\\s*"(?:[^"\\\\]|\\\\.)*"\\s*`;
const SELECTOR = new RegExp(`^${MATCHER}(?:,${MATCHER})*,?\\s*$`);
const WINDOW = /^[1-9][0-9]*(ms|s|m|h|d)$/;

/**
 * Normalizes a label selector such as `job="task-platform-portal"` (braces
 * optional) and rejects anything that is not a list of label matchers, so an
 * annotation cannot inject PromQL.
 */
export function parsePrometheusSelector(selector: string): string {
  let inner = selector.trim();
  if (inner.startsWith('{') && inner.endsWith('}')) {
    inner = inner.slice(1, -1).trim();
  }
  if (!inner || !SELECTOR.test(inner)) {
    throw new Error(
      `Invalid Prometheus selector '${selector}': expected label matchers such as job="task-platform-portal"`,
    );
  }
  return inner.replace(/,\s*$/, '');
}

/**
 * The PromQL of request rate, error rate (ratio), p95 and p99 latency of the
 * backend's RED metrics (`http_requests_total`, `http_request_errors_total`,
 * `http_request_duration_seconds_bucket`) for the series matching `selector`.
 */
export function goldenSignalQueries(
  selector: string,
  opts: GoldenSignalQueryOptions = {},
): GoldenSignalQueries {
  const matchers = parsePrometheusSelector(selector);
  const window = opts.rateWindow ?? '5m';
  if (!WINDOW.test(window)) {
    throw new Error(`Invalid rate window '${window}': expected e.g. 5m`);
  }
  const by = opts.by ?? [];
  for (const label of by) {
    if (!new RegExp(`^${LABEL}$`).test(label)) {
      throw new Error(`Invalid label name '${label}'`);
    }
  }
  const sumBy = (extra: string[] = []) => {
    const labels = [...by, ...extra];
    return labels.length ? `sum by (${labels.join(', ')})` : 'sum';
  };
  const rate = (metric: string) => `rate(${metric}{${matchers}}[${window}])`;
  const requests = `${sumBy()} (${rate('http_requests_total')})`;
  // With no errors the error counter may not exist yet: count that as 0 so
  // the ratio still has data (only possible without `by` labels).
  const errors = by.length
    ? `${sumBy()} (${rate('http_request_errors_total')})`
    : `(${sumBy()} (${rate('http_request_errors_total')}) or vector(0))`;
  const quantile = (q: number) =>
    `histogram_quantile(${q}, ${sumBy(['le'])} (${rate(
      'http_request_duration_seconds_bucket',
    )}))`;
  return {
    requestRate: requests,
    errorRate: `${errors} / ${requests}`,
    p95Latency: quantile(0.95),
    p99Latency: quantile(0.99),
  };
}
