import type { CiCdIdentityStack } from './stacks/CiCdIdentityStack.ts';
import type { ClusterStack } from './stacks/ClusterStack.ts';
import type { DatabaseStack } from './stacks/DatabaseStack.ts';
import type { NetworkStack } from './stacks/NetworkStack.ts';
import type { StorageStack } from './stacks/StorageStack.ts';

/** The five stacks of one environment, as built by buildEnvironmentApp. */
export interface EnvironmentStacks {
  network: NetworkStack;
  storage: StorageStack;
  cicd: CiCdIdentityStack;
  cluster: ClusterStack;
  database: DatabaseStack;
}
