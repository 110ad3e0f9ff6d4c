import { ConflictError } from '@backstage/errors';
import { EnvironmentStatus } from '@taskplatform/plugin-environments-common';

/** Every legal state change of an environment, in one table. */
export const LEGAL_TRANSITIONS: Readonly<
  Record<EnvironmentStatus, readonly EnvironmentStatus[]>
> = {
  planned: ['provisioning', 'failed'],
  provisioning: ['ready', 'failed'],
  ready: ['updating', 'destroying', 'failed'],
  updating: ['ready', 'failed'],
  // retry (provisioning or updating) or destroy
  failed: ['provisioning', 'updating', 'destroying'],
  destroying: ['destroyed', 'failed'],
  destroyed: [],
};

export function isLegalTransition(
  from: EnvironmentStatus,
  to: EnvironmentStatus,
): boolean {
  return LEGAL_TRANSITIONS[from].includes(to);
}

/** Throws a 409 naming both states when the change is not legal. */
export function assertTransition(
  name: string,
  from: EnvironmentStatus,
  to: EnvironmentStatus,
) {
  if (!isLegalTransition(from, to)) {
    throw new ConflictError(
      `status: environment ${name} is ${from} and cannot become ${to}`,
    );
  }
}
