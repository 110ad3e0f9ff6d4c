import { InputError } from '@backstage/errors';
import { EnvironmentPreset } from '@taskplatform/plugin-environments-common';

type Infra = typeof import('@taskplatform/infra');

/** infra pulls in aws-cdk-lib: load it on first use, not at start-up. */
async function loadInfra(): Promise<Infra> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@taskplatform/infra');
}

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

/** Runs infra's validation; its issues become one 400 naming each `spec.<field>`. */
async function validated<T>(fn: (infra: Infra) => T): Promise<T> {
  const lib = await loadInfra();
  try {
    return fn(lib);
  } catch (error) {
    if (error instanceof lib.InvalidEnvironmentSpecError) {
      throw new InputError(
        error.issues
          .map(i => `spec${i.path ? `.${i.path}` : ''}: ${i.message}`)
          .join('; '),
      );
    }
    throw error;
  }
}

/** The full spec of a new environment: the preset with the overrides. */
export function specFromRequest(
  preset: EnvironmentPreset,
  overrides: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if ('stage' in overrides && overrides.stage !== preset) {
    throw new InputError(`spec.stage: must equal the preset (${preset})`);
  }
  return validated(lib => lib.specFromPreset(preset, overrides) as any);
}

/** The full spec of an update: overrides merged onto the stored spec. */
export function specForUpdate(
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
  return validated(
    lib => lib.parseEnvironmentSpec(deepMerge(stored, overrides)) as any,
  );
}
