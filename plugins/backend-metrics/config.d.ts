export interface Config {
  /** Prometheus metrics of `@taskplatform/backend-metrics`. */
  metrics?: {
    /** Serve `/metrics` at all. Default true. */
    enabled?: boolean;
    /** Port of the metrics server (not the app's port). Default 9464. */
    port?: number;
    /** Interface to listen on. Default 0.0.0.0. */
    host?: string;
  };
}
