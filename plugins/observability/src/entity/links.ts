import type { TimeWindow } from './timeRanges';

/**
 * A Grafana Explore URL with a Loki query for the service's namespace and app
 * over the selected time window.
 */
export function lokiExploreUrl(options: {
  grafanaDomain: string;
  namespace?: string;
  app: string;
  window: Pick<TimeWindow, 'start' | 'end'>;
  datasourceUid?: string;
}): string {
  const { grafanaDomain, namespace, app, window } = options;
  const base = /^https?:\/\//.test(grafanaDomain)
    ? grafanaDomain
    : `https://${grafanaDomain}`;
  const quote = (v: string) => JSON.stringify(v);
  const matchers = [
    namespace ? `namespace=${quote(namespace)}` : undefined,
    `app=${quote(app)}`,
  ].filter(Boolean);
  const datasource = { type: 'loki', uid: options.datasourceUid ?? 'loki' };
  const panes = {
    logs: {
      datasource: datasource.uid,
      queries: [{ refId: 'A', expr: `{${matchers.join(', ')}}`, datasource }],
      range: {
        from: String(window.start * 1000),
        to: String(window.end * 1000),
      },
    },
  };
  return `${base.replace(
    /\/+$/,
    '',
  )}/explore?schemaVersion=1&orgId=1&panes=${encodeURIComponent(
    JSON.stringify(panes),
  )}`;
}

/** A Grafana dashboard link (`url` from the search API is relative). */
export function grafanaUrl(grafanaDomain: string, path: string): string {
  if (/^https?:\/\//.test(path)) return path;
  const base = /^https?:\/\//.test(grafanaDomain)
    ? grafanaDomain
    : `https://${grafanaDomain}`;
  return `${base.replace(/\/+$/, '')}${path.startsWith('/') ? '' : '/'}${path}`;
}

/**
 * A runbook link: a URL into this portal (e.g. its TechDocs) becomes a path
 * so it opens in the portal; anything else stays external.
 */
export function runbookHref(url: string, appBaseUrl?: string): string {
  if (appBaseUrl && url.startsWith(`${appBaseUrl}/`)) {
    return url.slice(appBaseUrl.length);
  }
  return url;
}
