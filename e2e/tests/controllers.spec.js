// The CronJob tick ruler (the Allow / Forbid / Replace comparison labels each tick, the Jobs
// show as spans, the next tick counts down and can be jumped to; a concurrencyPolicy of "true"
// gets the API server's error), and a DaemonSet on every node.
const { test, expect } = require('@playwright/test');
const path = require('path');
const SHOTS = path.resolve(__dirname, '..', '..', 'artifacts', 'screenshots');

const { load } = require('./helpers');

test('the comparison scenario labels ticks ran, skipped and replaced', async ({ page }) => {
  await load(page, 'cronjob-concurrency');
  const rulers = page.getByRole('region', { name: 'CronJob ticks' });
  await expect(rulers).toBeVisible();
  const ruler = (name) => rulers.locator(`[data-cronjob="${name}"]`);
  // Outcomes show for ticks the playhead has passed: go to the end of the run.
  const chart = page.locator('.timeline svg');
  const box = await chart.boundingBox();
  await chart.click({ position: { x: box.width - 1, y: 5 } });
  await expect(ruler('allow').locator('[data-tick="ran"]')).toHaveCount(6);
  await expect(ruler('forbid').locator('[data-tick="skipped"]')).toHaveCount(3);
  await expect(ruler('forbid')).toContainText('skipped (Forbid)');
  await expect(ruler('forbid').locator('[data-tick="skipped"] title').first()).toContainText('forbid-29453761 still running');
  await expect(ruler('replace').locator('[data-tick="replaced"]')).toHaveCount(5);
  await expect(ruler('replace')).toContainText('replaced');
  // Allow's Jobs overlap: three run at once, so its spans need three lanes.
  await expect(ruler('allow').locator('.job-span')).toHaveCount(6);
  await expect(ruler('replace').locator('.span-deleted')).toHaveCount(5);
  // The countdown and the jump to the next tick, from the start.
  await page.getByRole('button', { name: 'Restart', exact: true }).click();
  const countdown = ruler('allow').getByTestId('countdown');
  await expect(countdown).toHaveText('next tick in 1m0s');
  await ruler('allow').getByRole('button', { name: '» next tick' }).click();
  await expect(countdown).toHaveText('next tick in 59s');
  await expect(page.locator('[data-pod^="allow-29453761-"]')).toHaveCount(1);
  await chart.click({ position: { x: box.width - 1, y: 5 } });
  await page.screenshot({ path: path.join(SHOTS, 'cronjob-concurrency.png'), fullPage: true });
  await page.getByRole('button', { name: 'Language' }).click();
  await expect(page.getByRole('region', { name: 'CronJob 调度时间线' }).locator('[data-cronjob="forbid"]')).toContainText('跳过（Forbid）');
});

test('concurrencyPolicy "true" gets the API server error', async ({ page }) => {
  await load(page, 'cronjob-hello');
  const editor = page.getByRole('textbox', { name: 'Manifest' });
  const text = await editor.inputValue();
  await editor.fill(text.replace('schedule: "* * * * *"', 'schedule: "* * * * *"\n  concurrencyPolicy: "true"'));
  const problems = page.getByRole('status', { name: 'Problems' });
  await expect(problems).toContainText('The CronJob "hello" is invalid: spec.concurrencyPolicy: Unsupported value: "true": supported values: "Allow", "Forbid", "Replace"');
  await expect(problems).toContainText('not true/false');
});

test('a DaemonSet puts one pod on every node that tolerates it and rolls an update', async ({ page }) => {
  await load(page, 'daemonset-fluentd');
  await page.getByLabel('Speed').selectOption({ label: '16×' });
  await page.getByRole('button', { name: 'Play' }).click();
  // Four nodes at first (the control plane's taint is tolerated), then node-4 joins.
  await expect(page.locator('[data-pod^="fluentd-elasticsearch-"]')).toHaveCount(5, { timeout: 15000 });
  await expect(page.getByText('kubectl get daemonsets')).toBeVisible();
});

test('a node without a daemon pod says why', async ({ page }) => {
  await load(page, 'daemonset-taints');
  await page.getByLabel('Speed').selectOption({ label: '16×' });
  await page.getByRole('button', { name: 'Play' }).click();
  const cp = page.locator('[data-node="control-plane"] .why-no-pod');
  await expect(cp).toContainText('daemonset/node-exporter: no new pod: taint node-role.kubernetes.io/control-plane:NoSchedule not tolerated');
  await expect(page.locator('[data-node="node-2"] .why-no-pod')).toContainText('NoExecute', { timeout: 15000 });
  await page.getByRole('button', { name: 'Language' }).click();
  await expect(cp).toContainText('未容忍污点');
});

test('the rollout board advances node by node after an image change, and a new node gets its pod', async ({ page }) => {
  await load(page, 'daemonset-no-toleration');
  const editor = page.getByRole('textbox', { name: 'Manifest' });
  await editor.fill((await editor.inputValue()).replace('terminationGracePeriodSeconds: 30', 'terminationGracePeriodSeconds: 2'));
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  const board = page.locator('.rollout[data-daemonset="fluentd-elasticsearch"]');
  const status = board.getByTestId('rollout-status');
  for (let i = 0; i < 12 && !(await status.innerText()).includes('successfully rolled out'); i++) {
    await page.getByRole('button', { name: 'Step forward' }).click();
  }
  await expect(status).toContainText('daemon set "fluentd-elasticsearch" successfully rolled out');
  await expect(board.locator('[data-node="control-plane"]')).toContainText('taint node-role.kubernetes.io/control-plane:NoSchedule not tolerated');
  await expect(board.locator('.cell[data-state="new"]')).toHaveCount(3);

  // A new image: revision 2 walks across the three nodes, one at a time (maxUnavailable 1).
  await editor.fill((await editor.inputValue()).replace('fluentd:v2.5.2', 'fluentd:v2.5.3'));
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  // Revision 1 came from the scenario, 2 from the grace-period edit at t = 0; the image is 3.
  await expect(board.locator('.revision')).toHaveText('revision 3');
  // The first round may run at the moment of the Apply itself.
  const orderLine = board.getByTestId('order');
  const order = (await orderLine.count()) ? (await orderLine.innerText()).replace('Update order: ', '').split(' → ') : [];
  for (let step = 0; step < 6 && order.length < 3; step++) {
    const flagged = await board.locator('.cell.next').evaluateAll(cells => cells.map(c => c.dataset.node));
    const before = await board.locator('.order-badge').count();
    expect(flagged.length).toBeLessThanOrEqual(1);
    const budget = board.getByTestId('budget');
    expect(Number(await budget.getAttribute('data-used'))).toBeLessThanOrEqual(Number(await budget.getAttribute('data-max')));
    if (flagged.length === 0) break;
    await expect(board.getByTestId('explain')).toContainText(`Next: ${flagged[0]}`);
    await board.getByRole('button', { name: '» next step' }).click();
    // The node named as next is the one that was updated, and it is numbered in order.
    await expect(board.locator('.order-badge')).toHaveCount(before + 1);
    await expect(board.locator(`[data-node="${flagged[0]}"] .order-badge`)).toHaveText(`#${before + 1}`);
    order.push(flagged[0]);
  }
  expect(new Set(order).size).toBe(3);
  await expect(board.getByTestId('order')).toHaveText(`Update order: ${order.join(' → ')}`);
  for (let i = 0; i < 12 && !(await status.innerText()).includes('successfully rolled out'); i++) {
    await page.getByRole('button', { name: 'Step forward' }).click();
  }
  await expect(status).toContainText('successfully rolled out');
  await expect(board.locator('.cell[data-state="new"] .rev.new')).toHaveCount(3);
  await page.screenshot({ path: path.join(SHOTS, 'daemonset-rollout-board.png'), fullPage: true });

  // A node joins: its cell appears, and then its pod, already of revision 2.
  await page.getByRole('button', { name: 'Add node' }).click();
  const fresh = board.locator('[data-node="node-5"]');
  await expect(fresh).toBeVisible();
  for (let i = 0; i < 6 && (await fresh.locator('.rev.new').count()) === 0; i++) {
    await page.getByRole('button', { name: 'Step forward' }).click();
  }
  await expect(fresh.locator('.rev.new')).toHaveText('r3');

  // Chinese labels.
  await page.getByRole('button', { name: 'Language' }).click();
  await expect(page.getByRole('region', { name: 'DaemonSet 滚动更新' })).toContainText('DaemonSet 滚动更新');
  await expect(board.locator('[data-node="control-plane"]')).toContainText('未容忍污点');
});

test('the node console labels and taints a node with kubectl\'s rules', async ({ page }) => {
  await load(page, 'daemonset-node-selector');
  await page.locator('[data-node="node-1"] header').first().click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  const label = inspector.getByRole('textbox', { name: 'kubectl label' });
  await label.fill('disktype=ssd');
  await label.press('Enter');
  await expect(page.locator('.cluster [data-node="node-1"]').first()).toContainText('disktype=ssd');
  // The DaemonSet follows the label: node-1 gets a pod.
  const cell = page.locator('.rollout [data-node="node-1"]');
  for (let i = 0; i < 6 && (await cell.locator('.rev').count()) === 0; i++) {
    await page.getByRole('button', { name: 'Step forward' }).click();
  }
  await expect(cell.locator('.rev.new')).toHaveCount(1);
  // Overwriting without --overwrite is refused, as kubectl refuses it; the text stays.
  await label.fill('disktype=hdd');
  await inspector.getByRole('button', { name: 'Run kubectl label' }).click();
  await expect(inspector.getByRole('alert')).toHaveText("error: 'disktype' already has a value (ssd), and --overwrite is false");
  await expect(label).toHaveValue('disktype=hdd');
  const taint = inspector.getByRole('textbox', { name: 'kubectl taint' });
  await taint.fill('dedicated=gpu:Sometimes');
  await taint.press('Enter');
  await expect(inspector.getByRole('alert')).toHaveText('error: invalid taint effect: Sometimes, unsupported taint effect');
  await taint.fill('dedicated=gpu:NoExecute');
  await taint.press('Enter');
  await expect(page.locator('.cluster [data-node="node-1"]').first()).toContainText('dedicated=gpu:NoExecute');
  // NoExecute is not tolerated: the daemon pod goes.
  for (let i = 0; i < 8 && (await cell.locator('.rev').count()) > 0; i++) {
    await page.getByRole('button', { name: 'Step forward' }).click();
  }
  await expect(cell).toContainText('NoExecute');
});
