import Button from '@material-ui/core/Button';
import AddIcon from '@material-ui/icons/Add';
import { Link as RouterLink } from 'react-router-dom';
import { CREATE_ENVIRONMENT_TEMPLATE_PATH } from '../../routes';

/** Leads to the create-environment template of the Scaffolder. */
export function CreateEnvironmentButton() {
  return (
    <Button
      component={RouterLink}
      to={CREATE_ENVIRONMENT_TEMPLATE_PATH}
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
    >
      Create environment
    </Button>
  );
}
