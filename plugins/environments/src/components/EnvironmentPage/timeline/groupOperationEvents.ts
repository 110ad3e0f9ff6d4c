import type { OperationEvent } from '@taskplatform/plugin-environments-common';

/** Where one resource stands, from its latest CloudFormation status. */
export type ResourceState = 'in-progress' | 'done' | 'failed';

export interface ResourceProgress {
  stack: string;
  logicalId: string;
  resourceType: string;
  /** The latest CloudFormation status, e.g. CREATE_COMPLETE. */
  status: string;
  state: ResourceState;
  /** The reason of the latest event that gave one (a failure's cause). */
  reason?: string;
  time: string;
  events: OperationEvent[];
}

export interface StackProgress {
  stack: string;
  /** The stack's own latest status, when CloudFormation reported one. */
  status?: string;
  reason?: string;
  resources: ResourceProgress[];
  done: number;
  failed: number;
}

export interface OperationProgress {
  stacks: StackProgress[];
  /** Resources seen in events (the stacks themselves not counted). */
  seen: number;
  done: number;
  failed: number;
  /** Failed resources and stacks, with CloudFormation's reasons. */
  failures: {
    stack: string;
    logicalId: string;
    status: string;
    reason?: string;
  }[];
}

const STACK_TYPE = 'AWS::CloudFormation::Stack';

export function resourceState(status: string): ResourceState {
  if (status.endsWith('_FAILED')) return 'failed';
  if (status.endsWith('_COMPLETE') || status === 'DELETE_SKIPPED') {
    return 'done';
  }
  return 'in-progress';
}

/** A stack that failed or rolled back (ROLLBACK_COMPLETE is a failure too). */
export function isStackFailure(status: string): boolean {
  return status.endsWith('_FAILED') || status.includes('ROLLBACK');
}

/** The stack's own events: CloudFormation names the stack as its logical id. */
function isStackEvent(event: OperationEvent): boolean {
  return event.resourceType === STACK_TYPE && event.logicalId === event.stack;
}

/**
 * Groups an operation's events (ascending by id) by stack and, within a stack,
 * by resource, in the order they first appeared; counts the resources done
 * and failed.
 */
export function groupOperationEvents(
  events: OperationEvent[],
): OperationProgress {
  const stacks = new Map<
    string,
    StackProgress & { byId: Map<string, ResourceProgress> }
  >();
  for (const event of events) {
    let stack = stacks.get(event.stack);
    if (!stack) {
      stack = {
        stack: event.stack,
        resources: [],
        done: 0,
        failed: 0,
        byId: new Map(),
      };
      stacks.set(event.stack, stack);
    }
    if (isStackEvent(event)) {
      stack.status = event.status;
      stack.reason = event.reason ?? stack.reason;
      continue;
    }
    let resource = stack.byId.get(event.logicalId);
    if (!resource) {
      resource = {
        stack: event.stack,
        logicalId: event.logicalId,
        resourceType: event.resourceType,
        status: event.status,
        state: resourceState(event.status),
        time: event.time,
        events: [],
      };
      stack.byId.set(event.logicalId, resource);
      stack.resources.push(resource);
    }
    resource.events.push(event);
    resource.status = event.status;
    resource.state = resourceState(event.status);
    resource.time = event.time;
    if (event.reason) resource.reason = event.reason;
  }

  const result: OperationProgress = {
    stacks: [],
    seen: 0,
    done: 0,
    failed: 0,
    failures: [],
  };
  for (const { byId: _byId, ...stack } of stacks.values()) {
    for (const resource of stack.resources) {
      if (resource.state === 'done') stack.done++;
      if (resource.state === 'failed') {
        stack.failed++;
        result.failures.push({
          stack: stack.stack,
          logicalId: resource.logicalId,
          status: resource.status,
          reason: resource.reason,
        });
      }
    }
    if (stack.status && isStackFailure(stack.status)) {
      result.failures.push({
        stack: stack.stack,
        logicalId: stack.stack,
        status: stack.status,
        reason: stack.reason,
      });
    }
    result.seen += stack.resources.length;
    result.done += stack.done;
    result.failed += stack.failed;
    result.stacks.push(stack);
  }
  return result;
}
