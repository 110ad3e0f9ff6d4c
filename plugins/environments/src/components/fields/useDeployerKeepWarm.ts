import { useEffect } from 'react';
import type { EnvironmentsApi } from '../../api';

/**
 * How often an open create-environment form asks the backend to keep its
 * deployer worker warm: half the worker's default idle timeout (60 s), so a
 * person who takes minutes over the form still gets a warm plan.
 */
export const DEPLOYER_KEEP_WARM_MS = 30_000;
/** An open form stops keeping the worker (about 400 MB) alive after this. */
export const DEPLOYER_KEEP_WARM_LIMIT_MS = 15 * 60_000;

/**
 * Warms the deployer when the form opens, then again every
 * {@link DEPLOYER_KEEP_WARM_MS} while the page is visible, for at most
 * {@link DEPLOYER_KEEP_WARM_LIMIT_MS}: a form left in a background tab does
 * not hold the worker's memory. Best effort: a refusal (no
 * `environment.create`) or an error changes nothing.
 */
export function useDeployerKeepWarm(
  api: Pick<EnvironmentsApi, 'warmDeployer'>,
) {
  useEffect(() => {
    const warm = () => {
      api.warmDeployer().catch(() => {});
    };
    warm();
    const openedAt = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - openedAt >= DEPLOYER_KEEP_WARM_LIMIT_MS) {
        clearInterval(timer);
      } else if (document.visibilityState !== 'hidden') {
        warm();
      }
    }, DEPLOYER_KEEP_WARM_MS);
    return () => clearInterval(timer);
  }, [api]);
}
