/* eslint-disable @typescript-eslint/no-require-imports */
/*
 * The AWS SDK clients and integration-aws-node take seconds to load together; the
 * backend loads them on the first call that needs AWS, not at start-up.
 */

export const lazyCloudFormation =
  (): typeof import('@aws-sdk/client-cloudformation') =>
    require('@aws-sdk/client-cloudformation');

export const lazySsm = (): typeof import('@aws-sdk/client-ssm') =>
  require('@aws-sdk/client-ssm');

export const lazySts = (): typeof import('@aws-sdk/client-sts') =>
  require('@aws-sdk/client-sts');

export const lazyIntegrationAws =
  (): typeof import('@backstage/integration-aws-node') =>
    require('@backstage/integration-aws-node');
