import { useApi } from '@backstage/frontend-plugin-api';
import {
  makeFieldSchema,
  type FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import useAsync from 'react-use/esm/useAsync';
import { environmentsApiRef } from '../../api';
import { TargetSelectField, targetsStatus } from './TargetSelectField';

/** Location names of the commercial AWS regions, shown beside the code. */
const REGION_NAMES: Record<string, string> = {
  'us-east-1': 'N. Virginia',
  'us-east-2': 'Ohio',
  'us-west-1': 'N. California',
  'us-west-2': 'Oregon',
  'ca-central-1': 'Canada Central',
  'sa-east-1': 'São Paulo',
  'eu-west-1': 'Ireland',
  'eu-west-2': 'London',
  'eu-west-3': 'Paris',
  'eu-central-1': 'Frankfurt',
  'eu-central-2': 'Zurich',
  'eu-north-1': 'Stockholm',
  'eu-south-1': 'Milan',
  'eu-south-2': 'Spain',
  'ap-south-1': 'Mumbai',
  'ap-southeast-1': 'Singapore',
  'ap-southeast-2': 'Sydney',
  'ap-northeast-1': 'Tokyo',
  'ap-northeast-2': 'Seoul',
  'ap-northeast-3': 'Osaka',
  'ap-east-1': 'Hong Kong',
  'me-south-1': 'Bahrain',
  'af-south-1': 'Cape Town',
};

/** `us-east-1 (N. Virginia)` for a known region, else the code. */
export function regionLabel(region: string): string {
  const name = REGION_NAMES[region];
  return name ? `${region} (${name})` : region;
}

/**
 * Scaffolder field (`ui:field: EnvironmentRegionPicker`): a select of the
 * regions configured for the account chosen in the form
 * (`formContext.formData.account`, set by `EnvironmentAccountPicker`). With no
 * value, or one the account does not allow (the account changed), it selects
 * the account's first region.
 */
export function EnvironmentRegionPicker(
  props: FieldExtensionComponentProps<string>,
) {
  const account: string | undefined = props.formContext?.formData?.account;
  const api = useApi(environmentsApiRef);
  const targets = useAsync(() => api.listTargets(), [api]);
  const target = targets.value?.find(t => t.accountId === account);
  const regions = target?.regions ?? [];

  let status = targetsStatus(targets, 'regions');
  if (status) {
    // loading, failed or no account at all
  } else if (!account) {
    status = { text: 'Choose an AWS account first', error: false };
  } else if (!target) {
    status = {
      text: `AWS account ${account} is not configured in environments.accounts`,
      error: true,
    };
  } else if (!regions.length) {
    status = {
      text: `No regions are configured for AWS account ${account}`,
      error: true,
    };
  }
  return (
    <TargetSelectField
      field={props}
      defaultTitle="AWS region"
      defaultId="environment-region"
      loading={targets.loading}
      status={status}
      choices={regions.map(region => ({
        value: region,
        label: regionLabel(region),
      }))}
    />
  );
}

/** The form field of {@link EnvironmentRegionPicker}, for `FormFieldBlueprint`. */
export const EnvironmentRegionPickerField = createFormField({
  name: 'EnvironmentRegionPicker',
  component: EnvironmentRegionPicker,
  schema: makeFieldSchema({ output: z => z.string() }),
});
