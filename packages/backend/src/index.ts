/*
 * Task Platform Portal backend (new backend system).
 *
 * Each feature is one line; the tasks plugins install the same way into any
 * other Backstage backend.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

// app: serves the production build of @taskplatform/app
backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// auth: guest locally, GitHub in production (see app-config.production.yaml)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// lets catalog-info.yaml point at the tasks OpenAPI file with $text
backend.add(import('./modules/catalogFileTextPlaceholder'));

// scaffolder (environment templates live in templates/)
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(
  import('@taskplatform/plugin-scaffolder-backend-module-environments'),
);

// techdocs (the platform's docs are built at start-up, for search)
backend.add(import('@backstage/plugin-techdocs-backend'));
backend.add(import('./modules/techdocsPrebuild'));

// permissions: everyone reads, owners edit, admin groups do everything
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./modules/permissionPolicy'));

// search: PostgreSQL engine in production, in-memory Lunr on SQLite
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// observability
backend.add(import('@backstage/plugin-kubernetes-backend'));
// a time limit per cluster: one hanging cluster never blanks the others
backend.add(import('@taskplatform/plugin-kubernetes-backend-module-timeouts'));

// user settings, events, notifications and signals (live updates)
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// MCP actions
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// tasks plugin; readiness includes its database check
backend.add(import('@taskplatform/plugin-tasks-backend'));
backend.add(import('@taskplatform/plugin-tasks-backend/health'));

// environments plugin (with its catalog entity provider)
backend.add(import('@taskplatform/plugin-environments-backend'));

// Prometheus metrics of the whole backend (RED per route) on port 9464
backend.add(import('@taskplatform/backend-metrics'));

// a signed-in user's token is verified once a minute, not on every request
// (never past its expiry; authTokenCache.seconds, 0 = every request)
backend.add(import('@taskplatform/backend-token-cache'));

// A backend whose start failed (for example, a replica that lost the race for a
// plugin's migration lock on a fresh database) exits instead of idling
// not-ready, so that its container is restarted and joins the migrated database.
backend.start().catch(error => {
  // eslint-disable-next-line no-console
  console.error(`Backend startup failed, exiting: ${error}`);
  process.exit(1);
});
