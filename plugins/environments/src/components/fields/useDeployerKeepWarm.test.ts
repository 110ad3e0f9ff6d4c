import { renderHook } from '@testing-library/react';
import {
  DEPLOYER_KEEP_WARM_LIMIT_MS,
  DEPLOYER_KEEP_WARM_MS,
  useDeployerKeepWarm,
} from './useDeployerKeepWarm';

describe('useDeployerKeepWarm', () => {
  let visibility: DocumentVisibilityState;
  beforeEach(() => {
    jest.useFakeTimers();
    visibility = 'visible';
    jest
      .spyOn(document, 'visibilityState', 'get')
      .mockImplementation(() => visibility);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('warms when the form opens and again every 30 s while it is open and visible, then stops', () => {
    const api = { warmDeployer: jest.fn().mockResolvedValue(undefined) };
    const { unmount } = renderHook(() => useDeployerKeepWarm(api));
    expect(api.warmDeployer).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(DEPLOYER_KEEP_WARM_MS * 2);
    // within the worker's 60 s idle timeout, every time
    expect(api.warmDeployer).toHaveBeenCalledTimes(3);

    visibility = 'hidden'; // a background tab keeps nothing alive
    jest.advanceTimersByTime(DEPLOYER_KEEP_WARM_MS * 2);
    expect(api.warmDeployer).toHaveBeenCalledTimes(3);
    visibility = 'visible';
    jest.advanceTimersByTime(DEPLOYER_KEEP_WARM_MS);
    expect(api.warmDeployer).toHaveBeenCalledTimes(4);

    unmount(); // the form closed
    jest.advanceTimersByTime(DEPLOYER_KEEP_WARM_MS * 4);
    expect(api.warmDeployer).toHaveBeenCalledTimes(4);
  });

  it('stops keeping the worker alive after 15 minutes of an open form', () => {
    const api = { warmDeployer: jest.fn().mockResolvedValue(undefined) };
    renderHook(() => useDeployerKeepWarm(api));
    jest.advanceTimersByTime(
      DEPLOYER_KEEP_WARM_LIMIT_MS + DEPLOYER_KEEP_WARM_MS * 4,
    );
    const calls = api.warmDeployer.mock.calls.length;
    expect(calls).toBe(DEPLOYER_KEEP_WARM_LIMIT_MS / DEPLOYER_KEEP_WARM_MS);
    jest.advanceTimersByTime(DEPLOYER_KEEP_WARM_MS * 10);
    expect(api.warmDeployer).toHaveBeenCalledTimes(calls);
  });

  it('ignores a refused or failed warm-up', async () => {
    const api = {
      warmDeployer: jest.fn().mockRejectedValue(new Error('denied')),
    };
    renderHook(() => useDeployerKeepWarm(api));
    jest.advanceTimersByTime(DEPLOYER_KEEP_WARM_MS);
    await Promise.resolve();
    expect(api.warmDeployer).toHaveBeenCalledTimes(2);
  });
});
