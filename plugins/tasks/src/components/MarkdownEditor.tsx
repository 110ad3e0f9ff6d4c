import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { MarkdownContent } from '@backstage/core-components';

export type MarkdownEditorProps = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  minRows?: number;
  error?: string;
};

/** A markdown text area with a Write / Preview switch. */
export function MarkdownEditor(props: MarkdownEditorProps) {
  const { id, label, value, onChange, disabled, minRows = 4, error } = props;
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  return (
    <Box>
      <Tabs
        value={tab}
        onChange={(_e, next) => setTab(next)}
        aria-label={`${label}: write or preview`}
        indicatorColor="primary"
      >
        <Tab value="write" label="Write" id={`${id}-write-tab`} />
        <Tab value="preview" label="Preview" id={`${id}-preview-tab`} />
      </Tabs>
      {tab === 'write' ? (
        <TextField
          id={id}
          label={label}
          value={value}
          onChange={e => onChange(e.target.value)}
          multiline
          minRows={minRows}
          fullWidth
          variant="outlined"
          margin="dense"
          disabled={disabled}
          error={!!error}
          helperText={error ?? 'Markdown is supported'}
        />
      ) : (
        <Box
          minHeight={80}
          border={1}
          borderColor="divider"
          borderRadius={4}
          p={1}
          mt={1}
          data-testid={`${id}-preview`}
        >
          {value.trim() ? (
            <MarkdownContent content={value} />
          ) : (
            <Typography color="textSecondary">Nothing to preview</Typography>
          )}
        </Box>
      )}
    </Box>
  );
}
