import { useEffect, useState } from 'react';
import TextField from '@material-ui/core/TextField';
import CircularProgress from '@material-ui/core/CircularProgress';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import useDebounce from 'react-use/esm/useDebounce';

type Option = { ref: string; label: string };

export type EntityRefAutocompleteProps = {
  /** Visible label, also the accessible name of the input. */
  label: string;
  id: string;
  /** Catalog kinds to offer, e.g. `['User']`. */
  kinds: string[];
  value: string | null;
  onChange: (ref: string | null) => void;
  helperText?: string;
  disabled?: boolean;
  size?: 'small' | 'medium';
};

/** Short display form of a ref: `jane` for users, `component:web` otherwise. */
export function shortRef(ref: string): string {
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
  if (!match) return ref;
  const [, kind, namespace, name] = match;
  const ns = namespace === 'default' ? '' : `${namespace}/`;
  return kind === 'user' || kind === 'group'
    ? `${ns}${name}`
    : `${kind}:${ns}${name}`;
}

/**
 * Picks an entity from the catalog: typing searches the catalog (server side,
 * at most 20 suggestions), the value is a full entity ref.
 */
export function EntityRefAutocomplete(props: EntityRefAutocompleteProps) {
  const { label, id, kinds, value, onChange, helperText, disabled, size } =
    props;
  const catalogApi = useApi(catalogApiRef);
  const [input, setInput] = useState('');
  const [term, setTerm] = useState('');
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState(false);

  useDebounce(() => setTerm(input), 250, [input]);

  useEffect(() => {
    if (!open) return undefined;
    let cancelled = false;
    setLoading(true);
    catalogApi
      .queryEntities({
        filter: { kind: kinds },
        fullTextFilter: term
          ? {
              term,
              fields: [
                'metadata.name',
                'metadata.title',
                'spec.profile.displayName',
              ],
            }
          : undefined,
        limit: 20,
        orderFields: { field: 'metadata.name', order: 'asc' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'spec.profile.displayName',
        ],
      })
      .then(response => {
        if (cancelled) return;
        setOptions(
          response.items.map(entity => {
            const ref = stringifyEntityRef(entity);
            const title =
              (entity.spec?.profile as { displayName?: string } | undefined)
                ?.displayName ?? entity.metadata.title;
            return {
              ref,
              label: title ? `${title} (${shortRef(ref)})` : shortRef(ref),
            };
          }),
        );
      })
      .catch(() => {
        if (!cancelled) setOptions([]);
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [catalogApi, kinds, term, open]);

  const selected: Option | null = value
    ? options.find(o => o.ref === value) ?? {
        ref: value,
        label: shortRef(value),
      }
    : null;

  return (
    <Autocomplete<Option>
      id={id}
      size={size}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      options={options}
      value={selected}
      disabled={disabled}
      loading={loading}
      filterOptions={o => o}
      getOptionLabel={o => o.label}
      getOptionSelected={(a, b) => a.ref === b.ref}
      onChange={(_e, option) => onChange(option ? option.ref : null)}
      onInputChange={(_e, text, reason) => {
        if (reason === 'input') setInput(text);
        if (reason === 'clear') setInput('');
      }}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          variant="outlined"
          helperText={helperText}
          InputProps={{
            ...params.InputProps,
            endAdornment: (
              <>
                {loading ? (
                  <CircularProgress color="inherit" size={16} />
                ) : null}
                {params.InputProps.endAdornment}
              </>
            ),
          }}
        />
      )}
    />
  );
}
