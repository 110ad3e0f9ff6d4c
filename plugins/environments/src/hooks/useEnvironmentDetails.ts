import { useCallback } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { environmentsApiRef } from '../api';

/**
 * The environment, its operations (newest first) and its last plan, each
 * loaded on its own so one failing does not hide the others. `reload()`
 * keeps showing the previous values while it loads.
 */
export function useEnvironmentDetails(name: string) {
  const api = useApi(environmentsApiRef);
  const environment = useAsyncRetry(
    () => api.getEnvironment(name),
    [api, name],
  );
  const operations = useAsyncRetry(() => api.listOperations(name), [api, name]);
  const plan = useAsyncRetry(() => api.getLastPlan(name), [api, name]);
  const { retry: reloadEnvironment } = environment;
  const { retry: reloadOperations } = operations;
  const { retry: reloadPlan } = plan;

  const reload = useCallback(() => {
    reloadEnvironment();
    reloadOperations();
    reloadPlan();
  }, [reloadEnvironment, reloadOperations, reloadPlan]);

  return { environment, operations, plan, reload };
}
