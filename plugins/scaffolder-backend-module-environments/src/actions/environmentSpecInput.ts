import { InputError } from '@backstage/errors';
import type { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';
import type { EnvironmentSpec } from '@taskplatform/infra';

/** The zod v3 that scaffolder-node hands to function-form schemas. */
type ZodV3 = Parameters<
  NonNullable<NonNullable<TemplateActionOptions['schema']>['input']>[string]
>[0];

/**
 * Action inputs shared by `environments:plan` and `environments:create`: a preset
 * and the fields a person usually changes. Only the types are checked here (zod v3);
 * the values are validated by infra's own spec schema in the handler, so the form and
 * the environments API report the same messages.
 */
export const environmentSpecInput = {
  preset: (z: ZodV3) =>
    z.enum(['dev', 'prod'], {
      description:
        'Preset the spec starts from: dev (one NAT gateway, single-AZ database without deletion protection) or prod (the design numbers)',
    }),
  name: (z: ZodV3) =>
    z.string({
      description:
        'Environment name: a DNS label (lower-case letters, digits and "-") of at most 26 characters; it prefixes the stacks and the cluster',
    }),
  account: (z: ZodV3) =>
    z
      .string({
        description:
          '12-digit AWS account id; one of environments.accounts in the app config. Default: the preset account',
      })
      .optional(),
  region: (z: ZodV3) =>
    z
      .string({
        description:
          "AWS region, e.g. eu-west-1; one of the account's regions in the app config. Default: the preset region",
      })
      .optional(),
  availabilityZoneCount: (z: ZodV3) =>
    z
      .number({
        description:
          'Number of availability zones (zones a, b, c... of the region), with one public, private and data subnet each. prod gets one NAT gateway per zone. Default: the preset (2)',
      })
      .int()
      .min(1)
      .max(6)
      .optional(),
  githubOrg: (z: ZodV3) =>
    z
      .string({
        description:
          'GitHub organisation whose workflows may assume the deploy role (OIDC) and whose runners run on the cluster',
      })
      .optional(),
  githubRepo: (z: ZodV3) =>
    z
      .string({
        description:
          'GitHub repository (in githubOrg) allowed to assume the deploy role, and served by the runner scale set',
      })
      .optional(),
  runnersMin: (z: ZodV3) =>
    z
      .number({
        description: 'Minimum number of GitHub Actions runners kept running',
      })
      .int()
      .optional(),
  runnersMax: (z: ZodV3) =>
    z
      .number({
        description: 'Maximum number of GitHub Actions runners (1 to 100)',
      })
      .int()
      .optional(),
  databaseInstanceClass: (z: ZodV3) =>
    z
      .string({
        description: 'RDS PostgreSQL instance class, e.g. db.t3.micro',
      })
      .optional(),
  databaseStorageGiB: (z: ZodV3) =>
    z
      .number({
        description:
          'Allocated database storage in GiB (20 or more). Without databaseMaxStorageGiB, autoscaling may grow it to five times this',
      })
      .int()
      .optional(),
  databaseMaxStorageGiB: (z: ZodV3) =>
    z
      .number({
        description:
          'Upper limit of database storage autoscaling in GiB; greater than databaseStorageGiB',
      })
      .int()
      .optional(),
  databaseMultiAz: (z: ZodV3) =>
    z
      .boolean({
        description:
          'Run the database Multi-AZ with a standby in a second zone (required for prod)',
      })
      .optional(),
  spec: (z: ZodV3) =>
    z
      .record(z.unknown(), {
        description:
          'Further EnvironmentSpec overrides of @taskplatform/infra (objects merge, arrays replace); the fields above win over them',
      })
      .optional(),
};

/** The values of {@link environmentSpecInput}. */
export interface EnvironmentSpecInput {
  preset: 'dev' | 'prod';
  name: string;
  account?: string;
  region?: string;
  availabilityZoneCount?: number;
  githubOrg?: string;
  githubRepo?: string;
  runnersMin?: number;
  runnersMax?: number;
  databaseInstanceClass?: string;
  databaseStorageGiB?: number;
  databaseMaxStorageGiB?: number;
  databaseMultiAz?: boolean;
  spec?: Record<string, unknown>;
}

/** A preset, the overrides sent to the environments API, and the full spec they give. */
export interface ResolvedEnvironmentSpec {
  preset: 'dev' | 'prod';
  /** Overrides of the preset as the API takes them: name, account and region always set. */
  overrides: Record<string, unknown> & {
    name: string;
    account: string;
    region: string;
  };
  spec: EnvironmentSpec;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge, arrays and scalars replace, undefined leaves the base alone. */
function merge(base: Json, overrides: Json): Json {
  const merged: Json = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    merged[key] =
      isObject(value) && isObject(merged[key])
        ? merge(merged[key] as Json, value)
        : value;
  }
  return merged;
}

/** Zones a, b, c... of the region with one /24 per tier and zone inside the VPC's /16. */
function networkForZones(
  preset: EnvironmentSpec,
  region: string,
  vpcCidr: string,
  count: number,
): Json {
  const [a, b] = vpcCidr.split('.');
  const subnet = (third: number) => `${a}.${b}.${third}.0/24`;
  const zones = Array.from({ length: count }, (_, i) => i);
  return {
    availabilityZones: zones.map(
      i => `${region}${String.fromCharCode(97 + i)}`,
    ),
    subnets: {
      public: zones.map(i => subnet(1 + i)),
      private: zones.map(i => subnet(11 + i)),
      data: zones.map(i => subnet(21 + i)),
    },
    natGateways:
      preset.stage === 'prod'
        ? count
        : Math.min(preset.network.natGateways, count),
  };
}

/**
 * The environment spec of `@taskplatform/infra` (its schema and presets) on
 * first use, from the package's `spec` entry point: zod only, not the stacks.
 * The whole package pulls in aws-cdk-lib, about a second of CPU on the
 * backend's event loop; that made the first create after a start 0.5 s
 * slower and stalled every other request meanwhile. (`require`, as jest
 * cannot run a dynamic `import()`.)
 */
function loadInfra(): typeof import('@taskplatform/infra/spec') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@taskplatform/infra/spec');
}

/**
 * Builds the spec overrides from the action input and validates the whole spec with
 * `specFromPreset` of `@taskplatform/infra`. Throws an InputError naming every bad field.
 */
export async function resolveEnvironmentSpec(
  input: EnvironmentSpecInput,
): Promise<ResolvedEnvironmentSpec> {
  const infra = loadInfra();
  const presetSpec = infra.environmentPresets[input.preset];
  if (!presetSpec) {
    throw new InputError(
      `Invalid environment spec: preset: must be one of ${Object.keys(
        infra.environmentPresets,
      ).join(', ')}`,
    );
  }
  const extra = input.spec ?? {};
  let overrides: Json = merge(extra, {
    name: input.name,
    account: input.account,
    region: input.region,
    github: {
      org: input.githubOrg,
      repo: input.githubRepo,
      runners: { minRunners: input.runnersMin, maxRunners: input.runnersMax },
    },
    database: {
      instanceClass: input.databaseInstanceClass,
      allocatedStorageGiB: input.databaseStorageGiB,
      maxAllocatedStorageGiB:
        input.databaseMaxStorageGiB ??
        (input.databaseStorageGiB === undefined
          ? undefined
          : Math.min(65536, input.databaseStorageGiB * 5)),
      multiAz: input.databaseMultiAz,
    },
  });
  if (input.availabilityZoneCount !== undefined) {
    const network = isObject(extra.network) ? extra.network : {};
    overrides = merge(overrides, {
      network: networkForZones(
        presetSpec,
        String(overrides.region ?? presetSpec.region),
        String(network.vpcCidr ?? presetSpec.network.vpcCidr),
        input.availabilityZoneCount,
      ),
    });
  }
  overrides = dropEmptyObjects(overrides);
  try {
    const spec = infra.specFromPreset(input.preset, overrides);
    // The API wants the fields that identify an environment spelled out.
    const identified = {
      ...overrides,
      name: spec.name,
      account: spec.account,
      region: spec.region,
    };
    return { preset: input.preset, overrides: identified, spec };
  } catch (error) {
    if (error instanceof infra.InvalidEnvironmentSpecError) {
      throw new InputError(error.message);
    }
    throw error;
  }
}

function dropEmptyObjects(value: Json): Json {
  const result: Json = {};
  for (const [key, child] of Object.entries(value)) {
    if (isObject(child)) {
      const cleaned = dropEmptyObjects(child);
      if (Object.keys(cleaned).length > 0) result[key] = cleaned;
    } else if (child !== undefined) {
      result[key] = child;
    }
  }
  return result;
}
