import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import type { Construct } from 'constructs';
import {
  EnvironmentStack,
  type EnvironmentStackProps,
} from './EnvironmentStack.ts';
import { SUBNET_GROUPS } from './NetworkStack.ts';

export interface DatabaseStackProps extends EnvironmentStackProps {
  vpc: ec2.IVpc;
  /** Security group of the EKS nodes: the only workload allowed to reach PostgreSQL. */
  clusterSecurityGroup: ec2.ISecurityGroup;
}

/** RDS PostgreSQL in the isolated data subnets. */
export class DatabaseStack extends EnvironmentStack {
  readonly instance: rds.DatabaseInstance;

  constructor(scope: Construct, id: string, props: DatabaseStackProps) {
    super(scope, id, props);
    const { spec, vpc } = props;
    const db = spec.database;
    const [major] = db.engineVersion.split('.');
    const engine = rds.DatabaseInstanceEngine.postgres({
      version: rds.PostgresEngineVersion.of(db.engineVersion, major),
    });

    const key = new kms.Key(this, 'DatabaseKey', {
      description: `Storage and Performance Insights encryption of ${spec.name} RDS`,
      enableKeyRotation: true,
    });

    const parameterGroup = new rds.ParameterGroup(this, 'Parameters', {
      engine,
      description: `${spec.name} PostgreSQL ${major}: TLS only`,
      parameters: { 'rds.force_ssl': '1' },
    });

    const securityGroup = new ec2.SecurityGroup(this, 'DatabaseSecurityGroup', {
      vpc,
      description: `PostgreSQL of ${spec.name}: port ${db.port} from the EKS nodes only`,
      allowAllOutbound: false,
    });

    this.instance = new rds.DatabaseInstance(this, 'Database', {
      engine,
      instanceType: new ec2.InstanceType(db.instanceClass.replace(/^db\./, '')),
      vpc,
      vpcSubnets: { subnetGroupName: SUBNET_GROUPS.data },
      securityGroups: [securityGroup],
      port: db.port,
      databaseName: db.databaseName,
      credentials: rds.Credentials.fromGeneratedSecret('taskplatform_admin', {
        secretName: `${spec.name}/rds/admin`,
      }),
      multiAz: db.multiAz,
      storageEncrypted: true,
      storageEncryptionKey: key,
      storageType: rds.StorageType.GP3,
      allocatedStorage: db.allocatedStorageGiB,
      maxAllocatedStorage: db.maxAllocatedStorageGiB,
      backupRetention: Duration.days(db.backupRetentionDays),
      deleteAutomatedBackups: false,
      deletionProtection: db.deletionProtection,
      removalPolicy: db.deletionProtection
        ? RemovalPolicy.SNAPSHOT
        : RemovalPolicy.DESTROY,
      parameterGroup,
      iamAuthentication: true,
      autoMinorVersionUpgrade: true,
      cloudwatchLogsExports: ['postgresql', 'upgrade'],
      monitoringInterval: Duration.seconds(60),
      enablePerformanceInsights: db.performanceInsights,
      performanceInsightEncryptionKey: db.performanceInsights ? key : undefined,
      publiclyAccessible: false,
    });

    this.instance.connections.allowFrom(
      props.clusterSecurityGroup,
      ec2.Port.tcp(db.port),
      'PostgreSQL from the EKS nodes',
    );

    // The rotation function runs in the private subnets and reaches Secrets Manager
    // through the VPC endpoint; CDK opens the database port to its security group.
    this.instance.addRotationSingleUser({
      automaticallyAfter: Duration.days(db.credentialRotationDays),
      vpcSubnets: { subnetGroupName: SUBNET_GROUPS.private },
    });

    this.exportOutput(
      'DatabaseEndpoint',
      this.instance.dbInstanceEndpointAddress,
      'PostgreSQL host name',
    );
    this.exportOutput(
      'DatabasePort',
      this.instance.dbInstanceEndpointPort,
      'PostgreSQL port',
    );
    this.exportOutput(
      'DatabaseSecretArn',
      this.instance.secret!.secretArn,
      'Admin credentials (rotated)',
    );
  }
}
