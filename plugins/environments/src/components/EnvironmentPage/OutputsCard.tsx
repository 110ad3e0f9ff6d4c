import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';

/** The stack outputs of the environment (cluster endpoint, database host…). */
export function OutputsCard(props: { outputs: Record<string, string> }) {
  const entries = Object.entries(props.outputs ?? {}).sort(([a], [b]) =>
    a.localeCompare(b),
  );
  return (
    <InfoCard title="Outputs">
      {entries.length === 0 ? (
        <Typography color="textSecondary">
          Outputs appear once the stacks are deployed.
        </Typography>
      ) : (
        <Table size="small" aria-label="Outputs">
          <TableBody>
            {entries.map(([key, value]) => (
              <TableRow key={key}>
                <TableCell component="th" scope="row">
                  {key}
                </TableCell>
                <TableCell style={{ wordBreak: 'break-all' }}>
                  {value}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
