import Button from '@material-ui/core/Button';
import AddIcon from '@material-ui/icons/Add';
import { usePermission } from '@backstage/plugin-permission-react';
import { taskCreatePermission } from '@taskplatform/plugin-tasks-common';

/**
 * The "Create task" button of the Tasks page and the entity Tasks tab.
 * Renders nothing when the permission policy does not let the user create
 * tasks.
 */
export function CreateTaskButton(props: { onClick: () => void }) {
  const { allowed } = usePermission({ permission: taskCreatePermission });
  if (!allowed) return null;
  return (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      onClick={props.onClick}
    >
      Create task
    </Button>
  );
}
