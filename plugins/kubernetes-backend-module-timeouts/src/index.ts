/** Kubernetes backend module: a per-cluster fetch timeout, so one hanging cluster never blanks the Kubernetes views */
export {};
