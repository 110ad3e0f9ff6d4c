import { Match, type Template } from 'aws-cdk-lib/assertions';
import { synthPreset, type SynthesizedPreset } from '../testing/synthPreset.ts';

describe('StorageStack (prod preset)', () => {
  let synth: SynthesizedPreset;
  let template: Template;

  beforeAll(() => {
    synth = synthPreset('prod');
    template = synth.template(synth.stacks.storage);
  });
  afterAll(() => synth.cleanup());

  const buckets = () => template.findResources('AWS::S3::Bucket');
  const bucket = (prefix: string) =>
    Object.entries(buckets()).find(([id]) => id.startsWith(prefix))![1];

  it('encrypts the backups and assets buckets with a rotating KMS key', () => {
    for (const name of ['BackupsBucket', 'AssetsBucket']) {
      expect(bucket(name).Properties.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: {
                'Fn::GetAtt': [expect.stringMatching(/^StorageKey/), 'Arn'],
              },
            },
          },
        ],
      });
    }
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
    });
  });

  it('encrypts every bucket and blocks all public access', () => {
    expect(Object.keys(buckets())).toHaveLength(3);
    for (const b of Object.values(buckets())) {
      expect(b.Properties.BucketEncryption).toBeDefined();
      expect(b.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
  });

  it('denies non-TLS requests on every bucket', () => {
    const policies = Object.values(
      template.findResources('AWS::S3::BucketPolicy'),
    );
    expect(policies).toHaveLength(3);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('moves old backups to Glacier and expires them later', () => {
    expect(
      bucket('BackupsBucket').Properties.LifecycleConfiguration.Rules,
    ).toEqual([
      expect.objectContaining({
        Status: 'Enabled',
        Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 30 }],
        ExpirationInDays: 365,
      }),
    ]);
  });

  it('logs access of the data buckets, names them per environment and retains them in prod', () => {
    for (const name of ['BackupsBucket', 'AssetsBucket']) {
      expect(bucket(name).Properties.LoggingConfiguration).toMatchObject({
        DestinationBucketName: {
          Ref: expect.stringMatching(/^AccessLogsBucket/),
        },
      });
      expect(bucket(name).DeletionPolicy).toBe('Retain');
      expect(bucket(name).Properties.VersioningConfiguration).toEqual({
        Status: 'Enabled',
      });
    }
    expect(bucket('AssetsBucket').Properties.BucketName).toBe(
      'taskplatform-prod-assets-123456789012-us-east-1',
    );
    template.hasOutput('BackupsBucketName', {
      Export: { Name: 'taskplatform-prod-BackupsBucketName' },
      Value: Match.anyValue(),
    });
  });
});
