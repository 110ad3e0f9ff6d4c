import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';

/** Marks an environment provisioned by the simulated deployer (no AWS). */
export function SimulatedChip() {
  return (
    <Tooltip title="Provisioned by the simulated deployer: no AWS resources exist">
      <Chip size="small" variant="outlined" label="simulated" />
    </Tooltip>
  );
}
