import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import DeleteForeverIcon from '@material-ui/icons/DeleteForever';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  environmentDestroyPermission,
  type Environment,
} from '@taskplatform/plugin-environments-common';
import { describeError, environmentsApiRef } from '../../api';

function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Destroys the environment after the user types its exact name. Hidden
 * without the `environment.destroy` permission and once it is being destroyed.
 */
export function DestroyEnvironmentButton(props: {
  environment: Environment;
  onDestroyStarted: () => void;
}) {
  const { environment, onDestroyStarted } = props;
  const api = useApi(environmentsApiRef);
  const { allowed } = usePermission({
    permission: environmentDestroyPermission,
    // The permission resource is the environment's id (names can be reused).
    resourceRef: environment.id,
  });
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();

  if (
    !allowed ||
    environment.status === 'destroying' ||
    environment.status === 'destroyed'
  ) {
    return null;
  }

  const close = () => {
    setOpen(false);
    setTyped('');
    setError(undefined);
    setKey(newIdempotencyKey());
  };

  const confirmed = typed === environment.name;
  const destroy = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      await api.destroy(environment.name, {
        confirm: typed,
        idempotencyKey: key,
      });
      close();
      onDestroyStarted();
    } catch (e) {
      setError(e as Error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <Button
        variant="outlined"
        color="secondary"
        startIcon={<DeleteForeverIcon />}
        onClick={() => setOpen(true)}
      >
        Destroy
      </Button>
      <Dialog
        open={open}
        onClose={close}
        aria-labelledby="destroy-environment-title"
      >
        <DialogTitle id="destroy-environment-title">
          Destroy environment {environment.name}?
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            This deletes the environment's stacks in {environment.account} /{' '}
            {environment.region}: the network, the Kubernetes cluster and the
            database with its data. It cannot be undone. Type{' '}
            <strong>{environment.name}</strong> to confirm.
          </DialogContentText>
          <TextField
            fullWidth
            id="destroy-environment-confirm"
            variant="outlined"
            margin="dense"
            label="Environment name"
            value={typed}
            onChange={e => setTyped(e.target.value)}
            onKeyDown={e => {
              if (e.key === 'Enter' && confirmed && !submitting) destroy();
            }}
            inputProps={{ autoComplete: 'off', spellCheck: false }}
          />
          {error && <Alert severity="error">{describeError(error)}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button
            color="secondary"
            variant="contained"
            disabled={!confirmed || submitting}
            onClick={destroy}
          >
            Destroy {environment.name}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
