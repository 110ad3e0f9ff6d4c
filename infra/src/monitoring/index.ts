export {
  alertDefinitions,
  alertRuleGroups,
  prometheusRule,
  DEFAULT_RUNBOOK_BASE_URL,
} from './alertRules.ts';
export type {
  AlertDefinition,
  AlertRuleOptions,
  AlertSeverity,
} from './alertRules.ts';
export {
  monitoringDashboards,
  monitoringManifests,
} from './monitoringManifests.ts';
export type { MonitoringManifestsOptions } from './monitoringManifests.ts';
export { dashboardPromQueries } from './dashboards/panels.ts';
export { tasksApiDashboard } from './dashboards/tasksApiDashboard.ts';
export { portalPodsDashboard } from './dashboards/portalPodsDashboard.ts';
export { platformOverviewDashboard } from './dashboards/platformOverviewDashboard.ts';
export { DEFAULT_PORTAL_TARGET } from './portalTarget.ts';
export type { PortalTarget } from './portalTarget.ts';
