import { InstanceClass } from 'aws-cdk-lib/aws-ec2';
import { AlbControllerVersion } from 'aws-cdk-lib/aws-eks';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';

/** AWS Load Balancer Controller versions whose IAM policy ships with aws-cdk-lib. */
export const ALB_CONTROLLER_VERSIONS: readonly string[] = Object.values(
  AlbControllerVersion,
)
  .filter((v): v is AlbControllerVersion => v instanceof AlbControllerVersion)
  .map(v => v.version);

/**
 * Instance families known to the installed aws-cdk-lib (`t3`, `m7i`, `r6g`, ...).
 * The long aliases (`burstable3`, `standard5`) are not EC2 API names, so they are left out.
 */
const KNOWN_INSTANCE_FAMILIES: ReadonlySet<string> = new Set(
  Object.values(InstanceClass).filter(family =>
    /^[a-z]{1,3}\d[a-z0-9-]*$/.test(family),
  ),
);

const LOG_RETENTION_DAYS: readonly number[] = Object.values(
  RetentionDays,
).filter((days): days is number => typeof days === 'number' && days > 0);

const INSTANCE_SIZE =
  /^(nano|micro|small|medium|large|xlarge|\d+xlarge|metal(-\d+xl)?)$/;

function instanceTypeIssue(value: string, prefix = ''): string | undefined {
  if (!value.startsWith(prefix)) {
    return `must start with "${prefix}"`;
  }
  const [family, size, ...rest] = value.slice(prefix.length).split('.');
  if (rest.length > 0 || !family || !size || !INSTANCE_SIZE.test(size)) {
    return `"${value}" is not an instance type of the form ${prefix}<family>.<size>`;
  }
  if (!KNOWN_INSTANCE_FAMILIES.has(family)) {
    return `unknown instance type family "${family}"`;
  }
  return undefined;
}

const ec2InstanceType = z.string().superRefine((value, ctx) => {
  const issue = instanceTypeIssue(value);
  if (issue) ctx.addIssue({ code: 'custom', message: issue });
});

const dbInstanceClass = z.string().superRefine((value, ctx) => {
  const issue = instanceTypeIssue(value, 'db.');
  if (issue) ctx.addIssue({ code: 'custom', message: issue });
});

/** A DNS label: lower-case letters, digits and dashes, starting with a letter. */
const dnsLabel = (max: number) =>
  z
    .string()
    .max(max)
    .regex(
      /^[a-z]([a-z0-9-]*[a-z0-9])?$/,
      'must be DNS-safe: lower-case letters, digits and "-", starting with a letter and not ending with "-"',
    );

const cidr = z.cidrv4({ message: 'must be an IPv4 CIDR such as 10.0.1.0/24' });

const helmChartVersion = z
  .string()
  .regex(/^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, 'must be a chart version');

const nodeGroupSchema = z.strictObject({
  instanceTypes: z.array(ec2InstanceType).min(1),
  minSize: z.number().int().min(0),
  desiredSize: z.number().int().min(0),
  maxSize: z.number().int().min(1).max(100),
  diskSizeGiB: z.number().int().min(20).max(1000),
  capacityType: z.enum(['ON_DEMAND', 'SPOT']),
  labels: z.record(z.string(), z.string()),
  taint: z
    .strictObject({
      key: z.string().min(1),
      value: z.string(),
      effect: z.enum(['NoSchedule', 'NoExecute', 'PreferNoSchedule']),
    })
    .optional(),
});

const githubName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'must be a GitHub owner or repository name',
  );

const environmentSpecObject = z.strictObject({
  /** Environment name: prefixes stack names and the cluster name. */
  name: dnsLabel(26),
  stage: z.enum(['dev', 'prod']),
  account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
  region: z
    .string()
    .regex(
      /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/,
      'must be an AWS region such as us-east-1',
    ),
  network: z.strictObject({
    vpcCidr: cidr,
    /** Explicit zone names, so synthesis needs no context lookup. */
    availabilityZones: z
      .array(z.string().regex(/^[a-z0-9-]+[a-z]$/))
      .min(1)
      .max(6),
    subnets: z.strictObject({
      /** ALB and NAT gateways; one CIDR per availability zone. */
      public: z.array(cidr),
      /** EKS nodes; egress through NAT. */
      private: z.array(cidr),
      /** RDS; no route to the internet. */
      data: z.array(cidr),
    }),
    natGateways: z.number().int().min(1),
    /** One of the retention periods CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, ...). */
    flowLogRetentionDays: z
      .number()
      .int()
      .refine(days => LOG_RETENTION_DAYS.includes(days), {
        message:
          'must be a CloudWatch Logs retention period (1, 3, 5, 7, 14, 30, 60, 90, ...)',
      }),
  }),
  cluster: z.strictObject({
    /** Must match the kubectl layer shipped with this package (kubectl v1.35). */
    kubernetesVersion: z.enum(['1.35']),
    /** Empty: private API endpoint only. Otherwise public endpoint limited to these CIDRs. */
    publicEndpointCidrs: z.array(cidr),
    /** IAM role ARNs that get cluster-admin through EKS access entries. */
    adminRoleArns: z.array(
      z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/),
    ),
    appNamespace: dnsLabel(63),
    appNodes: nodeGroupSchema,
    runnerNodes: nodeGroupSchema.extend({
      taint: nodeGroupSchema.shape.taint.unwrap(),
    }),
  }),
  database: z.strictObject({
    /** Full PostgreSQL version, e.g. 17.6. */
    engineVersion: z
      .string()
      .regex(/^\d+\.\d+$/, 'must be MAJOR.MINOR, e.g. 17.6'),
    instanceClass: dbInstanceClass,
    databaseName: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be a PostgreSQL identifier'),
    port: z.number().int().min(1150).max(65535),
    multiAz: z.boolean(),
    allocatedStorageGiB: z.number().int().min(20).max(65536),
    maxAllocatedStorageGiB: z.number().int().min(21).max(65536),
    backupRetentionDays: z.number().int().min(1).max(35),
    deletionProtection: z.boolean(),
    credentialRotationDays: z.number().int().min(1).max(365),
    performanceInsights: z.boolean(),
  }),
  github: z.strictObject({
    org: githubName,
    repo: githubName,
    /** Branches whose workflows may assume the deploy role (`ref:refs/heads/<branch>`). */
    branches: z.array(z.string().regex(/^[A-Za-z0-9._/-]+$/)),
    /** GitHub environments whose jobs may assume the deploy role. */
    environments: z.array(z.string().regex(/^[A-Za-z0-9._-]+$/)),
    /** Reuse an existing GitHub OIDC provider (one per account) instead of creating it. */
    existingOidcProviderArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/,
      )
      .optional(),
    runners: z.strictObject({
      scaleSetName: dnsLabel(45),
      minRunners: z.number().int().min(0),
      maxRunners: z.number().int().min(1).max(100),
      /**
       * Name of a Kubernetes secret in the runners namespace holding the GitHub App
       * credentials (created out of band; never written into a template).
       */
      configSecretName: dnsLabel(63),
    }),
  }),
  storage: z.strictObject({
    backupsToGlacierAfterDays: z.number().int().min(1),
    backupsExpireAfterDays: z.number().int().min(2),
  }),
  monitoring: z.strictObject({
    namespace: dnsLabel(63),
    prometheusRetentionDays: z.number().int().min(1).max(365),
    prometheusStorageGiB: z.number().int().min(5).max(16384),
    lokiRetentionDays: z.number().int().min(1).max(365),
    lokiStorageGiB: z.number().int().min(5).max(16384),
  }),
  /** Helm chart versions of the in-cluster add-ons. */
  charts: z.strictObject({
    awsLoadBalancerController: z
      .string()
      .refine(v => ALB_CONTROLLER_VERSIONS.includes(v), {
        message: `must be one of the versions aws-cdk-lib knows: ${ALB_CONTROLLER_VERSIONS.slice(
          -5,
        ).join(', ')}, ...`,
      }),
    metricsServer: helmChartVersion,
    clusterAutoscaler: helmChartVersion,
    actionsRunnerController: helmChartVersion,
    kubePrometheusStack: helmChartVersion,
    loki: helmChartVersion,
    promtail: helmChartVersion,
  }),
  tags: z.record(z.string().min(1).max(128), z.string().max(256)),
});

type Range = { start: number; end: number };

function cidrRange(value: string): Range {
  const [address, prefix] = value.split('/');
  const start = address
    .split('.')
    .reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(prefix));
  const aligned = start - (start % size);
  return { start: aligned, end: aligned + size - 1 };
}

/** The schema of an environment spec, with every cross-field rule. */
export const environmentSpecSchema = environmentSpecObject.superRefine(
  (spec, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });

    const azs = spec.network.availabilityZones;
    if (azs.length < 2) {
      issue(
        ['network', 'availabilityZones'],
        spec.stage === 'prod'
          ? 'prod needs at least 2 availability zones'
          : 'EKS and RDS subnet groups need at least 2 availability zones',
      );
    }
    if (new Set(azs).size !== azs.length) {
      issue(['network', 'availabilityZones'], 'must not repeat a zone');
    }
    azs.forEach((az, i) => {
      if (!az.startsWith(spec.region)) {
        issue(
          ['network', 'availabilityZones', i],
          `"${az}" is not a zone of region ${spec.region}`,
        );
      }
    });
    if (spec.network.natGateways > azs.length) {
      issue(
        ['network', 'natGateways'],
        `must be at most the number of availability zones (${azs.length})`,
      );
    }

    const vpc = cidrRange(spec.network.vpcCidr);
    const seen: { path: (string | number)[]; range: Range; cidr: string }[] =
      [];
    for (const tier of ['public', 'private', 'data'] as const) {
      const cidrs = spec.network.subnets[tier];
      if (cidrs.length !== azs.length) {
        issue(
          ['network', 'subnets', tier],
          `needs one CIDR per availability zone (${azs.length}), got ${cidrs.length}`,
        );
      }
      cidrs.forEach((subnet, i) => {
        const path = ['network', 'subnets', tier, i];
        const range = cidrRange(subnet);
        if (range.start < vpc.start || range.end > vpc.end) {
          issue(
            path,
            `${subnet} is outside the VPC CIDR ${spec.network.vpcCidr}`,
          );
        }
        const overlap = seen.find(
          other =>
            range.start <= other.range.end && other.range.start <= range.end,
        );
        if (overlap) {
          issue(
            path,
            `${subnet} overlaps ${overlap.cidr} (${overlap.path.join('.')})`,
          );
        }
        seen.push({ path, range, cidr: subnet });
      });
    }

    for (const group of ['appNodes', 'runnerNodes'] as const) {
      const { minSize, desiredSize, maxSize } = spec.cluster[group];
      if (minSize > maxSize) {
        issue(
          ['cluster', group, 'minSize'],
          `must be at most maxSize (${maxSize})`,
        );
      } else if (desiredSize < minSize || desiredSize > maxSize) {
        issue(
          ['cluster', group, 'desiredSize'],
          `must be between minSize (${minSize}) and maxSize (${maxSize})`,
        );
      }
    }
    if (spec.cluster.appNodes.minSize < 1) {
      issue(
        ['cluster', 'appNodes', 'minSize'],
        'must be at least 1: the add-ons run there',
      );
    }

    if (spec.stage === 'prod') {
      if (azs.length >= 2 && spec.network.natGateways !== azs.length) {
        issue(
          ['network', 'natGateways'],
          `prod needs one NAT gateway per availability zone (${azs.length})`,
        );
      }
      if (!spec.database.multiAz) {
        issue(['database', 'multiAz'], 'prod databases must be Multi-AZ');
      }
      if (!spec.database.deletionProtection) {
        issue(
          ['database', 'deletionProtection'],
          'prod databases must have deletion protection',
        );
      }
    }

    const { allocatedStorageGiB, maxAllocatedStorageGiB } = spec.database;
    if (maxAllocatedStorageGiB <= allocatedStorageGiB) {
      issue(
        ['database', 'maxAllocatedStorageGiB'],
        `must be greater than allocatedStorageGiB (${allocatedStorageGiB}) for storage autoscaling`,
      );
    }
    const major = Number(spec.database.engineVersion.split('.')[0]);
    if (major < 15) {
      issue(
        ['database', 'engineVersion'],
        'PostgreSQL 15 or newer is required',
      );
    }

    const { minRunners, maxRunners } = spec.github.runners;
    if (minRunners > maxRunners) {
      issue(
        ['github', 'runners', 'minRunners'],
        `must be at most maxRunners (${maxRunners})`,
      );
    }
    if (spec.github.branches.length + spec.github.environments.length === 0) {
      issue(
        ['github', 'branches'],
        'at least one branch or environment must be allowed to assume the deploy role',
      );
    }

    const { backupsToGlacierAfterDays, backupsExpireAfterDays } = spec.storage;
    if (backupsExpireAfterDays <= backupsToGlacierAfterDays) {
      issue(
        ['storage', 'backupsExpireAfterDays'],
        `must be after backupsToGlacierAfterDays (${backupsToGlacierAfterDays})`,
      );
    }
  },
);

/** A validated environment spec. */
export type EnvironmentSpec = z.infer<typeof environmentSpecObject>;
export type EnvironmentStage = EnvironmentSpec['stage'];
export type NodeGroupSpec = EnvironmentSpec['cluster']['appNodes'];

/** A spec where any field may be left out to take the preset's value. */
export type EnvironmentSpecOverrides = DeepPartial<EnvironmentSpec>;
type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
  ? { [K in keyof T]?: DeepPartial<T[K]> }
  : T;

/** One problem found in a spec; `path` names the field, e.g. `cluster.appNodes.minSize`. */
export interface EnvironmentSpecIssue {
  path: string;
  message: string;
}

/** Thrown for a spec that must not be synthesized; the message names every bad field. */
export class InvalidEnvironmentSpecError extends Error {
  readonly issues: EnvironmentSpecIssue[];

  constructor(issues: EnvironmentSpecIssue[]) {
    super(
      `Invalid environment spec: ${issues
        .map(i => `${i.path || '(root)'}: ${i.message}`)
        .join('; ')}`,
    );
    this.name = 'InvalidEnvironmentSpecError';
    this.issues = issues;
  }
}

/** Validates a complete spec; throws {@link InvalidEnvironmentSpecError} naming the fields. */
export function parseEnvironmentSpec(input: unknown): EnvironmentSpec {
  const result = environmentSpecSchema.safeParse(input);
  if (!result.success) {
    throw new InvalidEnvironmentSpecError(
      result.error.issues.map(i => ({
        path: i.path.map(String).join('.'),
        message: i.message,
      })),
    );
  }
  return result.data;
}

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
