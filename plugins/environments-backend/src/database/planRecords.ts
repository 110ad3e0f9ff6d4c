import { PlanResult } from '@taskplatform/plugin-environments-common';
import { Knex } from 'knex';

/** The stack templates of an environment's last successful deploy. */
export async function getTemplates(
  db: Knex,
  environmentId: string,
): Promise<Record<string, unknown>> {
  const rows = await db('deployed_templates').where({
    environment_id: environmentId,
  });
  return Object.fromEntries(
    rows.map(row => [row.stack, JSON.parse(row.template)]),
  );
}

/** Keeps the last plan made for an environment name. */
export async function savePlan(
  db: Knex,
  environmentName: string,
  plan: PlanResult,
): Promise<void> {
  await db('plans')
    .insert({
      environment_name: environmentName,
      plan: JSON.stringify(plan),
      created_at: Date.now(),
    })
    .onConflict('environment_name')
    .merge();
}

export async function getPlan(
  db: Knex,
  environmentName: string,
): Promise<PlanResult | undefined> {
  const row = await db('plans')
    .where({ environment_name: environmentName })
    .first();
  return row && JSON.parse(row.plan);
}
