// Playwright and its helpers are the repository root's e2e tooling
// (playwright.config.ts), shared with the tasks e2e tests.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { expect, test, type Page } from '@playwright/test';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  expectNoSeriousA11yViolations,
  screenshot,
  signIn,
} from '../../tasks/e2e-tests/helpers';

// One environment walks through the whole flow, in order, on one real portal
// with the simulated deployer (startPortal.mjs makes it fast).
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36).slice(-6);
const name = `e2e-${run}`;

/** A tab of the entity page (links in its content navigation). */
function entityTab(page: Page, title: string) {
  return page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: title, exact: true });
}

/** Reloads until `check` passes: the catalog publishes asynchronously. */
async function eventually(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 90_000, intervals: [1000, 2000, 3000] });
}

test('creates an environment from Create: plan first, then the live timeline reaches ready', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, '/environments');
  await expect(
    page.getByRole('heading', { name: 'Environments', level: 1 }),
  ).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Create environment' }).first(),
  ).toHaveAttribute('href', '/create/templates/default/create-environment');
  await expectNoSeriousA11yViolations(page);

  // Create → the "New environment" template.
  await page.goto('/create');
  await page
    .locator('.MuiCard-root')
    .filter({
      has: page.getByRole('heading', { name: 'New environment', exact: true }),
    })
    .getByRole('button', { name: 'Choose' })
    .click();
  await expect(page).toHaveURL(
    /\/create\/templates\/default\/create-environment/,
  );

  // Step 1: the environment.
  await page.getByRole('textbox', { name: /^Name/ }).fill(name);
  await page.getByRole('textbox', { name: /^Title/ }).fill(`E2E ${run}`);
  const owner = page.getByRole('textbox', { name: /^Owner/ });
  await owner.click();
  await owner.fill('platform');
  await page
    .getByRole('option', { name: /platform-team|Platform Team/ })
    .first()
    .click();
  await screenshot(page, 'env-01-template-form');
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 2: GitHub.
  await page
    .getByRole('textbox', { name: /^GitHub organisation/ })
    .fill('taskplatform');
  await page
    .getByRole('textbox', { name: /^GitHub repository/ })
    .fill('portal');
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 3: the database (defaults), then review.
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText(name).first()).toBeVisible();

  // A second tab already shows the environment's page: the environment does
  // not exist yet, and appears with its first signal. It records every
  // progress count it shows.
  const watcher = await page.context().newPage();
  await watcher.addInitScript(() => {
    const seen: string[] = [];
    (window as any).__progress = seen;
    new MutationObserver(() => {
      const text = document.querySelector(
        '[data-testid="operation-progress"]',
      )?.textContent;
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
  await watcher.goto(`/environments/${name}`);
  await expect(
    watcher.getByText(/Could not load environment/).first(),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//);

  // The plan, with its cost, before anything is built.
  await expect(
    page.getByText(/Estimated cost: \$[\d,.]+ per month/).first(),
  ).toBeVisible({ timeout: 120_000 });
  await screenshot(page, 'env-02-plan');

  // The live timeline, grouped by stack, until ready.
  await expect(watcher.getByTestId('timeline-stack').first()).toBeVisible({
    timeout: 120_000,
  });
  await screenshot(watcher, 'env-03-timeline-live');
  await expect(watcher.getByTestId('environment-status').first()).toHaveText(
    'ready',
    { timeout: 120_000 },
  );
  // Every planned resource done, and it was live: the page showed counts
  // between none and all on the way.
  const progress = watcher.getByTestId('operation-progress');
  await expect(progress).toHaveText(/^(\d+) \/ \1 resources done/);
  const counts = (
    (await watcher.evaluate(() => (window as any).__progress)) as string[]
  ).map(text =>
    text
      .match(/(\d+) \/ (\d+)/)!
      .slice(1)
      .map(Number),
  );
  expect(counts[counts.length - 1][1]).toBeGreaterThan(10);
  expect(counts.some(([d, p]) => d > 0 && d < p)).toBe(true);
  await expect(watcher.getByText('simulated').first()).toBeVisible();
  await expect(watcher.getByTestId('plan-cost')).toHaveText(/\$[\d,.]+/);
  await expect(watcher.getByRole('table', { name: 'Outputs' })).toBeVisible();
  await screenshot(watcher, 'env-04-environment-ready');
  await expectNoSeriousA11yViolations(watcher);

  // And on the list.
  await page.goto('/environments');
  const row = page.getByTestId('environment-row').filter({ hasText: name });
  await expect(row).toContainText('ready');
  await expect(row).toContainText('simulated');
});

test('finds the environment, cluster and database in the catalog; the cluster Kubernetes tab renders', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, `/catalog/default/resource/${name}`);
  await eventually(page, async () => {
    await expect(entityTab(page, 'Overview')).toBeVisible({
      timeout: 3000,
    });
  });
  for (const entity of [`${name}-cluster`, `${name}-database`]) {
    await page.goto(`/catalog/default/resource/${entity}`);
    await eventually(page, async () => {
      await expect(entityTab(page, 'Overview')).toBeVisible({
        timeout: 3000,
      });
    });
  }

  // The Environment tab of the environment Resource.
  await page.goto(`/catalog/default/resource/${name}`);
  await entityTab(page, 'Environment').click();
  await expect(page.getByTestId('operation-timeline')).toBeVisible();
  await expect(page.getByTestId('environment-status').first()).toHaveText(
    'ready',
  );
  await screenshot(page, 'env-04-entity-tab');
  await expectNoSeriousA11yViolations(page);

  // The cluster's Kubernetes tab renders (the simulated endpoint answers
  // nothing, so it shows its warning rather than workloads).
  await page.goto(`/catalog/default/resource/${name}-cluster`);
  await entityTab(page, 'Kubernetes').click();
  await expect(page).toHaveURL(/\/kubernetes$/);
  await expect(
    page
      .getByRole('heading', { name: 'Your Clusters' })
      .or(page.getByText(/No resources on any known clusters/))
      .first(),
  ).toBeVisible({ timeout: 60_000 });
  await screenshot(page, 'env-05-cluster-kubernetes-tab');
});

test('destroys the environment behind its typed name; its entities go', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, `/environments/${name}`);
  await page.getByRole('button', { name: 'Destroy' }).click();
  const dialog = page.getByRole('dialog', {
    name: `Destroy environment ${name}?`,
  });
  const confirm = dialog.getByRole('button', { name: `Destroy ${name}` });
  await dialog
    .getByRole('textbox', { name: 'Environment name' })
    .fill(name.slice(0, -1));
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Environment name' }).fill(name);
  await expect(confirm).toBeEnabled();
  await screenshot(page, 'env-06-destroy-dialog');
  await confirm.click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('environment-status').first()).toHaveText(
    'destroyed',
    { timeout: 120_000 },
  );
  await expect(
    page.getByText('destroy', { exact: true }).first(),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Destroy' })).toHaveCount(0);
  await screenshot(page, 'env-07-destroyed');

  for (const entity of [name, `${name}-cluster`, `${name}-database`]) {
    await page.goto(`/catalog/default/resource/${entity}`);
    await eventually(page, async () => {
      await expect(page.getByText('Entity not found')).toBeVisible({
        timeout: 3000,
      });
    });
  }
});
