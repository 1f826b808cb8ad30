// Files fetched on demand (issue 22): the lessons, the time-zone database and `explain`'s field
// descriptions are not part of the first load. The page fetches them once after it has
// settled (so they work if the network goes away), or when first needed; a failed fetch says
// so in the learner's language and Retry loads it.
const { test, expect } = require('@playwright/test');
const path = require('path');
const { open, computed } = require('./helpers');

const SHOTS = path.resolve(__dirname, '..', '..', 'artifacts', 'screenshots', 'assets');
const TZ = /\/tzdb-[0-9a-f]{16}\.bin$/;
const LAZY = /\/(tzdb|lessons|explain)-[0-9a-f]{16}\.(bin|json|yaml)$/;

async function fresh(page) {
  await open(page, './');
  await page.evaluate(() => localStorage.clear());
  await open(page, './');
  await expect(page.getByRole('region', { name: 'Cluster' })).toBeVisible();
}

test('the first render fetches none of the three files; they come once, after it, and then work offline', async ({ page, context }) => {
  const asked = [];
  const got = [];
  const lazy = (r) => LAZY.test(new URL(r.url()).pathname);
  page.on('request', (r) => { if (lazy(r)) asked.push(new URL(r.url()).pathname); });
  page.on('requestfinished', (r) => { if (lazy(r)) got.push(new URL(r.url()).pathname); });
  await fresh(page);
  expect(asked).toEqual([]);
  // Once the page has settled it fetches each file once, quietly.
  await expect.poll(() => got.length, { timeout: 15000 }).toBe(3);
  // The network goes away: a time zone, a lesson and `explain` still work.
  await context.setOffline(true);
  await page.getByLabel('Scenario').selectOption('cronjob-timezone');
  await computed(page);
  await expect(page.getByTestId('asset-loading')).toHaveCount(0);
  await expect(page.locator('.cron-ruler[data-cronjob="morning"]')).toContainText('Asia/Shanghai');
  await expect(page.getByText('09:00 · 01:00 UTC').first()).toBeAttached();
  const lessons = page.getByRole('region', { name: 'Lessons' });
  await lessons.getByRole('button', { name: '3. Parallel Jobs' }).click();
  await expect(lessons.locator('.step h3')).toBeVisible();
  const box = page.getByRole('textbox', { name: 'kubectl', exact: true });
  await box.fill('explain job.spec.backoffLimit');
  await box.press('Enter');
  await expect(page.locator('.console-output')).toContainText('FIELD: backoffLimit <integer>');
  expect(asked.length).toBe(3);
  await context.setOffline(false);
});

test('a failed fetch says so in both languages, keeps the page working and Retry loads it', async ({ page }) => {
  await page.route(TZ, (route) => route.abort('connectionrefused'));
  await fresh(page);
  await page.getByLabel('Scenario').selectOption('cronjob-timezone');
  const failed = page.getByTestId('asset-failed');
  await expect(failed).toContainText('The time-zone database could not be loaded');
  await expect(failed.getByRole('button', { name: 'Retry' })).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: path.join(SHOTS, 'failed-1280x720-en.png') });
  await page.getByRole('button', { name: 'Language' }).click();
  await expect(failed).toContainText('无法加载时区数据库');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SHOTS, 'failed-390x844-zh.png') });
  await page.unroute(TZ);
  await failed.getByRole('button', { name: '重试' }).focus();
  await page.keyboard.press('Enter');
  await expect(failed).toHaveCount(0);
  await computed(page);
  await expect(page.getByText('09:00 · 01:00 UTC').first()).toBeAttached();
});

test('a console line and an edit that name a zone fetch it and are answered as a cluster would', async ({ page }) => {
  await fresh(page);
  await page.getByLabel('Scenario').selectOption('cronjob-hello');
  await computed(page);
  const box = page.getByRole('textbox', { name: 'kubectl', exact: true });
  await box.fill(`patch cronjob hello -p '{"spec":{"timeZone":"Asia/Tokyo"}}'`);
  await box.press('Enter');
  await expect(page.locator('.console-output')).toContainText('cronjob.batch/hello patched');
  await box.fill('get cronjob hello -o jsonpath={.spec.timeZone}');
  await box.press('Enter');
  await expect(page.locator('.console-output')).toContainText('Asia/Tokyo');
  // The editor: a zone that does not exist is refused in the API server's words.
  const editor = page.getByRole('textbox', { name: 'Manifest', exact: true });
  const text = await editor.inputValue();
  await editor.fill(text.replace('schedule:', 'timeZone: Mars/Olympus\n  schedule:'));
  await expect(page.getByRole('status', { name: 'Problems' })).toContainText('unknown time zone Mars/Olympus');
});

test('kubectl explain fetches the field descriptions the first time, then answers at once', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => { if (/\/explain-[0-9a-f]{16}\.yaml$/.test(new URL(r.url()).pathname)) fetched.push(r.url()); });
  await fresh(page);
  expect(fetched).toEqual([]);
  const box = page.getByRole('textbox', { name: 'kubectl', exact: true });
  await box.fill('explain job.spec.backoffLimit');
  await box.press('Enter');
  const out = page.locator('.console-output');
  await expect(out).toContainText('FIELD: backoffLimit <integer>');
  await box.fill('explain cronjob.spec.concurrencyPolicy');
  await box.press('Enter');
  await expect(out).toContainText('FIELD: concurrencyPolicy <string>');
  expect(fetched.length).toBe(1);
});

test('a failed fetch of the field descriptions is said in the console, and the next try works', async ({ page }) => {
  await page.route(/\/explain-[0-9a-f]{16}\.yaml$/, (route) => route.abort('connectionrefused'));
  await fresh(page);
  const box = page.getByRole('textbox', { name: 'kubectl', exact: true });
  await box.fill('explain job');
  await box.press('Enter');
  await expect(page.locator('.console-output .stderr')).toContainText('the field descriptions could not be loaded');
  await page.unroute(/\/explain-[0-9a-f]{16}\.yaml$/);
  await box.fill('explain job');
  await box.press('Enter');
  await expect(page.locator('.console-output')).toContainText('KIND:       Job');
});

test('the lessons are fetched when the first lesson opens; the strip names them before', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => { if (/\/lessons-[0-9a-f]{16}\.json$/.test(new URL(r.url()).pathname)) fetched.push(r.url()); });
  await page.route(/\/lessons-[0-9a-f]{16}\.json$/, (route) => route.abort('connectionrefused'));
  await fresh(page);
  const lessons = page.getByRole('region', { name: 'Lessons' });
  await expect(lessons.getByRole('button', { name: '3. Parallel Jobs' })).toBeVisible();
  expect(fetched).toEqual([]);
  await lessons.getByRole('button', { name: '3. Parallel Jobs' }).click();
  const failed = page.getByTestId('asset-failed');
  await expect(failed).toContainText('The lessons could not be loaded');
  await page.unroute(/\/lessons-[0-9a-f]{16}\.json$/);
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(lessons.locator('.step h3')).toBeVisible();
  await expect(lessons.locator('.progress-text')).toContainText('1');
  // Another lesson opens at once, from the same file.
  const count = fetched.length;
  await page.getByRole('button', { name: 'Close lesson' }).click();
  await lessons.getByRole('button', { name: '6. CronJob' }).click();
  await expect(lessons.locator('.step h3')).toBeVisible();
  expect(fetched.length).toBe(count);
});
