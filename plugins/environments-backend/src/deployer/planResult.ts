export type { PlanResult } from '@taskplatform/plugin-environments-common';
