import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api/ObservabilityApi';
import { OBSERVABILITY_ANNOTATIONS } from '../../entity/observabilityTargets';
import { grafanaUrl } from '../../entity/links';
import { MissingAnnotation } from '../MissingAnnotation';
import { fromAsync, SourceView } from '../SourceView';

function Dashboards(props: { selector: string; domain?: string }) {
  const api = useApi(observabilityApiRef);
  const state = useAsync(
    () => api.getGrafanaDashboards(props.selector),
    [api, props.selector],
  );
  return (
    <SourceView
      source="Grafana dashboards"
      state={fromAsync(state)}
      isEmpty={list => list.length === 0}
      empty={`No Grafana dashboard matches ${props.selector}.`}
    >
      {list => (
        <List dense aria-label="Grafana dashboards">
          {list.map(d => (
            <ListItem key={d.uid}>
              <ListItemText
                primary={
                  props.domain ? (
                    <Link to={grafanaUrl(props.domain, d.url)}>{d.title}</Link>
                  ) : (
                    d.title
                  )
                }
                secondary={[d.folderTitle, d.tags.join(', ')]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </ListItem>
          ))}
        </List>
      )}
    </SourceView>
  );
}

const stateColor = (state: string) =>
  state === 'firing' || state === 'error' ? 'secondary' : 'default';

function GrafanaAlerts(props: { selector: string }) {
  const api = useApi(observabilityApiRef);
  const state = useAsync(
    () => api.getGrafanaAlertRules(props.selector),
    [api, props.selector],
  );
  return (
    <SourceView
      source="Grafana alerts"
      state={fromAsync(state)}
      isEmpty={list => list.length === 0}
      empty={`No Grafana alert rule has the labels ${props.selector}.`}
    >
      {list => (
        <List dense aria-label="Grafana alert rules">
          {list.map(rule => (
            <ListItem key={`${rule.group}/${rule.name}`}>
              <Chip
                size="small"
                color={stateColor(rule.state)}
                label={rule.state}
                style={{ marginRight: 8 }}
              />
              <ListItemText
                primary={rule.name}
                secondary={rule.annotations.summary ?? rule.group}
              />
            </ListItem>
          ))}
        </List>
      )}
    </SourceView>
  );
}

/** Matching Grafana dashboards and Grafana alert rules with their state. */
export function GrafanaSection(props: {
  dashboardSelector?: string;
  alertLabelSelector?: string;
}) {
  const api = useApi(observabilityApiRef);
  const domain = api.getGrafanaDomain();
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={6}>
        <InfoCard title="Grafana dashboards">
          {props.dashboardSelector ? (
            <Dashboards selector={props.dashboardSelector} domain={domain} />
          ) : (
            <MissingAnnotation
              annotation={OBSERVABILITY_ANNOTATIONS.grafanaDashboardSelector}
              example="task-platform-portal"
              what="the Grafana dashboards tagged for it"
            />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Grafana alerts">
          {props.alertLabelSelector ? (
            <GrafanaAlerts selector={props.alertLabelSelector} />
          ) : (
            <MissingAnnotation
              annotation={OBSERVABILITY_ANNOTATIONS.grafanaAlertLabelSelector}
              example="service=task-platform-portal"
              what="its Grafana alert rules and their state"
            />
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
