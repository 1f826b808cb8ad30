// UI benchmark: the time to first render from localhost (navigation start to the cluster drawn)
// and to the app taking over, frame times while 1,000 pods on 100 nodes animate, and the time to
// load and simulate that scenario in the page. Results go to artifacts/bench/ui.json.
const { test } = require('@playwright/test');
const { open } = require('../tests/helpers');
const fs = require('fs');
const path = require('path');
const OUT = path.resolve(__dirname, '..', '..', 'artifacts', 'bench');

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}

async function frames(page, count) {
  return page.evaluate((count) => new Promise((resolve) => {
    const ts = [];
    const step = (t) => { ts.push(t); if (ts.length <= count) requestAnimationFrame(step); else resolve(ts.slice(1).map((x, i) => x - ts[i])); };
    requestAnimationFrame(step);
  }), count);
}

// A first visit, in a new browser context: navigation start to the first scenario drawn (the
// prerendered first screen, scripts/prerender.js) and to the app taking over from it.
async function firstVisit(browser, holdWasm) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  let release = () => {};
  if (holdWasm) {
    const held = new Promise((r) => { release = r; });
    await page.route('**/*_bg.wasm', async (route) => { await held; await route.continue(); });
  }
  // When the app's root comes into the page (it replaces the prerendered copy in that task).
  await page.addInitScript(() => {
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) {
        if (n.classList && n.classList.contains('app') && !n.closest('.prerender') && window.__live === undefined) window.__live = performance.now();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto('./', { waitUntil: 'commit' });
  await page.locator('[data-node]').first().waitFor();
  // The first paint with the cluster in it: the first contentful paint when the copy was drawn.
  const drawn = await page.evaluate(() => new Promise((resolve) => {
    const fcp = () => performance.getEntriesByName('first-contentful-paint')[0];
    const check = () => (fcp() ? resolve(fcp().startTime) : requestAnimationFrame(check));
    check();
  }));
  // What the page fetched before its first render: the document and every resource whose
  // response ended before the cluster was drawn (scripts/bench_table.py sizes them).
  const files = await page.evaluate((drawn) => [new URL(location.href).pathname,
    ...performance.getEntriesByType('resource')
      .filter((e) => e.responseEnd > 0 && e.responseEnd <= drawn && !e.name.startsWith('data:'))
      .map((e) => new URL(e.name).pathname)], drawn);
  release();
  await page.waitForFunction(() => window.__live !== undefined);
  const live = await page.evaluate(() => window.__live);
  await context.close();
  return { drawn, live, files };
}

test('frame times with 1,000 pods on 100 nodes', async ({ page, browser }) => {
  fs.mkdirSync(OUT, { recursive: true });
  const renders = [];
  const lives = [];
  for (let i = 0; i < 5; i++) {
    const visit = await firstVisit(browser, false);
    renders.push(visit.drawn);
    lives.push(visit.live);
  }
  // Once more with the wasm held back until the first render: the files it needed.
  const firstLoad = (await firstVisit(browser, true)).files;
  await open(page);
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask' });
  });
  const t0 = Date.now();
  await page.getByLabel('Scenario').selectOption('stress-1000-pods');
  await page.locator('[data-node="node-100"]').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid=computing]'), null, { timeout: 60000 });
  const loadMs = Date.now() - t0;
  await page.waitForTimeout(200);
  const longTasks = await page.evaluate(() => window.__long);
  await page.getByLabel('Speed').selectOption({ label: '4×' });
  await page.getByRole('button', { name: 'Play' }).click();
  const playing = stats(await frames(page, 180));
  await page.getByRole('button', { name: 'Pause' }).click();
  const idle = stats(await frames(page, 60));
  const result = { scenario: 'stress-1000-pods', first_render_ms: stats(renders).median, live_ms: stats(lives).median, first_load_files: firstLoad, load_and_simulate_ms: loadMs, select_long_tasks_ms: longTasks.map(Math.round), select_longest_task_ms: Math.round(Math.max(0, ...longTasks)), playing_frame_ms: playing, idle_frame_ms: idle };
  fs.writeFileSync(path.join(OUT, 'ui.json'), JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
});
