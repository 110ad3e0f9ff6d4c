/** What `Deployer.resolveSpec` validates: a preset with overrides, or a full spec. */
export type ResolveSpecRequest =
  | { preset: 'dev' | 'prod'; overrides: Record<string, unknown> }
  | { spec: Record<string, unknown> };

/**
 * Validates a spec with infra's schema (in the deployer worker: infra's spec fields load
 * aws-cdk-lib). Throws infra's `InvalidEnvironmentSpecError` (name and `issues` survive IPC).
 */
export function resolveSpec(
  request: ResolveSpecRequest,
): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const infra: typeof import('@taskplatform/infra') = require('@taskplatform/infra');
  const spec =
    'spec' in request
      ? infra.parseEnvironmentSpec(request.spec)
      : infra.specFromPreset(request.preset, request.overrides as any);
  return JSON.parse(JSON.stringify(spec));
}
