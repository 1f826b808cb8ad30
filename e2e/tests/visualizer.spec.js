// The visualizer on Job scenarios: play to Complete, edit and Apply on a fork, errors inline,
// the text kept across reloads, the timeline and events moving the playhead.
const { test, expect } = require('@playwright/test');
const path = require('path');
const SHOTS = path.resolve(__dirname, '..', '..', 'artifacts', 'screenshots');

const { load, live } = require('./helpers');

test('the pi Job plays until Complete and its pod turns green', async ({ page }) => {
  await load(page, 'job-pi');
  await page.getByLabel('Speed').selectOption({ label: '16×' });
  await page.getByRole('button', { name: 'Play' }).click();
  const pod = page.locator('[data-pod^="pi-"]');
  await expect(pod).toHaveAttribute('data-status', 'Completed', { timeout: 15000 });
  await expect(page.getByRole('region', { name: 'Job controller' })).toContainText('Complete (CompletionsReached)');
  await page.screenshot({ path: path.join(SHOTS, 'job-pi-complete.png'), fullPage: true });
});

test('editing parallelism from 2 to 4 and applying runs four pods at once', async ({ page }) => {
  await load(page, 'job-parallel');
  await page.getByRole('button', { name: 'Step forward' }).click();
  const editor = page.getByRole('textbox', { name: 'Manifest' });
  const text = await editor.inputValue();
  await editor.fill(text.replace('parallelism: 2', 'parallelism: 4'));
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Job controller' }).getByTestId('formula')).toContainText('min(parallelism 4');
  await page.getByLabel('Speed').selectOption({ label: '8×' });
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.locator('[data-pod^="batch-"][data-status="Running"]')).toHaveCount(4, { timeout: 10000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.screenshot({ path: path.join(SHOTS, 'job-parallel-four.png'), fullPage: true });
});

test('restartPolicy Always shows the API server error at its line', async ({ page }) => {
  await load(page, 'job-pi');
  const editor = page.getByRole('textbox', { name: 'Manifest' });
  const text = await editor.inputValue();
  await editor.fill(text.replace('restartPolicy: Never', 'restartPolicy: Always'));
  const problems = page.getByRole('status', { name: 'Problems' });
  await expect(problems).toContainText('spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  const line = text.split('\n').findIndex((l) => l.includes('restartPolicy')) + 1;
  await expect(problems.locator(`li[data-line="${line}"]`)).toHaveCount(1);
  // In the editor: that line underlined with the message beside it, and marked in the gutter.
  const bad = page.locator('.highlight .line').nth(line - 1);
  await expect(bad).toHaveClass(/bad/);
  await expect(bad).toContainText('restartPolicy: Always');
  await expect(bad.locator('.lens')).toContainText('Required value');
  await expect(page.locator('.gutter .bad')).toHaveText(`● ${line}`);
  await expect(page.locator('.highlight .t-key').first()).toHaveText('apiVersion');
  await page.getByRole('region', { name: 'Editor' }).screenshot({ path: path.join(SHOTS, 'editor-error.png') });
  await expect(page.getByRole('button', { name: 'Apply', exact: true })).toBeDisabled();
  await expect(page.locator('[data-pod]').first()).toBeVisible(); // the last valid run stays
  await page.getByRole('button', { name: 'Language' }).click();
  await expect(page.getByRole('status', { name: '问题' })).toContainText('Job 的 Pod 必须会结束');
  await page.screenshot({ path: path.join(SHOTS, 'editor-error-zh.png'), fullPage: true });
  await page.reload();
  await live(page);
  await expect(page.getByRole('textbox', { name: '清单' })).toHaveValue(/restartPolicy: Always/);
});

test('a CronJob schedule with a seconds field gets the API server error and an explanation', async ({ page }) => {
  await load(page, 'job-pi');
  const editor = page.getByRole('textbox', { name: 'Manifest' });
  await editor.fill([
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata: {name: tick}',
    'spec:',
    '  schedule: "0 */5 * * * *"',
    '  jobTemplate:',
    '    spec:',
    '      template:',
    '        spec:',
    '          restartPolicy: Never',
    '          containers: [{name: c, image: busybox}]',
  ].join('\n'));
  const problems = page.getByRole('status', { name: 'Problems' });
  await expect(problems).toContainText('The CronJob "tick" is invalid: spec.schedule: Invalid value: "0 */5 * * * *": expected exactly 5 fields, found 6: [0 */5 * * * *]');
  await expect(problems).toContainText('there is no seconds field');
  await expect(page.locator('.highlight .line').nth(4)).toHaveClass(/bad/);
  await page.getByRole('button', { name: 'Language' }).click();
  await expect(page.getByRole('status', { name: '问题' })).toContainText('没有秒字段');
});

test('clicking an event moves the playhead to it', async ({ page }) => {
  await load(page, 'job-backoff-never');
  await page.getByRole('button', { name: 'Restart', exact: true }).click();
  const time = page.getByTestId('sim-time');
  // Jump near the end, then click the oldest event row.
  await page.locator('.timeline svg').click({ position: { x: 990, y: 5 } });
  const rows = page.getByRole('region', { name: 'Events' }).locator('tbody tr');
  await rows.last().click();
  await expect(time).toHaveText('t = 0s');
  // An event about a pod highlights that pod in the cluster view.
  const podRow = rows.filter({ hasText: 'Scheduled' }).first();
  const object = (await podRow.locator('td').nth(3).textContent()).trim();
  await podRow.click();
  await expect(page.locator(`[data-pod="${object.replace('pod/', '')}"]`)).toHaveClass(/highlight/);
});

test('inspecting a pod and making its container exit 1 forks the run', async ({ page }) => {
  await load(page, 'job-parallel');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  const running = page.locator('[data-pod^="batch-"][data-status="Running"]').first();
  await expect(running).toBeVisible();
  const name = await running.getAttribute('data-pod');
  await running.click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await expect(inspector).toContainText(`pod/${name}`);
  await expect(inspector).toContainText('kind: Pod');
  await inspector.getByRole('button', { name: 'Container exits 1' }).click();
  await expect(page.locator(`[data-pod="${name}"]`)).toHaveAttribute('data-status', 'Error');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.getByRole('region', { name: 'Job controller' })).toContainText('failed 1');
  await page.screenshot({ path: path.join(SHOTS, 'inspector-failure.png'), fullPage: true });
});

test('right-clicking a pod or a node opens a menu of failures to inject', async ({ page }) => {
  await load(page, 'job-parallel');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  const running = page.locator('[data-pod^="batch-"][data-status="Running"]').first();
  const name = await running.getAttribute('data-pod');
  await page.waitForTimeout(500); // any pop-in animation is over
  await running.click({ button: 'right' });
  const menu = page.getByRole('menu', { name: `Actions for pod/${name}` });
  await expect(menu.getByRole('menuitem')).toHaveCount(4);
  await expect(menu.getByRole('menuitem', { name: 'Image cannot be pulled' })).toBeVisible();
  // Opening the menu leaves the cluster's elements alone (no chip pops in again).
  expect(await running.evaluate((el) => el.getAnimations().filter((a) => a.animationName === 'pod-in').length)).toBe(0);
  await page.screenshot({ path: path.join(SHOTS, 'context-menu.png') });
  await menu.getByRole('menuitem', { name: 'Delete pod' }).click();
  await expect(menu).toHaveCount(0);
  await expect(page.locator(`[data-pod="${name}"]`)).toHaveAttribute('data-status', 'Terminating');
  const node = page.locator('[data-node]').first();
  await node.locator('header').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Cordon' }).click();
  await expect(node).toHaveClass(/cordoned/);
  // "Image cannot be pulled": from now on the pods that must pull busybox wait for it.
  const fresh = page.locator('[data-pod^="batch-"][data-status="Running"]').first();
  await fresh.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Image cannot be pulled' }).click();
  await expect(page.locator('.activity')).toContainText('no registry serves', { timeout: 10000 });
  // A click outside closes the menu without doing anything.
  await node.locator('header').click({ button: 'right' });
  await page.mouse.click(5, 5);
  await expect(page.getByRole('menu')).toHaveCount(0);
});

test('nodes can be marked NotReady, cordoned and added', async ({ page }) => {
  await load(page, 'bare-pods');
  const node = page.locator('[data-node="node-2"]');
  await node.click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await inspector.getByRole('button', { name: 'Mark NotReady' }).click();
  await expect(node).toHaveClass(/not-ready/);
  await inspector.getByRole('button', { name: 'Cordon' }).click();
  await expect(node).toHaveClass(/cordoned/);
  await page.getByRole('button', { name: 'Add node' }).click();
  await expect(page.locator('[data-node]')).toHaveCount(4);
});

test('the control plane lights up the component that acted and lists workqueue keys', async ({ page }) => {
  await load(page, 'job-parallel');
  const cp = page.getByRole('region', { name: 'Control plane' });
  await expect(cp.locator('.cp-box.active')).toHaveCount(1);
  // At 11 s the pods finished: the Job waits in the workqueue for the 1 s batched sync.
  await page.locator('.timeline svg').click({ position: { x: 10, y: 5 } });
  for (let i = 0; i < 40; i++) {
    const t = await page.getByTestId('sim-time').textContent();
    if (t === 't = 11s') break;
    await page.getByRole('button', { name: 'Step forward' }).click();
  }
  await expect(cp.getByTestId('workqueue')).toContainText('default/batch');
  await page.screenshot({ path: path.join(SHOTS, 'control-plane.png'), fullPage: false });
});

test('help lists the shortcuts and presenter mode hides the editor', async ({ page }) => {
  await load(page, 'job-pi');
  await page.locator('.app').focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Ctrl+Enter');
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toHaveCount(0);
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(page.getByRole('textbox', { name: 'Manifest' })).toBeHidden();
  await page.screenshot({ path: path.join(SHOTS, 'presenter.png') });
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('sim-time')).not.toHaveText('t = 0s');
});

test('the timeline marks the Job back-off waits with their length', async ({ page }) => {
  await load(page, 'job-backoff-never');
  const waits = page.locator('.timeline [data-backoff-ms]');
  await expect(waits).toHaveCount(2);
  await expect(waits.nth(0)).toHaveAttribute('data-backoff-ms', '10000');
  await expect(waits.nth(1)).toHaveAttribute('data-backoff-ms', '20000');
  await expect(page.locator('.timeline')).toContainText('wait 20s');
  await page.locator('.timeline').screenshot({ path: path.join(SHOTS, 'timeline-backoff.png') });
});

test('a thousand pods are drawn as small squares, and deleting one shows it Terminating', async ({ page }) => {
  await load(page, 'stress-1000-pods');
  await page.getByRole('button', { name: 'Next interesting event' }).click();
  const cluster = page.getByRole('region', { name: 'Cluster' });
  await expect(cluster).toContainText('1000 pods', { timeout: 20000 });
  await expect(page.locator('[data-pod].compact')).toHaveCount(1000);
  await expect(page.locator('[data-pod] .name')).toHaveCount(0);
  // The pods table shows the first 100 rows and says how many kubectl would add.
  await expect(page.getByLabel('kubectl get')).toContainText('… and 900 more rows');
  await page.getByLabel('Speed').selectOption({ label: '16×' });
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.locator('[data-pod][data-status="Running"]')).toHaveCount(1000, { timeout: 20000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.screenshot({ path: path.join(SHOTS, 'stress-compact.png') });
  // Deleting a pod from the inspector forks the run: the pod is Terminating at once.
  const first = page.locator('[data-pod].compact').first();
  const name = await first.getAttribute('data-pod');
  await first.click();
  await page.getByRole('button', { name: 'Delete pod' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.locator(`[data-pod="${name}"][data-status="Terminating"]`)).toHaveCount(1);
});
