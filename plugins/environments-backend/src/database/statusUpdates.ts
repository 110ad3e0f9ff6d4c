import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Environment,
  EnvironmentStatus,
} from '@taskplatform/plugin-environments-common';
import { Knex } from 'knex';
import { EnvironmentRow, patchToColumns, rowToEnvironment } from './rows';
import { assertTransition } from './transitions';
import { EnvironmentPatch } from './types';

/** How often a writer re-reads and retries after losing an optimistic race. */
export const MAX_VERSION_RETRIES = 20;

/** Another writer changed the row between our read and our write. */
export class VersionRaceError extends Error {
  name = 'VersionRaceError';
}

/**
 * One attempt at a status change: read, check the transition table, write
 * where the version is still the one read. Throws {@link VersionRaceError}
 * when another writer won; callers retry.
 */
export async function updateStatusOnce(
  db: Knex | Knex.Transaction,
  id: string,
  to: EnvironmentStatus,
  patch: EnvironmentPatch = {},
  now = Date.now(),
): Promise<Environment> {
  const row = await db<EnvironmentRow>('environments').where({ id }).first();
  if (!row) throw new NotFoundError(`Environment ${id} not found`);
  assertTransition(row.name, row.status, to);
  const columns = {
    ...patchToColumns(patch),
    status: to,
    version: row.version + 1,
    updated_at: now,
  };
  const count = await db('environments')
    .where({ id, version: row.version })
    .update(columns);
  if (count !== 1) throw new VersionRaceError(`environment ${id} changed`);
  return rowToEnvironment({
    ...row,
    ...(columns as Partial<EnvironmentRow>),
  } as EnvironmentRow);
}

/** Retries `attempt` while it loses optimistic races; 409 when it never wins. */
export async function retryOnVersionRace<T>(
  attempt: () => Promise<T>,
): Promise<T> {
  for (let i = 0; i < MAX_VERSION_RETRIES; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof VersionRaceError)) throw error;
      await new Promise(r => setTimeout(r, Math.random() * 5 * (i + 1)));
    }
  }
  throw new ConflictError(
    'version: the environment keeps changing under concurrent writers; retry',
  );
}
