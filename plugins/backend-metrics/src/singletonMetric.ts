import { Registry } from 'prom-client';

/**
 * The metric registered under `name`, or a new one from `create`: plugins and
 * tests may set metrics up more than once per process, and prom-client throws
 * on a second registration of the same name.
 */
export function singletonMetric<T>(
  registry: Registry,
  name: string,
  create: () => T,
): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}
