import { useEffect, useRef } from 'react';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import Select from '@material-ui/core/Select';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  makeFieldSchema,
  type FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import {
  createFormField,
  ScaffolderField,
} from '@backstage/plugin-scaffolder-react/alpha';
import useAsync from 'react-use/esm/useAsync';
import { describeError, environmentsApiRef } from '../../api';

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
  const {
    formData,
    onChange,
    schema,
    uiSchema,
    idSchema,
    required,
    disabled,
    rawErrors,
    errors,
    formContext,
  } = props;
  const account: string | undefined = formContext?.formData?.account;
  const api = useApi(environmentsApiRef);
  const targets = useAsync(() => api.listTargets(), [api]);
  const target = targets.value?.find(t => t.accountId === account);
  const regions = target?.regions ?? [];

  // RJSF hands a new onChange on every render: the effect must not depend on it
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  useEffect(() => {
    const first = target?.regions[0];
    if (!first) return;
    if (!formData || !target.regions.includes(formData)) {
      onChangeRef.current(first);
    }
  }, [target, formData]);

  const id = idSchema?.$id ?? 'environment-region';
  const helperId = `${id}-status`;
  let status: { text: string; error: boolean } | undefined;
  if (targets.loading) {
    status = { text: 'Loading the AWS regions…', error: false };
  } else if (targets.error) {
    status = {
      text: `Could not load the AWS regions: ${describeError(targets.error)}`,
      error: true,
    };
  } else if (!targets.value?.length) {
    status = {
      text: 'No AWS accounts are configured in environments.accounts',
      error: true,
    };
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
    <ScaffolderField
      rawErrors={rawErrors}
      rawDescription={uiSchema?.['ui:description'] ?? schema.description}
      required={required}
      disabled={disabled}
      errors={errors}
    >
      <InputLabel htmlFor={id}>{schema.title ?? 'AWS region'}</InputLabel>
      <Select
        native
        value={formData ?? ''}
        disabled={disabled || !regions.length}
        onChange={event => onChange(String(event.target.value))}
        inputProps={{
          id,
          'aria-describedby': status ? helperId : undefined,
          'aria-busy': targets.loading,
        }}
      >
        {regions.map(region => (
          <option key={region} value={region}>
            {regionLabel(region)}
          </option>
        ))}
      </Select>
      {targets.loading && <LinearProgress aria-label="Loading AWS regions" />}
      {status && (
        <FormHelperText id={helperId} error={status.error}>
          {status.text}
        </FormHelperText>
      )}
    </ScaffolderField>
  );
}

/** The form field of {@link EnvironmentRegionPicker}, for `FormFieldBlueprint`. */
export const EnvironmentRegionPickerField = createFormField({
  name: 'EnvironmentRegionPicker',
  component: EnvironmentRegionPicker,
  schema: makeFieldSchema({ output: z => z.string() }),
});
