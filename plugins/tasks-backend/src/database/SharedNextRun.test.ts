import { SharedNextRun } from './SharedNextRun';

/** A run that reads `state.value` when it starts (like a query's snapshot) and answers on `release()`. */
function gatedReads(state: { value: number }) {
  const gates: Array<() => void> = [];
  let runs = 0;
  const run = async () => {
    runs++;
    const value = state.value;
    await new Promise<void>(resolve => gates.push(resolve));
    return value;
  };
  const release = async () => {
    // let queued runs start, then open every gate there is
    await new Promise(r => setImmediate(r));
    gates.splice(0).forEach(open => open());
    await new Promise(r => setImmediate(r));
  };
  return { run, release, runs: () => runs };
}

describe('SharedNextRun', () => {
  it('runs once for the callers that arrive together, and once more for those who came during it', async () => {
    const state = { value: 1 };
    const reads = gatedReads(state);
    const shared = new SharedNextRun<number>();
    const first = shared.run('k', reads.run);
    state.value = 2; // a write that commits while the first run is in flight
    const later = Array.from({ length: 20 }, () => shared.run('k', reads.run));
    await reads.release();
    await reads.release();
    expect(await first).toBe(1);
    // every later caller sees the write: their run started after they asked
    expect(await Promise.all(later)).toEqual(Array(20).fill(2));
    expect(reads.runs()).toBe(2);
  });

  it('keeps keys apart', async () => {
    const shared = new SharedNextRun<string>();
    const [a, b] = await Promise.all([
      shared.run('a', async () => 'A'),
      shared.run('b', async () => 'B'),
    ]);
    expect([a, b]).toEqual(['A', 'B']);
  });

  it('gives a failure to the callers of that run only, and runs again afterwards', async () => {
    const shared = new SharedNextRun<number>();
    let calls = 0;
    const run = async () => {
      calls++;
      await new Promise(r => setImmediate(r));
      if (calls === 1) throw new Error('database down');
      return calls;
    };
    const failing = shared.run('k', run);
    const next = shared.run('k', run);
    await expect(failing).rejects.toThrow('database down');
    expect(await next).toBe(2);
    expect(await shared.run('k', run)).toBe(3);
  });
});
