// Embeds for course pages: the Embed dialog writes an <iframe> of this moment, and that snippet
// works inside a page of another origin under the app's Content-Security-Policy: the compact
// page shows the cluster, the controls and the panel asked for, at the shared moment and in its
// language, with a link that opens the full app.
const { test, expect } = require('@playwright/test');
const { load } = require('./helpers');
const path = require('path');
const http = require('http');
const SHOTS = path.resolve(__dirname, '..', '..', 'artifacts', 'screenshots', 'embed');

test('the Embed snippet works in an iframe on another origin', async ({ page }) => {
  await load(page, 'job-parallel');
  await page.getByRole('button', { name: 'Next interesting event' }).click();
  await page.getByRole('button', { name: 'Next interesting event' }).click();
  const at = await page.getByTestId('sim-time').textContent();
  await page.getByRole('button', { name: 'Language' }).click();
  await page.getByRole('button', { name: '嵌入' }).click();
  const dialog = page.getByRole('dialog', { name: '嵌入' });
  await dialog.getByRole('combobox').selectOption('timeline');
  const snippet = await dialog.locator('textarea').inputValue();
  expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/podlab\/\?embed=timeline#share=[A-Za-z0-9_-]+" title="podlab: [^"]+"/);
  await dialog.getByRole('checkbox').check();
  expect(await dialog.locator('textarea').inputValue()).toContain('?embed=timeline&amp;editor=1#share=');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: path.join(SHOTS, 'dialog-1280-zh.png') });
  await dialog.getByRole('button', { name: '关闭' }).click();
  // A course page on another origin (its own server, another port) with the snippet in it.
  const course = `<!doctype html><html lang="en"><head><title>Course notes</title></head><body><h1>Parallel Jobs</h1>${snippet}</body></html>`;
  const server = http.createServer((req, res) => { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end(course); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  await page.goto(`http://127.0.0.1:${server.address().port}/notes.html`);
  expect(new URL(page.url()).origin).not.toBe(new URL(snippet.match(/src="([^"]+)"/)[1].replace(/&amp;/g, '&')).origin);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByRole('region', { name: '集群' })).toBeVisible({ timeout: 20000 });
  await expect(frame.getByTestId('sim-time')).toHaveText(at);
  await expect(frame.locator('.timeline')).toBeVisible();
  await expect(frame.getByRole('textbox', { name: '清单' })).toHaveCount(0);
  await expect(frame.getByRole('link', { name: '在 podlab 中打开 ↗' })).toHaveAttribute('href', /\/podlab\/#share=/);
  // It plays inside the course page.
  await frame.getByRole('button', { name: '播放' }).click();
  await expect(frame.getByTestId('sim-time')).not.toHaveText(at, { timeout: 10000 });
  await page.screenshot({ path: path.join(SHOTS, 'course-page-1280.png') });
  server.close();
});
