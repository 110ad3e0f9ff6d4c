import { useApi } from '@backstage/frontend-plugin-api';
import {
  makeFieldSchema,
  type FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import type { EnvironmentTarget } from '@taskplatform/plugin-environments-common';
import useAsync from 'react-use/esm/useAsync';
import { environmentsApiRef } from '../../api';
import { TargetSelectField, targetsStatus } from './TargetSelectField';
import { useDeployerKeepWarm } from './useDeployerKeepWarm';

/** `title (accountId)` when the account has a title, else its id. */
export function accountLabel(target: EnvironmentTarget): string {
  return target.title
    ? `${target.title} (${target.accountId})`
    : target.accountId;
}

/**
 * Scaffolder field (`ui:field: EnvironmentAccountPicker`): a select of the AWS
 * accounts of `environments.accounts` (`GET /api/environments/targets`). With
 * no value, or one that is not configured, it selects the first account, so
 * the form works without touching it.
 */
export function EnvironmentAccountPicker(
  props: FieldExtensionComponentProps<string>,
) {
  const api = useApi(environmentsApiRef);
  const targets = useAsync(() => api.listTargets(), [api]);
  // The form is open: a plan will follow. Keep the deployer warm while the
  // person fills it in (best effort; without the permission nothing happens).
  useDeployerKeepWarm(api);

  const status = targetsStatus(targets, 'accounts');
  return (
    <TargetSelectField
      field={props}
      defaultTitle="AWS account"
      defaultId="environment-account"
      loading={targets.loading}
      status={status}
      choices={(targets.value ?? []).map(target => ({
        value: target.accountId,
        label: accountLabel(target),
      }))}
    />
  );
}

/** The form field of {@link EnvironmentAccountPicker}, for `FormFieldBlueprint`. */
export const EnvironmentAccountPickerField = createFormField({
  name: 'EnvironmentAccountPicker',
  component: EnvironmentAccountPicker,
  schema: makeFieldSchema({ output: z => z.string() }),
});
