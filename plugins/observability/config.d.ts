export interface Config {
  /** Settings of the Observability entity tab (@taskplatform/plugin-observability). */
  observability?: {
    /** How long each data source may take before its part shows a timeout. */
    timeouts?: {
      /**
       * Per Kubernetes cluster, in milliseconds (default 5000).
       * @visibility frontend
       */
      kubernetesMs?: number;
      /**
       * Per Prometheus query, in milliseconds (default 10000).
       * @visibility frontend
       */
      prometheusMs?: number;
      /**
       * Per Grafana request, in milliseconds (default 10000).
       * @visibility frontend
       */
      grafanaMs?: number;
    };
  };
}
