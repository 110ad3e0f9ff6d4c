/** A tasks backend the benchmark drives. */
export type BenchMode = 'harness' | 'production';

export interface BenchBackend {
  /**
   * `harness`: a backend with only the tasks plugin, a static service token
   * and allow-all permissions (harnessBackend.ts). `production`: the
   * portal's production build, signed in as the guest user, with its real
   * permission backend and policy (productionBackend.ts).
   */
  mode: BenchMode;
  baseUrl: string;
  pid: number;
  /** the bearer token every request carries */
  token: string;
  /** signs in again (a user token lasts an hour; a run at two sizes is longer) */
  renew?: () => Promise<void>;
  stop(): Promise<void>;
}

export type PgConnection = {
  host: string;
  port: number;
  user: string;
  password: string;
};

/** The knex connection object of a `postgresql://` URL. */
export function pgConnection(url: string): PgConnection {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password || ''),
  };
}
