/** Prometheus metrics for a whole Backstage backend: RED metrics of every route (root HTTP router) and /metrics on its own port */
export {};
