// Lessons: walk lesson 3 in Chinese with Next and Back (Back restores the earlier moment),
// answer its predictions, leave a step to experiment and resume it, and share a lesson step.
// A screenshot of every step is kept in artifacts/screenshots/lesson-3-zh/.
const { test, expect } = require('@playwright/test');
const { open } = require('./helpers');
const path = require('path');

const SHOTS = path.resolve(__dirname, '..', '..', 'artifacts', 'screenshots', 'lesson-3-zh');

async function openLesson(page, name) {
  await open(page, './');
  await page.evaluate(() => localStorage.clear());
  await open(page, './');
  const lessons = page.getByRole('region', { name: 'Lessons' });
  // The ten lessons (the challenges follow in their own list).
  await expect(lessons.locator('.lesson-list').first().getByRole('button')).toHaveCount(10);
  await lessons.getByRole('button', { name }).click();
  return lessons;
}

// The screen at a step: its progress, its heading, the simulated time and the pods shown.
async function expectStep(page, lessons, { k, title, time, pods }) {
  await expect(lessons.locator('.progress-text')).toHaveText(`第 ${k} 步，共 10 步`);
  await expect(lessons.locator('.step h3')).toHaveText(title);
  await expect(page.locator('.clock strong')).toHaveText(time, { timeout: 15000 });
  await expect(page.locator('.cluster [data-pod]')).toHaveCount(pods);
  await page.screenshot({ path: path.join(SHOTS, `step-${k}.png`) });
}

test('lesson 3 in Chinese: Next, predictions, Back restoring the moment, the keyboard', async ({ page }) => {
  test.setTimeout(90000);
  await open(page, './');
  await expect(page.getByRole('region', { name: 'Lessons' })).toBeVisible();
  await page.evaluate(() => localStorage.setItem('podlab.lang', 'zh'));
  await open(page, './');
  const lessons = page.getByRole('region', { name: '课程' });
  await expect(lessons.getByRole('heading', { name: '课程' })).toBeVisible();
  await lessons.getByRole('button', { name: '3. 并行 Job' }).click();
  await expect(lessons.getByRole('heading', { name: '3. 并行 Job' })).toBeVisible();
  await expectStep(page, lessons, { k: 1, title: 'completions 8 与 parallelism 2', time: 't = 5s', pods: 2 });
  await expect(lessons.getByRole('button', { name: '上一步' })).toBeDisabled();

  // A prediction is asked before the answer is played: the narration waits.
  await lessons.getByRole('button', { name: '下一步' }).click();
  await expect(lessons.getByText('两个 Pod 在第 11 秒成功。控制器会怎么做？')).toBeVisible();
  await expect(lessons.locator('.narration')).toHaveCount(0);
  await expect(page.locator('.clock strong')).toHaveText('t = 5s');
  await lessons.getByRole('button', { name: /一次性创建剩下的 6 个 Pod/ }).click();
  await expect(lessons.locator('.explain')).toContainText('不完全对。');
  await expectStep(page, lessons, { k: 2, title: '下一波', time: 't = 12s', pods: 4 });
  await expect(lessons.locator('.narration')).toContainText('wantActive = min(parallelism, completions − succeeded)');

  // The keyboard: PageDown is Next, a digit answers.
  await page.locator('.app').press('PageDown');
  await expect(lessons.locator('.progress-text')).toHaveText('第 3 步，共 10 步');
  await page.locator('.app').press('2');
  await expect(lessons.locator('.explain')).toContainText('答对了。');
  await expectStep(page, lessons, { k: 3, title: '四波', time: 't = 48s', pods: 8 });

  // Back restores the earlier moments exactly.
  await lessons.getByRole('button', { name: '上一步' }).click();
  await expectStep(page, lessons, { k: 2, title: '下一波', time: 't = 12s', pods: 4 });
  await page.locator('.app').press('PageUp');
  await expect(lessons.locator('.progress-text')).toHaveText('第 1 步，共 10 步');
  await expect(page.locator('.clock strong')).toHaveText('t = 5s');
  await expect(page.locator('.cluster [data-pod]')).toHaveCount(2);

  // Forward again to the work-queue Job (another scenario) and the Indexed Job.
  await page.locator('.app').press('ArrowRight');
  await page.locator('.app').press('ArrowRight');
  await page.locator('.app').press('ArrowRight');
  await expect(lessons.locator('.progress-text')).toHaveText('第 4 步，共 10 步');
  await expect(page.getByLabel('场景')).toHaveValue('job-work-queue');
  await lessons.getByRole('button', { name: /不会：只要有一个 Pod 成功/ }).click();
  await expectStep(page, lessons, { k: 4, title: '工作队列 Job', time: 't = 12s', pods: 3 });
  await lessons.getByRole('button', { name: '下一步' }).click();
  await expectStep(page, lessons, { k: 5, title: '队列清空了', time: 't = 32s', pods: 3 });
  await lessons.getByRole('button', { name: '下一步' }).click();
  await expectStep(page, lessons, { k: 6, title: '带索引的 Job（Indexed）', time: 't = 1s', pods: 3 });
  await lessons.getByRole('button', { name: '下一步' }).click();
  await lessons.getByRole('button', { name: /3 和 4/ }).click();
  await expectStep(page, lessons, { k: 7, title: '是索引，不是计数', time: 't = 6s', pods: 5 });
  await lessons.getByRole('button', { name: '下一步' }).click();
  await expect(lessons.locator('.narration')).toContainText('completedIndexes 为 `0-4`'.replace(/`/g, ''));
  await page.screenshot({ path: path.join(SHOTS, 'step-8.png') });
  // The docs' failindex example: one retry per index, FailIndex on exit code 42.
  await lessons.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByLabel('场景')).toHaveValue('job-failindex');
  await lessons.getByRole('button', { name: /只有索引 0/ }).click();
  await expectStep(page, lessons, { k: 9, title: '每个索引各有重试预算', time: 't = 4s', pods: 4 });
  await lessons.getByRole('button', { name: '下一步' }).click();
  await expectStep(page, lessons, { k: 10, title: '失败的索引让 Job 失败', time: 't = 13s', pods: 5 });
  await expect(lessons.getByRole('button', { name: '下一步' })).toBeDisabled();
  await expect(lessons.locator('.narration')).toContainText('FailedIndexes');
  await page.screenshot({ path: path.join(SHOTS, 'lesson-3-failindex-zh.png') });
});

test('a learner can leave a step to experiment and resume it; a share link keeps the step', async ({ page, context }) => {
  const lessons = await openLesson(page, /Parallel Jobs/);
  await expect(lessons.locator('.progress-text')).toHaveText('Step 1 of 10');
  await page.getByRole('button', { name: 'Add node' }).click();
  await expect(page.locator('.cluster [data-node="node-4"]')).toBeVisible();
  await expect(lessons.getByRole('button', { name: 'Resume this step' })).toBeVisible();
  await lessons.getByRole('button', { name: 'Resume this step' }).click();
  await expect(page.locator('.cluster [data-node="node-4"]')).toHaveCount(0);
  await expect(lessons.getByRole('button', { name: 'Resume this step' })).toHaveCount(0);

  await lessons.getByRole('button', { name: 'Step 4' }).click();
  await lessons.getByRole('button', { name: /No: once any Pod succeeds/ }).click();
  await expect(page.locator('.clock strong')).toHaveText('t = 12s', { timeout: 15000 });
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page).toHaveURL(/#share=[A-Za-z0-9_-]+$/);
  const other = await context.newPage();
  await open(other, page.url());
  const there = other.getByRole('region', { name: 'Lessons' });
  await expect(there.locator('.progress-text')).toHaveText('Step 4 of 10');
  await expect(there.locator('.step h3')).toHaveText('A work-queue Job');
  await expect(other.locator('.clock strong')).toHaveText('t = 12s');
  await expect(other.locator('.cluster [data-pod]')).toHaveCount(3);
  await there.getByRole('button', { name: 'Close lesson' }).click();
  await expect(there.locator('.lesson-list').first().getByRole('button')).toHaveCount(10);
});

test('presenter mode: large type, no editor, a clicker moves through the lesson', async ({ page }) => {
  const lessons = await openLesson(page, /DaemonSet: one Pod per node/);
  await page.locator('.app').press('p');
  await expect(page.locator('.app')).toHaveClass(/presenter/);
  await expect(page.getByLabel('Manifest')).toBeHidden();
  await expect(lessons.locator('.progress-text')).toHaveText('Step 1 of 7');
  // A presenter's clicker sends PageDown / PageUp; the question is answered with a digit.
  await page.locator('.app').press('PageDown');
  await expect(lessons.locator('.progress-text')).toHaveText('Step 2 of 7');
  await page.locator('.app').press('3');
  await expect(lessons.locator('.explain')).toContainText('Right.', { timeout: 15000 });
  await page.locator('.app').press('PageUp');
  await expect(lessons.locator('.progress-text')).toHaveText('Step 1 of 7');
  const size = await lessons.locator('.narration').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(18);
});
