import {
  createEnvironmentRequestSchema,
  destroyEnvironmentRequestSchema,
  normalizeGroupRef,
  operationEventsQuerySchema,
} from './schemas';

describe('environments request schemas', () => {
  it('normalizes the owner to a group ref and rejects users', () => {
    expect(normalizeGroupRef('team-a')).toBe('group:default/team-a');
    expect(normalizeGroupRef('user:default/alice')).toBeUndefined();
    const parsed = createEnvironmentRequestSchema.parse({
      owner: 'team-a',
      preset: 'dev',
      spec: { name: 'dev-1', account: '123456789012', region: 'us-east-1' },
    });
    expect(parsed.owner).toBe('group:default/team-a');
  });

  it('names the missing or bad field', () => {
    const result = createEnvironmentRequestSchema.safeParse({
      owner: 'team-a',
      preset: 'dev',
      spec: { name: 'Bad_Name', account: '1', region: 'us-east-1' },
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual(['spec', 'name']);
    expect(
      destroyEnvironmentRequestSchema.safeParse({}).error!.issues[0].path,
    ).toEqual(['confirm']);
  });

  it('caps the events page at 1000', () => {
    expect(
      operationEventsQuerySchema.safeParse({ limit: '1001' }).success,
    ).toBe(false);
    expect(
      operationEventsQuerySchema.parse({ since: '5', limit: '1000' }),
    ).toEqual({ since: 5, limit: 1000 });
  });
});
