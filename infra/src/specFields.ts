import { InstanceClass } from 'aws-cdk-lib/aws-ec2';
import { AlbControllerVersion } from 'aws-cdk-lib/aws-eks';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';

// The field rules of an environment spec (instance types, names, CIDRs, versions).

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

export const LOG_RETENTION_DAYS: readonly number[] = Object.values(
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

export const dbInstanceClass = z.string().superRefine((value, ctx) => {
  const issue = instanceTypeIssue(value, 'db.');
  if (issue) ctx.addIssue({ code: 'custom', message: issue });
});

/** A DNS label: lower-case letters, digits and dashes, starting with a letter. */
export const dnsLabel = (max: number) =>
  z
    .string()
    .max(max)
    .regex(
      /^[a-z]([a-z0-9-]*[a-z0-9])?$/,
      'must be DNS-safe: lower-case letters, digits and "-", starting with a letter and not ending with "-"',
    );

export const cidr = z.cidrv4({
  message: 'must be an IPv4 CIDR such as 10.0.1.0/24',
});

export const helmChartVersion = z
  .string()
  .regex(/^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, 'must be a chart version');

export const nodeGroupSchema = z.strictObject({
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

export const githubName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'must be a GitHub owner or repository name',
  );
