// Classroom features: a share link reopens the exact moment, with the learner's changes.
const { test, expect } = require('@playwright/test');
const { open, load } = require('./helpers');

test('a share link reopens the same moment, changes included; a damaged one says so', async ({ page, context }) => {
  await load(page, 'job-parallel');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Add node' }).click();
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  const clock = await page.locator('.clock strong').innerText();
  const pods = await page.locator('.cluster [data-pod]').count();
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page).toHaveURL(/#share=[A-Za-z0-9_-]+$/);
  const url = page.url();

  const other = await context.newPage();
  await open(other, url);
  await expect(other.getByRole('region', { name: 'Cluster' })).toBeVisible();
  await expect(other.locator('.clock strong')).toHaveText(clock);
  await expect(other.locator('.cluster [data-node="node-4"]')).toBeVisible();
  await expect(other.locator('.cluster [data-pod]')).toHaveCount(pods);

  const broken = await context.newPage();
  await open(broken, url.replace('#share=', '#share=%%'));
  await expect(broken.getByRole('alert')).toContainText('Share link: the link is damaged');
  await expect(broken.getByRole('region', { name: 'Cluster' })).toBeVisible();
});

test('the fidelity panel says what is simulated and what is only accepted, in both languages', async ({ page }) => {
  await load(page, 'job-pi');
  await page.getByRole('button', { name: 'Fidelity' }).click();
  const panel = page.getByRole('dialog', { name: 'Fidelity' });
  await expect(panel).toContainText('Simulated as Kubernetes v1.31+ does it');
  await expect(panel).toContainText('Liveness and startup probes');
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toHaveCount(0);
  await page.getByRole('button', { name: 'Language' }).click();
  // Accessible names follow the language.
  await page.getByRole('button', { name: '仿真范围' }).click();
  await expect(page.getByRole('dialog', { name: '仿真范围' })).toContainText('接受并显示，但不模拟');
});

test('the timeline can be exported as an SVG image for slides', async ({ page }) => {
  await load(page, 'job-parallel');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export SVG' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('podlab-job-parallel-timeline.svg');
  const fs = require('fs');
  const svg = fs.readFileSync(await download.path(), 'utf8');
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg).toContain('podlab · job-parallel');
  expect((svg.match(/<title>batch-/g) || []).length).toBeGreaterThan(8);
});

test('compare runs a second variant beside the first on one clock', async ({ page }) => {
  await load(page, 'job-backoff-never');
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.getByLabel('Compare with').selectOption('job-backoff-onfailure');
  const a = page.getByRole('region', { name: 'Cluster', exact: true });
  const b = page.getByRole('region', { name: 'Cluster B' });
  await expect(b).toContainText('restartPolicy OnFailure');
  for (let i = 0; i < 40 && (await a.locator('[data-pod]').count()) < 2; i++) {
    await page.getByRole('button', { name: 'Step forward' }).click();
  }
  // Never made a second pod; OnFailure restarts its one pod in place.
  await expect(a.locator('[data-pod]')).toHaveCount(2);
  await expect(b.locator('[data-pod]')).toHaveCount(1);
  await page.getByRole('button', { name: 'Stop comparing' }).click();
  await expect(b).toHaveCount(0);
});

test('a run exports as a scenario file that imports back, and shares', async ({ page, context }) => {
  await load(page, 'job-parallel');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Add node' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export .yaml' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('podlab-job-parallel.yaml');
  const fs = require('fs');
  const file = await download.path();
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain('name: job-parallel');
  expect(text).toContain('addNode: {"name":"node-4"}');

  await load(page, 'job-pi');
  await page.getByLabel('YAML file to import').setInputFiles({ name: 'mine.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) });
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('custom');
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.locator('.cluster [data-node="node-4"]')).toBeVisible();

  await page.getByRole('button', { name: 'Share' }).click();
  const other = await context.newPage();
  await open(other, page.url());
  await expect(other.getByLabel('Scenario', { exact: true })).toHaveValue('custom');
  await expect(other.locator('.cluster [data-node="node-4"]')).toBeVisible();

  // Bare manifests go to the editor instead.
  await page.getByLabel('YAML file to import').setInputFiles({ name: 'job.yaml', mimeType: 'text/yaml', buffer: Buffer.from('apiVersion: batch/v1\nkind: Job\nmetadata: {name: imported}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox}]\n') });
  await expect(page.getByLabel('Manifest')).toHaveValue(/name: imported/);
});
