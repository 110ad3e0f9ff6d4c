import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { EnvironmentStacks } from './EnvironmentStacks.ts';
import { acknowledgeNagFindings } from './nagAcknowledgements.ts';
import {
  parseEnvironmentSpec,
  type EnvironmentSpec,
} from './environmentSpecSchema.ts';
import {
  PortalDeployment,
  type PortalOnClusterInput,
} from './portal/PortalDeployment.ts';
import { CiCdIdentityStack } from './stacks/CiCdIdentityStack.ts';
import { ClusterStack } from './stacks/ClusterStack.ts';
import { DatabaseStack } from './stacks/DatabaseStack.ts';
import { NetworkStack } from './stacks/NetworkStack.ts';
import { StorageStack, bucketNames } from './stacks/StorageStack.ts';

/** CDK feature flags the stacks are written for (new-project defaults). */
const FEATURE_FLAGS = {
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/aws-iam:minimizePolicies': true,
  '@aws-cdk/aws-kms:aliasNameRef': true,
  '@aws-cdk/core:enablePartitionLiterals': true,
  // Exports between the stacks of one environment stay protected (CloudFormation
  // refuses to drop an export still imported), as before this flag existed.
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
};

export type { EnvironmentStacks } from './EnvironmentStacks.ts';

export interface BuildEnvironmentAppOptions {
  /** Cloud assembly directory; defaults to CDK's (`CDK_OUTDIR` or a temp dir). */
  outdir?: string;
  /** Run cdk-nag's AwsSolutions pack during synthesis (default true). */
  nag?: boolean;
  /** Extra CDK context (feature flags, `@aws-cdk/core:failSynthOnValidationErrors`, ...). */
  context?: Record<string, unknown>;
  /** Deploy the portal itself onto this environment's cluster (its own environment). */
  portal?: PortalOnClusterInput;
}

export interface EnvironmentApp {
  app: App;
  spec: EnvironmentSpec;
  stacks: EnvironmentStacks;
}

/**
 * Builds the CDK app of one environment. The spec is validated first
 * ({@link parseEnvironmentSpec}); every stack gets the spec's account, region and
 * availability zones, so synthesis needs no credentials, network or context lookups.
 * Call `app.synth()` (or use {@link synthesizeEnvironment}) to write the assembly.
 */
export function buildEnvironmentApp(
  input: EnvironmentSpec | unknown,
  options: BuildEnvironmentAppOptions = {},
): EnvironmentApp {
  const spec = parseEnvironmentSpec(input);
  const app = new App({
    outdir: options.outdir,
    analyticsReporting: false,
    // Callers synthesize explicitly (bin/app.ts, synthesizeEnvironment, tests).
    autoSynth: false,
    context: { ...FEATURE_FLAGS, ...options.context },
  });
  const stackProps = (component: string) => ({
    spec,
    stackName: `${spec.name}-${component}`,
    description: `Task Platform ${spec.name}: ${component}`,
    terminationProtection: spec.stage === 'prod',
  });

  const network = new NetworkStack(app, 'Network', stackProps('network'));
  const storage = new StorageStack(app, 'Storage', stackProps('storage'));
  const cicd = new CiCdIdentityStack(app, 'CiCd', {
    ...stackProps('cicd'),
    assetsBucketName: bucketNames(spec).assets,
    assetsBucketKey: storage.key,
  });
  const cluster = new ClusterStack(app, 'Cluster', {
    ...stackProps('cluster'),
    vpc: network.vpc,
    albSecurityGroup: network.albSecurityGroup,
    deployRole: cicd.deployRole,
  });
  if (options.portal) {
    new PortalDeployment(cluster, 'Portal', {
      spec,
      cluster: cluster.cluster,
      portal: options.portal,
    });
  }
  const database = new DatabaseStack(app, 'Database', {
    ...stackProps('database'),
    vpc: network.vpc,
    clusterSecurityGroup: cluster.cluster.clusterSecurityGroup,
  });
  const stacks = { network, storage, cicd, cluster, database };

  Tags.of(app).add('taskplatform:environment', spec.name);
  for (const [key, value] of Object.entries(spec.tags)) {
    Tags.of(app).add(key, value);
  }

  acknowledgeNagFindings(spec, stacks);
  if (options.nag !== false) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  return { app, spec, stacks };
}
