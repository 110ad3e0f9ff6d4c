import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

const PORTAL_LOG = path.resolve(
  process.env.E2E_PORTAL_LOG ??
    path.join(__dirname, '../../../e2e-test-report/portal.log'),
);

/** Records the browser's console errors and uncaught page errors. */
function recordErrors(page: Page) {
  const errors: string[] = [];
  page.on('console', msg => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', err => errors.push(`page: ${err.message}`));
  return errors;
}

/** Lines at level error that the portal logged since `offset`. */
function portalErrorsSince(offset: number) {
  if (!fs.existsSync(PORTAL_LOG)) return [];
  // eslint-disable-next-line no-control-regex
  const ansi = /\u001b\[[0-9;]*m/g;
  return fs
    .readFileSync(PORTAL_LOG, 'utf8')
    .slice(offset)
    .replace(ansi, '')
    .split('\n')
    .filter(line => /^\S+\s+\S+\s+error\s/.test(line));
}

const logSize = () =>
  fs.existsSync(PORTAL_LOG) ? fs.statSync(PORTAL_LOG).size : 0;

async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

test('a runbook is found by search and opens in the docs', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page);

  // The docs are built at start-up and indexed by a collator every minute.
  const result = page.getByRole('link', { name: /Pod crash looping/ }).first();
  await expect(async () => {
    await page.goto('/search?query=crash%20looping');
    await expect(result).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 180_000, intervals: [5_000] });

  await result.click();
  await expect(page).toHaveURL(
    /\/docs\/default\/system\/task-platform\/runbooks\/pod-crash-looping/,
  );
  await expect(
    page.getByRole('heading', { name: 'Pod crash looping', level: 1 }),
  ).toBeVisible();
  await expect(
    page.getByText('kubectl -n <ns> logs <pod> --previous'),
  ).toBeVisible();
});

test('the main pages and every tab of an entity log no errors', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = recordErrors(page);
  const logOffset = logSize();
  await signIn(page);

  const visited: string[] = [];
  const visit = async (url: string, ready: RegExp) => {
    await page.goto(url);
    await expect(
      page.getByRole('heading', { name: ready }).first(),
    ).toBeVisible();
    await page.waitForLoadState('networkidle');
    visited.push(url);
  };

  await visit('/', /Task Platform Portal|Getting Started/);
  await visit('/catalog', /Task Platform Portal|Catalog/);
  await visit('/create', /Create/);
  await visit('/docs', /Documentation|Docs/);
  await visit('/search?query=task', /Search/);
  await visit('/tasks', /Tasks/);

  // every tab of the platform's system page (links under its header)
  const entityUrl = '/catalog/default/system/task-platform';
  await visit(entityUrl, /Task Platform/);
  const tabs = page.locator(
    `main a[href^="${entityUrl}"]:not([href*="?"]):not([href*="#"])`,
  );
  await expect(tabs.first()).toBeVisible();
  const hrefs = [
    ...new Set(
      (
        await tabs.evaluateAll(links =>
          links.map(link => link.getAttribute('href') ?? ''),
        )
      ).filter(href =>
        /^\/catalog\/default\/system\/task-platform(\/[\w-]+)?$/.test(href),
      ),
    ),
  ];
  expect(hrefs).toEqual(
    expect.arrayContaining([
      entityUrl,
      `${entityUrl}/docs`,
      `${entityUrl}/tasks`,
    ]),
  );
  for (const href of hrefs) {
    await page.locator(`main a[href="${href}"]`).first().click();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    await page.waitForLoadState('networkidle');
    visited.push(href);
  }
  // the Docs tab shows the real pages
  await page.locator(`main a[href="${entityUrl}/docs"]`).first().click();
  await expect(page.getByText('understand what runs where')).toBeVisible();

  expect(errors, `browser errors on ${visited.join(', ')}`).toEqual([]);
  expect(portalErrorsSince(logOffset)).toEqual([]);
});
