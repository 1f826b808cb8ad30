// The classroom stage and the editor (issue 15): the keyboard and a clicker wherever focus
// is, real dialogs, no keyboard traps, a presenter stage that shows the step's panel in large
// type, one verdict under the editor with the way forward, every controller on stage, honest
// timing, layouts from a phone to a projector, big scenarios, a console that behaves, and no
// serious accessibility violation. Screenshots land in artifacts/screenshots/stage/.
const { test, expect } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;
const path = require('path');
const { open, load } = require('./helpers');

const SHOTS = path.resolve(__dirname, '..', '..', 'artifacts', 'screenshots', 'stage');
const shot = (page, name, full = false) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: full });

async function fresh(page, lang = 'en', size = { width: 1280, height: 720 }) {
  await page.setViewportSize(size);
  await open(page, './');
  await page.evaluate((l) => { localStorage.clear(); localStorage.setItem('podlab.lang', l); }, lang);
  await open(page, './');
  await expect(page.locator('.cluster').first()).toBeVisible();
}

async function openLesson(page, index) {
  await page.locator('.lesson-link').nth(index).click();
  await expect(page.locator('.lessons.player')).toBeVisible();
}

const focusedTag = (page) => page.evaluate(() => document.activeElement && document.activeElement.tagName);

// ---------------------------------------------------------------- 1. keyboard, clicker, focus

test('shortcuts work on a fresh page and right after a lesson is opened by a click', async ({ page }) => {
  await fresh(page);
  expect(await focusedTag(page)).toBe('BODY');
  await page.keyboard.press('p');
  await expect(page.locator('.app')).toHaveClass(/presenter/);
  await page.keyboard.press('p');
  await openLesson(page, 2);
  // The clicked chip is gone; focus may be anywhere, and the clicker still works.
  await page.keyboard.press('PageDown');
  await expect(page.locator('.progress-text')).toHaveText('Step 2 of 10');
  await page.keyboard.press('2');
  await expect(page.locator('.predict .choice.right')).toHaveCount(1);
  await page.keyboard.press('PageUp');
  await expect(page.locator('.progress-text')).toHaveText('Step 1 of 10');
});

test('? opens the shortcuts as a dialog that takes and gives back focus; Escape closes it', async ({ page }) => {
  await fresh(page);
  const play = page.getByRole('button', { name: 'Play' });
  await play.focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  // Tab stays inside while it is open.
  await page.keyboard.press('Tab');
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(play).toBeFocused();
});

test('the right-click menu opens from the keyboard on a focused pod and Escape closes it', async ({ page }) => {
  await fresh(page);
  const pod = page.locator('.cluster [data-pod="sleeper"]');
  await pod.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('pod/sleeper');
  await pod.focus();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem').nth(1)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(pod).toBeFocused();
  // The mouse's menu closes with Escape too.
  await pod.click({ button: 'right' });
  await expect(page.getByRole('menu')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
});

test('nodes and pods are reachable with Tab', async ({ page }) => {
  await fresh(page);
  await page.getByRole('button', { name: 'Add node' }).focus();
  const reached = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => {
      const el = document.activeElement;
      return el.getAttribute('data-pod') || el.getAttribute('data-node') || el.tagName;
    }));
  }
  expect(reached).toContain('node-1');
  expect(reached).toContain('sleeper');
});

test('no keyboard trap: Tab leaves an empty console line, and Escape then Tab leaves the editor', async ({ page }) => {
  await fresh(page);
  const console_ = page.getByRole('textbox', { name: 'kubectl', exact: true });
  await console_.focus();
  await page.keyboard.press('Tab');
  await expect(console_).not.toBeFocused();
  const editor = page.getByRole('textbox', { name: 'Manifest' });
  await editor.focus();
  await editor.evaluate((t) => t.setSelectionRange(0, 0));
  await page.keyboard.press('Tab');
  await expect(editor).toBeFocused();
  expect((await editor.inputValue()).startsWith('  apiVersion')).toBe(true);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(editor).not.toBeFocused();
});

test('accessible names follow the language', async ({ page }) => {
  await fresh(page, 'zh');
  await expect(page.getByRole('button', { name: '播放' })).toBeVisible();
  await expect(page.getByRole('button', { name: '后退一步' })).toBeVisible();
  await expect(page.getByRole('region', { name: '集群' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: '清单' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play' })).toHaveCount(0);
});

// ---------------------------------------------------------------- 2. the presenter stage

const STEPS = [
  // [lesson index, steps forward, panel, answer]
  [5, 4, '.cron-rulers'],
  [7, 1, '.rollout-board'],
  [1, 2, '.timeline'],
  [4, 0, '.controlplane'],
  [6, 1, '.cluster'],
];

for (const size of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
  test(`presenter mode at ${size.width}×${size.height} shows each step's panel without scrolling`, async ({ page }) => {
    test.setTimeout(60000);
    await fresh(page, 'en', size);
    for (const [lesson, forward, panel] of STEPS) {
      await open(page, './');
      await expect(page.locator('.cluster').first()).toBeVisible();
      await openLesson(page, lesson);
      await page.keyboard.press('p');
      for (let i = 0; i < forward; i++) await page.keyboard.press('PageDown');
      await page.waitForTimeout(300);
      const strip = await page.locator('.lessons').boundingBox();
      const box = await page.locator(panel).first().boundingBox();
      expect(box.y, `${panel} below the lesson`).toBeGreaterThanOrEqual(strip.y + strip.height - 2);
      expect(box.y, `${panel} on screen`).toBeLessThan(size.height - 80);
      await shot(page, `presenter-${size.width}-${panel.slice(1)}`);
      await page.keyboard.press('p');
    }
  });
}

test('in presenter mode the labels a learner reads are at least 18 px', async ({ page }) => {
  test.setTimeout(60000);
  await fresh(page, 'en', { width: 1280, height: 720 });
  await openLesson(page, 5); // CronJob
  await page.keyboard.press('p');
  for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown');
  await page.keyboard.press('1');
  await expect(page.locator('.explain')).toBeVisible({ timeout: 15000 });
  const tick = page.locator('.cron-ruler .tick-text').first();
  expect((await tick.boundingBox()).height).toBeGreaterThanOrEqual(18);
  await expect(page.locator('[data-tick="skipped"] .tick-text').first()).toHaveText('skipped (Forbid)');
  const size = (sel) => page.locator(sel).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(await size('.lessons .step h3')).toBeGreaterThanOrEqual(18);
  expect(await size('.cluster .pod .status')).toBeGreaterThanOrEqual(18);
  // SVG text: its drawn height (a little more than the font size).
  const drawn = (sel) => page.locator(sel).first().evaluate((e) => e.getBoundingClientRect().height);
  expect(await drawn('.timeline .lane-label')).toBeGreaterThanOrEqual(18);
  expect(await drawn('.controlplane .cp-box text')).toBeGreaterThanOrEqual(18);
  await shot(page, 'presenter-1280-ticks-answered');
  // The rollout board's cells.
  await page.keyboard.press('p');
  await open(page, './');
  await openLesson(page, 7);
  await page.keyboard.press('p');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  if (await page.locator('.predict .choice:not([disabled])').count()) await page.keyboard.press('1');
  await expect(page.locator('.rollout-board .order-badge').first()).toBeVisible({ timeout: 15000 });
  expect(await size('.rollout-board .rev')).toBeGreaterThanOrEqual(18);
  expect(await size('.rollout-board .order-badge, .rollout-board .next-badge')).toBeGreaterThanOrEqual(18);
  expect(await size('.rollout-board .cell-node')).toBeGreaterThanOrEqual(18);
});

test('"What just happened" lists the newest first and never breaks a word inside', async ({ page }) => {
  await load(page, 'job-parallel');
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  const times = await page.locator('.activity li .t').allTextContents();
  const secs = (t) => t.split(/m|s/).filter(Boolean).reduce((a, x, i, all) => a + Number(x) * (all.length - i === 2 ? 60 : 1), 0);
  expect(secs(times[0])).toBeGreaterThanOrEqual(secs(times[times.length - 1]));
  const style = await page.locator('.activity .what').first().evaluate((e) => [getComputedStyle(e).overflowWrap, getComputedStyle(e).wordBreak]);
  expect(style[0]).not.toBe('anywhere');
  expect(style[1]).not.toBe('break-all');
  const narrow = await page.locator('.activity .what').evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().width < 200).length);
  expect(narrow).toBe(0);
});

// ---------------------------------------------------------------- 3. the editor

test('the line numbers stay put when the text scrolls sideways', async ({ page }) => {
  await load(page, 'job-pi');
  const editor = page.getByRole('textbox', { name: 'Manifest' });
  const text = await editor.inputValue();
  await editor.fill(text.replace('image: perl:5.34.0', 'image: perl:5.34.0 # ' + 'a long comment '.repeat(12)));
  const before = await page.locator('.gutter').boundingBox();
  await page.locator('.code').evaluate((c) => { c.scrollLeft = 400; });
  const after = await page.locator('.gutter').boundingBox();
  expect(Math.abs(after.x - before.x)).toBeLessThan(1);
});

test('one verdict at a time, kubectl\'s words, and the way forward for an immutable field', async ({ page }) => {
  await load(page, 'job-pi');
  await page.getByRole('button', { name: 'Step forward' }).click();
  const editor = page.getByRole('textbox', { name: 'Manifest' });
  const verdict = page.getByRole('status', { name: 'Problems' });
  await expect(verdict).toContainText('job.batch/pi unchanged');
  await editor.fill((await editor.inputValue()).replace('perl:5.34.0', 'perl:5.36.0'));
  // Before Apply: what kubectl apply would print now — a refusal, not "would accept".
  await expect(verdict).toContainText('The Job "pi" is invalid: spec.template: Invalid value:');
  await expect(verdict).not.toContainText('would accept');
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(verdict).toContainText('field is immutable');
  const inside = await verdict.locator('pre').evaluateAll((els) => els.every((e) => e.scrollWidth <= e.clientWidth + 1));
  expect(inside).toBe(true);
  await expect(verdict).toContainText('delete the Job (or give it a new name)');
  await shot(page, 'editor-immutable');
  // The console words the same refusal the same way.
  const console_ = page.getByRole('textbox', { name: 'kubectl', exact: true });
  await console_.fill('apply -f -');
  await console_.press('Enter');
  const refused = (await verdict.locator('.kubectl-err').textContent()).trim();
  await expect(page.locator('.console-output .stderr').last()).toHaveText(refused + '\n');
  await verdict.getByRole('button', { name: 'Delete and apply' }).click();
  await expect(verdict).toContainText('job.batch/pi created');
  await expect(verdict).not.toContainText('immutable');
  // Run this YAML from t = 0.
  await editor.fill((await editor.inputValue()).replace('perl:5.36.0', 'perl:5.38.0'));
  await expect(verdict.getByRole('button', { name: 'Run this YAML from t = 0' })).toBeVisible();
  await verdict.getByRole('button', { name: 'Run this YAML from t = 0' }).click();
  await expect(page.getByTestId('sim-time')).toHaveText('t = 0s');
  await expect(page.getByLabel('Scenario')).toHaveValue('custom');
});

test('YAML mistakes get a plain sentence on their line, and an empty file has nothing to apply', async ({ page }) => {
  await load(page, 'cronjob-hello');
  const editor = page.getByRole('textbox', { name: 'Manifest' });
  const verdict = page.getByRole('status', { name: 'Problems' });
  const text = await editor.inputValue();
  await editor.fill(text.replace('schedule: "* * * * *"', 'schedule: */1 * * * *'));
  const line = text.split('\n').findIndex((l) => l.includes('schedule:')) + 1;
  await expect(verdict.locator(`li[data-line="${line}"]`)).toContainText('Quote it');
  await editor.fill(text.replace('  schedule:', '\tschedule:'));
  await expect(verdict.locator(`li[data-line="${line}"]`)).toContainText('YAML forbids tabs');
  await editor.fill(text.replace('  schedule:', ' schedule:'));
  await expect(verdict).toContainText('The indentation is off here');
  await page.getByRole('button', { name: 'Language' }).click();
  await expect(page.getByRole('status', { name: '问题' })).toContainText('缩进不对');
  await page.getByRole('button', { name: '语言' }).click();
  await editor.fill('');
  await expect(verdict).toContainText('error: no objects passed to apply');
  await expect(page.getByRole('button', { name: 'Apply', exact: true })).toBeDisabled();
});

// ---------------------------------------------------------------- 4. every controller on stage

test('the control plane and the panels show the controllers the scenario has', async ({ page }) => {
  await load(page, 'daemonset-fluentd');
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.locator('.controlplane [data-box="daemonset"]')).toBeVisible();
  await expect(page.locator('.controlplane [data-box="job"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="workqueue"][data-kind="DaemonSet"]')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Job controller' })).toHaveCount(0);
  const ds = page.getByRole('region', { name: 'DaemonSet controller' });
  await expect(ds.getByTestId('verdicts')).toContainText('control-plane');
  await load(page, 'cronjob-concurrency');
  await page.getByRole('button', { name: 'Next interesting event' }).click();
  const cj = page.getByRole('region', { name: 'CronJob controller' });
  await expect(cj.getByTestId('policy')).toContainText('concurrencyPolicy');
  await expect(cj.getByTestId('considered')).not.toBeEmpty();
  await expect(page.locator('.controlplane [data-box="cronjob"]')).toBeVisible();
  await shot(page, 'controllers-cronjob', true);
});

// ---------------------------------------------------------------- 5. honest timing

test('a prediction\'s explanation waits for the moment it describes', async ({ page }) => {
  await fresh(page);
  await openLesson(page, 2);
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('sim-time')).toHaveText('t = 5s');
  await page.locator('.predict .choice').first().click();
  // The run plays from 5 s to 12 s: no explanation before 12 s.
  await expect(page.locator('.predict .explain')).toHaveCount(0);
  await expect(page.locator('.predict .explain')).toBeVisible({ timeout: 15000 });
  await expect(page.getByTestId('sim-time')).toHaveText('t = 12s');
});

test('the tick ruler labels only the ticks the playhead has passed', async ({ page }) => {
  await load(page, 'cronjob-concurrency');
  const ruler = page.locator('[data-cronjob="allow"]');
  await expect(ruler.locator('[data-tick="ran"]')).toHaveCount(0);
  await expect(ruler.locator('[data-tick="upcoming"]').first()).toContainText('scheduled');
  await ruler.getByRole('button', { name: '» next tick' }).click();
  await expect(ruler.locator('[data-tick="ran"]')).toHaveCount(1);
});

// ---------------------------------------------------------------- 6. layout

test('Compare at 1280: two clusters without overlap, and B has its own timeline and events', async ({ page }) => {
  await fresh(page, 'en', { width: 1280, height: 720 });
  await page.getByLabel('Scenario').selectOption('restart-policies');
  await page.getByRole('button', { name: 'Compare' }).click();
  const a = await page.getByRole('region', { name: 'Cluster', exact: true }).boundingBox();
  const b = await page.getByRole('region', { name: 'Cluster B' }).boundingBox();
  expect(a.x + a.width).toBeLessThanOrEqual(b.x + 1);
  await expect(page.getByRole('region', { name: /^Timeline · B/ })).toHaveCount(1);
  await expect(page.getByRole('region', { name: /^Events · B/ })).toHaveCount(1);
  const clipped = await page.locator('.compare-grid .pod').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
  expect(clipped).toBe(0);
  await shot(page, 'compare-1280');
});

test('the header at 1024 wide: nothing overlaps; lesson chips end with an ellipsis and carry the title', async ({ page }) => {
  await fresh(page, 'en', { width: 1024, height: 768 });
  const boxes = await page.locator('.top > *:visible, .top .actions > *').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.top, r.right, r.bottom]));
  const overlap = (p, q) => p[0] < q[2] - 1 && q[0] < p[2] - 1 && p[1] < q[3] - 1 && q[1] < p[3] - 1;
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const contains = (p, q) => p[0] <= q[0] && p[2] >= q[2] && p[1] <= q[1] && p[3] >= q[3];
    if (contains(boxes[i], boxes[j]) || contains(boxes[j], boxes[i])) continue;
    expect(overlap(boxes[i], boxes[j]), `header items ${i} and ${j}`).toBe(false);
  }
  const chip = page.locator('.lesson-link').nth(1);
  expect(await chip.evaluate((e) => getComputedStyle(e).textOverflow)).toBe('ellipsis');
  await expect(chip).toHaveAttribute('title', /^2\. restartPolicy, backoffLimit and back-off/);
  await shot(page, 'main-1024');
});

for (const lang of ['en', 'zh']) {
  test(`at 390 wide (${lang}): no sideways scrolling, every header action reachable`, async ({ page }) => {
    await fresh(page, lang, { width: 390, height: 844 });
    const [sw, w] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(sw).toBeLessThanOrEqual(w);
    for (const b of await page.locator('.top button').all()) {
      const box = await b.boundingBox();
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(w);
    }
    await shot(page, `phone-390-${lang}`, true);
  });
}

test('counts read right; Share says it copied the link; the Chinese console says podlab once', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await load(page, 'daemonset-ondelete');
  await expect(page.locator('.pod-total')).toHaveText(/^\d+ pods · \d+ nodes$/);
  await load(page, 'job-pi');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.locator('.pod-total')).toContainText('1 pod ·');
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.locator('.share-note')).toHaveText('Link copied');
  await page.getByRole('button', { name: 'Language' }).click();
  const console_ = page.getByRole('textbox', { name: 'kubectl', exact: true });
  await console_.fill('exec sleeper -- ls');
  await console_.press('Enter');
  const err = await page.locator('.console-output .stderr').last().textContent();
  expect(err.startsWith('podlab：')).toBe(true);
  expect(err).not.toContain('podlab：podlab');
});

// ---------------------------------------------------------------- 7. big scenarios

test('the 1,000-pod scenario: a grouped timeline, a page of sane height, nodes in counting order', async ({ page }) => {
  test.setTimeout(60000);
  await load(page, 'stress-1000-pods');
  await page.getByRole('button', { name: 'Next interesting event' }).click();
  await expect(page.locator('.timeline [data-group]').first()).toBeVisible({ timeout: 20000 });
  expect(await page.locator('.timeline [data-lane]').count()).toBe(0);
  const height = await page.locator('.timeline').evaluate((e) => e.getBoundingClientRect().height);
  expect(height).toBeLessThan(1200);
  const names = await page.locator('.cluster [data-node]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node')));
  expect(names.indexOf('node-2')).toBeLessThan(names.indexOf('node-10'));
});

// ---------------------------------------------------------------- 8. the console

test('the console explains that it has no shell', async ({ page }) => {
  await load(page, 'job-parallel');
  const console_ = page.getByRole('textbox', { name: 'kubectl', exact: true });
  await console_.fill('get pods | grep batch');
  await console_.press('Enter');
  await expect(page.locator('.console-output')).toContainText('has no shell');
  await expect(page.locator('.console-output')).not.toContainText('not found');
});

// ---------------------------------------------------------------- accessibility

async function serious(page) {
  // Colours are judged at rest, not halfway through a pod's fade-in.
  await page.waitForTimeout(1000);
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test('no serious or critical accessibility violation: main page, a lesson, presenter mode, Compare', async ({ page }) => {
  test.setTimeout(90000);
  await fresh(page, 'en', { width: 1280, height: 720 });
  expect(await serious(page)).toEqual([]);
  await openLesson(page, 2);
  expect(await serious(page)).toEqual([]);
  await page.keyboard.press('p');
  expect(await serious(page)).toEqual([]);
  await page.keyboard.press('p');
  await page.locator('.lessons [aria-label="Close lesson"]').click();
  await page.getByRole('button', { name: 'Compare' }).click();
  expect(await serious(page)).toEqual([]);
});

// ---------------------------------------------------------------- screenshots to look at

for (const size of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }, { width: 390, height: 844 }]) {
  for (const lang of ['en', 'zh']) {
    test(`screenshots at ${size.width}×${size.height} (${lang})`, async ({ page }) => {
      await fresh(page, lang, size);
      await shot(page, `main-${size.width}x${size.height}-${lang}`);
      await openLesson(page, 5);
      await page.keyboard.press('p');
      for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown');
      await page.waitForTimeout(300);
      await shot(page, `presenter-${size.width}x${size.height}-${lang}`);
    });
  }
}
