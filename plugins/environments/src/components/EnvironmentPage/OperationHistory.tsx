import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import type { Operation } from '@taskplatform/plugin-environments-common';
import { describeError } from '../../api';
import { EnvironmentStatusLabel } from '../shared/EnvironmentStatusLabel';
import { formatDateTime, shortRef } from '../shared/format';

/** The environment's operations, newest first; one can be shown in the timeline. */
export function OperationHistory(props: {
  operations?: Operation[];
  loading: boolean;
  error?: Error;
  shownOperationId?: string;
  onShow: (operationId: string) => void;
}) {
  const { operations, loading, error, shownOperationId, onShow } = props;
  const renderBody = () => {
    if (error) {
      return (
        <ResponseErrorPanel
          error={error}
          title={`Could not load the history: ${describeError(error)}`}
        />
      );
    }
    if (loading && !operations) {
      return <Skeleton variant="rect" height={80} />;
    }
    if (!operations?.length) {
      return <Typography color="textSecondary">No operations yet.</Typography>;
    }
    return (
      <Table size="small" aria-label="Operation history">
        <TableHead>
          <TableRow>
            <TableCell>Operation</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Requested by</TableCell>
            <TableCell>Started</TableCell>
            <TableCell>Finished</TableCell>
            <TableCell align="right">Resources</TableCell>
            <TableCell>Timeline</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {operations.map(op => (
            <TableRow
              key={op.id}
              selected={op.id === shownOperationId}
              data-testid="operation-row"
            >
              <TableCell>{op.kind}</TableCell>
              <TableCell>
                <EnvironmentStatusLabel status={op.status} />
                {op.error && (
                  <Typography variant="body2" color="textSecondary">
                    {op.error}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{shortRef(op.requestedBy)}</TableCell>
              <TableCell>
                {formatDateTime(op.startedAt ?? op.createdAt)}
              </TableCell>
              <TableCell>{formatDateTime(op.finishedAt)}</TableCell>
              <TableCell align="right">
                {op.resourcesDone ?? 0} / {op.resourcesPlanned ?? '?'}
              </TableCell>
              <TableCell>
                {op.id === shownOperationId ? (
                  <Typography variant="body2">shown</Typography>
                ) : (
                  <Button
                    size="small"
                    onClick={() => onShow(op.id)}
                    aria-label={`Show the timeline of the ${
                      op.kind
                    } of ${formatDateTime(op.createdAt)}`}
                  >
                    Show
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  };
  return <InfoCard title="History">{renderBody()}</InfoCard>;
}
