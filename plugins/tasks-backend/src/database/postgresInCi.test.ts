import { TestDatabases } from '@backstage/backend-test-utils';

// Outside CI, TestDatabases silently drops PostgreSQL when no connection
// string is set; in CI it would try to start a Docker container instead,
// which this project's machines do not have. Either way the PostgreSQL
// variants need the local server that `.ci/run` starts.
describe('test databases', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it('always include SQLite', () => {
    const ids = databases.eachSupportedId().map(([id]) => id);
    expect(ids).toContain('SQLITE_3');
  });

  if (process.env.CI) {
    it('run the PostgreSQL variants against a real server in CI', () => {
      const ids = databases.eachSupportedId().map(([id]) => id);
      expect(ids).toContain('POSTGRES_15');
      expect(
        process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
      ).toMatch(/^postgres(ql)?:\/\//);
    });
  }
});
