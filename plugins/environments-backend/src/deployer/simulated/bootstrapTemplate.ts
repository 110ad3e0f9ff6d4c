import type { CfnTemplate } from '../plan/SynthesizedStack';

export const BOOTSTRAP_STACK = 'CDKToolkit';
/** Version of the modern bootstrap template the simulated bootstrap reports. */
export const BOOTSTRAP_VERSION = 30;

/** The resources of CDK's modern bootstrap template (qualifier hnb659fds), by logical id. */
export function bootstrapTemplate(): CfnTemplate {
  const r = (Type: string) => ({ Type });
  return {
    Resources: {
      FileAssetsBucketEncryptionKey: r('AWS::KMS::Key'),
      FileAssetsBucketEncryptionKeyAlias: r('AWS::KMS::Alias'),
      StagingBucket: r('AWS::S3::Bucket'),
      StagingBucketPolicy: r('AWS::S3::BucketPolicy'),
      ContainerAssetsRepository: r('AWS::ECR::Repository'),
      FilePublishingRole: r('AWS::IAM::Role'),
      ImagePublishingRole: r('AWS::IAM::Role'),
      LookupRole: r('AWS::IAM::Role'),
      FilePublishingRoleDefaultPolicy: r('AWS::IAM::Policy'),
      ImagePublishingRoleDefaultPolicy: r('AWS::IAM::Policy'),
      DeploymentActionRole: r('AWS::IAM::Role'),
      CloudFormationExecutionRole: r('AWS::IAM::Role'),
      CdkBootstrapVersion: r('AWS::SSM::Parameter'),
    },
  };
}
