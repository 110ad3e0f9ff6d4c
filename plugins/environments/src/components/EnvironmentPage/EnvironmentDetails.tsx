import { useEffect, useRef, useState } from 'react';
import Grid from '@material-ui/core/Grid';
import Skeleton from '@material-ui/lab/Skeleton';
import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { environmentUpdatePermission } from '@taskplatform/plugin-environments-common';
import useInterval from 'react-use/esm/useInterval';
import { describeError, environmentsApiRef } from '../../api';
import { useEnvironmentDetails } from '../../hooks/useEnvironmentDetails';
import { useEnvironmentsSignal } from '../../hooks/useEnvironmentsSignal';
import { useOperationEvents } from '../../hooks/useOperationEvents';
import { DestroyEnvironmentButton } from './DestroyEnvironmentButton';
import { EnvironmentSummary } from './EnvironmentSummary';
import { FailurePanel } from './FailurePanel';
import { OperationHistory } from './OperationHistory';
import { OutputsCard } from './OutputsCard';
import { PlanCard } from './PlanCard';
import { groupOperationEvents } from './timeline/groupOperationEvents';
import { OperationTimeline } from './timeline/OperationTimeline';

/** While an operation runs, events are also polled, in case a signal is lost. */
const SAFETY_POLL_MS = 5000;
/** Without signals (none configured), polling is all there is. */
const POLL_WITHOUT_SIGNALS_MS = 1500;

/**
 * Everything about one environment, live: status, the running operation's
 * timeline, failure and retry, outputs, last plan and history, and destroy.
 * Used by the environment page and by the entity tab.
 */
export function EnvironmentDetails(props: {
  name: string;
  catalogLink?: boolean;
}) {
  const { name } = props;
  const api = useApi(environmentsApiRef);
  const details = useEnvironmentDetails(name);
  const environment = details.environment.value;
  const operations = details.operations.value;
  const [shownOperationId, setShownOperationId] = useState<string>();
  const operationId =
    shownOperationId ?? environment?.currentOperationId ?? operations?.[0]?.id;
  const timeline = useOperationEvents(operationId);
  const { allowed: canUpdate } = usePermission({
    permission: environmentUpdatePermission,
    resourceRef: environment?.id,
  });

  const { isSignalsAvailable } = useEnvironmentsSignal(
    signal => {
      // Not loaded (e.g. opened before the scaffolder created it): any
      // signal for the name may mean it exists now.
      if (signal.type === 'status' || !details.environment.value) {
        details.reload();
      }
      if (!signal.operationId || signal.operationId === operationId) {
        timeline.fetchNew();
      }
    },
    signal => signal.environmentName === name,
  );

  // The operation finished or changed status: the environment did too.
  const operationStatus = timeline.operation?.status;
  const lastStatus = useRef(operationStatus);
  const { reload } = details;
  useEffect(() => {
    if (lastStatus.current && operationStatus !== lastStatus.current) {
      reload();
    }
    lastStatus.current = operationStatus;
  }, [operationStatus, reload]);

  const active = operationStatus === 'running' || operationStatus === 'queued';
  const pollMs = isSignalsAvailable ? SAFETY_POLL_MS : POLL_WITHOUT_SIGNALS_MS;
  useInterval(timeline.fetchNew, active ? pollMs : null);

  if (details.environment.error && !environment) {
    return (
      <ResponseErrorPanel
        error={details.environment.error}
        title={`Could not load environment ${name}: ${describeError(
          details.environment.error,
        )}`}
      />
    );
  }
  if (!environment) {
    return (
      <div data-testid="environment-loading">
        <Skeleton variant="rect" height={120} />
        <Skeleton variant="rect" height={240} style={{ marginTop: 16 }} />
      </div>
    );
  }

  const progress = groupOperationEvents(timeline.events);
  const shownOperation =
    timeline.operation ?? operations?.find(op => op.id === operationId);
  const failed =
    environment.status === 'failed' || shownOperation?.status === 'failed';

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <EnvironmentSummary
          environment={environment}
          catalogLink={props.catalogLink}
          actions={
            <DestroyEnvironmentButton
              environment={environment}
              onDestroyStarted={() => {
                setShownOperationId(undefined);
                details.reload();
              }}
            />
          }
        />
      </Grid>
      {failed && (
        <Grid item xs={12}>
          <FailurePanel
            failureReason={environment.failureReason}
            operation={shownOperation}
            failures={progress.failures}
            canRetry={environment.status === 'failed' && canUpdate}
            onRetry={async () => {
              await api.retry(name);
              setShownOperationId(undefined);
              details.reload();
            }}
          />
        </Grid>
      )}
      <Grid item xs={12} lg={8}>
        <OperationTimeline
          operation={shownOperation}
          events={timeline.events}
          loading={
            timeline.loading || (!operations && !details.operations.error)
          }
          error={timeline.error}
        />
      </Grid>
      <Grid item xs={12} lg={4}>
        <OutputsCard outputs={environment.outputs} />
      </Grid>
      <Grid item xs={12}>
        <PlanCard
          plan={details.plan.value}
          loading={details.plan.loading}
          error={details.plan.error}
        />
      </Grid>
      <Grid item xs={12}>
        <OperationHistory
          operations={operations}
          loading={details.operations.loading}
          error={details.operations.error}
          shownOperationId={operationId}
          onShow={setShownOperationId}
        />
      </Grid>
    </Grid>
  );
}
