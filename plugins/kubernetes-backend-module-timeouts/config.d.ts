export interface Config {
  kubernetes?: {
    /**
     * Time limit, in seconds, of the requests to one cluster for one view
     * (`@taskplatform/plugin-kubernetes-backend-module-timeouts`). A cluster
     * that takes longer shows as a fetch error; the others still render.
     * Default 5.
     */
    fetchTimeoutSeconds?: number;
  };
}
