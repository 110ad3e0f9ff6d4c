import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import type { PlanResult } from '@taskplatform/plugin-environments-common';
import { describeError } from '../../api';
import { formatUsd } from '../shared/format';
import { PlanDiff } from './PlanDiff';

/** The last plan: estimated monthly cost with its lines, summary and diff. */
export function PlanCard(props: {
  plan?: PlanResult;
  loading: boolean;
  error?: Error;
}) {
  const { plan, loading, error } = props;
  const renderBody = () => {
    if (error) {
      return (
        <ResponseErrorPanel
          error={error}
          title={`Could not load the plan: ${describeError(error)}`}
        />
      );
    }
    if (loading && !plan) {
      return <Skeleton variant="rect" height={160} />;
    }
    if (!plan) {
      return (
        <Typography color="textSecondary">
          No plan recorded for this environment yet.
        </Typography>
      );
    }
    const { summary, cost, nag } = plan;
    return (
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          <Typography variant="h4" component="p" data-testid="plan-cost">
            {formatUsd(cost.monthlyUsd)}
            <Typography variant="body1" component="span">
              {' '}
              / month (estimate)
            </Typography>
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {cost.region} prices from {cost.source}, {cost.priceDate}
          </Typography>
          <Table size="small" aria-label="Cost lines">
            <TableHead>
              <TableRow>
                <TableCell>Item</TableCell>
                <TableCell align="right">Quantity</TableCell>
                <TableCell align="right">Unit price</TableCell>
                <TableCell align="right">Monthly</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {cost.lines.map(line => (
                <TableRow key={line.item}>
                  <TableCell>{line.item}</TableCell>
                  <TableCell align="right">
                    {line.quantity} {line.unit}
                  </TableCell>
                  <TableCell align="right">{formatUsd(line.unitUsd)}</TableCell>
                  <TableCell align="right">
                    {formatUsd(line.monthlyUsd)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Grid>
        <Grid item xs={12} md={6}>
          <Typography variant="subtitle1" component="h3">
            Summary
          </Typography>
          <ul>
            <li>
              {summary.totalResources} resources in {summary.stacks.length}{' '}
              stacks ({summary.stacks.join(', ')})
            </li>
            {summary.nodeGroups.map(group => (
              <li key={group.name}>
                Node group {group.name}: {group.instanceType}{' '}
                {group.capacityType}, {group.min}–{group.max} nodes (
                {group.desired} desired)
              </li>
            ))}
            <li>
              Database {summary.database.instanceClass}, PostgreSQL{' '}
              {summary.database.engineVersion},{' '}
              {summary.database.allocatedStorageGb}–
              {summary.database.maxAllocatedStorageGb} GB
              {summary.database.multiAz ? ', Multi-AZ' : ''}
            </li>
            <li>{summary.natGateways} NAT gateway(s)</li>
            <li>
              cdk-nag: {nag.errors.length} error(s), {nag.warningCount}{' '}
              warning(s)
            </li>
          </ul>
          <Box mt={2}>
            <Typography variant="subtitle1" component="h3">
              Changes
            </Typography>
            <PlanDiff diff={plan.diff} />
          </Box>
        </Grid>
      </Grid>
    );
  };
  return <InfoCard title="Last plan">{renderBody()}</InfoCard>;
}
