import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './plugins/tasks/e2e-tests/chromium.mjs';

/**
 * End-to-end tests in Debian's Chromium (`apt-get install chromium`) against
 * the real portal: the production build of packages/app served by the real
 * backend with a fresh SQLite database, started by
 * `plugins/tasks/e2e-tests/startPortal.mjs` (which builds the app first when
 * it is missing or stale). `yarn test:e2e` runs everything.
 */
const port = Number(process.env.E2E_PORT ?? 7123);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  timeout: 90_000,
  expect: { timeout: 20_000 },
  // One portal, one database: the scenarios run one after the other.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report/html' }],
  ],
  webServer: {
    command: 'node plugins/tasks/e2e-tests/startPortal.mjs',
    url: `${baseURL}/.backstage/health/v1/readiness`,
    env: { E2E_PORT: String(port) },
    // Locally, a portal already started with startPortal.mjs is reused.
    reuseExistingServer: !process.env.CI,
    // Includes the production build of the app when it is missing or stale.
    timeout: 900_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
  use: {
    baseURL,
    actionTimeout: 20_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  outputDir: 'e2e-test-report/results',
  projects: [
    { name: 'tasks', testDir: 'plugins/tasks/e2e-tests' },
    { name: 'environments', testDir: 'plugins/environments/e2e-tests' },
    { name: 'app', testDir: 'packages/app/e2e-tests' },
    {
      name: 'observability',
      testDir: 'plugins/observability/e2e-tests',
      outputDir: 'e2e-test-report/results-observability',
    },
  ],
});
