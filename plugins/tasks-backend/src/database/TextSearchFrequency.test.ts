import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseTaskStore } from './DatabaseTaskStore';
import { TextSearchFrequency } from './TextSearchFrequency';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'TextSearchFrequency (%p)',
  databaseId => {
    it("takes words as common from PostgreSQL's statistics of the tasks' text", async () => {
      const knex = await databases.init(databaseId);
      await DatabaseTaskStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      // no autoanalyze during the test: the statistics are ANALYZE's below
      await knex.raw('ALTER TABLE tasks SET (autovacuum_enabled = false)');
      // 2,000 tasks: "review" in half of them, "deploy" in one in ten,
      // "billing" in one in fifty, an address in one in four, "4242" in one
      await knex.raw(
        `INSERT INTO tasks (id, title, description, status, priority,
           created_by, labels, created_at, updated_at, version)
         SELECT gen_random_uuid()::text,
           'Task ' || i || CASE WHEN i % 2 = 0 THEN ' review' ELSE ' build' END,
           CASE WHEN i % 10 = 0 THEN 'deploy ' ELSE '' END ||
           CASE WHEN i % 50 = 1 THEN 'billing ' ELSE '' END ||
           CASE WHEN i % 4 = 3 THEN 'ops@example.com ' ELSE '' END || 'area',
           'todo', 1, 'user:default/a', '[]', i, i, 1
         FROM generate_series(1, 2000) AS i`,
      );
      const frequency = (maxAgeMs: number) =>
        new TextSearchFrequency(knex, { maxAgeMs, maxSearches: 2 });

      // never analyzed: no statistics, no word is taken as common
      const cached = frequency(60_000);
      expect(await cached.common('review', 51)).toBe(false);

      await knex.raw('ANALYZE tasks');
      const fresh = frequency(0);
      const common = async (q: string, pageRows: number) => [
        q,
        await fresh.common(q, pageRows),
      ];
      // a page of 51 of 2,000 tasks: walked in order from a share of
      // √(51 / 2000) = 16 %
      expect(await common('review', 51)).toEqual(['review', true]);
      expect(await common('Reviews', 51)).toEqual(['Reviews', true]); // stemmed
      expect(await common('ops@example.com', 51)).toEqual([
        'ops@example.com',
        true,
      ]);
      expect(await common('deploy', 51)).toEqual(['deploy', false]);
      // both required: half of one in ten
      expect(await common('review deploy', 51)).toEqual([
        'review deploy',
        false,
      ]);
      // a page of 5: from 5 %
      expect(await common('deploy', 5)).toEqual(['deploy', true]);
      expect(await common('billing', 5)).toEqual(['billing', false]);
      expect(await common('review billing', 5)).toEqual([
        'review billing',
        false,
      ]);
      // one task, and a word no task has
      expect(await common('4242', 5)).toEqual(['4242', false]);
      expect(await common('kubernetes', 5)).toEqual(['kubernetes', false]);
      // not every word required: or, a negation, a phrase; no word at all
      for (const q of [
        'review or deploy',
        'review -deploy',
        '"review area"',
        'the',
      ]) {
        expect(await common(q, 5)).toEqual([q, false]);
      }

      // statistics are read again only after maxAgeMs
      expect(await cached.common('review', 51)).toBe(false);
      const later = frequency(0);
      // 40,000 more tasks without "review": one in 42 has it now
      await knex.raw(
        `INSERT INTO tasks (id, title, description, status, priority,
           created_by, labels, created_at, updated_at, version)
         SELECT gen_random_uuid()::text, 'Task ' || i, 'area', 'todo', 1,
           'user:default/a', '[]', i, i, 1
         FROM generate_series(1, 40000) AS i`,
      );
      await knex.raw('ANALYZE tasks');
      // √(51 / 42000) = 3.5 %: "review" is in 2.4 %
      expect(await later.common('review', 51)).toBe(false);
      expect(await later.common('area', 51)).toBe(true);
    });
  },
);
