import * as cloudwatch from '@grafana/grafana-foundation-sdk/cloudwatch';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';

/** The Prometheus data source kube-prometheus-stack provisions in its Grafana. */
export const PROMETHEUS_DATASOURCE = { type: 'prometheus', uid: 'prometheus' };
/** The CloudWatch data source shipped with the dashboards (monitoringManifests). */
export const CLOUDWATCH_DATASOURCE = { type: 'cloudwatch', uid: 'cloudwatch' };

/** One PromQL query of a panel, with the legend of its series. */
export interface PromQuery {
  expr: string;
  legend?: string;
}

function promTarget(query: PromQuery, index: number) {
  return new prometheus.DataqueryBuilder()
    .expr(query.expr)
    .legendFormat(query.legend ?? '__auto')
    .refId(String.fromCharCode(65 + index))
    .datasource(PROMETHEUS_DATASOURCE);
}

/** A time series panel of PromQL queries. */
export function promTimeseries(
  title: string,
  queries: PromQuery[],
  options: { unit?: string; width?: number; description?: string } = {},
) {
  const panel = new timeseries.PanelBuilder()
    .title(title)
    .datasource(PROMETHEUS_DATASOURCE)
    .unit(options.unit ?? 'short')
    .span(options.width ?? 12)
    .height(8)
    .fillOpacity(10);
  if (options.description) panel.description(options.description);
  queries.forEach((q, i) => panel.withTarget(promTarget(q, i)));
  return panel;
}

/** A single-value panel of one PromQL query. */
export function promStat(
  title: string,
  query: PromQuery,
  options: { unit?: string; width?: number } = {},
) {
  return new stat.PanelBuilder()
    .title(title)
    .datasource(PROMETHEUS_DATASOURCE)
    .unit(options.unit ?? 'short')
    .span(options.width ?? 6)
    .height(4)
    .withTarget(promTarget(query, 0));
}

/** A time series panel of one CloudWatch metric (AWS/RDS and friends). */
export function cloudwatchTimeseries(
  title: string,
  metric: {
    namespace: string;
    metricName: string;
    dimensions: Record<string, string>;
    statistic?: string;
    region: string;
  },
  options: { unit?: string; width?: number } = {},
) {
  return new timeseries.PanelBuilder()
    .title(title)
    .datasource(CLOUDWATCH_DATASOURCE)
    .unit(options.unit ?? 'short')
    .span(options.width ?? 6)
    .height(8)
    .withTarget(
      new cloudwatch.MetricsQueryBuilder()
        .refId('A')
        .datasource(CLOUDWATCH_DATASOURCE)
        .queryMode(cloudwatch.QueryMode.Metrics)
        .metricQueryType(cloudwatch.MetricQueryType.Search)
        .metricEditorMode(cloudwatch.MetricEditorMode.Builder)
        .region(metric.region)
        .namespace(metric.namespace)
        .metricName(metric.metricName)
        .dimensions(metric.dimensions)
        .matchExact(true)
        .statistic(metric.statistic ?? 'Average')
        .period('300'),
    );
}

/** Every PromQL expression of a dashboard's panels (rows included). */
export function dashboardPromQueries(board: dashboard.Dashboard): string[] {
  const exprs: string[] = [];
  const visit = (panel: any) => {
    for (const target of panel.targets ?? []) {
      if (target.datasource?.type === 'prometheus' && target.expr) {
        exprs.push(target.expr);
      }
    }
    (panel.panels ?? []).forEach(visit);
  };
  (board.panels ?? []).forEach(visit);
  return exprs;
}
