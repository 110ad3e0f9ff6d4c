import { InputError } from '@backstage/errors';
import { EnvironmentPreset } from '@taskplatform/plugin-environments-common';
import type { Deployer, ResolveSpecRequest } from '../deployer/Deployer';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge, everything else (arrays included) replaces: infra's rule. */
export function deepMerge(
  base: Record<string, unknown>,
  overrides: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    merged[key] =
      isPlainObject(value) && isPlainObject(base[key])
        ? deepMerge(base[key] as Record<string, unknown>, value)
        : value;
  }
  return merged;
}

/** infra's validation in this process; only for deployers without `resolveSpec`. */
function resolveInProcess(request: ResolveSpecRequest) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const infra: typeof import('@taskplatform/infra') = require('@taskplatform/infra');
  const spec =
    'spec' in request
      ? infra.parseEnvironmentSpec(request.spec)
      : infra.specFromPreset(request.preset, request.overrides as any);
  return JSON.parse(JSON.stringify(spec)) as Record<string, unknown>;
}

/**
 * Validates with infra's schema, in the deployer's worker process when the
 * deployer offers it (infra loads aws-cdk-lib). Infra's issues become one
 * 400 naming each `spec.<field>`.
 */
async function validated(
  deployer: Pick<Deployer, 'resolveSpec'>,
  request: ResolveSpecRequest,
): Promise<Record<string, unknown>> {
  try {
    return deployer.resolveSpec
      ? await deployer.resolveSpec(request)
      : resolveInProcess(request);
  } catch (error) {
    const e = error as {
      name?: string;
      issues?: { path: string; message: string }[];
    };
    if (e?.name === 'InvalidEnvironmentSpecError' && Array.isArray(e.issues)) {
      throw new InputError(
        e.issues
          .map(i => `spec${i.path ? `.${i.path}` : ''}: ${i.message}`)
          .join('; '),
      );
    }
    throw error;
  }
}

/** The full spec of a new environment: the preset with the overrides. */
export async function specFromRequest(
  deployer: Pick<Deployer, 'resolveSpec'>,
  preset: EnvironmentPreset,
  overrides: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if ('stage' in overrides && overrides.stage !== preset) {
    throw new InputError(`spec.stage: must equal the preset (${preset})`);
  }
  return validated(deployer, { preset, overrides });
}

/** The full spec of an update: overrides merged onto the stored spec. */
export async function specForUpdate(
  deployer: Pick<Deployer, 'resolveSpec'>,
  stored: Record<string, unknown>,
  overrides: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  for (const field of ['name', 'account', 'region', 'stage']) {
    if (field in overrides && overrides[field] !== stored[field]) {
      throw new InputError(
        `spec.${field}: cannot change; it identifies the environment (${String(
          stored[field],
        )})`,
      );
    }
  }
  return validated(deployer, { spec: deepMerge(stored, overrides) });
}
