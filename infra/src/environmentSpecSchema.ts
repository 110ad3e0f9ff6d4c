import { z } from 'zod';
import {
  ALB_CONTROLLER_VERSIONS,
  LOG_RETENTION_DAYS,
  cidr,
  dbInstanceClass,
  dnsLabel,
  githubName,
  helmChartVersion,
  nodeGroupSchema,
} from './specFields.ts';

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
