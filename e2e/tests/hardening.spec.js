// Proof under stress in the browser: the page runs under a strict Content-Security-Policy with
// no violation while the styled parts move (progress bar, playheads, the context menu,
// compare), and a scenario beyond the engine's budgets gets a clear message while the
// learner's text stays.
const { test, expect } = require('@playwright/test');
const { load, live } = require('./helpers');

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

async function watchViolations(page) {
  const messages = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) messages.push(m.text());
  });
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...messages, ...(await page.evaluate(() => window.cspViolations))];
}

test('the app loads and runs under a strict Content-Security-Policy', async ({ page }) => {
  const violations = await watchViolations(page);
  await load(page, 'job-parallel');
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CSP);
  // Trunk's start-up script was moved into a file: no inline script is left.
  expect(await page.locator('script:not([src])').count()).toBe(0);

  // Styles set through the CSSOM take effect: the progress bar grows, the playhead moves.
  await page.getByLabel('Speed').selectOption({ label: '16×' });
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.locator('[data-pod^="batch-"]').first()).toBeVisible({ timeout: 10000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const bar = page.locator('.progress .bar');
  expect(await bar.evaluate((el) => parseFloat(el.style.width))).toBeGreaterThan(0);
  expect(await page.getByTestId('playhead').evaluate((el) => parseFloat(el.style.left))).toBeGreaterThan(0);

  // The context menu opens where the pointer is.
  const pod = page.locator('[data-pod^="batch-"]').first();
  await page.waitForTimeout(500); // any pop-in animation is over
  const box = await pod.boundingBox();
  const [x, y] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
  await page.mouse.click(x, y, { button: 'right' });
  const menu = page.getByRole('menu');
  const at = await menu.boundingBox();
  expect(Math.abs(at.x - x)).toBeLessThan(2);
  expect(Math.abs(at.y - y)).toBeLessThan(2);
  await page.mouse.click(5, 5);

  // Compare shows a second cluster beside this one.
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByRole('region', { name: 'Cluster B' })).toBeVisible();
  expect(await violations()).toEqual([]);
});

test('a Job too large to simulate gets a clear message and the text stays', async ({ page }) => {
  await load(page, 'job-pi');
  const editor = page.getByRole('textbox', { name: 'Manifest' });
  const huge = (await editor.inputValue()).replace(/backoffLimit: \d+/, 'completions: 2147483647\n  parallelism: 2147483647\n  backoffLimit: 4');
  expect(huge).toContain('completions: 2147483647');
  await editor.fill(huge);
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'cut short' });
  await expect(alert).toContainText('Job "pi" would make about 2147483647 pods in this run');
  await expect(alert).toContainText('lower completions or parallelism');
  await expect(editor).toHaveValue(huge);
  // The editor does not claim it was applied.
  await expect(page.getByRole('status', { name: 'Problems' })).not.toContainText('Applied');
  await expect(page.getByRole('status', { name: 'Problems' }).locator('.kubectl-err')).toContainText('would make about 2147483647 pods');
  await page.getByRole('button', { name: 'Language' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '提前截止' })).toContainText('2147483647 个 Pod');
  await page.reload();
  await live(page);
  await expect(page.getByRole('textbox', { name: '清单' })).toHaveValue(huge);
});
