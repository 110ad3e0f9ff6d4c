/**
 * Readiness that includes plugin checks (the tasks database):
 * `backend.add(import('@taskplatform/plugin-tasks-backend/health'))`.
 *
 * @packageDocumentation
 */
import { rootHealthServiceFactory } from './health/rootHealthServiceFactory';

export default rootHealthServiceFactory;
export { rootHealthServiceFactory };
export {
  readinessChecksServiceRef,
  type ReadinessChecksService,
  type ReadinessCheckResult,
} from './health/readinessChecks';
