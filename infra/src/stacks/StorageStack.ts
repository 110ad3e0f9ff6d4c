import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { EnvironmentSpec } from '../spec.ts';
import {
  EnvironmentStack,
  type EnvironmentStackProps,
} from './EnvironmentStack.ts';

/** Bucket names: fixed per environment, account and region, so workflows can name them. */
export function bucketNames(spec: EnvironmentSpec) {
  const suffix = `${spec.account}-${spec.region}`;
  return {
    backups: `${spec.name}-backups-${suffix}`,
    assets: `${spec.name}-assets-${suffix}`,
  };
}

export interface StorageStackProps extends EnvironmentStackProps {}

/** S3 buckets for backups and assets, KMS-encrypted, private, TLS-only. */
export class StorageStack extends EnvironmentStack {
  readonly backupsBucket: s3.Bucket;
  readonly assetsBucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: StorageStackProps) {
    super(scope, id, props);
    const { spec } = props;
    const prod = spec.stage === 'prod';
    const removal = prod
      ? { removalPolicy: RemovalPolicy.RETAIN }
      : { removalPolicy: RemovalPolicy.DESTROY };

    const key = (this.key = new kms.Key(this, 'StorageKey', {
      description: `Encryption of the ${spec.name} backups and assets buckets`,
      enableKeyRotation: true,
    }));

    // S3 server access logs cannot be delivered to SSE-KMS buckets: SSE-S3 here.
    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        { id: 'expire-access-logs', expiration: Duration.days(90) },
      ],
      ...removal,
    });

    const common: s3.BucketProps = {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogsBucket,
      ...removal,
    };

    const names = bucketNames(spec);
    this.backupsBucket = new s3.Bucket(this, 'BackupsBucket', {
      ...common,
      bucketName: names.backups,
      serverAccessLogsPrefix: 'backups/',
      lifecycleRules: [
        {
          id: 'backups-to-glacier',
          transitions: [
            {
              storageClass: s3.StorageClass.GLACIER,
              transitionAfter: Duration.days(
                spec.storage.backupsToGlacierAfterDays,
              ),
            },
          ],
          expiration: Duration.days(spec.storage.backupsExpireAfterDays),
          noncurrentVersionExpiration: Duration.days(
            spec.storage.backupsToGlacierAfterDays,
          ),
        },
      ],
    });

    this.assetsBucket = new s3.Bucket(this, 'AssetsBucket', {
      ...common,
      bucketName: names.assets,
      serverAccessLogsPrefix: 'assets/',
      lifecycleRules: [
        {
          id: 'expire-old-asset-versions',
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
    });

    this.exportOutput(
      'BackupsBucketName',
      this.backupsBucket.bucketName,
      'Backups (to Glacier when old)',
    );
    this.exportOutput(
      'AssetsBucketName',
      this.assetsBucket.bucketName,
      'Build and application assets',
    );
  }
}
