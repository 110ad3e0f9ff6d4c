import type { DeployerEvent } from '../Deployer';
import type { CfnResource, CfnTemplate } from '../plan/SynthesizedStack';

/** An event of a simulated operation; its time comes from its place in the schedule. */
export type ScheduledEvent = Omit<DeployerEvent, 'time'>;

export const STACK_TYPE = 'AWS::CloudFormation::Stack';

/** Everything needed to walk one stack: its template and nested templates. */
export interface StackToWalk {
  stackName: string;
  template: CfnTemplate;
  nested: { logicalId: string; template: CfnTemplate }[];
  /** Random-looking suffix of nested stack names, stable per environment. */
  suffix: string;
}

export interface StackSchedule {
  events: ScheduledEvent[];
  finalStatus: string;
  /** Set when the operation fails in this stack. */
  failure?: string;
}

const stackEvent = (
  stack: string,
  status: string,
  reason?: string,
): ScheduledEvent => ({
  stack,
  logicalId: stack,
  resourceType: STACK_TYPE,
  status,
  reason,
});

function failureReason(resource: CfnResource, requestId: string): string {
  const service = resource.Type.split('::')[1] ?? 'CloudFormation';
  return `Resource handler returned message: "Simulated failure injected by environments.simulated.failResource (Service: ${service}, Status Code: 400, Request ID: ${requestId})" (RequestToken: ${requestId}, HandlerErrorCode: InvalidRequest)`;
}

function nestedStackName(walk: StackToWalk, logicalId: string) {
  return `${walk.stackName}-${logicalId}-${walk.suffix}`;
}

/**
 * Events of creating (or, with `previous`, updating) a stack: resources in template order,
 * nested stacks walked inside their parent resource. `failResource` (a logical-id
 * substring) makes the first matching created or changed resource fail and the stack
 * roll back.
 */
export function deploySchedule(
  walk: StackToWalk,
  previous: CfnTemplate | undefined,
  failResource: string | undefined,
  requestId: string,
): StackSchedule {
  const events: ScheduledEvent[] = [];
  const update = previous !== undefined;
  const oldResources = previous?.Resources ?? {};
  const newResources = walk.template.Resources ?? {};
  const nestedById = new Map(walk.nested.map(n => [n.logicalId, n.template]));
  const done: { stack: string; logicalId: string; type: string }[] = [];
  const stack = walk.stackName;
  events.push(
    stackEvent(
      stack,
      update ? 'UPDATE_IN_PROGRESS' : 'CREATE_IN_PROGRESS',
      'User Initiated',
    ),
  );

  const touched = Object.entries(newResources).filter(
    ([id, r]) =>
      !update || JSON.stringify(oldResources[id]) !== JSON.stringify(r),
  );
  const removed = update
    ? Object.keys(oldResources).filter(id => !(id in newResources))
    : [];
  if (update && touched.length === 0 && removed.length === 0) {
    return { events: [], finalStatus: 'UPDATE_COMPLETE' };
  }

  for (const [logicalId, resource] of touched) {
    const created = !(logicalId in oldResources);
    const verb = created ? 'CREATE' : 'UPDATE';
    if (failResource && logicalId.includes(failResource)) {
      events.push({
        stack,
        logicalId,
        resourceType: resource.Type,
        status: `${verb}_IN_PROGRESS`,
      });
      events.push({
        stack,
        logicalId,
        resourceType: resource.Type,
        status: `${verb}_FAILED`,
        reason: failureReason(resource, requestId),
      });
      const rollback = update ? 'UPDATE_ROLLBACK' : 'ROLLBACK';
      events.push(
        stackEvent(
          stack,
          `${rollback}_IN_PROGRESS`,
          `The following resource(s) failed to ${verb.toLowerCase()}: [${logicalId}]. ${
            update ? '' : 'Rollback requested by user.'
          }`.trim(),
        ),
      );
      for (const d of [...done].reverse()) {
        const undo = update ? 'UPDATE' : 'DELETE';
        events.push({
          stack: d.stack,
          logicalId: d.logicalId,
          resourceType: d.type,
          status: `${undo}_IN_PROGRESS`,
        });
        events.push({
          stack: d.stack,
          logicalId: d.logicalId,
          resourceType: d.type,
          status: `${undo}_COMPLETE`,
        });
      }
      events.push(stackEvent(stack, `${rollback}_COMPLETE`));
      return {
        events,
        finalStatus: `${rollback}_COMPLETE`,
        failure: `${stack}: ${logicalId} (${
          resource.Type
        }) ${verb}_FAILED: ${failureReason(resource, requestId)}`,
      };
    }
    events.push({
      stack,
      logicalId,
      resourceType: resource.Type,
      status: `${verb}_IN_PROGRESS`,
    });
    if (created) {
      events.push({
        stack,
        logicalId,
        resourceType: resource.Type,
        status: 'CREATE_IN_PROGRESS',
        reason: 'Resource creation Initiated',
      });
    }
    const nestedTemplate = nestedById.get(logicalId);
    if (nestedTemplate && created) {
      const child = nestedStackName(walk, logicalId);
      events.push(stackEvent(child, 'CREATE_IN_PROGRESS', 'User Initiated'));
      for (const [id, r] of Object.entries(nestedTemplate.Resources ?? {})) {
        events.push({
          stack: child,
          logicalId: id,
          resourceType: r.Type,
          status: 'CREATE_IN_PROGRESS',
        });
        events.push({
          stack: child,
          logicalId: id,
          resourceType: r.Type,
          status: 'CREATE_IN_PROGRESS',
          reason: 'Resource creation Initiated',
        });
        events.push({
          stack: child,
          logicalId: id,
          resourceType: r.Type,
          status: 'CREATE_COMPLETE',
        });
      }
      events.push(stackEvent(child, 'CREATE_COMPLETE'));
    }
    events.push({
      stack,
      logicalId,
      resourceType: resource.Type,
      status: `${verb}_COMPLETE`,
    });
    done.push({ stack, logicalId, type: resource.Type });
  }
  if (update) {
    events.push(stackEvent(stack, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'));
    for (const logicalId of removed.reverse()) {
      const type = oldResources[logicalId].Type;
      events.push({
        stack,
        logicalId,
        resourceType: type,
        status: 'DELETE_IN_PROGRESS',
      });
      events.push({
        stack,
        logicalId,
        resourceType: type,
        status: 'DELETE_COMPLETE',
      });
    }
  }
  events.push(
    stackEvent(stack, update ? 'UPDATE_COMPLETE' : 'CREATE_COMPLETE'),
  );
  return {
    events,
    finalStatus: update ? 'UPDATE_COMPLETE' : 'CREATE_COMPLETE',
  };
}

/** Events of deleting a stack: resources in reverse template order, nested stacks inside. */
export function destroySchedule(walk: StackToWalk): StackSchedule {
  const stack = walk.stackName;
  const events: ScheduledEvent[] = [
    stackEvent(stack, 'DELETE_IN_PROGRESS', 'User Initiated'),
  ];
  const nestedById = new Map(walk.nested.map(n => [n.logicalId, n.template]));
  for (const [logicalId, resource] of Object.entries(
    walk.template.Resources ?? {},
  ).reverse()) {
    events.push({
      stack,
      logicalId,
      resourceType: resource.Type,
      status: 'DELETE_IN_PROGRESS',
    });
    const nestedTemplate = nestedById.get(logicalId);
    if (nestedTemplate) {
      const child = nestedStackName(walk, logicalId);
      events.push(stackEvent(child, 'DELETE_IN_PROGRESS', 'User Initiated'));
      for (const [id, r] of Object.entries(
        nestedTemplate.Resources ?? {},
      ).reverse()) {
        events.push({
          stack: child,
          logicalId: id,
          resourceType: r.Type,
          status: 'DELETE_IN_PROGRESS',
        });
        events.push({
          stack: child,
          logicalId: id,
          resourceType: r.Type,
          status: 'DELETE_COMPLETE',
        });
      }
      events.push(stackEvent(child, 'DELETE_COMPLETE'));
    }
    events.push({
      stack,
      logicalId,
      resourceType: resource.Type,
      status: 'DELETE_COMPLETE',
    });
  }
  events.push(stackEvent(stack, 'DELETE_COMPLETE'));
  return { events, finalStatus: 'DELETE_COMPLETE' };
}

/** The status a stack shows at a moment of its schedule. */
export function statusAt(
  schedule: {
    events: ScheduledEvent[];
    startedAt: number;
    intervalMs: number;
    previousStatus: string | null;
    finalStatus: string;
  },
  now: number,
): string {
  if (now < schedule.startedAt) {
    return schedule.previousStatus ?? 'REVIEW_IN_PROGRESS';
  }
  const passed =
    Math.floor((now - schedule.startedAt) / schedule.intervalMs) + 1;
  if (passed >= schedule.events.length) return schedule.finalStatus;
  const stackName = schedule.events[0]?.stack;
  for (let i = Math.min(passed, schedule.events.length) - 1; i >= 0; i--) {
    const event = schedule.events[i];
    if (event.resourceType === STACK_TYPE && event.logicalId === stackName) {
      return event.status;
    }
  }
  return schedule.previousStatus ?? 'REVIEW_IN_PROGRESS';
}
