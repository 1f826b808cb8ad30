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
  await expect(ruler('allow').locator('[data-tick="ran"]')).toHaveCount(6);
  await expect(ruler('forbid').locator('[data-tick="skipped"]')).toHaveCount(3);
  await expect(ruler('forbid')).toContainText('skipped (Forbid)');
  await expect(ruler('forbid').locator('[data-tick="skipped"] title').first()).toContainText('forbid-29453761 still running');
  await expect(ruler('replace').locator('[data-tick="replaced"]')).toHaveCount(5);
  await expect(ruler('replace')).toContainText('replaced');
  // Allow's Jobs overlap: three run at once, so its spans need three lanes.
  await expect(ruler('allow').locator('.job-span')).toHaveCount(6);
  await expect(ruler('replace').locator('.span-deleted')).toHaveCount(5);
  // The countdown and the jump to the next tick.
  const countdown = ruler('allow').getByTestId('countdown');
  await expect(countdown).toHaveText('next tick in 1m0s');
  await ruler('allow').getByRole('button', { name: '» next tick' }).click();
  await expect(countdown).toHaveText('next tick in 59s');
  await expect(page.locator('[data-pod^="allow-29453761-"]')).toHaveCount(1);
  await page.screenshot({ path: path.join(SHOTS, 'cronjob-concurrency.png'), fullPage: true });
  await page.getByRole('button', { name: 'Language' }).click();
  await expect(ruler('forbid')).toContainText('跳过（Forbid）');
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
