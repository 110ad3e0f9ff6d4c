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
import { chromiumLaunchOptions } from '../e2e-tests/chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const port = Number(process.env.PERF_PORT ?? 7133);
const baseUrl = `http://localhost:${port}`;
const taskCount = Number(process.env.PERF_TASKS ?? 10_000);
const runs = Number(process.env.PERF_RUNS ?? 7);
const coldRuns = Number(process.env.PERF_COLD_RUNS ?? 3);
const concurrency = 16;
const targetMs = 1500;

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function isUp() {
  try {
    return (await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok;
  } catch {
    return false; // not up yet
  }
}

async function waitForPortal() {
  const deadline = Date.now() + 900_000;
  while (Date.now() < deadline) {
    if (await isUp()) return;
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

const launchOptions = { ...chromiumLaunchOptions, headless: true };

// Records when the first task row enters the DOM, relative to navigation start.
function recordFirstRow() {
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-testid="task-row"]')) {
      window.__firstRowMs = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function newPage(browser, storageState) {
  const context = await browser.newContext(
    storageState ? { storageState } : {},
  );
  await context.addInitScript(recordFirstRow);
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  return { context, page };
}

// Navigates to /tasks and returns when the first row showed, with the
// request timeline of that navigation.
async function openTasks(page) {
  await page.goto(`${baseUrl}/tasks`);
  await page.waitForSelector('[data-testid="task-row"]');
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const list = resources.find(e => e.name.includes('/api/tasks/tasks?'));
    const scripts = resources.filter(
      e => e.initiatorType === 'script' || e.name.endsWith('.js'),
    );
    const beforeRows = scripts.filter(
      e => e.responseEnd <= window.__firstRowMs,
    );
    return {
      firstRowMs: window.__firstRowMs,
      rows: document.querySelectorAll('[data-testid="task-row"]').length,
      domContentLoaded: nav?.domContentLoadedEventEnd,
      listStart: list?.startTime,
      listEnd: list?.responseEnd,
      scriptsBeforeRows: beforeRows.length,
      scriptBytesBeforeRows: beforeRows.reduce(
        (sum, e) => sum + (e.decodedBodySize || 0),
        0,
      ),
    };
  });
}

function describe(label, t) {
  console.log(
    `${label}: first rows after ${Math.round(t.firstRowMs)} ms (${
      t.rows
    } rows; ` +
      `DOMContentLoaded ${Math.round(t.domContentLoaded)} ms, list request ` +
      `${Math.round(t.listStart)}–${Math.round(t.listEnd)} ms; ` +
      `${t.scriptsBeforeRows} scripts, ` +
      `${(t.scriptBytesBeforeRows / 1024 / 1024).toFixed(
        2,
      )} MB of JavaScript ` +
      `before the first row)`,
  );
}

async function measure() {
  // Sign in once as guest and keep the session (local storage) for the runs.
  let storageState;
  {
    const browser = await chromium.launch(launchOptions);
    const { context, page } = await newPage(browser);
    await page.goto(`${baseUrl}/tasks`);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.waitForSelector('[data-testid="task-row"]');
    storageState = await context.storageState();
    await browser.close();
  }

  // Cold: each run is a new browser process with an empty HTTP cache and no
  // compiled code cached in memory, i.e. a signed-in user's first visit.
  const cold = [];
  for (let i = 0; i < coldRuns; i++) {
    const browser = await chromium.launch(launchOptions);
    const { page } = await newPage(browser, storageState);
    // Let the new browser finish its own start-up work first, so that the
    // figure is the page's, not Chromium's launch.
    await page.goto('about:blank');
    await sleep(2000);
    const t = await openTasks(page);
    describe(`cold ${i + 1} (new browser, empty cache)`, t);
    cold.push(t.firstRowMs);
    await browser.close();
    await sleep(1000);
  }
  // Warm: a returning user, i.e. reloads of /tasks in a browser whose cache
  // holds the app's static assets (one priming load first, not counted).
  const warm = [];
  const browser = await chromium.launch(launchOptions);
  const { page } = await newPage(browser, storageState);
  await openTasks(page);
  for (let i = 0; i < runs; i++) {
    const t = await openTasks(page);
    describe(`warm ${i + 1}`, t);
    warm.push(t.firstRowMs);
  }
  const total = await page
    .getByText(/ of \d+/)
    .first()
    .textContent();
  await browser.close();
  return { cold, warm, total };
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
  const { cold, warm, total } = await measure();
  const stats = xs => {
    const sorted = [...xs].sort((x, y) => x - y);
    return {
      median: Math.round(sorted[Math.floor(sorted.length / 2)]),
      min: Math.round(sorted[0]),
      max: Math.round(sorted[sorted.length - 1]),
    };
  };
  const c = stats(cold);
  const w = stats(warm);
  const verdict = ms => (ms < targetMs ? 'met' : 'NOT met');
  console.log(
    `Tasks page with ${taskCount} tasks (pager shows "${total?.trim()}"), ` +
      `first rows after navigation, target < ${targetMs} ms:\n` +
      `  warm (${warm.length} reloads): median ${w.median} ms, min ${w.min} ms, ` +
      `max ${w.max} ms — ${verdict(w.max)}\n` +
      `  cold (${cold.length} new browsers): median ${c.median} ms, min ${c.min} ms, ` +
      `max ${c.max} ms — ${verdict(c.max)}`,
  );
} finally {
  if (portal && process.env.PERF_KEEP !== '1') {
    portal.kill('SIGTERM');
    await sleep(4000);
  }
}
