// The first page: a built-in scenario of bare Pods on three nodes, animated by the engine's trace.
const { test, expect } = require('@playwright/test');
const { open, live } = require('./helpers');
const path = require('path');
const SHOTS = path.resolve(__dirname, '..', '..', 'artifacts', 'screenshots');

test('play shows a pod reach Running on one of three nodes', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await open(page, './');
  const cluster = page.getByRole('region', { name: 'Cluster' });
  await expect(cluster).toBeVisible();
  await expect(cluster.locator('[data-node]')).toHaveCount(3);
  const sleeper = cluster.locator('[data-pod="sleeper"]');
  await expect(sleeper).toHaveAttribute('data-phase', 'Pending');
  await page.getByRole('button', { name: 'Speed' }).count(); // the speed control exists as a select
  await page.getByLabel('Speed').selectOption({ label: '4×' });
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(sleeper).toHaveAttribute('data-phase', 'Running', { timeout: 10000 });
  await page.screenshot({ path: path.join(SHOTS, 'first-page-running.png'), fullPage: true });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('stepping moves the playhead to the next moment and back', async ({ page }) => {
  await open(page, './');
  const time = page.getByTestId('sim-time');
  await expect(time).toHaveText('t = 0s');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(time).not.toHaveText('t = 0s');
  const after = await time.textContent();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(time).toHaveText(after);
});

test('the language switch shows the page in Chinese', async ({ page }) => {
  await open(page, './');
  await page.getByRole('button', { name: 'Language' }).click();
  await expect(page.locator('.tagline')).toHaveText('一步一步，看 Kubernetes 集群如何思考');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.screenshot({ path: path.join(SHOTS, 'first-page-zh.png'), fullPage: true });
  await page.reload();
  await live(page);
  await expect(page.locator('.tagline')).toHaveText('一步一步，看 Kubernetes 集群如何思考');
});
