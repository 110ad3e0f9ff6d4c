export { portalPermissionPolicyModule as default } from './portalPermissionPolicyModule';
export {
  PortalPermissionPolicy,
  RESTRICTED_TAG,
} from './PortalPermissionPolicy';
