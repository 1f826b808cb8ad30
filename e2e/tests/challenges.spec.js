// Graded challenges in the page: open one from the Lessons strip, unlock a hint, Check a wrong
// attempt (the verdict says what happened and jumps to the moment), fix it, and the page
// remembers it as solved; the console challenge is answered with kubectl; Chinese verdicts.
const { test, expect } = require('@playwright/test');
const { load, computed, live } = require('./helpers');
const path = require('path');
const SHOTS = path.resolve(__dirname, '..', '..', 'artifacts', 'screenshots', 'challenges');

test('a challenge is checked by running the editor\'s YAML, and solving it is remembered', async ({ page }) => {
  await load(page, 'job-parallel');
  await page.getByRole('button', { name: 'Six pods, three at a time' }).click();
  const panel = page.getByRole('region', { name: 'Challenges' });
  await expect(panel).toContainText('Write a Job named six');
  await panel.getByRole('button', { name: 'Show a hint' }).click();
  await expect(panel).toContainText('Hint 1 of 2');
  const editor = page.getByRole('textbox', { name: 'Manifest', exact: true });
  const starter = await editor.inputValue();
  await editor.fill(starter.replace('spec:\n  template', 'spec:\n  completions: 6\n  parallelism: 4\n  template'));
  await panel.getByRole('button', { name: 'Check' }).click();
  const verdict = page.getByTestId('challenge-verdict');
  await expect(verdict).toContainText('not solved');
  await expect(verdict).toContainText('At 0:01 4 pods of six were Running; the goal allows 3.');
  await page.getByRole('button', { name: 'Restart' }).click();
  await expect(page.getByTestId('sim-time')).toHaveText('t = 0s');
  await verdict.getByRole('button', { name: 'Go to 0:01' }).click();
  await expect(page.getByTestId('sim-time')).toHaveText('t = 1s');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: path.join(SHOTS, 'verdict-1280-en.png') });
  await editor.fill(starter.replace('spec:\n  template', 'spec:\n  completions: 6\n  parallelism: 3\n  template'));
  await panel.getByRole('button', { name: 'Check' }).click();
  await expect(verdict).toContainText('solved');
  await expect(verdict).not.toContainText('not solved');
  await page.getByRole('button', { name: 'Language' }).click();
  await expect(page.getByTestId('challenge-verdict')).toContainText('已解决');
  await page.getByRole('button', { name: '语言' }).click();
  await page.getByRole('button', { name: 'Close the challenge' }).click();
  await expect(page.getByRole('button', { name: /Six pods, three at a time ✓ solved/ })).toBeVisible();
  await page.reload();
  await live(page);
  await expect(page.getByRole('button', { name: /Six pods, three at a time ✓ solved/ })).toBeVisible();
});

test('the console challenge is answered with kubectl, and the API server\'s words refuse bad YAML', async ({ page }) => {
  await load(page, 'job-parallel');
  await page.getByRole('button', { name: 'Roll it back (console)' }).click();
  await computed(page);
  await expect(page.getByTestId('sim-time')).toHaveText('t = 1m0s');
  const box = page.getByRole('textbox', { name: 'kubectl', exact: true });
  await box.fill('rollout undo daemonset/agent');
  await box.press('Enter');
  await expect(page.locator('.console-output')).toContainText('daemonset.apps/agent rolled back');
  const panel = page.getByRole('region', { name: 'Challenges' });
  await panel.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByTestId('challenge-verdict')).toContainText('the rollout was rolled back');
  // A manifests challenge with an invalid attempt: refused in the API server's words.
  await panel.getByRole('button', { name: 'Close the challenge' }).click();
  await page.getByRole('button', { name: 'Three strikes and out' }).click();
  const editor = page.getByRole('textbox', { name: 'Manifest', exact: true });
  await editor.fill((await editor.inputValue()).replace('OnFailure', 'Always'));
  await page.getByRole('region', { name: 'Challenges' }).getByRole('button', { name: 'Check' }).click();
  await expect(page.getByTestId('challenge-verdict')).toContainText('The API server refused the attempt');
  await expect(page.getByTestId('challenge-verdict')).toContainText('spec.template.spec.restartPolicy');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SHOTS, 'refused-390-en.png'), fullPage: false });
});

test('a lesson\'s last step offers its challenges', async ({ page }) => {
  await load(page, 'job-parallel');
  await page.getByRole('button', { name: /^3\. Parallel Jobs/ }).click();
  const steps = page.getByRole('list', { name: 'Lesson progress' }).getByRole('button');
  // The lessons arrive on demand: count the steps once the lesson shows.
  await expect(steps.first()).toBeVisible();
  const n = await steps.count();
  // Walk to the end with Next, answering each question that asks first.
  for (let i = 1; i < n; i++) {
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    const choice = page.locator('.predict .choice:not([disabled])').first();
    if (await choice.count()) await choice.click();
  }
  const offer = page.locator('.challenge-offer');
  await expect(offer).toContainText('Try it yourself:', { timeout: 20000 });
  await offer.getByRole('button', { name: 'Six pods, three at a time' }).click();
  await expect(page.getByRole('region', { name: 'Challenges' })).toContainText('Write a Job named six');
});
