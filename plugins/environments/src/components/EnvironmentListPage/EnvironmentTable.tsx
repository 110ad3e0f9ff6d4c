import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Skeleton from '@material-ui/lab/Skeleton';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { Environment } from '@taskplatform/plugin-environments-common';
import { environmentRouteRef } from '../../routes';
import { EnvironmentStatusLabel } from '../shared/EnvironmentStatusLabel';
import { SimulatedChip } from '../shared/SimulatedChip';
import { formatUsd } from '../shared/format';

const COLUMNS = [
  'Name',
  'Status',
  'Owner',
  'Account / region',
  'Preset',
  'Est. monthly cost',
  'Deployer',
];

/** The environments as a table; skeleton rows while the first page loads. */
export function EnvironmentTable(props: {
  environments: Environment[];
  loading?: boolean;
}) {
  const environmentLink = useRouteRef(environmentRouteRef);
  return (
    <TableContainer>
      <Table size="small" aria-label="Environments">
        <TableHead>
          <TableRow>
            {COLUMNS.map((column, i) => (
              <TableCell
                key={i}
                align={column.startsWith('Est.') ? 'right' : 'left'}
              >
                {column}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {props.loading
            ? [0, 1, 2].map(row => (
                <TableRow key={row}>
                  {COLUMNS.map((_c, i) => (
                    <TableCell key={i}>
                      <Skeleton variant="text" />
                    </TableCell>
                  ))}
                </TableRow>
              ))
            : props.environments.map(environment => (
                <TableRow key={environment.id} data-testid="environment-row">
                  <TableCell>
                    <Link
                      to={
                        environmentLink?.({ name: environment.name }) ??
                        environment.name
                      }
                    >
                      {environment.name}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <EnvironmentStatusLabel status={environment.status} />
                  </TableCell>
                  <TableCell>
                    <EntityRefLink
                      entityRef={environment.owner}
                      defaultKind="group"
                    />
                  </TableCell>
                  <TableCell>
                    {environment.account} / {environment.region}
                  </TableCell>
                  <TableCell>{environment.preset}</TableCell>
                  <TableCell align="right">
                    {formatUsd(environment.estimatedMonthlyCostUsd)}
                  </TableCell>
                  <TableCell>
                    {environment.simulated ? <SimulatedChip /> : 'AWS'}
                  </TableCell>
                </TableRow>
              ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
