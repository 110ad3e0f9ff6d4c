/** One observability view on every entity page: Kubernetes health, Prometheus golden signals, alerts with runbooks, Grafana dashboards, Loki links */
export {};
