import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type { Operation } from '@taskplatform/plugin-environments-common';
import { describeError } from '../../api';
import type { OperationProgress } from './timeline/groupOperationEvents';

/**
 * A failed environment or operation: CloudFormation's reasons for the failed
 * resources, and a Retry action (when the user may retry).
 */
export function FailurePanel(props: {
  failureReason?: string;
  operation?: Operation;
  failures: OperationProgress['failures'];
  canRetry: boolean;
  onRetry: () => Promise<void>;
}) {
  const { failureReason, operation, failures, canRetry, onRetry } = props;
  const [retrying, setRetrying] = useState(false);
  const [error, setError] = useState<Error>();

  const retry = async () => {
    setRetrying(true);
    setError(undefined);
    try {
      await onRetry();
    } catch (e) {
      setError(e as Error);
    } finally {
      setRetrying(false);
    }
  };

  const summary = failureReason ?? operation?.error ?? 'The operation failed.';
  return (
    <Alert
      severity="error"
      data-testid="failure-panel"
      action={
        canRetry ? (
          <Button
            color="inherit"
            variant="outlined"
            size="small"
            onClick={retry}
            disabled={retrying}
          >
            {retrying ? 'Retrying…' : 'Retry'}
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>
        {operation ? `The ${operation.kind} failed` : 'The environment failed'}
      </AlertTitle>
      <div>{summary}</div>
      {failures.length > 0 && (
        <ul aria-label="CloudFormation failures">
          {failures.map(f => (
            <li key={`${f.stack}/${f.logicalId}`}>
              <strong>
                {f.stack} / {f.logicalId}
              </strong>{' '}
              ({f.status}): {f.reason ?? 'no reason given'}
            </li>
          ))}
        </ul>
      )}
      {error && <div role="alert">Retry failed: {describeError(error)}</div>}
    </Alert>
  );
}
