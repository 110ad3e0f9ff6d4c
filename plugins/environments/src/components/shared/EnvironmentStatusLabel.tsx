import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import type {
  EnvironmentStatus,
  OperationStatus,
} from '@taskplatform/plugin-environments-common';

const statusComponents: Record<
  EnvironmentStatus | OperationStatus,
  (props: { children?: React.ReactNode }) => JSX.Element
> = {
  planned: StatusPending,
  queued: StatusPending,
  provisioning: StatusRunning,
  updating: StatusRunning,
  destroying: StatusRunning,
  running: StatusRunning,
  ready: StatusOK,
  succeeded: StatusOK,
  failed: StatusError,
  destroyed: StatusAborted,
};

/** An environment's or operation's status: a coloured icon and the status as text. */
export function EnvironmentStatusLabel(props: {
  status: EnvironmentStatus | OperationStatus;
}) {
  const Status = statusComponents[props.status] ?? StatusPending;
  return (
    <span data-testid="environment-status">
      <Status>{props.status}</Status>
    </span>
  );
}
