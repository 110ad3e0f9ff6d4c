import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { DeployerEvent, DeployTarget } from './Deployer';
import { startFakeAws, type FakeAwsState } from './__fixtures__/startFakeAws';
import { ToolkitDeployer } from './ToolkitDeployer';

const account = '210987654321';
const target: DeployTarget = {
  environmentName: 'acme-prod',
  spec: { name: 'acme-prod', account, region: 'us-east-1' },
  account,
  region: 'us-east-1',
};
// Fake keys of the backend's own identity, for the local server only.
const mainAccount = {
  accessKeyId: 'AKIAMAINACCOUNTKEY01',
  secretAccessKey: 'main-secret',
};

const assumedRoleConfig = {
  aws: { mainAccount },
  environments: {
    accounts: [
      {
        accountId: account,
        regions: ['us-east-1'],
        roleArn: `arn:aws:iam::${account}:role/portal-deployer`,
      },
    ],
  },
};

function recordingWorker() {
  const calls: string[] = [];
  return {
    calls,
    async call<T>(op: string): Promise<T> {
      calls.push(op);
      return {
        stacks: [],
        spec: {},
        nag: { errors: [], warningCount: 0 },
      } as T;
    },
  };
}

describe('ToolkitDeployer', () => {
  let aws: Awaited<ReturnType<typeof startFakeAws>>;
  const state: FakeAwsState = { stacks: {}, events: {} };
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    aws = await startFakeAws(state);
    for (const key of Object.keys(process.env)) {
      if (key.startsWith('AWS_')) delete process.env[key];
    }
  });
  afterAll(async () => {
    process.env = savedEnv;
    await aws.close();
  });
  beforeEach(() => {
    aws.requests.length = 0;
    state.stacks = {};
    state.events = {};
    state.onDescribeStacks = undefined;
  });

  const deployerWith = (config: object, worker = recordingWorker()) =>
    new ToolkitDeployer({
      config: new ConfigReader(config),
      worker,
      logger: mockServices.logger.mock(),
      endpoint: aws.endpoint,
      pollIntervalMs: 5,
    });

  it('assumes environments.accounts[].roleArn and checks the bootstrap version in SSM with those credentials', async () => {
    state.bootstrapVersion = '21';
    const deployer = deployerWith({
      aws: { mainAccount },
      environments: {
        accounts: [
          {
            accountId: account,
            regions: ['us-east-1'],
            roleArn: `arn:aws:iam::${account}:role/portal-deployer`,
            externalId: 'ext-1',
          },
        ],
      },
    });
    expect(
      await deployer.isBootstrapped({ account, region: 'us-east-1' }),
    ).toEqual({ bootstrapped: true, version: 21 });
    const [assume, ssm] = aws.requests;
    expect(assume).toMatchObject({
      service: 'sts',
      action: 'AssumeRole',
      accessKeyId: 'AKIAMAINACCOUNTKEY01',
      params: {
        RoleArn: `arn:aws:iam::${account}:role/portal-deployer`,
        ExternalId: 'ext-1',
      },
    });
    expect(ssm).toMatchObject({
      service: 'ssm',
      action: 'GetParameter',
      accessKeyId: 'ASIAASSUMEDROLEKEY01',
      params: { Name: '/cdk-bootstrap/hnb659fds/version' },
    });
  });

  it('uses aws.accounts[].roleName through integration-aws-node, and reports a missing bootstrap', async () => {
    state.bootstrapVersion = undefined;
    process.env.AWS_ENDPOINT_URL_STS = aws.endpoint;
    try {
      const deployer = deployerWith({
        aws: {
          mainAccount,
          accounts: [{ accountId: account, roleName: 'portal-deployer' }],
        },
      });
      const result = await deployer.isBootstrapped({
        account,
        region: 'eu-west-1',
      });
      expect(result).toMatchObject({ bootstrapped: false });
      expect(result.message).toMatch(
        /aws:\/\/210987654321\/eu-west-1 is not CDK-bootstrapped/,
      );
      expect(aws.requests.map(r => [r.service, r.accessKeyId])).toEqual([
        ['sts', 'AKIAMAINACCOUNTKEY01'],
        ['ssm', 'ASIAASSUMEDROLEKEY01'],
      ]);
      expect(aws.requests[0].params.RoleArn).toBe(
        `arn:aws:iam::${account}:role/portal-deployer`,
      );
    } finally {
      delete process.env.AWS_ENDPOINT_URL_STS;
    }
  });

  it('reads each stack status and outputs with DescribeStacks; a missing stack is NOT_FOUND', async () => {
    state.stacks['acme-prod-network'] = { status: 'CREATE_COMPLETE' };
    state.stacks['acme-prod-cluster'] = {
      status: 'UPDATE_COMPLETE',
      lastUpdatedTime: '2026-12-02T09:30:00.000Z',
      outputs: {
        ClusterEndpoint: 'https://ABC.gr7.us-east-1.eks.amazonaws.com',
        ExportsOutputRefX: 'x',
      },
    };
    const deployer = deployerWith(assumedRoleConfig);
    const states = await deployer.status(target);
    expect(states).toEqual([
      {
        stackName: 'acme-prod-network',
        status: 'CREATE_COMPLETE',
        outputs: {},
        // never updated: CreationTime
        lastUpdatedAt: Date.parse('2026-12-01T10:00:00.000Z'),
      },
      { stackName: 'acme-prod-storage', status: 'NOT_FOUND' },
      { stackName: 'acme-prod-cicd', status: 'NOT_FOUND' },
      {
        stackName: 'acme-prod-cluster',
        status: 'UPDATE_COMPLETE',
        outputs: {
          ClusterEndpoint: 'https://ABC.gr7.us-east-1.eks.amazonaws.com',
        },
        lastUpdatedAt: Date.parse('2026-12-02T09:30:00.000Z'),
      },
      { stackName: 'acme-prod-database', status: 'NOT_FOUND' },
    ]);
  });

  it('on a re-attach follows the running stacks instead of starting a second deploy', async () => {
    for (const name of ['network', 'storage', 'cicd', 'cluster', 'database']) {
      state.stacks[`acme-prod-${name}`] = {
        status: 'CREATE_COMPLETE',
        outputs: { [`${name}Out`]: name },
      };
    }
    state.stacks['acme-prod-database'].status = 'UPDATE_IN_PROGRESS';
    state.events['acme-prod-database'] = [
      {
        id: 'e2',
        logicalId: 'DatabaseB269D8BB',
        type: 'AWS::RDS::DBInstance',
        status: 'UPDATE_IN_PROGRESS',
        time: new Date().toISOString(),
      },
      {
        id: 'e1',
        logicalId: 'acme-prod-database',
        type: 'AWS::CloudFormation::Stack',
        status: 'UPDATE_IN_PROGRESS',
        time: new Date().toISOString(),
      },
    ];
    let describes = 0;
    state.onDescribeStacks = () => {
      if (++describes > 10)
        state.stacks['acme-prod-database'].status = 'UPDATE_COMPLETE';
    };
    const worker = recordingWorker();
    const deployer = deployerWith(assumedRoleConfig, worker);
    const events: DeployerEvent[] = [];
    const result = await deployer.deploy(target, {
      onEvent: e => void events.push(e),
    });
    expect(worker.calls).toEqual(['synth']); // templates only; no toolkitDeploy
    expect(events.map(e => [e.logicalId, e.status])).toEqual([
      ['acme-prod-database', 'UPDATE_IN_PROGRESS'],
      ['DatabaseB269D8BB', 'UPDATE_IN_PROGRESS'],
    ]);
    expect(result.outputs).toMatchObject({
      networkOut: 'network',
      databaseOut: 'database',
    });
  });

  it('replays the stack events after the last one recorded (a dead replica had not written them), oldest first', async () => {
    state.stacks['acme-prod-network'] = { status: 'CREATE_COMPLETE' };
    state.stacks['acme-prod-database'] = { status: 'CREATE_COMPLETE' };
    const at = (s: number) => new Date(Date.UTC(2026, 11, 2, 9, 0, s));
    const event = (
      id: string,
      logicalId: string,
      status: string,
      s: number,
    ) => ({
      id,
      logicalId,
      type: 'AWS::EC2::Subnet',
      status,
      time: at(s).toISOString(),
    });
    state.events['acme-prod-network'] = [
      event('n3', 'Subnet2', 'CREATE_COMPLETE', 30),
      event('n2', 'Subnet1', 'CREATE_COMPLETE', 20),
      event('n1', 'Subnet1', 'CREATE_IN_PROGRESS', 10),
    ];
    state.events['acme-prod-database'] = [
      event('d1', 'Database', 'CREATE_COMPLETE', 40),
    ];
    const deployer = deployerWith(assumedRoleConfig);
    const events: DeployerEvent[] = [];
    await deployer.replayEvents(target, 'deploy', {
      onEvent: e => void events.push(e),
      resumeAfter: at(20).getTime(), // n1 and n2 were recorded
    });
    expect(events.map(e => [e.stack, e.logicalId, e.status])).toEqual([
      ['acme-prod-network', 'Subnet2', 'CREATE_COMPLETE'],
      ['acme-prod-database', 'Database', 'CREATE_COMPLETE'],
    ]);
  });

  it('deploys through the toolkit when nothing is running, even if the stacks are complete (an update)', async () => {
    for (const name of ['network', 'storage', 'cicd', 'cluster', 'database']) {
      state.stacks[`acme-prod-${name}`] = { status: 'UPDATE_COMPLETE' };
    }
    const worker = recordingWorker();
    const deployer = deployerWith(assumedRoleConfig, worker);
    await deployer.deploy(target, { onEvent: () => {} });
    expect(worker.calls).toEqual(['toolkitDeploy']);
  });

  it('fails a deploy at once without credentials for the account, naming it and what to configure', async () => {
    const worker = recordingWorker();
    const deployer = deployerWith({}, worker);
    const started = Date.now();
    await expect(
      deployer.deploy(target, { onEvent: () => {} }),
    ).rejects.toThrow(
      /No AWS credentials for account 210987654321: .*aws\.accounts\[\] .*roleName.*environments\.accounts\[\]\.roleArn/,
    );
    expect(Date.now() - started).toBeLessThan(500);
    expect(worker.calls).toEqual([]);
    expect(aws.requests).toEqual([]);
  });
});
