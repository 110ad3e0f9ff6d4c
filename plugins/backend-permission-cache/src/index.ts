/**
 * A PermissionsService that caches a plugin's permission decisions per
 * principal and permission for a few seconds.
 *
 * @packageDocumentation
 */
export { CachedPermissions } from './CachedPermissions';
