import {
  BackstageCredentials,
  PermissionsService,
  PermissionsServiceRequestOptions,
} from '@backstage/backend-plugin-api';
import {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
  PolicyDecision,
  QueryPermissionRequest,
} from '@backstage/plugin-permission-common';

/**
 * Caches the permission decisions a plugin asks for (one permission,
 * no resource) per principal and permission for `ttlMs`: each of them is
 * otherwise an HTTP round trip to the permission backend with its own
 * token. A changed policy therefore takes effect within `ttlMs`. Requests
 * naming a resource are not cached.
 *
 * @public
 */
export class CachedPermissions implements PermissionsService {
  private readonly decisions = new Map<
    string,
    { at: number; decision: Promise<unknown> }
  >();

  constructor(
    private readonly permissions: PermissionsService,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  authorize(
    requests: AuthorizePermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<AuthorizePermissionResponse[]> {
    return this.cached('a', requests, options, () =>
      this.permissions.authorize(requests, options),
    );
  }

  authorizeConditional(
    requests: QueryPermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<PolicyDecision[]> {
    return this.cached('c', requests, options, () =>
      this.permissions.authorizeConditional(requests, options),
    );
  }

  private async cached<T>(
    kind: string,
    requests: Array<{ permission: { name: string }; resourceRef?: unknown }>,
    options: PermissionsServiceRequestOptions,
    fetch: () => Promise<T>,
  ): Promise<T> {
    const principal = principalKey(options.credentials);
    if (
      this.ttlMs <= 0 ||
      !principal ||
      requests.some(r => r.resourceRef !== undefined)
    ) {
      return fetch();
    }
    const key = `${kind} ${principal} ${requests
      .map(r => r.permission.name)
      .join(',')}`;
    const now = Date.now();
    const hit = this.decisions.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.decision as Promise<T>;
    if (this.decisions.size >= this.maxEntries) this.decisions.clear();
    const decision = fetch();
    this.decisions.set(key, { at: now, decision });
    // a failed check is not remembered
    decision.catch(() => {
      if (this.decisions.get(key)?.decision === decision) {
        this.decisions.delete(key);
      }
    });
    return decision;
  }
}

function principalKey(
  credentials: BackstageCredentials | undefined,
): string | undefined {
  const principal = credentials?.principal as
    | { type: 'user'; userEntityRef: string }
    | { type: 'service'; subject: string }
    | { type: string }
    | undefined;
  if (principal?.type === 'user') {
    return `user:${(principal as { userEntityRef: string }).userEntityRef}`;
  }
  if (principal?.type === 'service') {
    return `service:${(principal as { subject: string }).subject}`;
  }
  return undefined;
}
