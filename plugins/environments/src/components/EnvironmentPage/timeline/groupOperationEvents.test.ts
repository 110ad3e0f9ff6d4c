import { makeEvent } from '../../../__testUtils__';
import { groupOperationEvents, resourceState } from './groupOperationEvents';

describe('groupOperationEvents', () => {
  it('groups by stack, then by resource in order of appearance, with the latest status', () => {
    const progress = groupOperationEvents([
      makeEvent({
        stack: 'net',
        logicalId: 'net',
        resourceType: 'AWS::CloudFormation::Stack',
      }),
      makeEvent({ stack: 'net', logicalId: 'Vpc' }),
      makeEvent({
        stack: 'net',
        logicalId: 'Subnet1',
        resourceType: 'AWS::EC2::Subnet',
      }),
      makeEvent({ stack: 'net', logicalId: 'Vpc', status: 'CREATE_COMPLETE' }),
      makeEvent({
        stack: 'db',
        logicalId: 'Database',
        resourceType: 'AWS::RDS::DBInstance',
      }),
      makeEvent({
        stack: 'net',
        logicalId: 'net',
        resourceType: 'AWS::CloudFormation::Stack',
        status: 'CREATE_COMPLETE',
      }),
    ]);
    expect(progress.stacks.map(s => s.stack)).toEqual(['net', 'db']);
    const [net, db] = progress.stacks;
    expect(net.status).toBe('CREATE_COMPLETE');
    expect(net.resources.map(r => [r.logicalId, r.status])).toEqual([
      ['Vpc', 'CREATE_COMPLETE'],
      ['Subnet1', 'CREATE_IN_PROGRESS'],
    ]);
    expect(net.resources[0].events).toHaveLength(2);
    expect(net.done).toBe(1);
    expect(db.resources.map(r => r.state)).toEqual(['in-progress']);
    // The stacks themselves are not resources.
    expect(progress.seen).toBe(3);
    expect(progress.done).toBe(1);
    expect(progress.failed).toBe(0);
  });

  it('collects failures with their CloudFormation reasons', () => {
    const progress = groupOperationEvents([
      makeEvent({ stack: 'db', logicalId: 'Database' }),
      makeEvent({
        stack: 'db',
        logicalId: 'Database',
        status: 'CREATE_FAILED',
        reason: 'DBInstance quota exceeded',
      }),
      makeEvent({
        stack: 'db',
        logicalId: 'db',
        resourceType: 'AWS::CloudFormation::Stack',
        status: 'ROLLBACK_COMPLETE',
        reason: 'The following resource(s) failed to create: [Database].',
      }),
    ]);
    expect(progress.failed).toBe(1);
    expect(progress.failures).toEqual([
      {
        stack: 'db',
        logicalId: 'Database',
        status: 'CREATE_FAILED',
        reason: 'DBInstance quota exceeded',
      },
      {
        stack: 'db',
        logicalId: 'db',
        status: 'ROLLBACK_COMPLETE',
        reason: 'The following resource(s) failed to create: [Database].',
      },
    ]);
  });

  it.each([
    ['CREATE_COMPLETE', 'done'],
    ['DELETE_COMPLETE', 'done'],
    ['DELETE_SKIPPED', 'done'],
    ['UPDATE_IN_PROGRESS', 'in-progress'],
    ['DELETE_FAILED', 'failed'],
  ])('%s is %s', (status, state) => {
    expect(resourceState(status)).toBe(state);
  });
});
