/**
 * The stacks of an environment, `<name>-<component>` as `@taskplatform/infra` names them
 * (a test checks this list against a synthesis). Lets `status()` answer without a synth.
 */
export const ENVIRONMENT_STACK_COMPONENTS = [
  'network',
  'storage',
  'cicd',
  'cluster',
  'database',
] as const;

export function environmentStackNames(environmentName: string): string[] {
  return ENVIRONMENT_STACK_COMPONENTS.map(c => `${environmentName}-${c}`);
}

/** Stack statuses that mean "deployed and usable". */
export function isCompleteStatus(status: string): boolean {
  return (
    status === 'CREATE_COMPLETE' ||
    status === 'UPDATE_COMPLETE' ||
    status === 'UPDATE_ROLLBACK_COMPLETE' ||
    status === 'IMPORT_COMPLETE'
  );
}
