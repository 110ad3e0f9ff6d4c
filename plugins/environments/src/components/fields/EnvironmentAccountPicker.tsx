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
import type { EnvironmentTarget } from '@taskplatform/plugin-environments-common';
import useAsync from 'react-use/esm/useAsync';
import { describeError, environmentsApiRef } from '../../api';

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
  } = props;
  const api = useApi(environmentsApiRef);
  const targets = useAsync(() => api.listTargets(), [api]);
  const choices = targets.value ?? [];

  // RJSF hands a new onChange on every render: the effect must not depend on it
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  useEffect(() => {
    const first = targets.value?.[0];
    if (!first) return;
    if (!formData || !targets.value!.some(t => t.accountId === formData)) {
      onChangeRef.current(first.accountId);
    }
  }, [targets.value, formData]);

  const id = idSchema?.$id ?? 'environment-account';
  const helperId = `${id}-status`;
  let status: { text: string; error: boolean } | undefined;
  if (targets.loading) {
    status = { text: 'Loading the AWS accounts…', error: false };
  } else if (targets.error) {
    status = {
      text: `Could not load the AWS accounts: ${describeError(targets.error)}`,
      error: true,
    };
  } else if (!choices.length) {
    status = {
      text: 'No AWS accounts are configured in environments.accounts',
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
      <InputLabel htmlFor={id}>{schema.title ?? 'AWS account'}</InputLabel>
      <Select
        native
        value={formData ?? ''}
        disabled={disabled || !choices.length}
        onChange={event => onChange(String(event.target.value))}
        inputProps={{
          id,
          'aria-describedby': status ? helperId : undefined,
          'aria-busy': targets.loading,
        }}
      >
        {choices.map(target => (
          <option key={target.accountId} value={target.accountId}>
            {accountLabel(target)}
          </option>
        ))}
      </Select>
      {targets.loading && <LinearProgress aria-label="Loading AWS accounts" />}
      {status && (
        <FormHelperText id={helperId} error={status.error}>
          {status.text}
        </FormHelperText>
      )}
    </ScaffolderField>
  );
}

/** The form field of {@link EnvironmentAccountPicker}, for `FormFieldBlueprint`. */
export const EnvironmentAccountPickerField = createFormField({
  name: 'EnvironmentAccountPicker',
  component: EnvironmentAccountPicker,
  schema: makeFieldSchema({ output: z => z.string() }),
});
