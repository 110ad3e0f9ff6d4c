import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Request } from 'express';

/** The caller's ref: a user entity ref, or the service's subject. */
export function actorOf(credentials: BackstageCredentials<any>): string {
  const principal = credentials.principal as
    | { type: 'user'; userEntityRef: string }
    | { type: 'service'; subject: string };
  return principal.type === 'user'
    ? principal.userEntityRef
    : principal.subject;
}

/** A database that cannot be reached is a 503, not a 500. */
export function isDatabaseDown(error: any): boolean {
  return (
    error?.name === 'KnexTimeoutError' ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03'].includes(
      error?.code,
    )
  );
}

/** Runs a write inside an auditor event that records success or failure. */
export function createAudited(auditor: AuditorService) {
  return async function audited<T>(
    req: Request,
    eventId: string,
    meta: Record<string, any>,
    action: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      request: req,
      severityLevel: eventId.includes('destroy') ? 'medium' : 'low',
      meta,
    });
    try {
      const result = await action();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };
}
