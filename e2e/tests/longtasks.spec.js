// The page never freezes: a PerformanceObserver('longtask') watches the main thread while the
// page loads, while every built-in scenario is loaded, applied and played, while the 1,000-pod
// run is forked, and while a Job of 100,000 completions is applied from the editor. The browser
// reports a task only when it is longer than 50 ms: every classroom scenario and the big Job
// must cause none. Some are not there yet and are held to a ceiling so that they cannot get
// worse unnoticed (issue 20 keeps the rest of the work): the page's first load (the wasm's
// first run and the whole page's first render, 0-160 ms here) and a learner's Job of 12,000
// completions, which one engine event of a thousand pods holds to 50-90 ms tasks. The
// 1,000-pod scenario has none: slices are bounded by the clock, replaced runs are freed in
// pieces (loading it was one 315-414 ms task), and its frames are built and drawn in tasks of
// their own (seeking and forking it, which redraw a thousand pods, were 50-82 ms tasks).
// The measurements go to artifacts/longtasks.json (scripts/bench.sh reads them).
const { test, expect } = require('@playwright/test');
const { open, computed } = require('./helpers');
const fs = require('fs');
const path = require('path');
const OUT = path.resolve(__dirname, '..', '..', 'artifacts', 'longtasks.json');

async function observe(page) {
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

const now = (page) => page.evaluate(() => performance.now());
const since = (page, t) => page.evaluate((t) => window.__long.filter((e) => e.start >= t), t);

async function apply(page) {
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await computed(page);
}

// A Job of `completions` pods, a thousand at a time, as a learner types it into the editor.
const jobManifest = (name, completions) => [
  'apiVersion: batch/v1', 'kind: Job', 'metadata:', `  name: ${name}`, 'spec:',
  `  completions: ${completions}`, '  parallelism: 1000', '  template:', '    spec:',
  '      restartPolicy: Never', '      containers:', '      - name: c', '        image: busybox', '',
].join('\n');

async function play(page, ms) {
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(ms);
  const pause = page.getByRole('button', { name: 'Pause' });
  if (await pause.count()) await pause.click();
}

test('no task over 50 ms while loading, applying, forking and playing every built-in', async ({ page }) => {
  test.setTimeout(300000);
  await observe(page);
  const report = {};
  let t = await now(page);
  await open(page, './');
  await page.evaluate(() => localStorage.clear());
  await open(page, './');
  await expect(page.getByRole('region', { name: 'Cluster' })).toBeVisible();
  await computed(page);
  report['first load'] = await since(page, 0);
  const ids = await page.getByLabel('Scenario').locator('option').evaluateAll((os) => os.map((o) => o.value));
  expect(ids.length).toBeGreaterThan(40);
  await page.getByLabel('Speed').selectOption({ label: '64×' });
  // On a busy 2-core machine a garbage collection or another process can stretch one task
  // past 50 ms now and then: a scenario fails only when its long task comes back on a retry.
  for (const id of ids.filter((id) => id !== 'stress-1000-pods')) {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (attempt) await page.getByLabel('Scenario').selectOption('job-pi');
      t = await now(page);
      await page.getByLabel('Scenario').selectOption(id);
      await computed(page);
      await page.getByRole('button', { name: 'Next interesting event' }).click();
      await apply(page);
      await play(page, 400);
      report[id] = await since(page, t);
      if (!report[id].length) break;
    }
  }
  // The 1,000-pod run: load it, then seek it and fork it (delete a pod from the inspector)
  // and play; its frames are built and drawn in tasks of their own.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (attempt) await page.getByLabel('Scenario').selectOption('job-pi');
    t = await now(page);
    await page.getByLabel('Scenario').selectOption('stress-1000-pods');
    await computed(page);
    await apply(page);
    report['stress-1000-pods'] = await since(page, t);
    t = await now(page);
    await page.getByRole('button', { name: 'Next interesting event' }).click();
    await page.locator('[data-pod].compact').first().click();
    await page.getByRole('button', { name: 'Delete pod' }).click();
    await computed(page);
    await expect(page.locator('[data-pod][data-status="Terminating"]')).toHaveCount(1);
    await play(page, 1000);
    report['stress-1000-pods fork'] = await since(page, t);
    if (!report['stress-1000-pods'].length && !report['stress-1000-pods fork'].length) break;
  }
  // A Job of 100,000 completions typed into the editor and applied (the run's budget refuses
  // it, in kubectl's words, without freezing the page). Its tasks stay under 25 ms here; like a
  // built-in scenario, it fails only when a long task comes back on a retry.
  const editor = page.getByRole('textbox', { name: 'Manifest', exact: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.getByLabel('Scenario').selectOption(attempt ? 'job-pi' : 'job-parallel');
    if (attempt) await page.getByLabel('Scenario').selectOption('job-parallel');
    await computed(page);
    t = await now(page);
    await editor.fill(jobManifest('huge', 100000));
    await apply(page);
    await expect(page.getByRole('status', { name: 'Problems' })).toContainText('100000');
    await play(page, 1000);
    report['100,000-completion Job applied'] = await since(page, t);
    if (!report['100,000-completion Job applied'].length) break;
  }
  // A Job of 12,000 completions is accepted and computed until the replay budget stops it:
  // no task may hold the page while it computes or when it stops (checking the scenario's
  // expectations once serialized all 12,000 pods in one 190-340 ms task). One engine event
  // can still take 50-90 ms here (a sync creating a thousand pods), hence the ceiling. It
  // runs on the 1,000-pod scenario's 100 nodes: job-parallel's 3 hold 330 pods at once.
  await page.getByLabel('Scenario').selectOption('stress-1000-pods');
  await computed(page);
  t = await now(page);
  await editor.fill(jobManifest('big', 12000));
  await apply(page);
  await expect(page.getByText('too large to keep for replay')).toBeVisible();
  report['12,000-completion Job applied'] = await since(page, t);
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify(report, null, 2));
  const longest = (k) => Math.max(0, ...report[k].map((e) => e.ms));
  const ceilings = { 'first load': 400, '12,000-completion Job applied': 150 };
  const over = Object.entries(report)
    .filter(([k, v]) => (k in ceilings ? longest(k) > ceilings[k] : v.length > 0))
    .map(([k, v]) => `${k}: ${v.map((e) => Math.round(e.ms)).join(', ')} ms`);
  expect(over, 'tasks over 50 ms (or over the ceiling where one is set)').toEqual([]);
});
