import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { Environment } from '@taskplatform/plugin-environments-common';
import { EnvironmentStatusLabel } from '../shared/EnvironmentStatusLabel';
import { SimulatedChip } from '../shared/SimulatedChip';
import { formatDateTime, formatUsd } from '../shared/format';

function Fact(props: { label: string; children: React.ReactNode }) {
  return (
    <Grid item xs={6} sm={4} md={2}>
      <Typography variant="overline" component="dt" color="textSecondary">
        {props.label}
      </Typography>
      <Typography variant="body1" component="dd" style={{ margin: 0 }}>
        {props.children}
      </Typography>
    </Grid>
  );
}

/** The environment at a glance: status, owner, where it runs, its cost. */
export function EnvironmentSummary(props: {
  environment: Environment;
  actions?: React.ReactNode;
  catalogLink?: boolean;
}) {
  const { environment: env, actions, catalogLink } = props;
  return (
    <InfoCard
      title={
        <Box display="flex" alignItems="center" gridGap={12} flexWrap="wrap">
          <span>{env.title || env.name}</span>
          {env.simulated && <SimulatedChip />}
        </Box>
      }
      action={
        <Box display="flex" gridGap={8} mt={1} mr={1}>
          {actions}
        </Box>
      }
    >
      <Grid container spacing={2} component="dl" style={{ margin: 0 }}>
        <Fact label="Status">
          <EnvironmentStatusLabel status={env.status} />
        </Fact>
        <Fact label="Owner">
          <EntityRefLink entityRef={env.owner} defaultKind="group" />
        </Fact>
        <Fact label="Account / region">
          {env.account} / {env.region}
        </Fact>
        <Fact label="Preset">{env.preset}</Fact>
        <Fact label="Est. monthly cost">
          {formatUsd(env.estimatedMonthlyCostUsd)}
        </Fact>
        <Fact label="Updated">{formatDateTime(env.updatedAt)}</Fact>
      </Grid>
      {catalogLink && env.status !== 'destroyed' && (
        <Box mt={1}>
          <Link to={`/catalog/default/resource/${env.name}`}>
            View {env.name} in the catalog
          </Link>
        </Box>
      )}
    </InfoCard>
  );
}
