import { expect, test, type Page } from '@playwright/test';
import {
  expectNoSeriousA11yViolations,
  pickEntity,
  screenshot,
  selectOption,
  signIn,
} from './helpers';

// One task walks through every scenario, in order, on one real portal.
test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36);
const title = `Rotate database credentials ${run}`;
const editedTitle = `Rotate RDS credentials ${run}`;
const label = `e2e-${run}`;
let taskUrl = '';

async function openTask(page: Page) {
  await page.goto(taskUrl);
  await expect(page.getByTestId('task-title')).toBeVisible();
}

test('creates a task from the Tasks page', async ({ page }) => {
  await signIn(page, '/tasks');
  await expect(
    page.getByRole('navigation', { name: 'sidebar nav' }).getByRole('link', {
      name: 'Tasks',
    }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Tasks', level: 1 }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Create task' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create task' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: /^Title/ }).fill(title);
  await dialog
    .getByRole('textbox', { name: 'Description' })
    .fill('Rotate the **master password** of the RDS instance.');
  await dialog.getByRole('tab', { name: 'Preview' }).click();
  await expect(dialog.getByText('master password')).toBeVisible();
  await selectOption(page, /^Priority/, 'Urgent');
  await pickEntity(page, 'Assignee', 'alice', /alice/i);
  await pickEntity(page, 'Entity', 'tasks-backend', /tasks-backend/);
  const labels = dialog.getByRole('textbox', { name: 'Labels' });
  await labels.fill(label);
  await labels.press('Enter');
  await dialog.getByRole('textbox', { name: 'Due date' }).fill('2026-12-24');
  await screenshot(page, '01-create-dialog');
  await dialog.getByRole('button', { name: 'Create' }).click();

  // Creating opens the new task's page.
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
  taskUrl = new URL(page.url()).pathname;
  await expect(page.getByText('created the task')).toBeVisible();
  await screenshot(page, '02-task-detail');
});

test('edits the task on its detail page', async ({ page }) => {
  await signIn(page, taskUrl);
  await openTask(page);
  await page.getByRole('textbox', { name: /^Title/ }).fill(editedTitle);
  await selectOption(page, /^Priority/, 'High');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(page.getByRole('heading', { name: editedTitle })).toBeVisible();
  await expect(
    page.getByText(`changed title from ${title} to ${editedTitle}`),
  ).toBeVisible();
  await expect(
    page.getByText('changed priority from urgent to high'),
  ).toBeVisible();

  // The change is stored: it survives a reload.
  await page.reload();
  await expect(page.getByRole('textbox', { name: /^Title/ })).toHaveValue(
    editedTitle,
  );
});

test('comments on the task', async ({ page }) => {
  await signIn(page, taskUrl);
  await openTask(page);
  await page
    .getByRole('textbox', { name: 'Add a comment' })
    .fill('Done for *staging*, prod next.');
  await page.getByRole('button', { name: 'Comment' }).click();
  await expect(page.getByTestId('task-comment')).toContainText(
    'Done for staging, prod next.',
  );
  await expect(
    page.getByText('commented', { exact: false }).first(),
  ).toBeVisible();
  await screenshot(page, '03-comment');
});

test('changes the status inline in the table', async ({ page }) => {
  await signIn(page, '/tasks');
  await page.getByRole('textbox', { name: 'Search' }).fill(run);
  const row = page.getByTestId('task-row').filter({ hasText: editedTitle });
  await expect(row).toHaveCount(1);
  const status = row.getByRole('combobox', {
    name: `Status of ${editedTitle}`,
  });
  await status.selectOption({ label: 'In progress' });
  await expect(status).toHaveValue('in_progress');
  // Stored: still in progress after a reload.
  await page.reload();
  await expect(
    page
      .getByTestId('task-row')
      .filter({ hasText: editedTitle })
      .getByRole('combobox'),
  ).toHaveValue('in_progress');

  await openTask(page);
  await expect(
    page.getByText('changed status from To do to In progress'),
  ).toBeVisible();
});

test('filters and searches the Tasks page', async ({ page }) => {
  await signIn(page, '/tasks');
  const rows = page.getByTestId('task-row');

  await page.getByRole('textbox', { name: 'Search' }).fill(run);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(editedTitle);

  await page
    .getByRole('textbox', { name: 'Search' })
    .fill(`no-such-task-${run}`);
  await expect(page.getByText('No matching tasks')).toBeVisible();
  await page.getByRole('textbox', { name: 'Search' }).fill('');

  await page.getByRole('textbox', { name: 'Label', exact: true }).fill(label);
  await expect(rows).toHaveCount(1);
  // Status filter: the task is in progress, so "Blocked" hides it.
  await selectOption(page, /^Status(?! of)/, 'Blocked');
  await page.keyboard.press('Escape');
  await expect(page.getByText('No matching tasks')).toBeVisible();
  await selectOption(page, /^Status(?! of)/, 'In progress');
  await page.keyboard.press('Escape');
  await expect(rows).toHaveCount(1);
  await screenshot(page, '04-filtered');
});

test('shows the task on the entity Tasks tab', async ({ page }) => {
  await signIn(page, '/catalog/default/component/tasks-backend/tasks');
  await expect(
    page.getByRole('heading', { name: 'Tasks backend plugin' }),
  ).toBeVisible();
  await expect(
    page.getByTestId('task-row').filter({ hasText: editedTitle }),
  ).toHaveCount(1);
  await screenshot(page, '05-entity-tab');

  // The overview has the "Open tasks" card with the open tasks by status.
  await page.goto('/catalog/default/component/tasks-backend');
  await expect(page.getByText(/\d+ open task\(s\), \d+ done/)).toBeVisible();
  await expect(
    page.getByRole('img', {
      name: /Open tasks by status\. To do: \d+, In progress: [1-9]/,
    }),
  ).toBeVisible();
  await screenshot(page, '07-entity-overview-card');
});

test('a concurrent edit gets a conflict message and never overwrites', async ({
  page: a,
}) => {
  // Two tabs of the same signed-in user, both showing the task.
  await signIn(a, taskUrl);
  await openTask(a);
  const b = await a.context().newPage();
  await b.goto(taskUrl);
  await openTask(b);

  // B starts editing first, then A saves.
  await b.bringToFront();
  await b.getByRole('textbox', { name: /^Title/ }).fill(`${editedTitle} (B)`);
  await a.bringToFront();
  await a.getByRole('textbox', { name: /^Title/ }).fill(`${editedTitle} (A)`);
  await a.getByRole('button', { name: 'Save' }).click();
  await expect(a.getByText('Saved.')).toBeVisible();

  await b.bringToFront();
  await b.getByRole('button', { name: 'Save' }).click();
  await expect(
    b.getByText(/changed by someone else since you opened it/),
  ).toBeVisible();
  await expect(b.getByRole('textbox', { name: /^Title/ })).toHaveValue(
    `${editedTitle} (B)`,
  );
  await screenshot(b, '06-conflict');

  // Nothing of B was written: reloading shows A's title.
  await b.getByRole('button', { name: 'Reload' }).first().click();
  await expect(b.getByRole('textbox', { name: /^Title/ })).toHaveValue(
    `${editedTitle} (A)`,
  );
  await expect(
    b.getByText(/changed by someone else since you opened it/),
  ).toHaveCount(0);
  await b.close();
});

test('an open Tasks page shows a change made in another tab, without a reload (signals)', async ({
  page: a,
}) => {
  // Page A subscribes to task signals over the backend's WebSocket.
  const signals = a.waitForEvent('websocket', {
    predicate: ws => ws.url().includes('/api/signals'),
  });
  await signIn(a, '/tasks');
  await a.getByRole('textbox', { name: 'Search' }).fill(run);
  const statusA = a
    .getByTestId('task-row')
    .filter({ hasText: editedTitle })
    .getByRole('combobox');
  await expect(statusA).toHaveValue('in_progress');
  await signals;

  // Page B (another tab) blocks the task.
  const b = await a.context().newPage();
  await b.goto('/tasks');
  await b.getByRole('textbox', { name: 'Search' }).fill(run);
  const statusB = b
    .getByTestId('task-row')
    .filter({ hasText: editedTitle })
    .getByRole('combobox');
  await statusB.selectOption({ label: 'Blocked' });
  await expect(statusB).toHaveValue('blocked');
  await b.close();

  // Page A was not reloaded: the signal made it refetch.
  await a.bringToFront();
  await expect(statusA).toHaveValue('blocked');
  await screenshot(a, '07-live-refresh');
});

test('Tasks page and detail page have no serious accessibility violations', async ({
  page,
}) => {
  await signIn(page, '/tasks');
  await expect(page.getByTestId('task-row').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await openTask(page);
  await expect(page.getByText('created the task')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
