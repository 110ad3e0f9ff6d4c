import { Registry } from 'prom-client';
import type { TaskStore } from '../database/types';
import { TaskMetrics } from './TaskMetrics';

function fakeStore() {
  let todo = 0;
  const countOpenByStatus = jest.fn(async () => ({
    todo: ++todo,
    in_progress: 2,
    blocked: 0,
  }));
  return { countOpenByStatus } as unknown as TaskStore & {
    countOpenByStatus: typeof countOpenByStatus;
  };
}

async function openTodo(registry: Registry) {
  const text = await registry.metrics();
  return Number(/^tasks_open\{status="todo"\} (\d+)$/m.exec(text)?.[1]);
}

describe('TaskMetrics', () => {
  afterEach(() => jest.restoreAllMocks());

  it('counts open tasks at most once per refresh interval', async () => {
    const registry = new Registry();
    const store = fakeStore();
    TaskMetrics.create({ store, registry, openTasksRefreshMs: 30_000 });
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);

    expect(await openTodo(registry)).toBe(1);
    now.mockReturnValue(1_000_000 + 29_000);
    expect(await openTodo(registry)).toBe(1);
    expect(store.countOpenByStatus).toHaveBeenCalledTimes(1);

    now.mockReturnValue(1_000_000 + 30_000);
    expect(await openTodo(registry)).toBe(2);
    expect(store.countOpenByStatus).toHaveBeenCalledTimes(2);
    expect(await registry.metrics()).toMatch(
      /^tasks_open\{status="in_progress"\} 2$/m,
    );
    expect(await registry.metrics()).not.toMatch(/status="done"/);
  });

  it('keeps the last counts when the database fails', async () => {
    const registry = new Registry();
    const store = fakeStore();
    TaskMetrics.create({ store, registry, openTasksRefreshMs: 0 });
    expect(await openTodo(registry)).toBe(1);
    store.countOpenByStatus.mockRejectedValueOnce(new Error('db down'));
    expect(await openTodo(registry)).toBe(1);
    expect(await openTodo(registry)).toBe(2);
  });
});

describe('tasks_database_up', () => {
  async function databaseUp(registry: Registry) {
    const text = await registry.metrics();
    return /^tasks_database_up (\d)$/m.exec(text)?.[1];
  }

  it('is 1 while the count query succeeds and 0 once it fails', async () => {
    const registry = new Registry();
    const store = fakeStore();
    TaskMetrics.create({ store, registry, openTasksRefreshMs: 0 });
    expect(await databaseUp(registry)).toBe('1');
    store.countOpenByStatus.mockRejectedValueOnce(new Error('db down'));
    expect(await databaseUp(registry)).toBe('0');
    expect(await databaseUp(registry)).toBe('1');
  });

  it('shares one query per scrape with tasks_open', async () => {
    const registry = new Registry();
    const store = fakeStore();
    TaskMetrics.create({ store, registry, openTasksRefreshMs: 30_000 });
    await registry.metrics();
    expect(store.countOpenByStatus).toHaveBeenCalledTimes(1);
  });
});
