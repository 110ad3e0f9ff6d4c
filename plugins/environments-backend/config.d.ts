export interface Config {
  /** Configuration of @taskplatform/plugin-environments-backend. */
  environments?: {
    /**
     * Which deployer runs operations: 'toolkit' (CDK toolkit-lib against
     * AWS, the default) or 'simulated' (realistic events, no AWS; every
     * environment it makes is marked simulated).
     */
    deployer?: 'toolkit' | 'simulated';
    /**
     * Seconds a permission decision is cached per user and permission
     * (default 5; 0 asks the permission backend every time). A changed policy
     * takes effect within this time.
     */
    permissionCacheSeconds?: number;
    /**
     * The AWS accounts environments may be created in, with their regions.
     * Credentials come from the standard `aws.accounts` config
     * (`@backstage/integration-aws-node`).
     */
    accounts?: Array<{
      /** 12-digit AWS account id. */
      accountId: string;
      /** Display name of the account in the portal, e.g. "Sandbox". */
      title?: string;
      /** Regions allowed in this account, e.g. us-east-1. */
      regions: string[];
      /** Role to assume for deploys (else `aws.accounts` decides). */
      roleArn?: string;
      /** @visibility secret */
      externalId?: string;
      /** Role the Kubernetes plugin assumes to reach the clusters (`kubernetes.io/aws-assume-role`). */
      clusterAccessRoleArn?: string;
    }>;
    worker?: {
      /** Lease of a running operation; another replica takes over when it expires. Default 30. */
      leaseSeconds?: number;
      /** Operations one replica drives at once. Default 4. */
      maxConcurrent?: number;
      /** Stop the idle deployer worker process after this many ms. */
      idleTimeoutMs?: number;
    };
    simulated?: {
      /** Time between two simulated CloudFormation events. Default 150. */
      eventIntervalMs?: number;
      /** Logical-id substring of a resource whose creation fails (failure injection). */
      failResource?: string;
    };
  };
}
