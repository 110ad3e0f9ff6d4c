#!/usr/bin/env node
/* eslint-disable no-console */
// Health-strip benchmark of the Observability tab (not a test; prints figures).
//
// Starts the real portal (production build of the app, real backend) via
// plugins/tasks/e2e-tests/startPortal.mjs with three fixture Kubernetes
// clusters: fixture-eu (5 pods with problems), fixture-us (PERF_PODS pods,
// default 500) and fixture-hanging (never answers). Signed in as guest, it
// measures in headless Debian Chromium the time until the health strip shows
// both answering clusters:
//   - tab: from the click on the "Observability" tab of the entity page;
//   - load: from navigation start of a full page load of the tab.
// Target: <= 1500 ms.
//
//   yarn workspace @taskplatform/plugin-observability perf
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// Playwright is the repository root's e2e tooling, shared with the tasks perf script.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { chromium } from 'playwright-core';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { chromiumLaunchOptions } from '../../tasks/e2e-tests/chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const port = Number(process.env.PERF_PORT ?? 7163);
const baseUrl = `http://localhost:${port}`;
const pods = Number(process.env.PERF_PODS ?? 500);
const runs = Number(process.env.PERF_RUNS ?? 7);
const targetMs = 1500;
const entityPage = `${baseUrl}/catalog/default/component/task-platform-portal`;

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

// In the page: records when both answering clusters' health lines are
// rendered, relative to performance.now()'s origin; and the last click.
function recordHealthStrip() {
  const ready = () =>
    ['fixture-eu', 'fixture-us'].every(name =>
      document
        .querySelector(`[aria-label="Health of cluster ${name}"]`)
        ?.textContent?.includes('Restarts'),
    );
  const observer = new MutationObserver(() => {
    if (window.__stripMs === undefined && ready()) {
      window.__stripMs = performance.now();
      const hanging = document.querySelector(
        '[aria-label="Health of cluster fixture-hanging"]',
      );
      window.__hangingLoading = !!hanging?.querySelector(
        '[role="progressbar"]',
      );
    }
  });
  observer.observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
  });
  document.addEventListener(
    'click',
    () => {
      window.__clickMs = performance.now();
      window.__stripMs = undefined;
    },
    { capture: true },
  );
}

const launchOptions = { ...chromiumLaunchOptions, headless: true };

async function measure() {
  const browser = await chromium.launch(launchOptions);
  const context = await browser.newContext();
  await context.addInitScript(recordHealthStrip);
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(entityPage);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('link', { name: 'Observability', exact: true })
    .waitFor();

  const tab = [];
  const load = [];
  let hangingLoading = true;
  for (let i = 0; i < runs + 1; i++) {
    await page.goto(entityPage);
    await page
      .getByRole('link', { name: 'Observability', exact: true })
      .waitFor();
    await sleep(500);
    await page
      .getByRole('link', { name: 'Observability', exact: true })
      .click();
    await page.waitForFunction(() => window.__stripMs !== undefined);
    const t = await page.evaluate(() => ({
      ms: window.__stripMs - window.__clickMs,
      hanging: window.__hangingLoading,
      podsRow: document.body.textContent?.match(/Pods \((\d+)\)/g),
    }));
    hangingLoading &&= t.hanging;
    if (i === 0) {
      console.log(`priming: ${Math.round(t.ms)} ms (${t.podsRow?.join(', ')})`);
      continue; // first visit loads the tab's code chunk
    }
    console.log(`tab ${i}: health strip after ${Math.round(t.ms)} ms`);
    tab.push(t.ms);
  }
  for (let i = 0; i < runs; i++) {
    await page.goto(`${entityPage}/observability`);
    await page.waitForFunction(() => window.__stripMs !== undefined);
    const ms = await page.evaluate(() => window.__stripMs);
    console.log(`load ${i + 1}: health strip after ${Math.round(ms)} ms`);
    load.push(ms);
  }
  await browser.close();
  return { tab, load, hangingLoading };
}

const portal = (await isUp())
  ? undefined
  : spawn(
      'node',
      [path.join(root, 'plugins/tasks/e2e-tests/startPortal.mjs')],
      {
        cwd: root,
        env: {
          ...process.env,
          E2E_PORT: String(port),
          E2E_K8S_PODS: String(pods),
        },
        stdio: ['ignore', 'ignore', 'inherit'],
        detached: true,
      },
    );
try {
  await waitForPortal();
  console.log(
    `3 clusters: fixture-eu (5 pods), fixture-us (${pods} pods), fixture-hanging (never answers)`,
  );
  const { tab, load, hangingLoading } = await measure();
  const stats = xs => {
    const sorted = [...xs].sort((x, y) => x - y);
    return {
      median: Math.round(sorted[Math.floor(sorted.length / 2)]),
      min: Math.round(sorted[0]),
      max: Math.round(sorted[sorted.length - 1]),
    };
  };
  const t = stats(tab);
  const l = stats(load);
  console.log(
    `\nclick on the tab -> health strip: median ${t.median} ms (min ${
      t.min
    }, max ${t.max}), target <= ${targetMs} ms: ${
      t.max <= targetMs ? 'met' : 'MISSED'
    }`,
  );
  console.log(
    `full page load of the tab -> health strip: median ${l.median} ms (min ${l.min}, max ${l.max})`,
  );
  console.log(
    `hanging cluster still loading when the strip showed: ${
      hangingLoading ? 'yes' : 'no'
    }`,
  );
} finally {
  if (portal && !process.env.PERF_KEEP) {
    try {
      process.kill(-portal.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
