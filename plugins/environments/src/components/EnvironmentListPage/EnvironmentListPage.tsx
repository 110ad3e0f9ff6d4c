import { useCallback, useEffect, useRef, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import {
  Content,
  EmptyState,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { Environment } from '@taskplatform/plugin-environments-common';
import { describeError, environmentsApiRef } from '../../api';
import { useEnvironmentsSignal } from '../../hooks/useEnvironmentsSignal';
import { CreateEnvironmentButton } from '../shared/CreateEnvironmentButton';
import { EnvironmentTable } from './EnvironmentTable';

/** A burst of signals (a running deploy) reloads the list at most this often. */
const RELOAD_THROTTLE_MS = 1000;

type ListState = {
  items: Environment[];
  nextCursor?: string;
  loading: boolean;
  error?: Error;
};

/** The Environments page: every environment the user may read, live. */
export function EnvironmentListPage() {
  const api = useApi(environmentsApiRef);
  const [state, setState] = useState<ListState>({ items: [], loading: true });
  const [loadingMore, setLoadingMore] = useState(false);
  const lastReload = useRef(0);
  const trailing = useRef<ReturnType<typeof setTimeout>>();

  const reload = useCallback(async () => {
    lastReload.current = Date.now();
    setState(s => ({ ...s, loading: true, error: undefined }));
    try {
      const page = await api.listEnvironments();
      setState({
        items: page.items,
        nextCursor: page.nextCursor,
        loading: false,
      });
    } catch (error) {
      setState(s => ({ ...s, loading: false, error: error as Error }));
    }
  }, [api]);

  useEffect(() => {
    reload();
    return () => clearTimeout(trailing.current);
  }, [reload]);

  useEnvironmentsSignal(signal => {
    // Status changes matter to the list; event signals do not change a row.
    if (signal.type !== 'status' || trailing.current) return;
    const wait = lastReload.current + RELOAD_THROTTLE_MS - Date.now();
    if (wait <= 0) {
      reload();
      return;
    }
    trailing.current = setTimeout(() => {
      trailing.current = undefined;
      reload();
    }, wait);
  });

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const page = await api.listEnvironments({ cursor: state.nextCursor });
      setState(s => ({
        ...s,
        items: [...s.items, ...page.items],
        nextCursor: page.nextCursor,
      }));
    } catch (error) {
      setState(s => ({ ...s, error: error as Error }));
    } finally {
      setLoadingMore(false);
    }
  };

  const renderBody = () => {
    if (state.error) {
      return (
        <>
          <ResponseErrorPanel
            error={state.error}
            title={`Could not load environments: ${describeError(state.error)}`}
          />
          <Box mt={2}>
            <Button variant="outlined" onClick={reload}>
              Try again
            </Button>
          </Box>
        </>
      );
    }
    if (!state.loading && state.items.length === 0) {
      return (
        <EmptyState
          missing="content"
          title="No environments yet"
          description="An environment is an AWS account and region with a VPC, an EKS cluster and a PostgreSQL database, provisioned from the create-environment template. Environments you may see show up here."
          action={<CreateEnvironmentButton />}
        />
      );
    }
    return (
      <Paper>
        <EnvironmentTable
          environments={state.items}
          loading={state.loading && state.items.length === 0}
        />
        {state.nextCursor && (
          <Box display="flex" justifyContent="center" p={1}>
            <Button onClick={loadMore} disabled={loadingMore}>
              Load more
            </Button>
          </Box>
        )}
      </Paper>
    );
  };

  return (
    <Content>
      {/* The page header (title "Environments") comes from the app. */}
      <Box display="flex" justifyContent="flex-end" mb={2}>
        <CreateEnvironmentButton />
      </Box>
      {renderBody()}
    </Content>
  );
}
