import Chip from '@material-ui/core/Chip';
import { Link, Table, type TableColumn } from '@backstage/core-components';
import type { PrometheusAlert } from '../../api/types';
import { runbookHref } from '../../entity/links';
import type { SourceState } from '../../hooks/useClusterWorkloads';
import { SourceView } from '../SourceView';

interface AlertRow extends PrometheusAlert {
  id: string;
}

/** Firing alerts first, then pending; newest first within each. */
export function sortAlerts(alerts: PrometheusAlert[]): PrometheusAlert[] {
  const rank = (a: PrometheusAlert) => (a.state === 'firing' ? 0 : 1);
  return [...alerts].sort(
    (a, b) =>
      rank(a) - rank(b) || (b.activeAt ?? '').localeCompare(a.activeAt ?? ''),
  );
}

/** Firing and pending Prometheus alerts of the entity, with runbook links. */
export function AlertsSection(props: {
  alerts: SourceState<PrometheusAlert[]>;
  appBaseUrl?: string;
}) {
  const { alerts, appBaseUrl } = props;
  const columns: TableColumn<AlertRow>[] = [
    {
      title: 'State',
      render: a => (
        <Chip
          size="small"
          color={a.state === 'firing' ? 'secondary' : 'default'}
          label={a.state}
        />
      ),
    },
    { title: 'Alert', render: a => a.labels.alertname },
    { title: 'Severity', render: a => a.labels.severity ?? '' },
    {
      title: 'Summary',
      render: a => a.annotations.summary ?? a.annotations.description ?? '',
    },
    {
      title: 'Since',
      render: a => (a.activeAt ? new Date(a.activeAt).toLocaleString() : ''),
    },
    {
      title: 'Runbook',
      render: a =>
        a.annotations.runbook_url ? (
          <Link to={runbookHref(a.annotations.runbook_url, appBaseUrl)}>
            Runbook
          </Link>
        ) : (
          'none'
        ),
    },
  ];
  return (
    <SourceView
      source="Prometheus alerts"
      state={alerts}
      isEmpty={list => list.length === 0}
      empty="No firing or pending alerts."
    >
      {list => (
        <Table<AlertRow>
          title={`Alerts (${list.length})`}
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns}
          data={sortAlerts(list).map((a, i) => ({
            ...a,
            id: `${a.labels.alertname}-${i}`,
          }))}
        />
      )}
    </SourceView>
  );
}
