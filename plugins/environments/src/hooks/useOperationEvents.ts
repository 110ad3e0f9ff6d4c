import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  Operation,
  OperationEvent,
} from '@taskplatform/plugin-environments-common';
import { environmentsApiRef } from '../api';

/**
 * Events fetched per request; a longer backlog is read page by page. Reading
 * 10,000 events takes as long in pages of 500 as of 1000 (the environments
 * backend bench), and each request is half as long.
 */
export const EVENTS_PAGE_SIZE = 500;

export type OperationEventsState = {
  events: OperationEvent[];
  /** The operation as the last events response described it. */
  operation?: Operation;
  loading: boolean;
  error?: Error;
};

/**
 * Follows the events of one operation: reads them all once, then `fetchNew()`
 * reads only those after the last one seen (`since`). Calls never overlap:
 * a call made while one is running leads to exactly one more afterwards, so
 * a burst of signals costs a couple of requests and no event is missed.
 */
export function useOperationEvents(
  operationId: string | undefined,
): OperationEventsState & {
  fetchNew: () => void;
} {
  const api = useApi(environmentsApiRef);
  const [state, setState] = useState<OperationEventsState>({
    events: [],
    loading: !!operationId,
  });
  const cursor = useRef(0);
  const running = useRef(false);
  const again = useRef(false);
  const current = useRef(operationId);

  const fetchNew = useCallback(async () => {
    const id = current.current;
    if (!id) return;
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    try {
      do {
        again.current = false;
        let page;
        do {
          page = await api.getOperationEvents(id, {
            since: cursor.current,
            limit: EVENTS_PAGE_SIZE,
          });
          if (current.current !== id) return; // switched operation meanwhile
          const since = cursor.current;
          const fresh = page.items.filter(e => e.id > since);
          cursor.current = Math.max(since, page.nextSince);
          const operation = page.operation;
          setState(s => ({
            events: fresh.length ? [...s.events, ...fresh] : s.events,
            operation,
            loading: false,
          }));
        } while (page.items.length >= EVENTS_PAGE_SIZE);
      } while (again.current);
    } catch (error) {
      if (current.current === id) {
        setState(s => ({ ...s, loading: false, error: error as Error }));
      }
    } finally {
      if (current.current === id) running.current = false;
    }
  }, [api]);

  useEffect(() => {
    current.current = operationId;
    cursor.current = 0;
    running.current = false;
    again.current = false;
    setState({ events: [], loading: !!operationId });
    fetchNew();
  }, [operationId, fetchNew]);

  return { ...state, fetchNew };
}
