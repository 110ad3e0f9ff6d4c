import { act, renderHook } from '@testing-library/react';
import { TestApiProvider } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  TASKS_SIGNAL_CHANNEL,
  type TaskChangedSignal,
} from '@taskplatform/plugin-tasks-common';
import { fakeSignalApi } from '../__testUtils__';
import { useTasksSignal } from './useTasksSignal';

function signal(n: number): TaskChangedSignal {
  return { type: 'updated', taskIds: [`t${n}`], entityRefs: [] };
}

function setup(throttleMs?: number) {
  const signals = fakeSignalApi();
  const onChange = jest.fn();
  const hook = renderHook(
    () => useTasksSignal(onChange, undefined, { throttleMs }),
    {
      wrapper: ({ children }) => (
        <TestApiProvider apis={[[signalApiRef, signals as any]]}>
          {children}
        </TestApiProvider>
      ),
    },
  );
  return { signals, onChange, hook };
}

describe('useTasksSignal', () => {
  afterEach(() => jest.useRealTimers());

  it('passes on every signal when not throttled', () => {
    const { signals, onChange } = setup();
    for (let i = 1; i <= 3; i++)
      signals.publish(TASKS_SIGNAL_CHANNEL, signal(i));
    expect(onChange.mock.calls.map(([s]) => s.taskIds[0])).toEqual([
      't1',
      't2',
      't3',
    ]);
  });

  it('turns a burst into a call at once and one with the latest signal when the window ends', () => {
    jest.useFakeTimers();
    const { signals, onChange } = setup(1000);
    signals.publish(TASKS_SIGNAL_CHANNEL, signal(1));
    expect(onChange).toHaveBeenCalledTimes(1);
    for (let i = 2; i <= 20; i++) {
      signals.publish(TASKS_SIGNAL_CHANNEL, signal(i));
    }
    expect(onChange).toHaveBeenCalledTimes(1);
    act(() => jest.advanceTimersByTime(1000));
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(onChange.mock.calls[1][0].taskIds).toEqual(['t20']);
    // A quiet window ends the throttling; the next signal goes through at once.
    act(() => jest.advanceTimersByTime(1000));
    expect(onChange).toHaveBeenCalledTimes(2);
    signals.publish(TASKS_SIGNAL_CHANNEL, signal(21));
    expect(onChange).toHaveBeenCalledTimes(3);
  });

  it('does not call back after unmount', () => {
    jest.useFakeTimers();
    const { signals, onChange, hook } = setup(1000);
    signals.publish(TASKS_SIGNAL_CHANNEL, signal(1));
    signals.publish(TASKS_SIGNAL_CHANNEL, signal(2));
    hook.unmount();
    act(() => jest.advanceTimersByTime(5000));
    expect(onChange).toHaveBeenCalledTimes(1);
  });
});
