import { APPROVAL_CODES, ioMessageToEvent } from './ioMessageToEvent';

// Shaped like the messages toolkit-lib 1.43 sends to IIoHost.notify (recorded from its sources).
const activity = {
  time: new Date('2026-12-02T09:00:01.000Z'),
  level: 'info',
  code: 'CDK_TOOLKIT_I5502',
  message:
    'acme-prod-network | 3/52 | 9:00:01 AM | CREATE_COMPLETE | AWS::EC2::VPC | Vpc8378EB38',
  data: {
    deployment: 'c0ffee',
    event: {
      StackId:
        'arn:aws:cloudformation:us-east-1:210987654321:stack/acme-prod-network/1f2e',
      EventId: 'Vpc8378EB38-CREATE_COMPLETE-2026-12-02T09:00:00.912Z',
      StackName: 'acme-prod-network',
      LogicalResourceId: 'Vpc8378EB38',
      PhysicalResourceId: 'vpc-0a1b2c3d4e5f67890',
      ResourceType: 'AWS::EC2::VPC',
      Timestamp: new Date('2026-12-02T09:00:00.912Z'),
      ResourceStatus: 'CREATE_COMPLETE',
    },
    progress: { completed: 3, total: 52, formatted: '3/52' },
  },
};

describe('ioMessageToEvent', () => {
  it('turns resource activity (I5502) into an event with the CloudFormation time', () => {
    expect(ioMessageToEvent(activity)).toEqual({
      event: {
        time: '2026-12-02T09:00:00.912Z',
        stack: 'acme-prod-network',
        logicalId: 'Vpc8378EB38',
        resourceType: 'AWS::EC2::VPC',
        status: 'CREATE_COMPLETE',
        reason: undefined,
      },
    });
  });

  it('keeps the failure reason of a failed resource', () => {
    const failed = {
      ...activity,
      data: {
        ...activity.data,
        event: {
          ...activity.data.event,
          ResourceStatus: 'CREATE_FAILED',
          ResourceStatusReason:
            'Resource handler returned message: "The maximum number of VPCs has been reached."',
        },
      },
    };
    expect(ioMessageToEvent(failed).event).toMatchObject({
      status: 'CREATE_FAILED',
      reason:
        'Resource handler returned message: "The maximum number of VPCs has been reached."',
    });
  });

  it('takes the outputs of a deploy result (I5900)', () => {
    expect(
      ioMessageToEvent({
        time: new Date(),
        level: 'result',
        code: 'CDK_TOOLKIT_I5900',
        message: '✅  acme-prod-cluster',
        data: {
          type: 'did-deploy-stack',
          noOp: false,
          stackArn:
            'arn:aws:cloudformation:us-east-1:210987654321:stack/acme-prod-cluster/9a8b',
          outputs: {
            ClusterName: 'acme-prod-cluster',
            ClusterEndpoint: 'https://ABC.gr7.us-east-1.eks.amazonaws.com',
          },
        },
      }),
    ).toEqual({
      outputs: {
        ClusterName: 'acme-prod-cluster',
        ClusterEndpoint: 'https://ABC.gr7.us-east-1.eks.amazonaws.com',
      },
    });
  });

  it('reports stack deletion (I7900) and a failed deletion (E7900)', () => {
    expect(
      ioMessageToEvent({
        time: '2026-12-02T10:00:00.000Z',
        level: 'result',
        code: 'CDK_TOOLKIT_I7900',
        message: '\n✅  acme-prod-database: destroyed',
        data: {
          stackName: 'acme-prod-database',
          displayName: 'Database (acme-prod-database)',
        },
      }).event,
    ).toEqual({
      time: '2026-12-02T10:00:00.000Z',
      stack: 'acme-prod-database',
      logicalId: 'acme-prod-database',
      resourceType: 'AWS::CloudFormation::Stack',
      status: 'DELETE_COMPLETE',
    });
    expect(
      ioMessageToEvent({
        time: '2026-12-02T10:00:00.000Z',
        level: 'error',
        code: 'CDK_TOOLKIT_E7900',
        message:
          '\n ❌  acme-prod-network: destroy failed Error: Export acme-prod-network:VpcId cannot be deleted',
        data: {
          error: new Error('Export acme-prod-network:VpcId cannot be deleted'),
        },
      }).event,
    ).toMatchObject({
      stack: 'acme-prod-network',
      status: 'DELETE_FAILED',
      reason: 'Export acme-prod-network:VpcId cannot be deleted',
    });
  });

  it('ignores other messages and answers the approval requests', () => {
    expect(
      ioMessageToEvent({
        time: new Date(),
        level: 'info',
        code: 'CDK_TOOLKIT_I5100',
        message: 'Deploying',
      }),
    ).toEqual({});
    expect([...APPROVAL_CODES].sort()).toEqual([
      'CDK_TOOLKIT_I5060',
      'CDK_TOOLKIT_I7010',
    ]);
  });
});
