#!/usr/bin/env node
/* eslint-disable no-console */
// First-rows benchmark of the Tasks page (not a test; prints figures).
//
// Starts the real portal (production build of the app, real backend, fresh
// SQLite database) via e2e-tests/startPortal.mjs, seeds PERF_TASKS tasks
// (default 10,000) through the real HTTP API, then opens /tasks in headless
// Debian Chromium PERF_RUNS times and measures, from navigation start, when
// the first task row is in the DOM. Target: < 1500 ms.
//
//   yarn workspace @taskplatform/plugin-tasks perf
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const port = Number(process.env.PERF_PORT ?? 7133);
const baseUrl = `http://localhost:${port}`;
const taskCount = Number(process.env.PERF_TASKS ?? 10_000);
const runs = Number(process.env.PERF_RUNS ?? 7);
const concurrency = 16;
const targetMs = 1500;

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function waitForPortal() {
  const deadline = Date.now() + 900_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await sleep(1000);
  }
  throw new Error('portal did not become ready');
}

async function guestToken() {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in failed: ${res.status}`);
  const body = await res.json();
  return body.backstageIdentity.token;
}

async function countTasks(token) {
  const res = await fetch(
    `${baseUrl}/api/tasks/tasks?limit=1&includeTotal=true`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  return (await res.json()).totalCount ?? 0;
}

async function seed(token, start) {
  const statuses = ['todo', 'in_progress', 'blocked', 'done'];
  const priorities = ['low', 'medium', 'high', 'urgent'];
  const users = ['alice', 'bob', 'carol', 'dave', 'guest'];
  const entities = [
    'component:default/tasks-backend',
    'component:default/tasks-frontend',
    'system:default/task-platform',
    'resource:default/task-platform-db',
  ];
  let next = start;
  let failed = 0;
  const started = Date.now();
  async function worker() {
    while (next < taskCount) {
      const i = next++;
      const res = await fetch(`${baseUrl}/api/tasks/tasks`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          title: `Seeded task ${i}: ${
            ['upgrade', 'patch', 'review', 'rotate'][i % 4]
          } ${entities[i % 4].split('/')[1]}`,
          description: `Benchmark task number ${i}.`,
          status: statuses[i % 4],
          priority: priorities[(i >> 2) % 4],
          assignee: `user:default/${users[i % 5]}`,
          entityRef: entities[i % 4],
          labels: [`batch-${i % 10}`],
          dueDate: `2027-0${1 + (i % 9)}-1${i % 10}`,
        }),
      });
      if (!res.ok) {
        failed++;
        if (failed < 5) console.error(await res.text());
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (Date.now() - started) / 1000;
  const created = taskCount - start - failed;
  console.log(
    `seeded ${created} tasks through the API in ${seconds.toFixed(1)} s ` +
      `(${Math.round(created / seconds)}/s), ${failed} failed`,
  );
  if (failed) throw new Error('seeding failed');
}

async function measure() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext();
  // Records when the first task row enters the DOM, relative to navigation start.
  await context.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (document.querySelector('[data-testid="task-row"]')) {
        window.__firstRowMs = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/tasks`);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.waitForSelector('[data-testid="task-row"]', { timeout: 60_000 });

  const figures = [];
  for (let i = 0; i < runs; i++) {
    // A fresh browser cache for the first run only: cold, then warm loads.
    if (i === 0) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.clearBrowserCache');
    }
    await page.goto(`${baseUrl}/tasks`);
    await page.waitForSelector('[data-testid="task-row"]', { timeout: 60_000 });
    const ms = await page.evaluate(() => window.__firstRowMs);
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const list = performance
        .getEntriesByType('resource')
        .find(e => e.name.includes('/api/tasks/tasks?'));
      return {
        domContentLoaded: nav?.domContentLoadedEventEnd,
        listStart: list?.startTime,
        listEnd: list?.responseEnd,
      };
    });
    const rows = await page.locator('[data-testid="task-row"]').count();
    figures.push(ms);
    console.log(
      `run ${i + 1}${
        i === 0 ? ' (cold cache)' : ''
      }: first rows after ${Math.round(ms)} ms (${rows} rows; ` +
        `DOMContentLoaded ${Math.round(timing.domContentLoaded)} ms, ` +
        `list request ${Math.round(timing.listStart)}–${Math.round(
          timing.listEnd,
        )} ms)`,
    );
  }
  const total = await page
    .getByText(/ of \d+/)
    .first()
    .textContent();
  await browser.close();
  return { figures, total };
}

async function isUp() {
  try {
    return (await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok;
  } catch {
    return false;
  }
}

// A portal already running on PERF_PORT (e.g. startPortal.mjs with
// E2E_DATA_DIR, or a previous run with PERF_KEEP=1) is reused with its tasks.
const portal = (await isUp())
  ? undefined
  : spawn(
      'node',
      [path.join(root, 'plugins/tasks/e2e-tests/startPortal.mjs')],
      {
        cwd: root,
        env: { ...process.env, E2E_PORT: String(port) },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
try {
  await waitForPortal();
  const token = await guestToken();
  const existing = await countTasks(token);
  if (existing < taskCount) await seed(token, existing);
  console.log(`${Math.max(existing, taskCount)} tasks in the database`);
  const { figures, total } = await measure();
  const sorted = [...figures].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(
    `Tasks page with ${taskCount} tasks (pager shows "${total?.trim()}"): ` +
      `first rows median ${Math.round(median)} ms, min ${Math.round(
        sorted[0],
      )} ms, max ${Math.round(sorted[sorted.length - 1])} ms, cold ${Math.round(
        figures[0],
      )} ms — target < ${targetMs} ms: ${
        sorted[sorted.length - 1] < targetMs ? 'met' : 'NOT met'
      }`,
  );
} finally {
  if (portal && process.env.PERF_KEEP !== '1') {
    portal.kill('SIGTERM');
    await sleep(4000);
  }
}
