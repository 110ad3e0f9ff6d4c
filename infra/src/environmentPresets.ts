import {
  InvalidEnvironmentSpecError,
  parseEnvironmentSpec,
  type EnvironmentSpec,
  type EnvironmentSpecOverrides,
  type EnvironmentStage,
} from './environmentSpecSchema.ts';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** Numbers from the original design (docs: architecture.md), shared by both presets. */
const designDefaults: Omit<EnvironmentSpec, 'name' | 'stage'> = {
  account: '123456789012',
  region: 'us-east-1',
  network: {
    vpcCidr: '10.0.0.0/16',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    subnets: {
      public: ['10.0.1.0/24', '10.0.2.0/24'],
      private: ['10.0.11.0/24', '10.0.12.0/24'],
      data: ['10.0.21.0/24', '10.0.22.0/24'],
    },
    natGateways: 2,
    flowLogRetentionDays: 30,
  },
  cluster: {
    kubernetesVersion: '1.35',
    publicEndpointCidrs: [],
    adminRoleArns: [],
    appNamespace: 'taskplatform',
    appNodes: {
      instanceTypes: ['t3.medium'],
      minSize: 2,
      desiredSize: 2,
      maxSize: 6,
      diskSizeGiB: 50,
      capacityType: 'ON_DEMAND',
      labels: { 'taskplatform.io/node-group': 'app' },
    },
    runnerNodes: {
      instanceTypes: ['t3.small'],
      minSize: 1,
      desiredSize: 1,
      maxSize: 3,
      diskSizeGiB: 50,
      capacityType: 'SPOT',
      labels: { 'taskplatform.io/node-group': 'runners' },
      taint: {
        key: 'taskplatform.io/runners',
        value: 'true',
        effect: 'NoSchedule',
      },
    },
  },
  database: {
    engineVersion: '17.6',
    instanceClass: 'db.t3.micro',
    databaseName: 'taskplatform',
    port: 5432,
    multiAz: true,
    allocatedStorageGiB: 20,
    maxAllocatedStorageGiB: 100,
    backupRetentionDays: 7,
    deletionProtection: true,
    credentialRotationDays: 30,
    performanceInsights: true,
  },
  github: {
    org: 'example-org',
    repo: 'task-platform',
    branches: ['main'],
    environments: [],
    runners: {
      scaleSetName: 'taskplatform-runners',
      minRunners: 0,
      maxRunners: 3,
      configSecretName: 'github-arc-app',
    },
  },
  storage: {
    backupsToGlacierAfterDays: 30,
    backupsExpireAfterDays: 365,
  },
  monitoring: {
    namespace: 'monitoring',
    prometheusRetentionDays: 15,
    prometheusStorageGiB: 50,
    lokiRetentionDays: 7,
    lokiStorageGiB: 20,
  },
  charts: {
    awsLoadBalancerController: 'v3.2.2',
    metricsServer: '3.12.2',
    clusterAutoscaler: '9.46.6',
    actionsRunnerController: '0.12.1',
    kubePrometheusStack: '75.15.0',
    loki: '6.30.1',
    promtail: '6.17.0',
  },
  tags: { project: 'task-platform' },
};

/**
 * The two presets. `prod` keeps every design number; `dev` differs only where cost
 * matters more than availability: one NAT gateway, single-AZ RDS without deletion
 * protection or Performance Insights.
 */
export const environmentPresets: Readonly<
  Record<EnvironmentStage, EnvironmentSpec>
> = deepFreeze({
  dev: parseEnvironmentSpec({
    ...designDefaults,
    name: 'taskplatform-dev',
    stage: 'dev',
    network: {
      ...designDefaults.network,
      natGateways: 1,
      flowLogRetentionDays: 7,
    },
    database: {
      ...designDefaults.database,
      multiAz: false,
      deletionProtection: false,
      performanceInsights: false,
    },
    github: { ...designDefaults.github, environments: ['dev'] },
    tags: { ...designDefaults.tags, stage: 'dev' },
  }),
  prod: parseEnvironmentSpec({
    ...designDefaults,
    name: 'taskplatform-prod',
    stage: 'prod',
    github: { ...designDefaults.github, environments: ['prod'] },
    tags: { ...designDefaults.tags, stage: 'prod' },
  }),
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, overrides: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overrides)) {
    return overrides === undefined ? base : overrides;
  }
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    merged[key] = deepMerge(base[key], value);
  }
  return merged;
}

/**
 * The preset for a stage with some fields replaced (objects merge, arrays replace),
 * validated as a whole. Unknown fields are rejected.
 */
export function specFromPreset(
  stage: EnvironmentStage,
  overrides: EnvironmentSpecOverrides | Record<string, unknown> = {},
): EnvironmentSpec {
  if (!(stage in environmentPresets)) {
    throw new InvalidEnvironmentSpecError([
      {
        path: 'stage',
        message: `must be one of ${Object.keys(environmentPresets).join(', ')}`,
      },
    ]);
  }
  const merged = deepMerge(environmentPresets[stage], {
    ...overrides,
    stage,
  }) as EnvironmentSpec;
  // A new region without explicit zones gets the same number of zones, a, b, c...
  const network = (overrides as EnvironmentSpecOverrides).network;
  if (
    overrides.region &&
    !network?.availabilityZones &&
    typeof merged.region === 'string'
  ) {
    const count = environmentPresets[stage].network.availabilityZones.length;
    merged.network = {
      ...merged.network,
      availabilityZones: Array.from(
        { length: count },
        (_, i) => `${merged.region}${String.fromCharCode(97 + i)}`,
      ),
    };
  }
  return parseEnvironmentSpec(merged);
}
