import { StatementNames } from './StatementNames';

describe('StatementNames', () => {
  it('names each SQL text once, the same text the same way, up to the cap', () => {
    const names = new StatementNames('tasks', 3);
    const a = names.nameOf('select 1');
    expect(a).toMatch(/^tasks_[0-9a-f]{32}$/);
    expect(names.nameOf('select 1')).toBe(a);
    const b = names.nameOf('select 2');
    expect(b).not.toBe(a);
    expect(names.nameOf('select 3')).toBeDefined();
    // past the cap: new texts run unnamed, named ones keep their names
    expect(names.nameOf('select 4')).toBeUndefined();
    expect(names.nameOf('select 2')).toBe(b);
  });

  it('gives two stores the same name for the same text', () => {
    expect(new StatementNames('tasks').nameOf('select 1')).toBe(
      new StatementNames('tasks').nameOf('select 1'),
    );
  });
});
