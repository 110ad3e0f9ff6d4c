/*
 * The plan result of the contract. Kept here until
 * `@taskplatform/plugin-environments-common` exports it; then this file re-exports it.
 */
export interface PlanResult {
  spec: Record<string, unknown>;
  summary: {
    totalResources: number;
    resourcesByType: Record<string, number>;
    nodeGroups: {
      name: string;
      instanceType: string;
      min: number;
      max: number;
      desired: number;
      capacityType: string;
    }[];
    database: {
      instanceClass: string;
      allocatedStorageGb: number;
      maxAllocatedStorageGb: number;
      multiAz: boolean;
      engineVersion: string;
    };
    natGateways: number;
    stacks: string[];
  };
  cost: {
    monthlyUsd: number;
    currency: 'USD';
    region: string;
    source: string;
    priceDate: string;
    lines: {
      item: string;
      quantity: number;
      unit: string;
      unitUsd: number;
      monthlyUsd: number;
    }[];
  };
  nag: {
    errors: {
      ruleName: string;
      description: string;
      constructPaths: string[];
    }[];
    warningCount: number;
  };
  diff?: {
    stacks: {
      stack: string;
      added: string[];
      removed: string[];
      changed: {
        logicalId: string;
        resourceType: string;
        replacement: boolean;
      }[];
    }[];
  };
  bootstrap: {
    bootstrapped: boolean | null;
    version?: number;
    message?: string;
  };
  simulated: boolean;
}
