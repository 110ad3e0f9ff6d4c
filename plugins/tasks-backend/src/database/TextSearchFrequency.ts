import { Knex } from 'knex';

/**
 * A list's text search `?` as a tsquery, the same parse wherever it is read
 * (the lists' SQL, taskListPage.ts, and its lexemes here): the words of the
 * `tasks.search` column's text search configuration (English).
 */
export const SEARCH_QUERY_SQL = "websearch_to_tsquery('english', ?)";

/** A lexeme of a tsquery's text: quoted, its quotes doubled. */
const LEXEME = `'((?:[^']|'')*)'`;
/** A search whose every word must match: `'a' & 'b'`, nothing else. */
const ALL_OF = new RegExp(`^${LEXEME}(?: & ${LEXEME})*$`);

/**
 * How common the words of a text search are among the tasks (PostgreSQL),
 * from the planner's own statistics of `tasks.search`: its most common
 * lexemes, the share of tasks holding each (`pg_stats`,
 * `most_common_elems`) and the number of tasks (`pg_class.reltuples`),
 * read again every `maxAgeMs`.
 *
 * A page of `p` rows of a search matching a share `s` of `n` tasks reads
 * about `p / s` tasks in a sort index's order, testing each one's text, or
 * all `s × n` matching tasks found through the GIN index, then sorted. The
 * first is cheaper when `s ≥ √(p / n)`: 0.7 % for a page of 51 at 1M
 * tasks, where either reads at most about 7,000 tasks. The share of a
 * search whose words are all required (`'a' & 'b'`: no `or`, `-word` or
 * "phrase") is taken as the product of its words' shares; a word the
 * statistics do not list (rarer than those they do, or a table never
 * analyzed) as none. Anything else is found through the GIN index.
 */
export class TextSearchFrequency {
  private shares?: Promise<{ tasks: number; byLexeme: Map<string, number> }>;
  private sharesAt = 0;
  /** The required lexemes of each recent search (undefined: not all required). */
  private readonly lexemes = new Map<string, Promise<string[] | undefined>>();

  constructor(
    private readonly db: Knex,
    private readonly options: {
      maxAgeMs: number;
      /** Searches whose lexemes are kept (the oldest go first). */
      maxSearches: number;
    } = { maxAgeMs: 60_000, maxSearches: 1000 },
  ) {}

  /**
   * Whether a page of `pageRows` rows of the tasks matching `q` is best
   * read in a sort index's order.
   */
  async common(q: string, pageRows: number): Promise<boolean> {
    const [lexemes, { tasks, byLexeme }] = await Promise.all([
      this.lexemesOf(q),
      this.currentShares(),
    ]);
    if (!lexemes?.length || tasks <= 0) return false;
    const share = lexemes.reduce((p, l) => p * (byLexeme.get(l) ?? 0), 1);
    return share >= Math.sqrt(pageRows / tasks);
  }

  /** The lexemes `q` requires, when it requires all of them. */
  private lexemesOf(q: string): Promise<string[] | undefined> {
    let known = this.lexemes.get(q);
    if (!known) {
      if (this.lexemes.size >= this.options.maxSearches) {
        this.lexemes.delete(this.lexemes.keys().next().value!);
      }
      known = this.db
        .raw(`SELECT ${SEARCH_QUERY_SQL}::text AS query`, [q])
        .then(({ rows }) => {
          const text: string = rows[0].query;
          if (!ALL_OF.test(text)) return undefined;
          return [...text.matchAll(new RegExp(LEXEME, 'g'))].map(m =>
            m[1].replace(/''/g, "'"),
          );
        });
      // a failed read is not kept: the next call asks again
      known.catch(() => this.lexemes.delete(q));
      this.lexemes.set(q, known);
    }
    return known;
  }

  /** The number of tasks, and the share holding each common lexeme. */
  private currentShares(): Promise<{
    tasks: number;
    byLexeme: Map<string, number>;
  }> {
    const now = Date.now();
    if (!this.shares || now - this.sharesAt >= this.options.maxAgeMs) {
      this.sharesAt = now;
      const reading = this.db
        .raw(
          `SELECT c.reltuples AS tasks,
                  s.most_common_elems::text::text[] AS lexemes,
                  s.most_common_elem_freqs AS shares
           FROM pg_class c
           LEFT JOIN pg_stats s ON s.schemaname = current_schema()
             AND s.tablename = 'tasks' AND s.attname = 'search'
           WHERE c.oid = to_regclass('tasks')`,
        )
        .then(({ rows }) => {
          const row = rows[0];
          const byLexeme = new Map<string, number>();
          // the shares end with three more figures (min, max, nulls)
          (row?.lexemes ?? []).forEach((lexeme: string, i: number) =>
            byLexeme.set(lexeme, row.shares[i]),
          );
          // -1: never analyzed
          return { tasks: Number(row?.tasks ?? 0), byLexeme };
        });
      // a failed read is not kept: the next call reads again
      reading.catch(() => {
        if (this.shares === reading) this.shares = undefined;
      });
      this.shares = reading;
    }
    return this.shares;
  }
}
