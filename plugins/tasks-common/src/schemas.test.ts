import {
  createTaskRequestSchema,
  normalizeEntityRef,
  updateTaskRequestSchema,
} from './schemas';

describe('schemas', () => {
  it('normalizes entity refs and rejects malformed ones', () => {
    expect(normalizeEntityRef('Component:web')).toBe('component:default/web');
    expect(normalizeEntityRef('jane', { defaultKind: 'user' })).toBe(
      'user:default/jane',
    );
    expect(normalizeEntityRef('web')).toBeUndefined();
    expect(
      normalizeEntityRef('group:default/a', { requiredKind: 'user' }),
    ).toBeUndefined();
  });

  it('accepts a valid create body and normalizes it', () => {
    const parsed = createTaskRequestSchema.parse({
      title: '  Fix it ',
      assignee: 'jane',
      entityRef: 'component:web',
      labels: ['a', 'a', 'b'],
      dueDate: '2026-12-01',
    });
    expect(parsed).toEqual({
      title: 'Fix it',
      assignee: 'user:default/jane',
      entityRef: 'component:default/web',
      labels: ['a', 'b'],
      dueDate: '2026-12-01',
    });
  });

  it.each([
    [{ title: '' }, 'title'],
    [{ title: 'x'.repeat(201) }, 'title'],
    [{ title: 'a', createdBy: 'user:default/x' }, ''],
    [{ title: 'a', entityRef: 'nope' }, 'entityRef'],
    [{ title: 'a', assignee: 'group:default/g' }, 'assignee'],
    [{ title: 'a', description: 'é'.repeat(40000) }, 'description'],
    [{ title: 'a', dueDate: '2026-13-01' }, 'dueDate'],
  ])('rejects invalid body #%#', (body, field) => {
    const result = createTaskRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path.join('.')).toBe(field);
  });

  it('requires an integer version when given', () => {
    expect(updateTaskRequestSchema.safeParse({ version: 1.5 }).success).toBe(
      false,
    );
    expect(updateTaskRequestSchema.safeParse({ version: 3 }).success).toBe(
      true,
    );
  });
});
