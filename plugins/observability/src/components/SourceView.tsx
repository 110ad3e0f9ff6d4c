import type { ReactNode } from 'react';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { WarningPanel } from '@backstage/core-components';
import type { SourceState } from '../hooks/useClusterWorkloads';
import { SourceTimeoutError } from '../api/withTimeout';

/** Loading, error and empty states of one source, or its content. */
export function SourceView<T>(props: {
  source: string;
  state: SourceState<T>;
  isEmpty?: (value: T) => boolean;
  empty?: ReactNode;
  children: (value: T) => ReactNode;
}) {
  const { source, state, isEmpty, empty, children } = props;
  if (state.status === 'loading') {
    return <LinearProgress aria-label={`Loading ${source}`} />;
  }
  if (state.status === 'error') {
    const timedOut =
      state.error instanceof SourceTimeoutError ||
      state.error.name === 'SourceTimeoutError';
    return (
      <WarningPanel
        severity={timedOut ? 'warning' : 'error'}
        title={timedOut ? `${source} timed out` : `${source} failed`}
        message={state.error.message}
      />
    );
  }
  if (isEmpty?.(state.value)) {
    return (
      <Typography variant="body2" color="textSecondary">
        {empty}
      </Typography>
    );
  }
  return <>{children(state.value)}</>;
}

/** Maps react-use's async state onto a {@link SourceState}. */
export function fromAsync<T>(async: {
  loading: boolean;
  error?: Error;
  value?: T;
}): SourceState<T> {
  if (async.loading) return { status: 'loading' };
  if (async.error) return { status: 'error', error: async.error };
  return { status: 'ok', value: async.value as T };
}
