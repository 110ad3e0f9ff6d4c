import { useEffect, useRef } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  ENVIRONMENTS_SIGNAL_CHANNEL,
  type EnvironmentsSignal,
} from '@taskplatform/plugin-environments-common';

/**
 * Calls `onSignal` for every environments signal that passes `filter` (all by
 * default). Signals only say what changed; callers fetch through the API,
 * which applies permissions. Returns whether signals are available at all,
 * so callers can fall back to polling.
 */
export function useEnvironmentsSignal(
  onSignal: (signal: EnvironmentsSignal) => void,
  filter?: (signal: EnvironmentsSignal) => boolean,
): { isSignalsAvailable: boolean } {
  const { lastSignal, isSignalsAvailable } = useSignal<
    EnvironmentsSignal & { [k: string]: any }
  >(ENVIRONMENTS_SIGNAL_CHANNEL);
  const onSignalRef = useRef(onSignal);
  onSignalRef.current = onSignal;
  const filterRef = useRef(filter);
  filterRef.current = filter;

  useEffect(() => {
    if (!lastSignal) return;
    if (filterRef.current && !filterRef.current(lastSignal)) return;
    onSignalRef.current(lastSignal);
  }, [lastSignal]);

  return { isSignalsAvailable };
}
