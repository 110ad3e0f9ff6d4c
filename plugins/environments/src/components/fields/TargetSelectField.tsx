import { useEffect, useRef } from 'react';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import Select from '@material-ui/core/Select';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { ScaffolderField } from '@backstage/plugin-scaffolder-react/alpha';
import { describeError } from '../../api';

/** A line under the select: progress, a hint or an error. */
export type TargetSelectStatus = { text: string; error: boolean };

/** The status of reading the targets (`what`: "accounts", "regions"), if not read yet or none. */
export function targetsStatus(
  targets: { loading: boolean; error?: Error; value?: unknown[] },
  what: string,
): TargetSelectStatus | undefined {
  if (targets.loading) {
    return { text: `Loading the AWS ${what}…`, error: false };
  }
  if (targets.error) {
    return {
      text: `Could not load the AWS ${what}: ${describeError(targets.error)}`,
      error: true,
    };
  }
  if (!targets.value?.length) {
    return {
      text: 'No AWS accounts are configured in environments.accounts',
      error: true,
    };
  }
  return undefined;
}

/**
 * The select of the environment target fields (account, region): a native
 * select in the scaffolder's field wrapper, with a status line. With no value,
 * or one that is not among the choices (they changed), it selects the first
 * choice, so the form works without touching it.
 */
export function TargetSelectField(props: {
  field: FieldExtensionComponentProps<string>;
  /** Label when the template's schema has no title. */
  defaultTitle: string;
  /** Element id when RJSF gives none. */
  defaultId: string;
  choices: { value: string; label: string }[];
  loading: boolean;
  status?: TargetSelectStatus;
}) {
  const { field, defaultTitle, defaultId, choices, loading, status } = props;
  const { formData, onChange, schema, uiSchema, idSchema } = field;

  // RJSF hands a new onChange on every render: the effect must not depend on it
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const values = choices.map(c => c.value).join('\n');
  useEffect(() => {
    const list = values ? values.split('\n') : [];
    if (list.length && (!formData || !list.includes(formData))) {
      onChangeRef.current(list[0]);
    }
  }, [values, formData]);

  const title = schema.title ?? defaultTitle;
  const id = idSchema?.$id ?? defaultId;
  const helperId = `${id}-status`;
  return (
    <ScaffolderField
      rawErrors={field.rawErrors}
      rawDescription={uiSchema?.['ui:description'] ?? schema.description}
      required={field.required}
      disabled={field.disabled}
      errors={field.errors}
    >
      <InputLabel htmlFor={id}>{title}</InputLabel>
      <Select
        native
        value={formData ?? ''}
        disabled={field.disabled || !choices.length}
        onChange={event => onChange(String(event.target.value))}
        inputProps={{
          id,
          'aria-describedby': status ? helperId : undefined,
          'aria-busy': loading,
        }}
      >
        {choices.map(choice => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </Select>
      {loading && <LinearProgress aria-label={`Loading ${defaultTitle}s`} />}
      {status && (
        <FormHelperText id={helperId} error={status.error}>
          {status.text}
        </FormHelperText>
      )}
    </ScaffolderField>
  );
}
