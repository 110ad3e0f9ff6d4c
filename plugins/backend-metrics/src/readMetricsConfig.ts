import { RootConfigService } from '@backstage/backend-plugin-api';

/** Settings of the metrics server, from the `metrics` config. */
export interface MetricsConfig {
  /** Serve `/metrics` at all (`metrics.enabled`, default true). */
  enabled: boolean;
  /** Port of the metrics server, not the app's (`metrics.port`, default 9464). */
  port: number;
  /** Interface to listen on (`metrics.host`, default 0.0.0.0). */
  host: string;
}

/** Reads the `metrics` config block with its defaults. */
export function readMetricsConfig(config: RootConfigService): MetricsConfig {
  return {
    enabled: config.getOptionalBoolean('metrics.enabled') ?? true,
    port: config.getOptionalNumber('metrics.port') ?? 9464,
    host: config.getOptionalString('metrics.host') ?? '0.0.0.0',
  };
}
