import type { DeployerEvent } from '../Deployer';

/** The parts of a toolkit-lib IoHost message the deployer reads. */
export interface ToolkitIoMessage {
  time: Date | string;
  level: string;
  code: string;
  message: string;
  data?: any;
}

/** Approval requests of deploy (I5060) and destroy (I7010): the portal already asked the user. */
export const APPROVAL_CODES = new Set([
  'CDK_TOOLKIT_I5060',
  'CDK_TOOLKIT_I7010',
]);

const isoTime = (time: Date | string | undefined) =>
  new Date(time ?? Date.now()).toISOString();

/** The stack name in "❌  <stack>: destroy failed ..." (E7900 carries only the error). */
function stackOfFailure(message: string): string {
  return message.match(/❌\s+(\S+?):/u)?.[1] ?? '';
}

/**
 * Maps one toolkit-lib message to an operation event and/or stack outputs:
 * I5502 resource activity, I5900 deploy result (outputs), I7900 stack deleted,
 * E7900 deletion failed. Other messages map to nothing.
 */
export function ioMessageToEvent(msg: ToolkitIoMessage): {
  event?: DeployerEvent;
  outputs?: Record<string, string>;
} {
  switch (msg.code) {
    case 'CDK_TOOLKIT_I5502': {
      const e = msg.data?.event ?? {};
      return {
        event: {
          time: isoTime(e.Timestamp ?? msg.time),
          stack: String(e.StackName ?? ''),
          logicalId: String(e.LogicalResourceId ?? ''),
          resourceType: String(e.ResourceType ?? ''),
          status: String(e.ResourceStatus ?? ''),
          reason: e.ResourceStatusReason || undefined,
        },
      };
    }
    case 'CDK_TOOLKIT_I5900':
      return { outputs: { ...(msg.data?.outputs ?? {}) } };
    case 'CDK_TOOLKIT_I7900': {
      const stack = String(msg.data?.stackName ?? msg.data?.displayName ?? '');
      return {
        event: {
          time: isoTime(msg.time),
          stack,
          logicalId: stack,
          resourceType: 'AWS::CloudFormation::Stack',
          status: 'DELETE_COMPLETE',
        },
      };
    }
    case 'CDK_TOOLKIT_E7900': {
      const stack = stackOfFailure(msg.message);
      return {
        event: {
          time: isoTime(msg.time),
          stack,
          logicalId: stack,
          resourceType: 'AWS::CloudFormation::Stack',
          status: 'DELETE_FAILED',
          reason: String(msg.data?.error?.message ?? msg.message).trim(),
        },
      };
    }
    default:
      return {};
  }
}
